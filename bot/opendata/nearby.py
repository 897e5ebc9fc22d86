"""Nearest locations to a point that pass the filters: R*Tree search, geodesic answer.

1. Read the R*Tree for a box that surely holds every point within ``r`` meters
   (:func:`~bot.geometry.spherical.boxes_around`), with the filters evaluated in
   the same SQL statement (:func:`~bot.opendata.facets.filter_sql`), nearest first,
   with a ``LIMIT``: SQLite keeps only the nearest rows, never sorting or returning
   the rest. "Nearest" is ranked on the R*Tree's own node coordinates
   (:class:`_Flat`): reading a row's exact position costs a lookup per row in the box,
   several times the search itself, so only the rows kept are looked up.
2. Each kept row gets its great-circle distance ``h``; its true (geodesic) distance
   ``g`` is bounded, ``low*h <= g <= high*h``. When the ``count``-th row is *surely*
   within ``r`` (its upper bound ``U <= r``), every location nearer than ``U`` is in
   the box, and rows whose lower bound exceeds ``U`` cannot rank: those are pruned
   before anything else is done. When the rows kept may stop short of that lower
   bound (the ``LIMIT`` fell on near-ties), one more read takes every row up to it.
   With fewer than ``count`` rows in the box, ``r`` grows (guided by the density
   seen), up to the radius asked for.
3. Compute the exact WGS84 geodesic (:mod:`bot.geometry.geodesic`) for the few rows
   left, order by (distance, id), keep ``count``.

Ties (several AFDC stations at one address) are ordered by location id, so the
order never depends on the R*Tree's internal layout.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Final

from bot.geometry.geodesic import measure_from
from bot.geometry.spherical import (
    EARTH_RADIUS_M,
    GEODESIC_OVER_GREAT_CIRCLE,
    Box,
    boxes_around,
    chord_to_m,
    great_circle_m,
    unit_vector,
)
from bot.opendata.facets import filter_sql
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters

#: The first box's radius for 5 results; grown when it holds too few.
_FIRST_RADIUS_M: Final = 700.0
_GROWTH: Final = 4.0
#: The R*Tree stores 32-bit floats rounded outward: a node coordinate is within one
#: unit in the last place (1.5e-5 degrees at 180) of the exact one. In radians, with room.
_NODE_ERROR: Final = 1e-6
#: Past this latitude (radians) a great circle may bow too far poleward for the flat
#: bound below; searches there rank on exact positions (slower, never wrong).
_FLAT_MAX_LATITUDE: Final = math.radians(85.0)

_BOX = "r.min_lat <= ? AND r.max_lat >= ? AND r.min_lng <= ? AND r.max_lng >= ?"

Row = tuple[int, float, float, float]  # id, latitude, longitude, great-circle meters
INFINITE: Final = math.inf


@dataclass(frozen=True, slots=True)
class Hit:
    location_id: int
    distance_m: float
    bearing: float


class _Flat:
    """A rank from the R*Tree's node coordinates, with a proven lower bound on distance.

    ``rank = dlat**2 + (cos(lat0) * dlng)**2`` (degrees, ``lat0`` the search point's
    latitude) is plain arithmetic on the node's columns. Any path between two points
    whose latitudes keep ``cos(lat) >= cmin`` is at least ``sqrt(dlat**2 + (cmin *
    dlng)**2)`` long (Minkowski), so the great-circle angle is at least
    ``(cmin / cos(lat0)) * sqrt(rank)``, less the node's rounding. ``cmin`` is taken at
    the box's poleward edge plus how far a great circle across it can bow poleward.
    """

    def __init__(self, latitude: float, box_half_angle: float, spread_angle: float) -> None:
        phi = math.radians(abs(latitude))
        self.cos0 = math.cos(phi)
        bow = math.tan(min(phi + box_half_angle, _FLAT_MAX_LATITUDE)) * spread_angle**2
        edge = phi + 2 * box_half_angle + bow
        self.usable = edge < _FLAT_MAX_LATITUDE
        self.ratio = math.cos(edge) / self.cos0 if self.usable else 0.0

    def lower_m(self, rank: float) -> float:
        """Every row ranked at ``rank`` or beyond is at least this far (great circle)."""
        angle = self.ratio * (math.sqrt(rank) * math.pi / 180 - _NODE_ERROR)
        return max(angle, 0.0) * EARTH_RADIUS_M

    def rank_for(self, meters: float) -> float:
        """A rank beyond which every row is farther than ``meters`` (great circle)."""
        angle = meters / EARTH_RADIUS_M / self.ratio + _NODE_ERROR
        return (angle * 180 / math.pi) ** 2 * (1 + 1e-9)


@dataclass(frozen=True, slots=True)
class _Search:
    conn: sqlite3.Connection
    latitude: float
    longitude: float
    where: str
    params: list[float | int]

    def box(
        self, radius_m: float, limit: int, need: int, reach_m: float | None = None
    ) -> tuple[int, list[Row], float]:
        """How many rows were read from the box for ``radius_m``, the nearest of them by
        great circle, and how far they are complete: every row in the box nearer than that
        is among them.

        ``limit`` rows at most; with ``reach_m``, every row within it instead. Fewer than
        ``need`` rows are counted, not measured (the box will grow).
        """
        boxes = boxes_around(self.latitude, self.longitude, radius_m)
        half = math.radians(boxes[0][1] - boxes[0][0]) / 2
        spread = math.radians(boxes[0][3] - boxes[0][2]) / 2
        flat = _Flat(self.latitude, half, spread)
        if len(boxes) == 1 and boxes[0][2:] == (-180.0, 180.0):
            flat.usable = False  # reaches a pole
        if not flat.usable:
            rows, complete = self._exact(boxes, limit, reach_m)
            return len(rows), rows, complete
        max_rank = None if reach_m is None else flat.rank_for(reach_m)
        ranked = self._ranked(boxes, flat.cos0, -1 if reach_m is not None else limit, max_rank)
        if len(ranked) < need:
            return len(ranked), [], INFINITE
        rows = self._measured(ranked)
        complete = INFINITE if reach_m is not None or len(ranked) < limit else (
            flat.lower_m(ranked[-1][1])
        )  # fmt: skip
        return len(ranked), rows, complete

    def _select(self, boxes: list[Box], columns: str, extra: str) -> tuple[str, list[float | int]]:
        join = "" if self.where == "1" else " JOIN locations l ON l.id = r.id"
        selects = []
        args: list[float | int] = []
        for min_lat, max_lat, min_lng, max_lng in boxes:
            selects.append(
                f"SELECT {columns} FROM location_index r{join} WHERE {_BOX} AND {self.where}{extra}"
            )
            args.extend((max_lat, min_lat, max_lng, min_lng, *self.params))
        return " UNION ALL ".join(selects), args

    def _ranked(
        self, boxes: list[Box], cos0: float, limit: int, max_rank: float | None
    ) -> list[tuple[int, float, float, float]]:
        """(id, flat rank, latitude, longitude) of the rows in the boxes, lowest rank first.

        Ranked on the R*Tree's node coordinates; the exact positions of the rows kept
        come from the locations table (a plain rowid lookup, cheaper than the R*Tree's)
        in the same statement.
        """
        rank = "(r.min_lat - ?) * (r.min_lat - ?) + (r.min_lng - ?) * (r.min_lng - ?) * ?"
        parts = []
        args: list[float | int] = []
        for box in boxes:
            # Across the antimeridian, measure longitudes from the copy of the point
            # on the box's side.
            lng = self.longitude
            if lng < box[2] - 180.0:
                lng += 360.0
            elif lng > box[3] + 180.0:
                lng -= 360.0
            extra = "" if max_rank is None else " AND rank <= ?"
            sql, box_args = self._select([box], f"r.id, {rank} AS rank", extra)
            parts.append(sql)
            args.extend((self.latitude, self.latitude, lng, lng, cos0 * cos0, *box_args))
            if max_rank is not None:
                args.append(max_rank)
        args.append(limit)
        sql = (
            "SELECT k.id, k.rank, l.latitude, l.longitude FROM ("
            + " UNION ALL ".join(parts)
            + " ORDER BY rank LIMIT ?) k JOIN locations l ON l.id = k.id ORDER BY k.rank"
        )
        return self.conn.execute(sql, args).fetchall()

    def _measured(self, ranked: list[tuple[int, float, float, float]]) -> list[Row]:
        """The ranked rows with their great-circle distances, nearest first."""
        lat0, lng0 = self.latitude, self.longitude
        rows = [
            (loc_id, lat, lng, great_circle_m(lat0, lng0, lat, lng))
            for loc_id, _, lat, lng in ranked
        ]
        rows.sort(key=lambda row: row[3])
        return rows

    def _exact(
        self, boxes: list[Box], limit: int, reach_m: float | None
    ) -> tuple[list[Row], float]:
        """As :meth:`box`, ranking on the exact positions (a lookup per row in the box)."""
        x, y, z = unit_vector(self.latitude, self.longitude)
        chord = "(r.x - ?) * (r.x - ?) + (r.y - ?) * (r.y - ?) + (r.z - ?) * (r.z - ?)"
        extra = "" if reach_m is None else " AND chord <= ?"
        parts = []
        args: list[float | int] = []
        for box in boxes:
            sql, box_args = self._select(
                [box], f"r.id, r.latitude, r.longitude, {chord} AS chord", extra
            )
            parts.append(sql)
            args.extend((x, x, y, y, z, z, *box_args))
            if reach_m is not None:
                half = min(reach_m / (2 * EARTH_RADIUS_M), math.pi / 2)
                args.append((2 * math.sin(half)) ** 2 * (1 + 1e-9) + 1e-15)
        args.append(-1 if reach_m is not None else limit)
        sql = " UNION ALL ".join(parts) + " ORDER BY chord LIMIT ?"
        rows = [(i, lat, lng, chord_to_m(c)) for i, lat, lng, c in self.conn.execute(sql, args)]
        if reach_m is not None or len(rows) < limit:
            return rows, INFINITE
        return rows, rows[-1][3]  # rows tied with the last may be cut: complete below it


def candidates(search: _Search, radius: float, count: int) -> list[Row]:
    """Every row that may rank among the ``count`` nearest within ``radius`` (and few more)."""
    low, high = GEODESIC_OVER_GREAT_CIRCLE
    r = min(radius, _FIRST_RADIUS_M * math.sqrt(max(count, 5) / 5))
    limit = count + 8 + count // 4
    while True:
        found, rows, complete = search.box(r, limit, 0 if r >= radius else count)
        if found < count:  # the box is exhausted
            if r >= radius:
                return rows
            # Grow by the density seen: area (r^2) in proportion to what is missing.
            wanted = r * math.sqrt(count / found) * 1.3 if found else r * _GROWTH
            r = min(radius, max(wanted, r * 1.5))
            continue
        upper = rows[count - 1][3] * high  # at least count locations are this near
        if upper > r and r < radius:
            r = min(radius, max(upper, r * 1.5))  # the box must hold everything nearer
            continue
        reach = min(upper, radius) / low  # the farthest great circle that may rank
        if complete <= reach:
            rows = search.box(r, limit, 0, reach)[1]  # the LIMIT fell on near-ties
        return [row for row in rows if row[3] <= reach]


def nearest(
    conn: sqlite3.Connection,
    latitude: float,
    longitude: float,
    filters: Filters,
    radius_m: float,
    count: int,
) -> list[Hit]:
    """Up to ``count`` (<= 500) hits within ``radius_m`` (<= 50 km), nearest first."""
    radius = min(max(float(radius_m), 0.0), float(MAX_RADIUS_M))
    count = min(max(int(count), 0), MAX_COUNT)
    if count == 0 or radius == 0.0:
        return []
    where, params = filter_sql(filters)
    rows = candidates(_Search(conn, latitude, longitude, where, params), radius, count)
    measured = measure_from(latitude, longitude, [(row[1], row[2]) for row in rows])
    hits = [
        Hit(row[0], distance, bearing)
        for row, (distance, bearing) in zip(rows, measured, strict=True)
        if distance <= radius
    ]
    hits.sort(key=lambda hit: (hit.distance_m, hit.location_id))
    return hits[:count]
