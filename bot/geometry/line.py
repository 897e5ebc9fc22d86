"""A route's line and where a point lies against it: distance along, distance off, side.

:func:`RouteLine.locate` is the one function every provider's results go through, so a
station from PlugShare, Open Charge Map or the local index reads "mile 142 of 520, 0.4 mi
off, on the right" the same way.

Distances to the line are exact for the line as drawn: each segment is measured in a
local east/north plane centred on the point (equirectangular, errors under 0.1% within
the tens of kilometres a corridor spans), and the nearest point of the nearest segment
wins. Distance along is the road's own length up to that point: the polyline's length
is scaled to the router's distance, so "mile 520 of 520" is the destination.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from bot.geometry.spherical import EARTH_RADIUS_M, great_circle_m

Side = Literal["left", "right", "on"]
#: Closer than this to the line, a station is on the road itself (no side).
ON_ROAD_M = 30.0
_DEG = math.pi / 180.0
#: Grid cell side, in degrees, for :meth:`RouteLine.near` (about 5 km of latitude).
_CELL_DEG = 0.05


@dataclass(frozen=True, slots=True)
class Position:
    """Where a point lies against a route."""

    along_m: float
    off_m: float
    side: Side


class RouteLine:
    """A polyline of (latitude, longitude) points with its cumulative lengths."""

    def __init__(self, points: Sequence[tuple[float, float]], length_m: float | None = None):
        if len(points) < 2:
            raise ValueError("a route line needs two points")
        self.points = [(float(lat), float(lng)) for lat, lng in points]
        cumulative = [0.0]
        for (lat1, lng1), (lat2, lng2) in pairwise(self.points):
            cumulative.append(cumulative[-1] + great_circle_m(lat1, lng1, lat2, lng2))
        self.cumulative = cumulative
        drawn = cumulative[-1]
        self.length_m = float(length_m) if length_m is not None else drawn
        self._scale = self.length_m / drawn if drawn > 0 else 1.0
        self._grid: dict[tuple[int, int], list[int]] | None = None
        #: Per segment: start latitude and longitude, and the (unwrapped) change in each.
        self._segments = [
            (lat1, lng1, lat2 - lat1, _wrap(lng2 - lng1))
            for (lat1, lng1), (lat2, lng2) in pairwise(self.points)
        ]

    @property
    def segment_count(self) -> int:
        return len(self.points) - 1

    def near(self, latitude: float, longitude: float, within_m: float) -> Position | None:
        """Where a point lies against the line, or None when it is farther than ``within_m``.

        Only segments in grid cells around the point are measured (the grid is built once
        per line), so placing hundreds of stations along a long route stays cheap.
        """
        grid = self._segment_grid()
        dlat = within_m / EARTH_RADIUS_M / _DEG
        dlng = dlat / max(0.01, math.cos(min(89.0, abs(latitude) + dlat) * _DEG))
        r0, r1 = _cell(latitude - dlat), _cell(latitude + dlat)
        c0, c1 = _cell(longitude - dlng), _cell(longitude + dlng)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 400:
            segments: set[int] | range = range(self.segment_count)
        else:
            segments = set()
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    segments.update(grid.get((r, c), ()))
        if not segments:
            return None
        position = self.locate(latitude, longitude, sorted(segments))
        return position if position.off_m <= within_m else None

    def _segment_grid(self) -> dict[tuple[int, int], list[int]]:
        grid = self._grid
        if grid is None:
            grid = {}
            points = self.points
            for i in range(self.segment_count):
                (lat1, lng1), (lat2, lng2) = points[i], points[i + 1]
                if abs(lng2 - lng1) > 180.0:
                    lng2 = lng1 + _wrap(lng2 - lng1)
                for r in range(_cell(min(lat1, lat2)), _cell(max(lat1, lat2)) + 1):
                    for c in range(_cell(min(lng1, lng2)), _cell(max(lng1, lng2)) + 1):
                        grid.setdefault((r, c), []).append(i)
            self._grid = grid
        return grid

    def box(self, first: int, last: int, margin_m: float) -> tuple[float, float, float, float]:
        """(min_lat, max_lat, min_lng, max_lng) around segments ``[first, last)``, grown by
        ``margin_m`` on every side (longitude margin taken at the box's widest latitude)."""
        lats = [p[0] for p in self.points[first : last + 1]]
        lngs = [p[1] for p in self.points[first : last + 1]]
        dlat = margin_m / EARTH_RADIUS_M / _DEG
        high = min(89.9, max(abs(min(lats)), abs(max(lats))) + dlat)
        dlng = margin_m / (EARTH_RADIUS_M * math.cos(high * _DEG)) / _DEG
        return min(lats) - dlat, max(lats) + dlat, min(lngs) - dlng, max(lngs) + dlng

    def locate(
        self, latitude: float, longitude: float, segments: Sequence[int] | None = None
    ) -> Position:
        """The nearest point of the line (or of ``segments`` only) to the given point."""
        cos0 = math.cos(latitude * _DEG)
        segments_ = self._segments
        best_d2, best_i, best_t, best_cross = math.inf, 0, 0.0, 0.0
        for i in segments if segments is not None else range(self.segment_count):
            lat1, lng1, dlat, dlng = segments_[i]
            # East/north (in degrees of latitude) relative to the point; longitudes are
            # unwrapped across 180° (segment deltas were unwrapped once, at construction).
            rel = lng1 - longitude
            if rel > 180.0:
                rel -= 360.0
            elif rel < -180.0:
                rel += 360.0
            x1 = rel * cos0
            y1 = lat1 - latitude
            dx = dlng * cos0
            length2 = dx * dx + dlat * dlat
            t = -(x1 * dx + y1 * dlat) / length2 if length2 else 0.0
            if t < 0.0:
                t = 0.0
            elif t > 1.0:
                t = 1.0
            px = x1 + t * dx
            py = y1 + t * dlat
            distance2 = px * px + py * py
            if distance2 < best_d2:
                # Sign of (segment direction) x (segment -> point): positive on the left.
                best_d2, best_i, best_t, best_cross = distance2, i, t, dlat * x1 - dx * y1
        best = (best_d2, best_i, best_t, best_cross)
        distance2, i, t, cross = best
        off = math.sqrt(distance2) * _DEG * EARTH_RADIUS_M
        segment = self.cumulative[i + 1] - self.cumulative[i]
        along = (self.cumulative[i] + t * segment) * self._scale
        side: Side = "on" if off < ON_ROAD_M else ("left" if cross > 0 else "right")
        return Position(along_m=min(along, self.length_m), off_m=off, side=side)

    def sample(self, step_m: float) -> list[tuple[float, float]]:
        """Points every ``step_m`` (road length) from start to end, both ends included."""
        count = max(1, math.ceil(self.length_m / max(step_m, 1.0)))
        return [self.point_at(self.length_m * k / count) for k in range(count + 1)]

    def query_points(self, corridor_m: float) -> tuple[list[tuple[float, float]], float]:
        """Points and a reach for APIs that search "within a distance of a line's points"
        (PlugShare's polyline endpoint, Open Charge Map's ``polyline``): points no farther
        apart than the corridor is wide (at most 5 km), and the reach around each that
        covers the whole corridor between two of them."""
        step = max(250.0, min(corridor_m, 5_000.0))
        points = [(round(lat, 5), round(lng, 5)) for lat, lng in self.sample(step)]
        return points, math.hypot(corridor_m, step / 2)

    def point_at(self, along_m: float) -> tuple[float, float]:
        """The point ``along_m`` metres (road length) from the start."""
        target = max(0.0, min(along_m / self._scale, self.cumulative[-1]))
        lo, hi = 0, self.segment_count
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cumulative[mid + 1] < target:
                lo = mid + 1
            else:
                hi = mid
        i = min(lo, self.segment_count - 1)
        segment = self.cumulative[i + 1] - self.cumulative[i]
        t = 0.0 if segment == 0 else (target - self.cumulative[i]) / segment
        (lat1, lng1), (lat2, lng2) = self.points[i], self.points[i + 1]
        return lat1 + t * (lat2 - lat1), lng1 + t * _wrap(lng2 - lng1)


def _cell(degrees: float) -> int:
    return math.floor(degrees / _CELL_DEG)


def _wrap(delta_lng: float) -> float:
    if delta_lng > 180.0:
        return delta_lng - 360.0
    if delta_lng < -180.0:
        return delta_lng + 360.0
    return delta_lng


def great_circle_points(
    start: tuple[float, float], end: tuple[float, float], step_m: float = 5_000.0
) -> list[tuple[float, float]]:
    """Points every ``step_m`` or so along the great circle from ``start`` to ``end``."""
    total = great_circle_m(*start, *end)
    steps = max(1, math.ceil(total / step_m))
    (lat1, lng1), (lat2, lng2) = start, end
    p1, l1, p2, l2 = lat1 * _DEG, lng1 * _DEG, lat2 * _DEG, lng2 * _DEG
    a = (math.cos(p1) * math.cos(l1), math.cos(p1) * math.sin(l1), math.sin(p1))
    b = (math.cos(p2) * math.cos(l2), math.cos(p2) * math.sin(l2), math.sin(p2))
    angle = total / EARTH_RADIUS_M
    points = [start]
    for k in range(1, steps):
        f = k / steps
        if angle < 1e-12:
            weights = (1 - f, f)
        else:
            weights = (
                math.sin((1 - f) * angle) / math.sin(angle),
                math.sin(f * angle) / math.sin(angle),
            )
        x, y, z = (weights[0] * a[j] + weights[1] * b[j] for j in range(3))
        points.append((math.atan2(z, math.hypot(x, y)) / _DEG, math.atan2(y, x) / _DEG))
    points.append(end)
    return points
