"""Nearby search over a large synthetic index equals an exact brute-force answer.

The NY export (test_nearby_matches_brute_force.py) is real but small and lies in one
latitude band. This index is 60,000 seeded sites shaped to stress the search: dense
clusters where a first box holds hundreds of rows, hundreds of sites stacked on a few
exact points and on near-ties a few centimetres apart (where a LIMIT could cut a tie),
a sparse scatter, sites across the antimeridian and up to the poles (where ranking on
the R*Tree's node coordinates gives way to exact positions). The reference measures
every site in the query's latitude band with geographiclib, sharing no code with the
index. Both builds of the geodesic (geographiclib, and PROJ's through pyproj) are run.
"""

from __future__ import annotations

import bisect
import math
import random
import sqlite3
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic
from pyproj import Geod

from bot.geometry import geodesic
from bot.opendata.schema import open_for_write
from bot.opendata.store import IndexWriter
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import Location, Outlet, Station
from bot.providers.local import LocalProvider

GEOD = Geodesic.WGS84
SITES = 60_000
CLUSTERS = [(40.75, -73.99), (34.05, -118.24), (51.5, -0.12), (-33.87, 151.21), (64.1, -21.9)]
STACKS = [(40.7500, -73.9900), (51.5001, -0.1201)]


def site_points(rng: random.Random) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for n in range(SITES):
        kind = n % 10
        if kind < 5:  # dense clusters, a few km across
            lat, lng = rng.choice(CLUSTERS)
            lat += rng.gauss(0, 0.03)
            lng += rng.gauss(0, 0.03) / math.cos(math.radians(lat))
        elif kind == 5:  # stacked on one point, or a few centimetres off it
            lat, lng = rng.choice(STACKS)
            if rng.random() < 0.5:
                lat += rng.choice((-1, 1)) * 3e-7
        elif kind == 6:  # across the antimeridian
            lat, lng = rng.uniform(-20, 20), rng.uniform(179.0, 181.0)
        elif kind == 7:  # high latitudes, up to the poles
            lat, lng = rng.choice((-1, 1)) * rng.uniform(75, 90), rng.uniform(-180, 180)
        else:  # a sparse scatter
            lat, lng = rng.uniform(-60, 70), rng.uniform(-180, 180)
        lng = (lng + 180.0) % 360.0 - 180.0
        points.append((max(min(lat, 90.0), -90.0), lng))
    return points


def site(n: int, lat: float, lng: float, rng: random.Random) -> Location:
    connector = rng.choice((2, 13, 3))
    return Location(
        id=n,
        name=f"Site {n}",
        latitude=lat,
        longitude=lng,
        cost=rng.random() < 0.3,
        stations=[
            Station(
                id=n * 1000, location_id=n, outlets=[Outlet(id=n * 100_000, connector=connector)]
            )
        ],
    )


@pytest.fixture(scope="module", params=["inserted one by one", "packed"])
def index(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[Path, list[tuple[int, float, float]]]:
    """The index, its R*Tree built by SQLite's inserts (as sync writes) or packed in one
    pass (as a whole import does: ``bot/opendata/packed_rtree.py``)."""
    rng = random.Random(1616)
    points = site_points(rng)
    db = tmp_path_factory.mktemp("scale") / "index.sqlite3"
    conn = open_for_write(db)
    conn.execute("BEGIN")
    writer = IndexWriter(conn, points_last=request.param == "packed")
    batch = []
    for n, (lat, lng) in enumerate(points, start=1):
        batch.append(site(n, lat, lng, rng))
        if len(batch) == 2000:
            writer.write(batch)
            batch.clear()
    writer.write(batch)
    writer.finish()
    conn.execute("COMMIT")
    conn.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT rtreecheck('location_index')").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT l.id, l.latitude, l.longitude, l.has_fee, o.connector "
            "FROM locations l JOIN outlets o ON o.location_id = l.id"
        ).fetchall()
    return db, rows


