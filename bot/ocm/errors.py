"""What can go wrong talking to Open Charge Map: the shared kinds, as OCM's own exceptions.

Every exception is an :class:`OcmError` and also the shared kind from
:mod:`bot.http_client.errors`, so a caller may handle one service or all alike.
Messages never carry the API key or the response body.
"""

from __future__ import annotations

from bot import http_client
from bot.http_client import ErrorTypes, own_errors


class OcmError(http_client.ServiceError):
    """Open Charge Map could not answer the request."""


class AuthenticationFailed(OcmError, http_client.AuthenticationFailed):
    """401/403: OCM refused the API key (``OCM_API_KEY``). Retrying will not help."""


class NotFound(OcmError, http_client.NotFound):
    """404/410, or no POI with the id asked for."""


class RequestRejected(OcmError, http_client.RequestRejected):
    """Another 4xx: OCM considered the request itself invalid."""


class RateLimited(OcmError, http_client.RateLimited):
    """429, still after retrying, or with a ``Retry-After`` longer than we will wait."""


class UpstreamUnavailable(OcmError, http_client.UpstreamUnavailable):
    """5xx, a timeout or no connection at all, still after retrying."""


class BadResponse(OcmError, http_client.BadResponse):
    """OCM answered with something that is not a list of POIs."""


#: OCM's own exception for each shared kind, for :class:`bot.http_client.ApiClient`.
OCM_ERRORS: ErrorTypes = own_errors(OcmError)
