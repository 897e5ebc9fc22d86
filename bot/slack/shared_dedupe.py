"""Event dedupe shared by every instance of a deploy.

This process's memory (:class:`~bot.slack.dedupe.SeenKeys`) answers first, so its
own retries cost nothing; a key it has not seen is then claimed in the shared
store, and only the instance whose claim succeeds answers:

- with the state database on PostgreSQL: an insert-if-absent in ``slack_events``
  (key: workspace and event id; expired rows deleted as instances pass by);
- else with ``CHARGEBOT_REDIS_URL``: ``SET key NX EX`` in Redis;
- else: this process only, as before.

A shared store that is down does not silence the bot: the event is answered
(possibly twice, if Slack retries meanwhile) and the failure is logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from bot.config import Settings
from bot.slack.dedupe import DEFAULT_TTL_SECONDS, SeenKeys
from bot.state import StateStore, StateUnavailable
from bot.state.models import EVENT_ID_MAX

log = logging.getLogger(__name__)

#: (team id, key, ttl seconds) -> whether this caller is the first.
Claim = Callable[[str, str, float], bool]


class SharedSeenKeys(SeenKeys):
    def __init__(
        self,
        claim: Claim,
        errors: tuple[type[BaseException], ...],
        where: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
    ) -> None:
        super().__init__(ttl_seconds)
        self._claim = claim
        self._errors = errors
        self._ttl = ttl_seconds
        #: Where claims go ("postgresql", "redis"), for logs.
        self.where = where

    def first_time(self, key: str, team_id: str | None = None) -> bool:
        if not super().first_time(key, team_id):
            return False
        if len(key) > EVENT_ID_MAX:
            key = hashlib.sha256(key.encode()).hexdigest()
        try:
            return self._claim(team_id or "-", key, self._ttl)
        except self._errors as error:
            log.warning(
                "dedupe.shared_unavailable",
                extra={"store": self.where, "error": type(error).__name__},
            )
            return True


def seen_keys(settings: Settings, store: StateStore | None) -> SeenKeys:
    """The dedupe the configuration allows: PostgreSQL, else Redis, else this process."""
    if store is not None and store.backend == "postgresql":
        return SharedSeenKeys(store.claim_event, (StateUnavailable,), "postgresql")
    redis_url = settings.redis_url_value
    if redis_url is not None:
        from bot.redis_client import KEY_PREFIX, redis_errors, shared_client

        client = shared_client(redis_url)

        def claim(team_id: str, key: str, ttl: float) -> bool:
            name = f"{KEY_PREFIX}seen:{team_id}:{key}"
            return bool(client.set(name, b"1", nx=True, ex=max(1, int(ttl))))

        return SharedSeenKeys(claim, redis_errors(), "redis")
    return SeenKeys()
