"""Several worker processes writing at once lose nothing (SQLite file and PostgreSQL).

Workers are forked, as a pre-forking server (gunicorn) starts them: each opens its own
connections after the fork. They migrate the empty database at the same moment, then
all write at once: check-ins, and each one preference of the same user.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from bot.geo import Place
from bot.plugshare.enums import Connector
from bot.plugshare.filters import OutletFilter
from bot.state import StateStore, StoredPlace

PROCESSES = 4
WRITES = 20
PLACE_NAMES = 5
SHARED_USER = "USHARED"
CONNECTORS = [OutletFilter(connector=c) for c in (Connector.CCS, Connector.J1772)]


def final_home(worker: int) -> StoredPlace:
    return StoredPlace(
        f"home {worker}",
        Place(f"Home {worker}", 40.0 + worker, -105.0 + worker, country_code="US"),
    )


def write(url: str, worker: int, barrier: Any) -> None:
    store = StateStore(url, timeout=30)
    barrier.wait(timeout=60)
    store.migrate()
    barrier.wait(timeout=60)
    for i in range(WRITES):
        store.add_checkin(
            "T1",
            data_source="local",
            location_id=42,
            user_id=f"U{worker}",
            user_name=f"Worker {worker}",
            rating=1,
            comment=f"{worker}-{i}",
        )
        last = i == WRITES - 1
        # Each worker owns one preference of the same user; none may undo another's.
        if worker % 4 == 0:
            store.set_preferences("T1", SHARED_USER, units="km" if last else "mi")
        elif worker % 4 == 1:
            connectors = CONNECTORS if last else CONNECTORS[i % 2 : i % 2 + 1]
            store.set_preferences("T1", SHARED_USER, connectors=connectors)
        elif worker % 4 == 2:
            store.set_preferences("T1", SHARED_USER, free_only=last or i % 2 == 0)
        else:
            store.set_preferences("T1", SHARED_USER, home=final_home(worker) if last else None)
        store.save_place("T1", SHARED_USER, f"w{worker}-{i % PLACE_NAMES}", final_home(worker))
    store.close()


def test_concurrent_processes_lose_no_writes(database_url: str) -> None:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    processes = [
        ctx.Process(target=write, args=(database_url, n, barrier)) for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * PROCESSES

    store = StateStore(database_url)
    checkins = store.list_checkins("T1", "local", 42)
    assert len(checkins) == PROCESSES * WRITES
    assert len({c.id for c in checkins}) == len(checkins)
    assert {c.comment for c in checkins} == {
        f"{n}-{i}" for n in range(PROCESSES) for i in range(WRITES)
    }
    times = [c.created_at for c in checkins]
    assert times == sorted(times, reverse=True)

    prefs = store.get_preferences("T1", SHARED_USER)
    assert prefs.units == "km"
    assert prefs.connectors == tuple(CONNECTORS[::-1])  # canonical order: J1772 (2), CCS (13)
    assert prefs.free_only is True
    assert prefs.home == final_home(3)

    names = {p.name for p in store.list_places("T1", SHARED_USER)}
    assert names == {f"w{n}-{i}" for n in range(PROCESSES) for i in range(PLACE_NAMES)}


def _child_writes(store: StateStore) -> None:
    store.after_fork()  # the parent's connections stay the parent's
    store.add_checkin(
        "T1", data_source="local", location_id=7, user_id="UCHILD", user_name="C", rating=0
    )


def test_a_store_used_before_fork_works_in_the_child_and_the_parent(database_url: str) -> None:
    store = StateStore(database_url)
    store.add_checkin(
        "T1", data_source="local", location_id=7, user_id="UPARENT", user_name="P", rating=1
    )
    child = multiprocessing.get_context("fork").Process(target=_child_writes, args=(store,))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    # The parent's pooled connection still works after the child exited.
    store.add_checkin(
        "T1", data_source="local", location_id=7, user_id="UPARENT", user_name="P", rating=1
    )
    assert [c.user_id for c in store.list_checkins("T1", "local", 7)] == [
        "UPARENT",
        "UCHILD",
        "UPARENT",
    ]
