"""When to retry, and how long to wait: at most a few times, honouring ``Retry-After``."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

#: Answers worth asking again: rate limited, or a gateway/overload that usually passes.
RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``max_retries`` more attempts, backing off exponentially with jitter.

    A ``Retry-After`` up to ``max_retry_wait`` seconds is slept; a longer one is
    the caller's decision, so the error is raised with ``retry_after`` set instead.
    """

    max_retries: int = 2
    backoff: float = 0.5
    max_retry_wait: float = 10.0

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.backoff < 0 or self.max_retry_wait < 0:
            raise ValueError("max_retries, backoff and max_retry_wait must not be negative")

    def backoff_for(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random."""
        ceiling = min(self.max_retry_wait, self.backoff * 2**attempt)
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date."""
    if not value or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None