class Reference:
    def __init__(self, rows: list[tuple[int, float, float, int, int]]) -> None:
        self.rows = sorted(rows, key=lambda row: row[1])
        self.lats = [row[1] for row in self.rows]

    def nearby(
        self, lat: float, lng: float, f: Filters, radius: float, count: int
    ) -> list[tuple[int, float, float]]:
        connectors = {int(d.connector) for d in f.outlets}
        band = radius / 110_000 + 0.01
        lo = bisect.bisect_left(self.lats, lat - band)
        hi = bisect.bisect_right(self.lats, lat + band)
        near = []
        p1, c1 = math.radians(lat), math.cos(math.radians(lat))
        for loc_id, la, ln, fee, connector in self.rows[lo:hi]:
            if connectors and connector not in connectors:
                continue
            if f.free_only and fee:
                continue
            # Haversine first: the geodesic is within 0.6% of it.
            p2 = math.radians(la)
            a = (
                math.sin((p2 - p1) / 2) ** 2
                + c1 * math.cos(p2) * math.sin(math.radians(ln - lng) / 2) ** 2
            )
            h = 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))
            if h <= radius * 1.01:
                near.append((h, loc_id, la, ln))
        near.sort()
        cutoff = near[count - 1][0] * 1.02 + 1 if len(near) >= count else math.inf
        found = []
        for h, loc_id, la, ln in near:
            if h > cutoff:
                break
            g = GEOD.Inverse(lat, lng, la, ln, Geodesic.DISTANCE | Geodesic.AZIMUTH)
            if g["s12"] <= radius:
                found.append((g["s12"], loc_id, 0.0 if g["s12"] == 0 else g["azi1"] % 360))
        found.sort()
        return [(loc_id, d, b) for d, loc_id, b in found[:count]]


@pytest.mark.parametrize("build", ["geographiclib", "proj"])
def test_searches_at_scale_equal_the_brute_force_answer(
    index: tuple[Path, list[tuple[int, float, float, int, int]]],
    build: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(geodesic, "_compiled", Geod(ellps="WGS84") if build == "proj" else None)
    db, rows = index
    reference = Reference(rows)
    provider = LocalProvider(db)
    rng = random.Random(61 if build == "proj" else 16)
    anchors = {
        "any": [(row[1], row[2]) for row in rows],
        "stack": STACKS,
        "antimeridian": [(row[1], row[2]) for row in rows if abs(row[2]) > 179.5],
        "polar": [(row[1], row[2]) for row in rows if abs(row[1]) > 80],
    }
    kinds_cycle = ["any", "any", "stack", "antimeridian", "polar"]
    compared = nonempty = 0
    kinds = {"stack": 0, "antimeridian": 0, "polar": 0}
    for i in range(150):
        lat, lng = rng.choice(anchors[kinds_cycle[i % len(kinds_cycle)]])
        jitter = rng.choice((0.0, 0.001, 0.02, 0.3))
        lat = max(min(lat + rng.uniform(-jitter, jitter), 90.0), -90.0)
        lng = (lng + rng.uniform(-jitter, jitter) + 180.0) % 360.0 - 180.0
        radius = rng.choice((300, 2_000, 10_000, 50_000))
        count = rng.choice((1, 5, 5, 10, 50)) if i % 40 else 500
        f = Filters()
        if rng.random() < 0.3:
            f.outlets = [OutletFilter(connector=rng.choice((2, 13, 3)))]
        if rng.random() < 0.2:
            f.free_only = True
        expected = reference.nearby(lat, lng, f, radius, count)
        got = provider.nearby(lat, lng, f, radius, count)
        context = f"query {i}: ({lat:.7f}, {lng:.7f}) r={radius} n={count} {f!r}"
        assert [loc.id for loc in got] == [e[0] for e in expected], context
        for loc, (_, distance, bearing) in zip(got, expected, strict=True):
            assert abs(loc.distance_meters - distance) <= 1e-3, context
            assert abs((loc.compass_bearing - bearing + 180) % 360 - 180) <= 1e-4, context
        compared += len(expected)
        nonempty += bool(expected)
        kinds["stack"] += any(e[1] < 1 for e in expected)
        kinds["antimeridian"] += abs(lng) > 179.0 and bool(expected)
        kinds["polar"] += abs(lat) > 80 and bool(expected)
    provider.close()
    assert nonempty > 100 and compared > 1200
    assert all(n >= 3 for n in kinds.values()), kinds
