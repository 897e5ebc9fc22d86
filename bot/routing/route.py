"""A driving route: the road's line, its length and time, and who drew it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

from bot.geometry.line import RouteLine, great_circle_points
from bot.geometry.spherical import great_circle_m


@dataclass(frozen=True)
class Route:
    #: (latitude, longitude) from the start to the end, through every via point.
    points: tuple[tuple[float, float], ...]
    distance_m: float
    #: Driving time in seconds; None for the straight-line fallback (nobody drives it).
    duration_s: float | None
    #: Who drew it: "OSRM", "Valhalla", or "straight line".
    engine: str
    #: True when no router answered and this is the straight line between the places.
    straight_line: bool = False
    #: Why the straight line is used (the router's failure, in words), when it is.
    reason: str | None = None

    @cached_property
    def line(self) -> RouteLine:
        return RouteLine(self.points, self.distance_m)

    def geojson(self) -> dict[str, Any]:
        """The route as a GeoJSON Feature (coordinates are longitude, latitude)."""
        return {
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": [[round(lng, 6), round(lat, 6)] for lat, lng in self.points],
            },
            "properties": {
                "distance_m": round(self.distance_m, 1),
                "duration_s": None if self.duration_s is None else round(self.duration_s, 1),
                "engine": self.engine,
                "straight_line": self.straight_line,
            },
        }


def straight_line(waypoints: list[tuple[float, float]], reason: str) -> Route:
    """The great circle through the waypoints: a labelled stand-in, never called the road."""
    points: list[tuple[float, float]] = [waypoints[0]]
    distance = 0.0
    for start, end in pairwise(waypoints):
        points.extend(great_circle_points(start, end)[1:])
        distance += great_circle_m(*start, *end)
    if len(points) < 2:
        points.append(points[0])
    return Route(
        points=tuple(points),
        distance_m=distance,
        duration_s=None,
        engine="straight line",
        straight_line=True,
        reason=reason,
    )
