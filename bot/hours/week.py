"""A station's opening hours as a week of minute spans, and whether it is open at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: A span of one day in minutes after that day's midnight; ``end`` may pass 1440 when the
#: span runs past midnight ("8pm-2am": 1200-1560).
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Opening hours for each weekday (0 Monday .. 6 Sunday); a day without spans is closed."""

    days: tuple[tuple[Span, ...], ...]

    @classmethod
    def always(cls) -> WeeklyHours:
        return cls(tuple(((0, MINUTES_PER_DAY),) for _ in range(7)))

    @property
    def is_always_open(self) -> bool:
        return all(_covers_day(self.days[day], self.days[day - 1]) for day in range(7))

    def open_at(self, weekday: int, minute: int) -> bool:
        """Open on ``weekday`` at ``minute`` after midnight (spans from the day before count)."""
        if any(start <= minute < end for start, end in self.days[weekday]):
            return True
        before = self.days[(weekday - 1) % 7]
        return any(minute < end - MINUTES_PER_DAY for _, end in before)

    def open_on(self, moment: datetime) -> bool:
        """Open at a local ``moment`` (naive or aware, read on its own clock)."""
        return self.open_at(moment.weekday(), moment.hour * 60 + moment.minute)

    def union(self, other: WeeklyHours) -> WeeklyHours:
        return WeeklyHours(tuple(a + b for a, b in zip(self.days, other.days, strict=True)))


def _covers_day(spans: tuple[Span, ...], before: tuple[Span, ...]) -> bool:
    """Every minute of a day is inside a span (its own or one run over from the day before)."""
    covered = sorted(
        [*spans, *((0, end - MINUTES_PER_DAY) for _, end in before if end > MINUTES_PER_DAY)]
    )
    reach = 0
    for start, end in covered:
        if start > reach:
            return False
        reach = max(reach, end)
    return reach >= MINUTES_PER_DAY


def next_moment(now: datetime, at: time) -> datetime:
    """The next time the clock shows ``at``: today if it is still ahead, else tomorrow."""
    today = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if today >= now.replace(second=0, microsecond=0):
        return today
    return today + timedelta(days=1)
