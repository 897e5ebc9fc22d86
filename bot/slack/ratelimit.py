"""A per-person limit on searches (``CHARGEBOT_RATE_LIMIT`` per minute, 0 = off).

``limits``' moving window counts every search of the last 60 seconds, so a burst
at a minute's boundary cannot double the allowance. The storage is in memory:
each process counts on its own (README, Deploy).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    #: Whole seconds until the next search is allowed (0 when allowed).
    retry_after: int = 0


class UserRateLimiter:
    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._item = RateLimitItemPerMinute(per_minute) if per_minute > 0 else None
        self._limiter = MovingWindowRateLimiter(MemoryStorage()) if self._item else None

    @property
    def enabled(self) -> bool:
        return self._item is not None

    def hit(self, team_id: str | None, user_id: str | None) -> Verdict:
        """Count one search by this person; say whether it may run."""
        if self._item is None or self._limiter is None or not user_id:
            return Verdict(True)
        if self._limiter.hit(self._item, team_id or "-", user_id):
            return Verdict(True)
        stats = self._limiter.get_window_stats(self._item, team_id or "-", user_id)
        return Verdict(False, max(1, math.ceil(stats.reset_time - time.time())))
