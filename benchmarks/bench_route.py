"""Benchmark search along a route: the corridor search on the 50k-station US index.

    python benchmarks/bench_route.py [--routes 20] [--rounds 5]

Prints, for 1,000 km routes drawn like a router's (a point every 200 m, 5,000 points,
meandering off the great circle) from random US stations in random directions, with the
default 2-mile corridor:

- corridor search p50 / p99 in the index (R*Tree boxes along the line, exact distance to
  the line; ``bot.opendata.corridor.within_corridor``), with the 2-mile and a 10-mile
  corridor (us-min.csv has positions only, so no filters);
- the same plus loading the locations found (``LocalProvider.along``), p50 / p99;
- placing every found location along the route (``place_along``), p50;
- a scan of every station instead (all 50k points in memory, each measured against the
  route through the same segment grid), p50 and the ratio of the medians; and the same
  with a pre-test against the route's bounding box (a strong scan), p50 and ratio.

Aim: index search p50 under 20 ms.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from aims import aim  # noqa: E402

from bot.geometry.line import RouteLine  # noqa: E402
from bot.geometry.spherical import EARTH_RADIUS_M, great_circle_m  # noqa: E402
from bot.opendata.corridor import within_corridor  # noqa: E402
from bot.opendata.importer import import_file  # noqa: E402
from bot.plugshare.filters import Filters  # noqa: E402
from bot.providers.local import LocalProvider  # noqa: E402
from bot.query import DEFAULT_CORRIDOR_M  # noqa: E402
from bot.routing.along import place_along  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "afdc" / "us-min.csv"
LENGTH_M = 1_000_000.0
STEP_M = 200.0
SEED = 15
AIM_P50_MS = 20.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def route_from(lat: float, lng: float, bearing: float, rng: random.Random) -> RouteLine:
    """A 1,000 km road-like line: a slowly turning heading with a small wiggle."""
    points = [(lat, lng)]
    heading = bearing
    steps = int(LENGTH_M / STEP_M)
    for k in range(steps):
        heading += rng.uniform(-2.0, 2.0) + 0.5 * math.sin(k / 40)
        d = STEP_M / EARTH_RADIUS_M
        h = math.radians(heading)
        lat += math.degrees(d * math.cos(h))
        lng += math.degrees(d * math.sin(h) / math.cos(math.radians(lat)))
        points.append((lat, lng))
    return RouteLine(points)


#: The I-95 corridor, the densest in the data: Portland ME to Richmond VA, about 1,050 km.
I95 = (
    (43.6591, -70.2568), (42.3601, -71.0589), (41.8240, -71.4128), (41.3083, -72.9279),
    (40.7128, -74.0060), (39.9526, -75.1652), (39.2904, -76.6122), (38.9072, -77.0369),
    (37.5407, -77.4360),
)  # fmt: skip


def i95() -> RouteLine:
    points = [I95[0]]
    for (lat1, lng1), (lat2, lng2) in itertools.pairwise(I95):
        steps = max(1, round(great_circle_m(lat1, lng1, lat2, lng2) / STEP_M))
        points += [
            (lat1 + (lat2 - lat1) * k / steps, lng1 + (lng2 - lng1) * k / steps)
            for k in range(1, steps + 1)
        ]
    return RouteLine(points)


def routes(db: Path, count: int) -> list[RouteLine]:
    rng = random.Random(SEED)
    with sqlite3.connect(db) as conn:
        stations = conn.execute(
            "SELECT latitude, longitude FROM locations"
            " WHERE latitude BETWEEN 30 AND 45 AND longitude BETWEEN -120 AND -75"
        ).fetchall()
    return [route_from(*rng.choice(stations), rng.uniform(0, 360), rng) for _ in range(count)]


def scan_all(points: list[tuple[int, float, float]], line: RouteLine, corridor: float) -> int:
    """Every station measured against the route (through its segment grid)."""
    return sum(line.near(lat, lng, corridor) is not None for _, lat, lng in points)


def scan(points: list[tuple[int, float, float]], line: RouteLine, corridor: float) -> int:
    """Every station measured: a box test against the whole route, then the segment grid."""
    lats = [p[0] for p in line.points]
    lngs = [p[1] for p in line.points]
    margin = corridor / EARTH_RADIUS_M * 180 / math.pi
    lo_lat, hi_lat = min(lats) - margin, max(lats) + margin
    lng_margin = margin / max(0.01, math.cos(math.radians(max(abs(lo_lat), abs(hi_lat)))))
    lo_lng, hi_lng = min(lngs) - lng_margin, max(lngs) + lng_margin
    found = 0
    for _, lat, lng in points:
        inside = lo_lat <= lat <= hi_lat and lo_lng <= lng <= hi_lng
        if inside and line.near(lat, lng, corridor) is not None:
            found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--routes", type=int, default=20, help="random 1,000 km routes")
    parser.add_argument("--rounds", type=int, default=5, help="searches of each route")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "us.sqlite3"
        start = time.perf_counter()
        report = import_file(DATA, db)
        took = time.perf_counter() - start
        print(f"index: {report.imported:,} US stations imported in {took:.1f} s")
        lines = routes(db, args.routes)
        print(
            f"routes: {len(lines)} × {LENGTH_M / 1000:,.0f} km, "
            f"{lines[0].segment_count + 1:,} points each; corridor {DEFAULT_CORRIDOR_M:,.0f} m"
        )
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        provider = LocalProvider(db)
        # us-min.csv has positions only (no connectors), so the filters are not exercised.
        filters = Filters()
        for label, corridor in (("2 mi", DEFAULT_CORRIDOR_M), ("10 mi", 16_093.44)):
            search_ms, load_ms, place_ms, found = [], [], [], []
            for line in lines:
                within_corridor(conn, line, filters, corridor)  # warm the cache
                for _ in range(args.rounds):
                    t0 = time.perf_counter()
                    hits = within_corridor(conn, line, filters, corridor)
                    search_ms.append((time.perf_counter() - t0) * 1000)
                found.append(len(hits))
                t0 = time.perf_counter()
                locations = provider.along(line, filters, corridor, 1000)
                load_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                place_along(line, locations, corridor)
                place_ms.append((time.perf_counter() - t0) * 1000)
            p50 = statistics.median(search_ms)
            print(
                f"corridor {label:<6} index search p50 {p50:6.2f} ms"
                f"  p99 {percentile(search_ms, 0.99):6.2f} ms;"
                f" stations found per route: median {statistics.median(found):,.0f},"
                f" max {max(found):,}"
            )
            print(
                f"{'':<16} with loading locations p50 {statistics.median(load_ms):6.2f} ms"
                f"  p99 {percentile(load_ms, 0.99):6.2f} ms;"
                f" placing them along the route p50 {statistics.median(place_ms):6.2f} ms"
            )
            if corridor == DEFAULT_CORRIDOR_M:
                aim(f"corridor search p50, {label}", p50, AIM_P50_MS, "ms", digits=2)
        dense = i95()
        dense_ms = []
        for _ in range(args.rounds * 3):
            t0 = time.perf_counter()
            dense_hits = within_corridor(conn, dense, filters, DEFAULT_CORRIDOR_M)
            dense_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        scan(rows := conn.execute("SELECT id, latitude, longitude FROM location_index").fetchall(),
             dense, DEFAULT_CORRIDOR_M)  # fmt: skip
        dense_scan = (time.perf_counter() - t0) * 1000
        print(
            f"I-95, Portland ME to Richmond VA ({dense.length_m / 1000:,.0f} km, 2 mi):"
            f" {len(dense_hits):,} stations; index search p50 {statistics.median(dense_ms):6.2f}"
            f" ms; scan with a bounding-box pre-test {dense_scan:7.2f} ms"
            f" ({dense_scan / statistics.median(dense_ms):,.1f}×)"
        )
        scan_ms, scan_all_ms = [], []
        for line in lines[: max(3, len(lines) // 4)]:
            t0 = time.perf_counter()
            found_by_scan = scan(rows, line, DEFAULT_CORRIDOR_M)
            scan_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            assert scan_all(rows, line, DEFAULT_CORRIDOR_M) == found_by_scan
            scan_all_ms.append((time.perf_counter() - t0) * 1000)
        search_any = []
        for line in lines[: len(scan_ms)]:
            t0 = time.perf_counter()
            within_corridor(conn, line, Filters(), DEFAULT_CORRIDOR_M)
            search_any.append((time.perf_counter() - t0) * 1000)
        base = statistics.median(search_any)
        print(
            f"scan measuring all {len(rows):,} stations p50 {statistics.median(scan_all_ms):7.2f}"
            f" ms: index search {statistics.median(scan_all_ms) / base:,.1f}× faster;"
            f" with a bounding-box pre-test p50 {statistics.median(scan_ms):7.2f} ms:"
            f" {statistics.median(scan_ms) / base:,.1f}× (same routes, 2 mi, any station)"
        )
        provider.close()
        conn.close()


if __name__ == "__main__":
    main()
