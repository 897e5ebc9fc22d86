"""The local index's searches, run over locations fetched from elsewhere (an API's answer).

A provider whose source evaluates only some filters (Open Charge Map) must
evaluate the rest with PlugShare's semantics, and exactly as the local index
does. Rather than a second evaluator, the answer is written into a throwaway
in-memory index and searched with the index's own code: the same facets
(:mod:`bot.opendata.facets`), the same SQL, the same geodesic distances and the
same tie order (:mod:`bot.opendata.nearby`); along a route, the same corridor
search (:mod:`bot.opendata.corridor`). A few hundred locations take a few
milliseconds (``benchmarks/bench_ocm.py`` measures it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from bot.geometry.line import RouteLine
from bot.opendata.corridor import even_spread, within_corridor
from bot.opendata.nearby import nearest
from bot.opendata.schema import create_tables
from bot.opendata.store import IndexWriter
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location


@contextmanager
def _scratch_index(
    locations: Iterable[Location],
) -> Iterator[tuple[sqlite3.Connection, dict[int, Location]]]:
    """An in-memory index holding ``locations`` (the first of each id), and them by id."""
    unique: dict[int, Location] = {}
    for location in locations:
        unique.setdefault(location.id, location)
    conn = sqlite3.connect(":memory:")
    try:
        create_tables(conn)
        IndexWriter(conn).write(list(unique.values()))
        yield conn, unique
    finally:
        conn.close()


def search_locations(
    locations: Iterable[Location],
    latitude: float,
    longitude: float,
    filters: Filters,
    radius_m: float,
    count: int,
) -> list[Location]:
    """The locations within ``radius_m`` of the point that pass ``filters``, nearest first.

    Each is a copy carrying ``distance_meters`` and ``compass_bearing``; when
    several share an id, the first wins. Caps (50 km, 500) are the index's.
    """
    with _scratch_index(locations) as (conn, unique):
        hits = nearest(conn, latitude, longitude, filters, radius_m, count) if unique else []
    return [
        unique[hit.location_id].model_copy(
            update={"distance_meters": hit.distance_m, "compass_bearing": hit.bearing}
        )
        for hit in hits
    ]


def along_locations(
    locations: Iterable[Location], line: RouteLine, filters: Filters, corridor_m: float, count: int
) -> list[Location]:
    """The locations passing ``filters`` within ``corridor_m`` of ``line``, in route order,
    at most ``count`` spread evenly along it: the index's own corridor search."""
    with _scratch_index(locations) as (conn, unique):
        hits = within_corridor(conn, line, filters, corridor_m) if unique else []
    return [unique[hit.location_id] for hit in even_spread(hits, count)]
