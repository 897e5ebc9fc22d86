"""Coordinates typed as a place, kept exactly as written for the geocoder to read.

Shapes: ``40.7580,-73.9855``, ``37.7749, -122.4194``, ``40.7580 -73.9855``,
``40.7 N 73.9 W``, ``N40.7 W73.9``, ``51.5074° N, 0.1278° W`` and degrees-minutes-seconds
``40°45'29.1"N 73°59'8.4"W``. Only the shape is checked here: a pair out of range
("91.0,200.0") is still a place, so the geocoder can explain what is wrong with it.
"""

from __future__ import annotations

import re

_HEMISPHERE = r"[NSEWnsew](?![^\W\d_])"
_ANGLE = (
    rf"(?:(?<![^\W\d_]){_HEMISPHERE}\s?)?"
    r"[+\-−]?\d{1,3}(?:\.\d+)?"
    r"(?:\s*[°º˚]"
    r"(?:\s*\d{1,2}(?:\.\d+)?\s*['′’](?!['′’]))?"
    r"(?:\s*\d{1,2}(?:\.\d+)?\s*(?:\"|″|”|['′’]['′’]))?"  # ″ is ′′ after NFKC
    r")?"
    rf"(?:\s?{_HEMISPHERE})?"
)
_PAIR_RE = re.compile(rf"(?<![\w.])({_ANGLE})(\s*[,;/]\s*|\s+)({_ANGLE})(?![\w.]|,\d)")
_DECIMALS_RE = re.compile(r"\.(\d+)")


def _looks_like_coordinates(first: str, separator: str, second: str) -> bool:
    """Two numbers are a position only when written like one, not "14 50" or "top 3 5"."""
    if any(mark in first + second for mark in "°º˚"):
        return True
    if first[-1:].isalpha() and second[-1:].isalpha():
        return True  # 40.7 N 73.9 W
    if first[:1].isalpha() and second[:1].isalpha():
        return True  # N40.7 W73.9
    decimals = [_DECIMALS_RE.search(part) for part in (first, second)]
    if not all(decimals):
        return False
    if separator.strip():
        return True  # 40.7580,-73.9855
    # Space only: "40.7580 -73.9855" but not "1.5 2.5".
    return all(len(d.group(1)) >= 2 for d in decimals if d)


def find_coordinates(text: str) -> list[tuple[int, int]]:
    """Spans of latitude/longitude pairs written in ``text``."""
    spans: list[tuple[int, int]] = []
    if not any(c.isdigit() for c in text):
        return spans
    for match in _PAIR_RE.finditer(text):
        first, separator, second = match.group(1), match.group(2), match.group(3)
        if _looks_like_coordinates(first.strip(), separator, second.strip()):
            spans.append(match.span())
    return spans
