"""Miles or kilometres, and distances written the way drivers say them."""

from __future__ import annotations

from typing import Literal, get_args

Units = Literal["mi", "km"]

METERS_PER_MILE = 1609.344
FEET_PER_METER = 3.280839895

#: Where road distances are signed in miles: the US and its territories, the UK and the
#: Crown Dependencies.
MILES_COUNTRIES = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "GB", "IM", "JE", "GG"})


def units_for(
    country_code: str | None, override: str | None = None, default: Units = "mi"
) -> Units:
    """The units to answer in.

    An explicit ``override`` ("mi" or "km": ``--units``, a user's preference, the
    ``CHARGEBOT_UNITS`` setting) wins; "auto" or ``None`` defers to the place's country:
    miles in the US and UK, kilometres elsewhere, ``default`` when the country is unknown.
    """
    if override is not None:
        choice = override.strip().lower()
        if choice in get_args(Units):
            return choice  # type: ignore[return-value]
        if choice != "auto":
            raise ValueError(f"units must be 'mi', 'km' or 'auto', not {override!r}")
    if not country_code or not country_code.strip():
        return default
    return "mi" if country_code.strip().upper() in MILES_COUNTRIES else "km"


def format_distance(meters: float, units: Units) -> str:
    """``0.4 mi``, ``850 ft``, ``12 mi``; ``300 m``, ``1.2 km``, ``12 km``.

    Short distances in feet or metres (to the nearest 10), one decimal below 10,
    whole numbers above: the precision a driver can use.
    """
    meters = max(meters, 0.0)
    if units == "mi":
        miles = meters / METERS_PER_MILE
        if round(miles, 1) < 0.1:
            return f"{_nearest_ten(meters * FEET_PER_METER):,} ft"
        return f"{_one_decimal_below_ten(miles)} mi"
    if _nearest_ten(meters) < 1000:
        return f"{_nearest_ten(meters):,} m"
    return f"{_one_decimal_below_ten(meters / 1000)} km"


def _nearest_ten(value: float) -> int:
    return round(value / 10.0) * 10


def _one_decimal_below_ten(value: float) -> str:
    tenths = round(value, 1)
    if tenths < 10:
        return f"{tenths:g}"
    return f"{round(value):,}"
