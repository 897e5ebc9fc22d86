"""What can go wrong talking to PlugShare, as exceptions a caller can act on.

Every exception is a :class:`PlugShareError` and also the shared kind from
:mod:`bot.http_client.errors` (``RateLimited``, ``UpstreamUnavailable``...), so a
caller may handle one service or every service alike. Messages name the request
(method and path) and what went wrong; they never carry credentials, and never
the response body (an upstream error page is not ours to repeat).
"""

from __future__ import annotations

from bot import http_client
from bot.http_client import ErrorTypes, own_errors


class PlugShareError(http_client.ServiceError):
    """PlugShare could not answer the request."""


class AuthenticationFailed(PlugShareError, http_client.AuthenticationFailed):
    """401/403: PlugShare refused the API key and secret. Retrying will not help."""


class NotFound(PlugShareError, http_client.NotFound):
    """404: no such location (or endpoint)."""


class RequestRejected(PlugShareError, http_client.RequestRejected):
    """Another 4xx: PlugShare considered the request itself invalid."""


class RateLimited(PlugShareError, http_client.RateLimited):
    """429, still after retrying, or with a ``Retry-After`` longer than we will wait."""


class UpstreamUnavailable(PlugShareError, http_client.UpstreamUnavailable):
    """5xx, a timeout or no connection at all, still after retrying."""


class BadResponse(PlugShareError, http_client.BadResponse):
    """PlugShare answered with something that is not the JSON it documents."""


class AddressNotFound(PlugShareError):
    """``/locations/nearby`` answered ``{"code": 1}``: the address could not be geocoded."""


class AmbiguousAddress(PlugShareError):
    """``/locations/nearby`` answered ``{"code": 2}``: the address matches several places."""


#: PlugShare's own exception for each shared kind, for :class:`bot.http_client.ApiClient`.
PLUGSHARE_ERRORS: ErrorTypes = own_errors(PlugShareError)
