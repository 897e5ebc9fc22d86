"""The local index's search, run over locations fetched from elsewhere (an API's answer).

A provider whose source evaluates only some filters (Open Charge Map) must
evaluate the rest with PlugShare's semantics, and exactly as the local index
does. Rather than a second evaluator, the answer is written into a throwaway
in-memory index and searched with the index's own code: the same facets
(:mod:`bot.opendata.facets`), the same SQL, the same geodesic distances and the
same tie order (:mod:`bot.opendata.nearby`). A few hundred locations take a few
milliseconds (``benchmarks/bench_ocm.py`` measures it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from bot.opendata.nearby import nearest
from bot.opendata.schema import create_tables
from bot.opendata.store import IndexWriter
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location


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
    unique: dict[int, Location] = {}
    for location in locations:
        unique.setdefault(location.id, location)
    if not unique:
        return []
    conn = sqlite3.connect(":memory:")
    try:
        create_tables(conn)
        IndexWriter(conn).write(list(unique.values()))
        hits = nearest(conn, latitude, longitude, filters, radius_m, count)
    finally:
        conn.close()
    return [
        unique[hit.location_id].model_copy(
            update={"distance_meters": hit.distance_m, "compass_bearing": hit.bearing}
        )
        for hit in hits
    ]
