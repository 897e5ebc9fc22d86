"""Cheap great-circle distances with proven bounds on the true (WGS84 geodesic) distance.

A search uses these only to *prune*: which index boxes to read and which
candidates deserve the exact geodesic computation (:func:`bot.geometry.bearing.measure`).
Reported distances and the final order always come from the geodesic.

The bounds: map each point of the WGS84 ellipsoid to the sphere of radius ``R`` at
the same latitude and longitude. A length element on the ellipsoid is
``M dphi`` along a meridian and ``N cos(phi) dlambda`` along a parallel (``M``, ``N``
the radii of curvature, ``b^2/a <= M <= N <= a^2/b``); on the sphere it is ``R dphi`` and
``R cos(phi) dlambda``. So the map stretches any length by a factor between
``R / (a^2/b)`` and ``R / (b^2/a)``, and for the geodesic distance ``g`` and the
great-circle distance ``h`` of the same two points::

    h * (b^2/a) / R  <=  g  <=  h * (a^2/b) / R,   i.e.  0.994416 h <= g <= 1.004487 h

:data:`GEODESIC_OVER_GREAT_CIRCLE` rounds these outward.
"""

from __future__ import annotations

import math
from typing import Final

EARTH_RADIUS_M: Final = 6_371_008.8  # IUGG mean radius
_A: Final = 6_378_137.0
_F: Final = 1 / 298.257223563
_B: Final = _A * (1 - _F)
_MIN_CURVATURE: Final = _B * _B / _A  # M at the equator
_MAX_CURVATURE: Final = _A * _A / _B  # M = N at the poles
#: ``(low, high)`` with ``low * h <= g <= high * h``, rounded outward.
GEODESIC_OVER_GREAT_CIRCLE: Final = (
    _MIN_CURVATURE / EARTH_RADIUS_M - 1e-4,
    _MAX_CURVATURE / EARTH_RADIUS_M + 1e-4,
)

Box = tuple[float, float, float, float]  # min_lat, max_lat, min_lng, max_lng


def great_circle_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance on the mean-radius sphere."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    """The point on the unit sphere; the chord between two of them orders great-circle distance."""
    phi = math.radians(latitude)
    lam = math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def chord_to_m(chord_squared: float) -> float:
    """Great-circle distance on the mean sphere for a squared chord of the unit sphere."""
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(max(chord_squared, 0.0)) / 2))


def boxes_around(latitude: float, longitude: float, radius_m: float) -> list[Box]:
    """Latitude/longitude boxes that together hold every point within ``radius_m`` (geodesic).

    Two boxes when the circle crosses the antimeridian; the full longitude range
    when it reaches a pole.
    """
    low, _ = GEODESIC_OVER_GREAT_CIRCLE
    angle = radius_m / low / EARTH_RADIUS_M  # the great-circle radius that is surely enough
    angle_deg = math.degrees(angle) + 1e-9
    min_lat = latitude - angle_deg
    max_lat = latitude + angle_deg
    if angle >= math.pi / 2 or max_lat >= 90.0 or min_lat <= -90.0:
        return [(max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0)]
    spread = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(latitude)))) + 1e-9
    west = longitude - spread
    east = longitude + spread
    if west < -180.0:
        return [(min_lat, max_lat, west + 360.0, 180.0), (min_lat, max_lat, -180.0, east)]
    if east > 180.0:
        return [(min_lat, max_lat, west, 180.0), (min_lat, max_lat, -180.0, east - 360.0)]
    return [(min_lat, max_lat, west, east)]
