"""Remember which Slack deliveries were already taken, so none is answered twice.

Slack retries an event (``X-Slack-Retry-Num``) when it did not see our 200 in
time or the connection broke, and a message in a DM may arrive both as
``message.im`` and ``app_mention``. Keys are remembered in this process for an
hour. A deploy of several instances also claims each key in a store they share
(:mod:`bot.slack.shared_dedupe`: PostgreSQL's ``slack_events``, or Redis), so a
retry that lands on another instance is not answered again.
"""

from __future__ import annotations

import threading

from cachetools import TTLCache

#: Slack stops retrying an event after about an hour (three retries with back-off).
DEFAULT_TTL_SECONDS = 3600.0
DEFAULT_MAX_KEYS = 100_000


class SeenKeys:
    """A thread-safe set whose members expire; ``first_time`` claims a key atomically."""

    def __init__(
        self, ttl_seconds: float = DEFAULT_TTL_SECONDS, max_keys: int = DEFAULT_MAX_KEYS
    ) -> None:
        self._keys: TTLCache[str, bool] = TTLCache(maxsize=max_keys, ttl=ttl_seconds)
        self._lock = threading.Lock()

    def first_time(self, key: str, team_id: str | None = None) -> bool:
        """True exactly once per key within the TTL: the caller that gets True handles it."""
        key = f"{team_id or '-'}:{key}"
        with self._lock:
            if key in self._keys:
                return False
            self._keys[key] = True
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)
