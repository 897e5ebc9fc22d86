"""The local time zone of a point, found offline with ``timezonefinder``'s boundary data."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

_lock = threading.Lock()
_finder: TimezoneFinder | None = None


def _timezone_finder() -> TimezoneFinder:
    """One finder per process, built on first use (its data is memory-mapped, not loaded)."""
    global _finder
    with _lock:
        if _finder is None:
            from timezonefinder import TimezoneFinder

            _finder = TimezoneFinder()
        return _finder


@lru_cache(maxsize=4096)
def zone_at(latitude: float, longitude: float) -> ZoneInfo:
    """The IANA zone at a point ("America/New_York"); at sea, the nautical Etc/GMT zone."""
    name = _timezone_finder().timezone_at(lng=longitude, lat=latitude)
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
