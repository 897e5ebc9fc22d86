"""The R*Tree a whole import packs in one pass (``bot/opendata/packed_rtree.py``) is the
tree SQLite would hold: the same rows and 32-bit boxes as SQLite's own inserts,
accepted by ``rtreecheck()``, answering box queries exactly, and still an ordinary
R*Tree that later inserts and deletes (sync) keep correct."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from bot.opendata import packed_rtree
from bot.opendata.schema import open_for_write
from bot.opendata.store import REBUILD_SHARE, IndexWriter
from bot.plugshare.models import Location, Station

INDEX_ROWS = "SELECT * FROM location_index ORDER BY id"


def sites(count: int, seed: int, first_id: int = 1) -> list[Location]:
    rng = random.Random(seed)
    awkward = [(0.0, 0.0), (90.0, 180.0), (-90.0, -180.0), (1e-9, -1e-9), (0.1, -0.1),
               (40.75, -73.99), (40.75, -73.99)]  # fmt: skip
    out = []
    for n in range(count):
        if n < len(awkward):
            lat, lng = awkward[n]
        else:
            lat, lng = rng.uniform(-90, 90), rng.uniform(-180, 180)
        loc_id = first_id + n
        out.append(
            Location(
                id=loc_id,
                name=f"Site {loc_id}",
                latitude=lat,
                longitude=lng,
                stations=[Station(id=loc_id * 1000, location_id=loc_id)],
            )
        )
    return out


def build(path: Path, locations: list[Location], *, packed: bool) -> sqlite3.Connection:
    conn = open_for_write(path)
    conn.execute("BEGIN")
    writer = IndexWriter(conn, points_last=packed)
    writer.write(locations)
    writer.finish()
    conn.execute("COMMIT")
    return conn


def check(conn: sqlite3.Connection) -> None:
    assert conn.execute("SELECT rtreecheck('location_index')").fetchone() == ("ok",)
    in_tree = {row[0] for row in conn.execute("SELECT id FROM location_index")}
    assert in_tree == {row[0] for row in conn.execute("SELECT id FROM locations")}


def box_answers_match(conn: sqlite3.Connection, rng: random.Random) -> None:
    rows = conn.execute("SELECT id, min_lat, max_lat, min_lng, max_lng FROM location_index")
    points = rows.fetchall()
    for _ in range(50):
        lat, lng = rng.uniform(-90, 90), rng.uniform(-180, 180)
        size = rng.choice((0.01, 1.0, 20.0))
        box = (lat - size, lat + size, lng - size, lng + size)
        found = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM location_index WHERE max_lat >= ? AND min_lat <= ? "
                "AND max_lng >= ? AND min_lng <= ?",
                box,
            )
        }
        low_lat, high_lat, low_lng, high_lng = box
        expected = {
            i
            for i, a, b, c, d in points
            if b >= low_lat and a <= high_lat and d >= low_lng and c <= high_lng
        }
        assert found == expected


@pytest.mark.parametrize("count", [0, 1, 51, 52, 2602, 9000])
def test_the_packed_tree_holds_what_sqlites_inserts_hold(tmp_path: Path, count: int) -> None:
    """Sizes around the node capacity (51 cells): an empty root, a root that is the only
    leaf, the first split, and trees two and three levels deep."""
    locations = sites(count, seed=count)
    inserted = build(tmp_path / "inserted.sqlite3", locations, packed=False)
    packed = build(tmp_path / "packed.sqlite3", locations, packed=True)
    try:
        check(packed)
        assert packed.execute(INDEX_ROWS).fetchall() == inserted.execute(INDEX_ROWS).fetchall()
        box_answers_match(packed, random.Random(count))
        nodes = packed.execute("SELECT count(*) FROM location_index_node").fetchone()[0]
        assert nodes <= inserted.execute("SELECT count(*) FROM location_index_node").fetchone()[0]
    finally:
        inserted.close()
        packed.close()


def test_sqlite_keeps_a_packed_tree_correct_through_inserts_and_deletes(tmp_path: Path) -> None:
    conn = build(tmp_path / "index.sqlite3", sites(3000, seed=3), packed=True)
    try:
        conn.execute("BEGIN")
        writer = IndexWriter(conn)  # as sync writes: SQLite's own inserts and deletes
        writer.write(sites(700, seed=4, first_id=10_001))
        writer.remove(range(1, 3000, 3))
        conn.execute("COMMIT")
        check(conn)
        box_answers_match(conn, random.Random(5))
    finally:
        conn.close()


@pytest.mark.parametrize("brought", [100, 1500], ids=["a few: inserted", "many: rebuilt"])
def test_a_whole_import_into_a_filled_index_replaces_the_points_it_brings(
    tmp_path: Path, brought: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below :data:`REBUILD_SHARE` of the points already indexed, the points held back
    are inserted (replaced ones first deleted); at or above it, the tree is rebuilt."""
    rebuilt = []
    real = packed_rtree.rebuild
    monkeypatch.setattr(
        "bot.opendata.store.rebuild_rtree", lambda conn: rebuilt.append(1) or real(conn)
    )
    conn = build(tmp_path / "index.sqlite3", sites(2000, seed=6), packed=True)
    assert rebuilt == [1]
    try:
        moved = sites(brought, seed=7, first_id=1500)  # ids 1500.. replace, the rest are new
        conn.execute("BEGIN")
        writer = IndexWriter(conn, points_last=True)
        writer.write(moved, [loc.id for loc in moved if loc.id <= 2000])
        writer.finish()
        conn.execute("COMMIT")
        assert len(rebuilt) == (2 if brought >= REBUILD_SHARE * 2000 else 1)
        check(conn)
        where = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, latitude, longitude FROM location_index")
        }
        assert all(where[loc.id] == (loc.latitude, loc.longitude) for loc in moved)
        box_answers_match(conn, random.Random(8))
    finally:
        conn.close()


def test_a_rebuild_leaves_out_locations_shown_as_another_sources_site(tmp_path: Path) -> None:
    """An OCM location linked to an AFDC site (``bot/opendata/sites.py``) is not searchable:
    a rebuild keeps its point out of the tree, as the merge pass does."""
    conn = build(tmp_path / "index.sqlite3", sites(300, seed=9), packed=True)
    try:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO site_links (location_id, site_id, distance_m) VALUES (?, ?, 1.0)",
            [(7, 8), (100, 101)],
        )
        packed_rtree.rebuild(conn)
        conn.execute("COMMIT")
        assert conn.execute("SELECT rtreecheck('location_index')").fetchone() == ("ok",)
        in_tree = {row[0] for row in conn.execute("SELECT id FROM location_index")}
        assert in_tree == set(range(1, 301)) - {7, 100}
    finally:
        conn.close()
