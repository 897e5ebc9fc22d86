"""Coordinates typed by the user: ``40.7580,-73.9855``, ``40.7580 N 73.9855 W``, DMS.

geopy's ``Point.from_string`` is deliberately lenient (it skips leading text and
wraps an out-of-range longitude silently); a chat bot must instead tell the user
that ``91,200`` is not a place, so the shape is matched whole and ranges checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.geo.place import Place, PlaceKind

SOURCE = "coordinates"

# One angle: degrees with optional minutes and seconds (40°45'29.1", 40 45.5', 40.758),
# a sign, and a hemisphere letter either before every number or after every number
# ("N40.7 W73.9", "40.7 N 73.9 W"): one pattern for each, since in "40.7 N 73.9 W"
# the N could otherwise be read as the front of the second angle. The seconds mark may
# also be two minute marks: NFKC, which place text goes through, turns ″ into ′′, and
# phones type ’’.
_BODY = r"""
    (?P<{p}sign>[+\-−])?\s*
    (?P<{p}deg>\d+(?:\.\d+)?)\s*(?:°|º|˚|deg\b|d\b)?\s*
    (?:(?P<{p}min>\d+(?:\.\d+)?)\s*['′’](?!['′’])\s*)?
    (?:(?P<{p}sec>\d+(?:\.\d+)?)\s*(?:"|″|”|['′’]['′’])\s*)?
"""
_FRONT = r"(?P<{p}front>[NSEW])?\s*" + _BODY + r"(?P<{p}back>)"
_BACK = r"(?P<{p}front>)" + _BODY + r"(?P<{p}back>[NSEW])?"
_SEPARATOR = r"\s*(?:[,;/]|\s)\s*"
_PAIRS = tuple(
    re.compile(
        r"^\s*" + angle.format(p="a_") + _SEPARATOR + angle.format(p="b_") + r"\s*$",
        re.IGNORECASE | re.VERBOSE,
    )
    for angle in (_BACK, _FRONT)
)
_BRACKETS = "()[]{} "


@dataclass(frozen=True, slots=True)
class CoordinateError:
    """The text is shaped like coordinates but is not a valid position."""

    message: str


@dataclass(frozen=True, slots=True)
class _Angle:
    value: float  # signed decimal degrees
    axis: str | None  # "lat", "lng", or None when no hemisphere letter says


def parse(text: str) -> Place | CoordinateError | None:
    """A candidate for typed coordinates, an error for malformed ones, ``None`` for other text."""
    inner = text.strip(_BRACKETS)
    match = next((m for m in (p.match(inner) for p in _PAIRS) if m), None)
    if match is None:
        return None
    try:
        first = _angle(match, "a_")
        second = _angle(match, "b_")
    except ValueError as error:
        return CoordinateError(f"'{text}' doesn't look like valid coordinates: {error}.")
    if first.axis is not None and first.axis == second.axis:
        kind = "latitudes (N/S)" if first.axis == "lat" else "longitudes (E/W)"
        return CoordinateError(f"'{text}' gives two {kind}; send latitude, longitude.")
    if first.axis == "lng" or second.axis == "lat":
        first, second = second, first
    latitude, longitude = first.value, second.value
    problems = []
    if not -90.0 <= latitude <= 90.0:
        problems.append(f"latitude must be between -90 and 90 (got {latitude:g})")
    if not -180.0 <= longitude <= 180.0:
        problems.append(f"longitude must be between -180 and 180 (got {longitude:g})")
    if problems:
        return CoordinateError(
            f"'{text}' isn't a valid position: {' and '.join(problems)}. "
            "Send latitude, longitude, e.g. 40.7580, -73.9855."
        )
    return Place(
        name=f"{latitude:.5f}, {longitude:.5f}",
        latitude=latitude,
        longitude=longitude,
        kind=PlaceKind.COORDINATES,
        source=SOURCE,
    )


def _angle(match: re.Match[str], prefix: str) -> _Angle:
    front, back = match[prefix + "front"], match[prefix + "back"]
    letter = (front or back or "").upper()
    degrees = float(match[prefix + "deg"])
    minutes = float(match[prefix + "min"] or 0.0)
    seconds = float(match[prefix + "sec"] or 0.0)
    if minutes >= 60 or seconds >= 60:
        raise ValueError("minutes and seconds must be below 60")
    if (match[prefix + "min"] or match[prefix + "sec"]) and not degrees.is_integer():
        raise ValueError("degrees with minutes must be whole")
    value = degrees + minutes / 60.0 + seconds / 3600.0
    negative = match[prefix + "sign"] in ("-", "−")
    if letter and negative:
        raise ValueError("a minus sign and a hemisphere letter together")
    if negative or letter in ("S", "W"):
        value = -value
    axis = "lat" if letter in ("N", "S") else "lng" if letter in ("E", "W") else None
    return _Angle(value, axis)
