"""The one home of ChargeBot's HTTP discipline, shared by every API client.

PlugShare (``bot/plugshare``), Open Charge Map (``bot/ocm``), the AFDC sync
(``bot/opendata``) and the router client all talk HTTP the same way: one pooled
``httpx.Client``, explicit timeouts, at most two retries of what is worth
retrying, typed errors, and secrets that never reach a log line or a message.
"""

from __future__ import annotations

from bot.http_client.problems import Unreachable, classify

__all__ = ["Unreachable", "classify"]
