"""Locations read back from the index equal what the models' validation builds.

The index rebuilds models without validation (``model_construct``'s shortcut, for
speed); these tests catch any difference in values or types, including a change in
pydantic's internals that the shortcut relies on.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from support.plugshare_payloads import all_locations
from support.validated import assert_as_validated

from bot.opendata.hydrate import load_locations
from bot.opendata.importer import import_file
from bot.opendata.index import StationIndex
from bot.plugshare.filters import Filters


def test_every_ny_location_reads_back_as_validation_builds_it(ny_index: Path) -> None:
    conn = sqlite3.connect(ny_index)
    ids = [row[0] for row in conn.execute("SELECT id FROM locations ORDER BY id")]
    found = {}
    for start in range(0, len(ids), 500):
        found.update(load_locations(conn, ids[start : start + 500]))
    conn.close()
    assert sorted(found) == ids and len(ids) == 4736
    with_dates = with_networks = with_amenities = 0
    for location in found.values():
        assert_as_validated(location)
        with_dates += location.updated_at is not None
        with_networks += any(s.network is not None for s in location.stations)
        with_amenities += bool(location.amenities)
    assert with_dates > 4000 and with_networks > 3000 and with_amenities > 100


def test_plugshare_locations_read_back_as_validation_builds_them(tmp_path: Path) -> None:
    payloads = all_locations()
    # An enum id newer than the code stays a plain int, as validation keeps it.
    payloads[0]["stations"][0]["outlets"][0]["connector"] = 99
    payloads[0]["access"] = 7
    source = tmp_path / "plugshare.json"
    source.write_text(json.dumps(payloads))
    db = tmp_path / "index.sqlite3"
    report = import_file(source, db)
    imported = len(payloads) - 1  # one is disabled (enabled: false), as on PlugShare
    assert report.imported == imported
    conn = sqlite3.connect(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM locations")]
    found = load_locations(conn, ids)
    conn.close()
    assert len(found) == imported
    for location in found.values():
        assert_as_validated(location)
    connectors = {o.connector for loc in found.values() for o in loc.outlets}
    assert 99 in connectors and any(type(c) is int for c in connectors)
    assert 7 in {loc.access for loc in found.values()}


def test_ids_in_any_order_repeated_or_missing(ny_index: Path) -> None:
    conn = sqlite3.connect(ny_index)
    ids = [row[0] for row in conn.execute("SELECT id FROM locations ORDER BY id DESC LIMIT 7")]
    stations = dict(conn.execute("SELECT location_id, count(*) FROM stations GROUP BY location_id"))
    found = load_locations(conn, [*ids, ids[0], 999_999_999])
    conn.close()
    assert sorted(found) == sorted(ids)
    for location_id, location in found.items():
        assert location.id == location_id
        assert len(location.stations) == stations[location_id]
        assert all(s.location_id == location_id for s in location.stations)


def test_searched_locations_carry_distance_and_bearing_as_validation_would(
    ny_index: Path,
) -> None:
    index = StationIndex(ny_index)
    try:
        found = index.nearby(40.7506, -73.9935, Filters(), 3_000, 40)
    finally:
        index.close()
    assert len(found) == 40
    distances = [location.distance_meters for location in found]
    assert distances == sorted(distances) and all(d is not None for d in distances)
    for location in found:
        assert {"distance_meters", "compass_bearing"} <= location.model_fields_set
        assert 0 <= location.compass_bearing < 360
        assert_as_validated(location)
