"""Benchmark the local station index: import time, nearby latency, and memory.

    python benchmarks/bench_index.py

Prints:
- import time of ../shared/data/afdc/us-min.csv (50,270 stations) and ny.csv into
  fresh index files;
- nearby p50 / p99 over 1,000 random US points on the 50k-station index with
  count 5 and radius 50 km, for two kinds of point: near a random station
  (within about 50 km, where people search) and uniform over the contiguous US
  box (much of it empty: ocean, desert, Canada, Mexico);
- the same searches done by a linear scan of the same data in the same run
  (all 50k points in memory, great-circle distance to each, the 5 nearest, then
  the same geodesic and loading) and the ratio of the medians;
- the resident memory of a separate process that opens the index and serves the
  searches;
- with ``--json``, also the import of an AFDC-API-shaped JSON file the size of the
  real US download (one station per us-min.csv position, with the API's
  ``ev_charging_units``), the path ``chargebot data sync afdc`` takes, with the
  importing process's peak memory.
"""

from __future__ import annotations

import heapq
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aims import aim  # noqa: E402

from bot.geometry.bearing import measure  # noqa: E402
from bot.geometry.spherical import great_circle_m  # noqa: E402
from bot.opendata.hydrate import load_locations  # noqa: E402
from bot.opendata.importer import import_file  # noqa: E402
from bot.plugshare.filters import Filters  # noqa: E402
from bot.providers.local import LocalProvider  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "afdc"
QUERIES = 1000
LINEAR_QUERIES = 200
COUNT = 5
RADIUS_M = 50_000
SEED = 4


def timed_import(path: Path, db: Path) -> float:
    start = time.perf_counter()
    report = import_file(path, db)
    elapsed = time.perf_counter() - start
    print(
        f"import {path.name:<11} {elapsed:6.2f} s   {report.imported:,} locations "
        f"({report.imported / elapsed:,.0f}/s), index file {db.stat().st_size / 1e6:.1f} MB"
    )
    return elapsed


def points(db: Path) -> dict[str, list[tuple[float, float]]]:
    rng = random.Random(SEED)
    with sqlite3.connect(db) as conn:
        stations = conn.execute("SELECT latitude, longitude FROM locations").fetchall()
    near = []
    for _ in range(QUERIES):
        lat, lng = rng.choice(stations)
        near.append((lat + rng.uniform(-0.45, 0.45), lng + rng.uniform(-0.45, 0.45)))
    box = [(rng.uniform(24.5, 49.4), rng.uniform(-124.8, -66.9)) for _ in range(QUERIES)]
    return {"near a station": near, "uniform in the US box": box}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_index(
    provider: LocalProvider, pts: list[tuple[float, float]]
) -> tuple[list[float], list[list[int]]]:
    times, answers = [], []
    for lat, lng in pts:
        start = time.perf_counter()
        found = provider.nearby(lat, lng, Filters(), RADIUS_M, COUNT)
        times.append(time.perf_counter() - start)
        answers.append([loc.id for loc in found])
    return times, answers


