"""What can go wrong calling an HTTP API, as exceptions a caller can act on.

Every exception is a :class:`ServiceError`. Messages name the service, the
request (method and path, never the query string) and what went wrong; they never
carry credentials, and never the response body (an upstream error page is not
ours to repeat). A client may raise its own subclasses (``PlugShareError``...)
so its callers can tell services apart: see ``ApiClient(errors=...)``.
"""

from __future__ import annotations

from bot.http_client.problems import Unreachable


class ServiceError(Exception):
    """The service could not answer the request."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        #: The HTTP status the service answered with, when it answered at all.
        self.status_code = status_code


class AuthenticationFailed(ServiceError):
    """401/403: the service refused the credentials. Retrying will not help."""


class NotFound(ServiceError):
    """404 or 410: no such resource (or endpoint)."""


class RequestRejected(ServiceError):
    """Another 4xx: the service considered the request itself invalid."""


class RateLimited(ServiceError):
    """429, still after retrying, or with a ``Retry-After`` longer than we will wait."""

    def __init__(
        self, message: str, *, status_code: int | None = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        #: Seconds the service asked us to wait, when it said.
        self.retry_after = retry_after


class UpstreamUnavailable(ServiceError):
    """5xx, a timeout or no connection at all, still after retrying."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        retry_after: float | None = None,
        unreachable: Unreachable | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code)
        #: Seconds the service asked us to wait, when it said.
        self.retry_after = retry_after
        #: Why no answer arrived (no such host, refused, timed out...), when none did.
        self.unreachable = unreachable


class BadResponse(ServiceError):
    """The service answered with something that is not what it documents (an HTML page...)."""
