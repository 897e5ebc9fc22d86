"""Nearest locations to a point that pass the filters: R*Tree search, geodesic answer.

1. Read the R*Tree for a box that surely holds every point within ``r`` meters
   (:func:`~bot.opendata.spherical.boxes_around`), with the filters evaluated in
   the same SQL statement (:func:`~bot.opendata.facets.filter_sql`), ordered by
   the squared chord to the search point on the unit sphere: plain arithmetic that
   SQLite sorts in C, and exactly the order of great-circle distance ``h``.
2. Pull rows in that order. The true (geodesic) distance ``g`` of each is bounded:
   ``low*h <= g <= high*h``. Once ``count`` rows are *surely* within ``r``, the
   ``count``-th one's upper bound ``U`` bounds the answer: every location nearer
   than ``U`` is in the box, and rows whose lower bound exceeds ``U`` cannot rank,
   so pulling stops there. Otherwise grow ``r`` (guided by the density seen) up to
   the radius asked for.
3. Compute the exact WGS84 geodesic (:func:`bot.geo.bearing.measure`) for the rows
   pulled, order by (distance, id), keep ``count``.

Ties (several AFDC stations at one address) are ordered by location id, so the
order never depends on the R*Tree's internal layout.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from bot.geo.bearing import measure
from bot.opendata.facets import filter_sql
from bot.opendata.spherical import (
    GEODESIC_OVER_GREAT_CIRCLE,
    boxes_around,
    chord_to_m,
    unit_vector,
)
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters

_FIRST_RADIUS_M: Final = 2_000.0
_GROWTH: Final = 2.0

_BOX = "r.min_lat <= ? AND r.max_lat >= ? AND r.min_lng <= ? AND r.max_lng >= ?"
_CHORD = "(r.x - ?) * (r.x - ?) + (r.y - ?) * (r.y - ?) + (r.z - ?) * (r.z - ?)"


@dataclass(frozen=True, slots=True)
class Hit:
    location_id: int
    distance_m: float
    bearing: float


def _ordered(
    conn: sqlite3.Connection, latitude: float, longitude: float, radius_m: float,
    where: str, params: list[float | int],
) -> Iterator[tuple[int, float, float, float]]:  # fmt: skip
    """(id, latitude, longitude, squared chord) of the rows in the box, nearest first."""
    x, y, z = unit_vector(latitude, longitude)
    join = "" if where == "1" else " JOIN locations l ON l.id = r.id"
    selects = []
    args: list[float | int] = []
    for min_lat, max_lat, min_lng, max_lng in boxes_around(latitude, longitude, radius_m):
        selects.append(
            f"SELECT r.id, r.latitude, r.longitude, {_CHORD} AS chord "
            f"FROM location_index r{join} WHERE {_BOX} AND {where}"
        )
        args.extend((x, x, y, y, z, z, max_lat, min_lat, max_lng, min_lng, *params))
    return conn.execute(" UNION ALL ".join(selects) + " ORDER BY chord", args)


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
        final = r >= radius
        limit = r  # rows whose lower bound exceeds this cannot be in the answer
        pulled: list[tuple[int, float, float]] = []
        sure = 0
        bounded = False
        for loc_id, lat, lng, chord in _ordered(conn, latitude, longitude, r, where, params):
            h = chord_to_m(chord)
            if h * low > limit:
                break
            pulled.append((loc_id, lat, lng))
            if h * high <= r:
                sure += 1
            if len(pulled) == count and not bounded:
                if h * high <= r:
                    limit, bounded = h * high, True
                elif not final:
                    break  # fewer than count surely within r: look wider
        if bounded or final:
            break
        # Grow by the density seen so far: area (r^2) in proportion to what is missing.
        wanted = r * math.sqrt(count / sure) * 1.2 if sure else r * _GROWTH
        r = min(radius, max(wanted, r * 1.5))
    hits = []
    for loc_id, lat, lng in pulled:
        distance, bearing = measure(latitude, longitude, lat, lng)
        if distance <= radius:
            hits.append(Hit(loc_id, distance, bearing))
    hits.sort(key=lambda hit: (hit.distance_m, hit.location_id))
    return hits[:count]