def time_linear(db: Path, pts: list[tuple[float, float]]) -> tuple[list[float], list[list[int]]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, latitude, longitude FROM locations").fetchall()
    times, answers = [], []
    for lat, lng in pts:
        start = time.perf_counter()
        near = heapq.nsmallest(
            COUNT * 2,
            ((great_circle_m(lat, lng, la, ln), i, la, ln) for i, la, ln in rows),
        )
        exact = sorted(
            (d, i, b)
            for _, i, la, ln in near
            for d, b in [measure(lat, lng, la, ln)]
            if d <= RADIUS_M
        )[:COUNT]
        locations = load_locations(conn, [i for _, i, _ in exact])
        times.append(time.perf_counter() - start)
        answers.append([i for _, i, _ in exact if i in locations])
    conn.close()
    return times, answers


def resident_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its peak (VmHWM), from Linux's /proc.

    Not ``ru_maxrss``: Linux carries it over from the parent across fork and exec.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: the peak


def serve(db: Path) -> None:
    """Child process: open the index, answer the searches, report memory."""
    searches = [p for pts in points(db).values() for p in pts]
    provider = LocalProvider(db)
    provider.nearby(*searches[0], Filters(), RADIUS_M, COUNT)
    before = resident_mb()
    for lat, lng in searches:
        provider.nearby(lat, lng, Filters(), RADIUS_M, COUNT)
    print(f"{before:.1f} {resident_mb():.1f}")


def write_api_json(db: Path, path: Path) -> None:
    """An AFDC API answer with a station (two Level 2 and two DC ports) at every position."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT external_id, name, latitude, longitude FROM locations")
        stations = [
            {
                "id": external, "station_name": name, "fuel_type_code": "ELEC",
                "status_code": "E", "access_code": "public", "latitude": lat, "longitude": lng,
                "street_address": "1 Main St", "city": "Springfield", "state": "NY",
                "zip": "12345", "access_days_time": "24 hours daily",
                "date_last_confirmed": "2025-04-21", "updated_at": "2025-04-21T04:16:14Z",
                "open_date": "2021-06-01", "ev_network": "ChargePoint Network",
                "ev_pricing": "$0.30 per kWh", "ev_connector_types": ["J1772", "J1772COMBO"],
                "ev_level2_evse_num": 2, "ev_dc_fast_num": 2, "facility_type": "GROCERY",
                "ev_charging_units": [
                    {"charging_level": "2", "port_count": 2,
                     "connectors": {"J1772": {"power_kw": 7.2, "port_count": 2}}},
                    {"charging_level": "dc_fast", "port_count": 2,
                     "connectors": {"J1772COMBO": {"power_kw": 150, "port_count": 2},
                                    "CHADEMO": {"power_kw": None, "port_count": 0}}},
                ],
            }
            for external, name, lat, lng in rows
        ]  # fmt: skip
    path.write_text(json.dumps({"total_results": len(stations), "fuel_stations": stations}))


def import_in_child(path: Path, db: Path) -> None:
    """Child process: import one file, report the time and the peak memory."""
    start = time.perf_counter()
    report = import_file(path, db)
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.2f} {report.imported} {resident_mb('VmHWM'):.1f}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--import":
        import_in_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        us_db, ny_db = Path(tmp) / "us.sqlite3", Path(tmp) / "ny.sqlite3"
        us_import = timed_import(DATA / "us-min.csv", us_db)
        timed_import(DATA / "ny.csv", ny_db)
        aim("index import us-min.csv (50k)", us_import, 10, "s", digits=1)
        print()
        provider = LocalProvider(us_db)
        print(f"nearby, 50k-station index, count {COUNT}, radius {RADIUS_M // 1000} km, "
              f"{QUERIES:,} points each:")  # fmt: skip
        for kind, pts in points(us_db).items():
            times, answers = time_index(provider, pts)
            p50, p99 = percentile(times, 0.5) * 1e3, percentile(times, 0.99) * 1e3
            found = sum(len(a) for a in answers) / len(pts)
            print(f"  {kind:<22} p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   "
                  f"({found:.2f} results per search)")  # fmt: skip
            subset = pts[:LINEAR_QUERIES]
            index_times, index_answers = time_index(provider, subset)
            linear_times, linear_answers = time_linear(us_db, subset)
            ratio = statistics.median(linear_times) / statistics.median(index_times)
            same = "same answers" if index_answers == linear_answers else "ANSWERS DIFFER"
            print(f"  {'':<22} linear scan on {LINEAR_QUERIES} of the points ({same}): "
                  f"p50 {statistics.median(linear_times) * 1e3:.2f} ms against the index's "
                  f"{statistics.median(index_times) * 1e3:.3f} ms: {ratio:,.0f}x")  # fmt: skip
            aim(f"index nearby p50, {kind}", p50, 2, "ms", digits=3)
            aim(f"index against a linear scan, {kind}", ratio, 50, "x", higher=True)
        provider.close()
        print()
        child = subprocess.run(
            [sys.executable, __file__, "--serve", str(us_db)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        before, after = child.stdout.split()
        print(f"resident memory of a process serving the 50k index: {before} MB after its "
              f"first search, {after} MB after {2 * QUERIES:,} searches")  # fmt: skip
        if "--json" in sys.argv:
            api_json = Path(tmp) / "afdc.json"
            write_api_json(us_db, api_json)
            child = subprocess.run(
                [sys.executable, __file__, "--import", str(api_json), str(Path(tmp) / "j.db")],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            seconds, imported, peak = child.stdout.split()
            print(f"import of an AFDC API JSON answer ({api_json.stat().st_size / 1e6:.0f} MB, "
                  f"{int(imported):,} stations, 4 ports each): {seconds} s, "
                  f"peak memory {peak} MB")  # fmt: skip


if __name__ == "__main__":
    main()
