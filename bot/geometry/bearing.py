"""Geodesic distance and initial compass bearing from a place to a station.

PlugShare's nearby endpoint returns ``distance_meters`` and ``compass_bearing``;
data sources that do not (the local index) compute them here, on the WGS84
ellipsoid with geographiclib, the library behind ``geopy.distance.geodesic``.
"""

from __future__ import annotations

from geographiclib.geodesic import Geodesic

_WGS84 = Geodesic.WGS84
_MASK = Geodesic.DISTANCE | Geodesic.AZIMUTH

COMPASS_POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


def measure(lat1: float, lng1: float, lat2: float, lng2: float) -> tuple[float, float]:
    """Distance in meters and initial bearing in degrees [0, 360) from point 1 to point 2.

    The bearing of a point to itself is 0 (north) by convention.
    """
    result = _WGS84.Inverse(lat1, lng1, lat2, lng2, _MASK)
    distance = result["s12"]
    if distance == 0.0:
        return 0.0, 0.0  # geographiclib says 180 here; "north" is the documented convention
    bearing = result["azi1"] % 360.0
    return distance, 0.0 if bearing >= 360.0 else bearing  # -1e-17 % 360 rounds to 360.0


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    return measure(lat1, lng1, lat2, lng2)[0]


def initial_bearing(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    return measure(lat1, lng1, lat2, lng2)[1]


def compass_point(bearing: float) -> str:
    """The 16-point compass label for a bearing in degrees: 0 -> N, 22.5 -> NNE, 350 -> N."""
    return COMPASS_POINTS[round((bearing % 360.0) / 22.5) % 16]
