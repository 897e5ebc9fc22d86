"""Exact WGS84 geodesics from one point to many: Karney's algorithm, compiled when it pays.

Two builds of the same algorithm (C. F. F. Karney, *Algorithms for geodesics*, 2013)
answer here, and agree to about 1e-8 m and 1e-12 degrees:

- geographiclib, pure Python (about 50 µs a pair), imported in about 1 ms;
- PROJ's C port (``geod_inverse``) through ``pyproj.Geod`` (about 1 µs a pair),
  whose import costs about 50 ms and 15 MB.

A one-shot ``chargebot ask`` measures a handful of pairs, where the pure-Python
build is cheaper overall; a long-running process (``chargebot serve``) calls
:func:`use_compiled` once at start-up and measures every search with PROJ.
:func:`measure` in :mod:`bot.geometry.bearing` keeps the single-pair conventions
(bearing in [0, 360), north for a point to itself); :func:`measure_from` follows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.geometry.bearing import measure

_compiled: Any = None  # a pyproj.Geod once use_compiled() has run


def use_compiled() -> bool:
    """Measure with PROJ from now on (idempotent). False when pyproj cannot be loaded."""
    global _compiled
    if _compiled is None:
        try:
            from pyproj import Geod
        except ImportError:  # pragma: no cover - pyproj is a dependency
            return False
        _compiled = Geod(ellps="WGS84")
    return True


def measure_from(
    latitude: float, longitude: float, points: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """(distance in meters, initial bearing in [0, 360)) from the point to each of ``points``."""
    if _compiled is None or not points:
        return [measure(latitude, longitude, lat, lng) for lat, lng in points]
    n = len(points)
    azimuths, _, distances = _compiled.inv(
        [longitude] * n, [latitude] * n, [p[1] for p in points], [p[0] for p in points]
    )
    out = []
    for distance, azimuth in zip(distances, azimuths, strict=True):
        if distance == 0.0:
            out.append((0.0, 0.0))
            continue
        bearing = azimuth % 360.0
        out.append((distance, 0.0 if bearing >= 360.0 else bearing))
    return out
