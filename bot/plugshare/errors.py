"""What can go wrong talking to PlugShare, as exceptions a caller can act on.

Every exception is a :class:`PlugShareError`. Messages name the request
(method and path) and what went wrong; they never carry credentials, and never
the response body (an upstream error page is not ours to repeat).
"""

from __future__ import annotations


class PlugShareError(Exception):
    """PlugShare could not answer the request."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        #: The HTTP status PlugShare answered with, when it answered at all.
        self.status_code = status_code


class AuthenticationFailed(PlugShareError):
    """401/403: PlugShare refused the API key and secret. Retrying will not help."""


class NotFound(PlugShareError):
    """404: no such location (or endpoint)."""


class RequestRejected(PlugShareError):
    """Another 4xx: PlugShare considered the request itself invalid."""


class RateLimited(PlugShareError):
    """429, still after retrying, or with a ``Retry-After`` longer than we will wait."""

    def __init__(
        self, message: str, *, status_code: int | None = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        #: Seconds PlugShare asked us to wait, when it said.
        self.retry_after = retry_after


class UpstreamUnavailable(PlugShareError):
    """5xx, a timeout or no connection at all, still after retrying."""

    def __init__(
        self, message: str, *, status_code: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        #: Seconds PlugShare asked us to wait, when it said.
        self.retry_after = retry_after


class BadResponse(PlugShareError):
    """PlugShare answered with something that is not the JSON it documents."""


class AddressNotFound(PlugShareError):
    """``/locations/nearby`` answered ``{"code": 1}``: the address could not be geocoded."""


class AmbiguousAddress(PlugShareError):
    """``/locations/nearby`` answered ``{"code": 2}``: the address matches several places."""
