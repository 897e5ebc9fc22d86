"""How much the state store adds to a search, a page of cards and a check-in.

    python benchmarks/bench_state.py                 # a SQLite file in a temp directory
    python benchmarks/bench_state.py --url postgresql+psycopg://postgres@/postgres?host=/tmp/pg

Seeds 1,000 users (settings and 3 saved places each), 50 channel places and 20,000
check-ins over 2,000 locations, then prints latencies (p50 / p99, ms) of what every
search pays (``search_context``), what a page of 5 cards pays (``recent_checkins``),
one ``add_checkin``, and the write throughput of several processes at once.
WARNING: with --url, the database's tables are dropped first.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bot.geo import Place
from bot.plugshare.enums import Connector
from bot.plugshare.filters import OutletFilter
from bot.search import search_context
from bot.state import StateStore, StoredPlace
from bot.state.database import create_state_engine

USERS = 1000
LOCATIONS = 2000
CHECKINS = 20_000
SAMPLES = 500


def place(i: int) -> StoredPlace:
    return StoredPlace(
        f"place {i}",
        Place(f"Place {i}", 39.0 + i % 100 / 100, -105.0 + i % 97 / 100, country_code="US"),
    )


def seed(store: StateStore) -> None:
    ccs = OutletFilter(connector=Connector.CCS)
    for u in range(USERS):
        store.set_preferences("T1", f"U{u}", connectors=[ccs], units="mi", home=place(u))
        for p in range(3):
            store.save_place("T1", f"U{u}", f"p{p}", place(u + p))
    for c in range(50):
        store.set_channel_place("T1", f"C{c}", place(c), set_by="U1")
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(CHECKINS):
        store.add_checkin(
            "T1",
            data_source="local",
            location_id=rng.randrange(LOCATIONS),
            user_id=f"U{rng.randrange(USERS)}",
            user_name="Ana",
            rating=rng.choice((1, 0, -1)),
            comment="Worked fine",
            created_at=start + timedelta(minutes=i),
        )


def timed(call: Callable[[int], object]) -> tuple[float, float]:
    times = []
    for i in range(SAMPLES):
        started = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def writer(url: str, worker: int, count: int, barrier: object) -> None:
    store = StateStore(url, timeout=30)
    store.migrate()
    barrier.wait()  # type: ignore[attr-defined]
    for i in range(count):
        store.add_checkin(
            "T2", data_source="local", location_id=i, user_id=f"U{worker}", user_name="W", rating=1
        )
    store.close()


def concurrent_writes(url: str, processes: int, each: int) -> float:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(processes + 1)
    workers = [ctx.Process(target=writer, args=(url, n, each, barrier)) for n in range(processes)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if any(worker.exitcode for worker in workers):
        sys.exit("a writer process failed")
    return processes * each / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.url or f"sqlite:///{Path(directory) / 'state.sqlite3'}"
        if args.url:
            engine = create_state_engine(url)
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            engine.dispose()
        store = StateStore(url)
        print(f"database: {store.url}")
        started = time.perf_counter()
        seed(store)
        print(
            f"seeded {USERS} users, {CHECKINS} check-ins in {time.perf_counter() - started:.1f} s"
        )

        rng = random.Random(1)

        def context(i: int) -> object:
            return search_context(store, "T1", f"U{i}", f"C{i % 50}")

        def cards(i: int) -> object:
            return store.recent_checkins("T1", "local", rng.sample(range(LOCATIONS), 5))

        def location(i: int) -> object:
            return store.list_checkins("T1", "local", i % LOCATIONS)

        def check_in(i: int) -> object:
            return store.add_checkin(
                "T1", data_source="local", location_id=i, user_id="U1", user_name="A", rating=1
            )

        def preference(i: int) -> object:
            return store.set_preferences("T1", f"U{i}", free_only=bool(i % 2))

        rows = [
            ("search_context (every search)", context),
            ("recent_checkins, 5 locations", cards),
            ("list_checkins, one location", location),
            ("add_checkin", check_in),
            ("set_preferences (one field)", preference),
        ]
        print(f"{'operation':34} {'p50 ms':>8} {'p99 ms':>8}")
        for name, call in rows:
            p50, p99 = timed(call)
            print(f"{name:34} {p50:8.2f} {p99:8.2f}")
        store.close()
        for processes in (1, 4):
            rate = concurrent_writes(url, processes, 200)
            print(f"add_checkin from {processes} process(es) at once: {rate:,.0f} writes/s")


if __name__ == "__main__":
    main()
