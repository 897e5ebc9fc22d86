"""Slack clients that ride out Slack's bad moments: every Web API client and every
response-URL post retries what slack_sdk's retry handlers retry.

- 429 (rate limited): wait the ``Retry-After`` Slack sends, then try again;
- 500 and 503: try again after a short back-off;
- a connection refused, reset or dropped: try again after a short back-off.

Bolt copies the app client's handlers into the per-request clients it builds for
each workspace (OAuth installs), so every call the app makes is covered. A message
that still cannot be delivered is logged by :mod:`bot.slack.delivery`.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

#: Seconds a Web API call may take before it counts as failed.
WEB_API_TIMEOUT = 10
#: Seconds to wait for Slack to take a response-URL post.
WEBHOOK_TIMEOUT = 10
#: Retries after the first attempt, per kind of failure.
RATE_LIMITED_RETRIES = 2
SERVER_ERROR_RETRIES = 2
CONNECTION_ERROR_RETRIES = 1


def retry_handlers() -> list[RetryHandler]:
    """Fresh handlers (they hold no state between calls, but each client gets its own)."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMITED_RETRIES),
        ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ConnectionErrorRetryHandler(max_retry_count=CONNECTION_ERROR_RETRIES),
    ]


def web_client(token: str | None, base_url: str) -> WebClient:
    """The app's Web API client (``token`` None: each workspace's comes per request)."""
    return WebClient(
        token=token, base_url=base_url, timeout=WEB_API_TIMEOUT, retry_handlers=retry_handlers()
    )


def webhook_client(response_url: str) -> WebhookClient:
    """A client for one response URL, retrying like the Web API client."""
    return WebhookClient(response_url, timeout=WEBHOOK_TIMEOUT, retry_handlers=retry_handlers())
