"""Nearest locations to a point that pass the filters: R*Tree search, geodesic answer.

1. Read the R*Tree for a box that surely holds every point within ``r`` meters
   (:func:`~bot.opendata.spherical.boxes_around`), with the filters evaluated in
   the same SQL statement (:func:`~bot.opendata.facets.filter_sql`).
2. Bound each candidate's true distance from its great-circle distance ``h``:
   ``low*h <= g <= high*h``. When ``count`` candidates are *surely* within ``r``,
   every location nearer than the ``count``-th of them is in the box; otherwise
   grow ``r`` (guided by how many were found) up to the radius asked for.
3. Compute the exact WGS84 geodesic (:func:`bot.geo.bearing.measure`) only for the
   candidates whose lower bound can still make the cut, order by (distance, id),
   and keep ``count``.

Ties (several AFDC stations at one address) are ordered by location id, so the
order never depends on the R*Tree's internal layout.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Final

from bot.geo.bearing import measure
from bot.opendata.facets import filter_sql
from bot.opendata.spherical import GEODESIC_OVER_GREAT_CIRCLE, boxes_around, great_circle_m
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters

_FIRST_RADIUS_M: Final = 2_000.0
_GROWTH: Final = 4.0


@dataclass(frozen=True, slots=True)
class Hit:
    location_id: int
    distance_m: float
    bearing: float


def _candidates(
    conn: sqlite3.Connection, latitude: float, longitude: float, radius_m: float,
    where: str, params: list[float | int],
) -> list[tuple[int, float, float]]:  # fmt: skip
    rows: list[tuple[int, float, float]] = []
    for min_lat, max_lat, min_lng, max_lng in boxes_around(latitude, longitude, radius_m):
        box = (max_lat, min_lat, max_lng, min_lng)
        if where == "1":
            sql = (
                "SELECT id, latitude, longitude FROM location_index "
                "WHERE min_lat <= ? AND max_lat >= ? AND min_lng <= ? AND max_lng >= ?"
            )
            rows.extend(conn.execute(sql, box))
        else:
            sql = (
                "SELECT r.id, r.latitude, r.longitude FROM location_index r "
                "JOIN locations l ON l.id = r.id "
                "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lng <= ? AND r.max_lng >= ? "
                f"AND {where}"
            )
            rows.extend(conn.execute(sql, (*box, *params)))
    return rows


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
    low, high = GEODESIC_OVER_GREAT_CIRCLE
    where, params = filter_sql(filters)
    r = min(radius, _FIRST_RADIUS_M * math.sqrt(max(count, 5) / 5))
    while True:
        rows = _candidates(conn, latitude, longitude, r, where, params)
        scored = sorted(
            (great_circle_m(latitude, longitude, lat, lng), loc_id, lat, lng)
            for loc_id, lat, lng in rows
        )
        sure = sum(1 for h, *_ in scored if h * high <= r)
        if sure >= count or r >= radius:
            break
        # Grow by the density seen so far: area (r^2) in proportion to what is missing.
        wanted = r * math.sqrt(count / sure) * 1.2 if sure else r * _GROWTH
        r = min(radius, max(wanted, r * 1.5))
    bound = r
    if len(scored) >= count:
        bound = min(bound, scored[count - 1][0] * high)
    hits: list[Hit] = []
    for h, loc_id, lat, lng in scored:
        if h * low > bound:
            break
        distance, bearing = measure(latitude, longitude, lat, lng)
        if distance <= radius:
            hits.append(Hit(loc_id, distance, bearing))
    hits.sort(key=lambda hit: (hit.distance_m, hit.location_id))
    return hits[:count]
