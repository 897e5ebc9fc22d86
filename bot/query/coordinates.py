"""Coordinates typed as a place.

``40.7580,-73.9855``, ``37.7749, -122.4194``, ``51.5° N, 0.12° W``.
"""

from __future__ import annotations

import re

_COORDINATES_RE = re.compile(
    r"(?<![\w.])"
    r"([-+]?\d{1,2}\.\d+)\s*°?\s*([NSns])?"
    r"\s*,\s*"
    r"([-+]?\d{1,3}\.\d+)\s*°?\s*([EWew])?"
    r"(?![\w.]|,\d)"
)


def find_coordinates(text: str) -> list[tuple[int, int]]:
    """Spans of latitude,longitude pairs that are on the globe."""
    spans: list[tuple[int, int]] = []
    if "." not in text:
        return spans
    for match in _COORDINATES_RE.finditer(text):
        if abs(float(match.group(1))) <= 90 and abs(float(match.group(3))) <= 180:
            spans.append(match.span())
    return spans
