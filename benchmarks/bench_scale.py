"""The local index at world scale: import and nearby search over 1M (or 3M) stations.

    python benchmarks/bench_scale.py            # 1M stations (a few minutes)
    python benchmarks/bench_scale.py --full     # 1M and 3M (about ten minutes more)
    python benchmarks/bench_scale.py --sizes 200000

Needs the ``bench`` extra (``pip install -e '.[bench]'``) for the reference.

For each size: a seeded synthetic file shaped like ``us-min.csv``
(:mod:`synthetic`: half around real AFDC stations, half around US cities) is written
to a temporary folder and imported by ``chargebot data import``'s code in a child
process, which reports the time, rows/s and its peak resident memory (VmHWM). Then
1,000 searches near sites, no filters, radius 50 km, for 5 and for 50 results,
through ``LocalProvider.nearby`` with PROJ's geodesic on (as ``chargebot serve``
runs), each returning built models: p50 and p99 wall time, and of the thread's CPU
time (on a shared machine, wall time includes time the process was waiting for a core).

Beside each, the physical-limit reference: the same searches on a
``scipy.spatial.cKDTree`` of the sites' unit vectors in the same process (ids only,
no models, no filters, no geodesic), and the ratio.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from aims import aim, rss_mb  # noqa: E402
from synthetic import query_points, write_stations  # noqa: E402

QUERIES = 1000
RADIUS_M = 50_000
AIMS_US = {5: (200.0, 1_000.0), 50: (None, 5_000.0)}  # count: (p50, p99) in µs


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def import_child(source: Path, db: Path) -> None:
    """Child process: import, print seconds, rows and peak MB."""
    from bot.opendata.importer import import_file

    start, start_cpu = time.perf_counter(), time.process_time()
    report = import_file(source, db)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(f"{wall:.3f} {cpu:.1f} {report.imported} {rss_mb():.1f}")


def search_points(db: Path) -> list[tuple[float, float]]:
    rng = random.Random(7)
    with sqlite3.connect(db) as conn:
        top = conn.execute("SELECT max(id) FROM locations").fetchone()[0]
        picks = [rng.randint(1, top) for _ in range(QUERIES * 2)]
        marks = ", ".join("?" for _ in picks)
        sites = conn.execute(
            f"SELECT latitude, longitude FROM locations WHERE id IN ({marks})", picks
        ).fetchall()
    return query_points(sites, QUERIES)


def time_index(db: Path, points: list[tuple[float, float]], count: int) -> dict[str, float]:
    from bot.geometry.geodesic import use_compiled
    from bot.plugshare.filters import Filters
    from bot.providers.local import LocalProvider

    use_compiled()
    provider = LocalProvider(db)
    filters = Filters()
    for lat, lng in points[:100]:  # warm: page cache, statement cache
        provider.nearby(lat, lng, filters, RADIUS_M, count)
    wall, cpu = [], []
    found = 0
    for lat, lng in points:
        start, start_cpu = time.perf_counter(), time.thread_time()
        found += len(provider.nearby(lat, lng, filters, RADIUS_M, count))
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    provider.close()
    return {
        "p50": percentile(wall, 0.5) * 1e6,
        "p99": percentile(wall, 0.99) * 1e6,
        "cpu_p50": percentile(cpu, 0.5) * 1e6,
        "cpu_p99": percentile(cpu, 0.99) * 1e6,
        "found": found / len(points),
    }


def time_kdtree(db: Path, points: list[tuple[float, float]], count: int) -> dict[str, float]:
    import numpy as np
    from scipy.spatial import cKDTree

    with sqlite3.connect(db) as conn:
        coords = np.array(conn.execute("SELECT latitude, longitude FROM locations").fetchall())
    lat, lng = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    tree = cKDTree(np.column_stack((np.cos(lat) * np.cos(lng), np.cos(lat) * np.sin(lng),
                                    np.sin(lat))))  # fmt: skip
    queries = []
    for q_lat, q_lng in points:
        p, lam = np.radians(q_lat), np.radians(q_lng)
        queries.append(np.array((np.cos(p) * np.cos(lam), np.cos(p) * np.sin(lam), np.sin(p))))
    chord = 2 * np.sin(RADIUS_M / 6_371_008.8 / 2)
    for q in queries[:100]:
        tree.query(q, count, distance_upper_bound=chord)
    wall = []
    for q in queries:
        start = time.perf_counter()
        tree.query(q, count, distance_upper_bound=chord)
        wall.append(time.perf_counter() - start)
    return {"p50": percentile(wall, 0.5) * 1e6, "p99": percentile(wall, 0.99) * 1e6}


def bench_size(size: int, tmp: Path, import_aim_s: float | None) -> None:
    label = f"{size / 1e6:g}M" if size >= 1_000_000 else f"{size:,}"
    source = write_stations(tmp / f"stations-{size}.csv", size)
    db = tmp / f"index-{size}.sqlite3"
    child = subprocess.run(
        [sys.executable, __file__, "--import-child", str(source), str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, cpu, imported, peak = child.stdout.split()
    seconds_f, peak_f = float(seconds), float(peak)
    print(f"\n{label} stations ({source.stat().st_size / 1e6:.0f} MB CSV):")
    print(f"  import {seconds_f:.1f} s ({cpu} s CPU), {int(imported) / seconds_f:,.0f} rows/s, "
          f"peak {peak_f:.0f} MB, index file {db.stat().st_size / 1e6:.0f} MB")  # fmt: skip
    if import_aim_s is not None:
        aim(f"import {label}", seconds_f, import_aim_s, "s", digits=1)
    aim(f"import {label} peak memory", peak_f, 120, "MB")
    source.unlink()
    points = search_points(db)
    for count in (5, 50):
        index = time_index(db, points, count)
        tree = time_kdtree(db, points, count)
        print(f"  nearby {count:>2} results: p50 {index['p50']:7.0f} µs  p99 {index['p99']:7.0f} µs"
              f"  (CPU p50 {index['cpu_p50']:.0f} p99 {index['cpu_p99']:.0f} µs; "
              f"{index['found']:.1f} found)   KD-tree "
              f"p50 {tree['p50']:.0f} µs p99 {tree['p99']:.0f} µs: "
              f"{index['p50'] / tree['p50']:.1f}x / {index['p99'] / tree['p99']:.1f}x")  # fmt: skip
        p50_aim, p99_aim = AIMS_US[count]
        if p50_aim is not None:
            aim(f"nearby {count} results p50, {label}", index["p50"], p50_aim, "µs")
        if count == 5 or size >= 3_000_000:
            aim(f"nearby {count} results p99, {label}", index["p99"], p99_aim, "µs")
    db.unlink()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--import-child":
        import_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 3M stations")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes to run instead")
    args = parser.parse_args()
    sizes = args.sizes or ([1_000_000, 3_000_000] if args.full else [1_000_000])
    import_aims = {1_000_000: 30.0, 3_000_000: 100.0}
    print(f"Percentiles over {QUERIES:,} searches each. On a shared machine they are noisy:")
    print("run it more than once and compare.")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for size in sizes:
            bench_size(size, Path(tmp), import_aims.get(size))


if __name__ == "__main__":
    main()
