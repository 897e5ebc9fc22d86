"""The checks a source record's fields go through, worded the same for every source."""

from __future__ import annotations

import math
from typing import Any

from bot.records.outcome import RowInvalid


def coordinate(value: Any, title: str, limit: float) -> float:
    """``value`` as a latitude (``limit`` 90) or longitude (180); :class:`RowInvalid`
    naming ``title`` when it is missing, not a number or out of range."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowInvalid(f"{title} is missing")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowInvalid(f"{title} {str(value)[:30]!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise RowInvalid(f"{title} {number:g} is out of range")
    return number
