"""A per-person limit on searches (``CHARGEBOT_RATE_LIMIT`` per minute, 0 = off).

``limits``' moving window counts every search of the last 60 seconds, so a burst
at a minute's boundary cannot double the allowance. The storage is in memory
(each process counts on its own), or with ``CHARGEBOT_REDIS_URL`` ``limits``'
Redis storage, so a person's allowance holds across every instance of a deploy.
A Redis that cannot be reached lets the search run (logged): a limit is a
safeguard, not a reason to leave someone without an answer.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    #: Whole seconds until the next search is allowed (0 when allowed).
    retry_after: int = 0


class UserRateLimiter:
    def __init__(self, per_minute: int, redis_url: str | None = None) -> None:
        self.per_minute = per_minute
        self._item = RateLimitItemPerMinute(per_minute) if per_minute > 0 else None
        self._limiter = (
            MovingWindowRateLimiter(_storage(redis_url)) if self._item is not None else None
        )

    @property
    def enabled(self) -> bool:
        return self._item is not None

    def hit(self, team_id: str | None, user_id: str | None) -> Verdict:
        """Count one search by this person; say whether it may run."""
        if self._item is None or self._limiter is None or not user_id:
            return Verdict(True)
        try:
            if self._limiter.hit(self._item, team_id or "-", user_id):
                return Verdict(True)
            stats = self._limiter.get_window_stats(self._item, team_id or "-", user_id)
        except Exception as error:  # limits wraps nothing: a Redis error is redis-py's own
            log.warning("ratelimit.unavailable", extra={"error": type(error).__name__})
            return Verdict(True)
        return Verdict(False, max(1, math.ceil(stats.reset_time - time.time())))


def _storage(redis_url: str | None) -> Storage:
    if redis_url is None:
        return MemoryStorage()
    from limits.storage import RedisStorage

    from bot.redis_client import KEY_PREFIX, limits_url, shared_client

    # One connection pool with the rest of ChargeBot's Redis use.
    pool = shared_client(redis_url).connection_pool
    return RedisStorage(limits_url(redis_url), connection_pool=pool, key_prefix=KEY_PREFIX + "rl")
