"""Miles or kilometres, and distances written with a driver's precision."""

from __future__ import annotations

import pytest

from bot.geo.units import format_distance, units_for


@pytest.mark.parametrize(
    ("country", "override", "expected"),
    [
        ("US", None, "mi"),
        ("gb", None, "mi"),
        ("PR", "auto", "mi"),
        ("DE", None, "km"),
        ("CA", None, "km"),
        ("FR", "mi", "mi"),
        ("US", "km", "km"),
        ("US", " KM ", "km"),
        (None, None, "mi"),
        ("", "auto", "mi"),
    ],
)
def test_units_for(country: str | None, override: str | None, expected: str) -> None:
    assert units_for(country, override) == expected


def test_units_for_unknown_country_uses_the_callers_default() -> None:
    assert units_for(None, None, default="km") == "km"


def test_units_for_rejects_unknown_units() -> None:
    with pytest.raises(ValueError, match="furlongs"):
        units_for("US", "furlongs")


@pytest.mark.parametrize(
    ("meters", "units", "expected"),
    [
        (0, "mi", "0 ft"),
        (25, "mi", "80 ft"),
        (79, "mi", "260 ft"),
        (81, "mi", "0.1 mi"),
        (643.7, "mi", "0.4 mi"),
        (1609.344, "mi", "1 mi"),
        (4828.032, "mi", "3 mi"),
        (5000, "mi", "3.1 mi"),
        (16_000, "mi", "9.9 mi"),
        (16_100, "mi", "10 mi"),
        (50_000, "mi", "31 mi"),
        (0, "km", "0 m"),
        (304, "km", "300 m"),
        (995, "km", "1 km"),
        (1234, "km", "1.2 km"),
        (12_345, "km", "12 km"),
        (2_500_000, "km", "2,500 km"),
        (-3, "km", "0 m"),
    ],
)
def test_format_distance(meters: float, units: str, expected: str) -> None:
    assert format_distance(meters, units) == expected  # type: ignore[arg-type]
