"""Stations within a corridor of a route: R*Tree boxes along the line, exact distance after.

1. Cut the route into runs of consecutive segments (a few kilometres each) and grow each
   run's bounding box by the corridor width; read the stations R*Tree for each box, with
   the filters evaluated in the same SQL statement (:func:`~bot.opendata.facets.filter_sql`).
   Boxes are read in batches of one ``UNION ALL`` statement: no table scan, however long
   the route.
2. A station inside a run's box is measured against that run's segments only
   (:meth:`~bot.geometry.line.RouteLine.locate`): a station within the corridor of some
   segment is inside that segment's run box, so the nearest segment is always among those
   measured. Stations farther off than the corridor are dropped.

The result is ordered by distance along the route, then location id.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Final

from bot.geometry.line import Position, RouteLine
from bot.opendata.facets import filter_sql
from bot.plugshare.filters import Filters

#: Segments per box and the longest a box's run may be: small boxes hold few stations
#: outside the corridor; each box costs one R*Tree descent.
_RUN_SEGMENTS: Final = 24
_RUN_LENGTH_M: Final = 8_000.0
#: Boxes per SQL statement (SQLite allows 500 compound SELECTs).
_BATCH: Final = 200
_BOX = "r.min_lat <= ? AND r.max_lat >= ? AND r.min_lng <= ? AND r.max_lng >= ?"


@dataclass(frozen=True, slots=True)
class CorridorHit:
    location_id: int
    latitude: float
    longitude: float
    position: Position


def even_spread(hits: list[CorridorHit], count: int) -> list[CorridorHit]:
    """At most ``count`` hits, evenly spread along the whole route, not just its first stretch."""
    if len(hits) <= count:
        return hits
    step = len(hits) / count
    return [hits[int(k * step)] for k in range(count)]


def runs(line: RouteLine) -> list[tuple[int, int]]:
    """Consecutive segment ranges ``[first, last)``, short enough to box tightly."""
    found: list[tuple[int, int]] = []
    first = 0
    cumulative = line.cumulative
    for i in range(line.segment_count):
        if i + 1 - first >= _RUN_SEGMENTS or cumulative[i + 1] - cumulative[first] >= _RUN_LENGTH_M:
            found.append((first, i + 1))
            first = i + 1
    if first < line.segment_count:
        found.append((first, line.segment_count))
    return found


def within_corridor(
    conn: sqlite3.Connection, line: RouteLine, filters: Filters, corridor_m: float
) -> list[CorridorHit]:
    """Every location passing ``filters`` within ``corridor_m`` of the line, in route order."""
    where, params = filter_sql(filters)
    join = "" if where == "1" else " JOIN locations l ON l.id = r.id"
    select = f"SELECT ?, r.id, r.latitude, r.longitude FROM location_index r{join} WHERE {_BOX}"
    if where != "1":
        select += f" AND {where}"
    boxes = runs(line)
    best: dict[int, CorridorHit] = {}
    for start in range(0, len(boxes), _BATCH):
        batch = boxes[start : start + _BATCH]
        args: list[float | int] = []
        for k, (first, last) in enumerate(batch, start):
            min_lat, max_lat, min_lng, max_lng = line.box(first, last, corridor_m)
            args.extend((k, max_lat, min_lat, max_lng, min_lng, *params))
        sql = " UNION ALL ".join([select] * len(batch))
        for k, loc_id, lat, lng in conn.execute(sql, args):
            first, last = boxes[k]
            position = line.locate(lat, lng, range(first, last))
            if position.off_m > corridor_m:
                continue
            known = best.get(loc_id)
            if known is None or position.off_m < known.position.off_m:
                best[loc_id] = CorridorHit(loc_id, lat, lng, position)
    return sorted(best.values(), key=lambda hit: (hit.position.along_m, hit.location_id))
