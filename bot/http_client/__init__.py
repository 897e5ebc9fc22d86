"""The one home of ChargeBot's HTTP discipline, shared by every API client.

PlugShare (``bot/plugshare``), Open Charge Map (``bot/ocm``), the AFDC sync
(``bot/opendata``) and the router client all talk HTTP the same way, through
:class:`ApiClient`: one pooled ``httpx.Client``, explicit timeouts, at most two
retries of what is worth retrying (429/502/503/504, timeouts, no connection)
honouring ``Retry-After``, typed errors (:mod:`bot.http_client.errors`), and
secrets that never reach a URL, a log line, a repr or a message.
"""

from __future__ import annotations

from bot.http_client.client import USER_AGENT, ApiClient, ErrorTypes, own_errors
from bot.http_client.errors import (
    AuthenticationFailed,
    BadResponse,
    NotFound,
    RateLimited,
    RequestRejected,
    ServiceError,
    UpstreamUnavailable,
)
from bot.http_client.problems import Unreachable, classify
from bot.http_client.retry import RETRY_STATUSES, RetryPolicy, parse_retry_after

__all__ = [
    "RETRY_STATUSES",
    "USER_AGENT",
    "ApiClient",
    "AuthenticationFailed",
    "BadResponse",
    "ErrorTypes",
    "NotFound",
    "RateLimited",
    "RequestRejected",
    "RetryPolicy",
    "ServiceError",
    "Unreachable",
    "UpstreamUnavailable",
    "classify",
    "own_errors",
    "parse_retry_after",
]
