"""Rows every instance shares: Slack event claims (dedupe) and geocode answers (cache),
on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bot.geo.match import Match
from bot.geo.place import Place, PlaceKind
from bot.state import models, shared_rows
from bot.state.database import utc_now
from bot.state.geocode_cache import StateGeocodeCache
from bot.state.store import StateStore


def test_an_event_is_claimed_once_per_workspace(store: StateStore) -> None:
    assert store.claim_event("T1", "Ev1", 3600) is True
    assert store.claim_event("T1", "Ev1", 3600) is False
    assert store.claim_event("T2", "Ev1", 3600) is True  # another workspace's event


def test_of_many_threads_claiming_one_event_exactly_one_wins(store: StateStore) -> None:
    store.migrate()
    barrier = threading.Barrier(8)
    wins: list[bool] = []

    def claim() -> None:
        barrier.wait()
        wins.append(store.claim_event("T1", "EvRace", 3600))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 7 + [True]


def test_an_expired_claim_is_taken_over_and_expired_rows_are_cleaned(
    store: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store.claim_event("T1", "EvOld", 3600)
    assert store.claim_event("T1", "EvGone", 3600)
    with store._session(write=True) as session:
        session.execute(
            update(models.SlackEvent).values(expires_at=utc_now() - timedelta(minutes=1))
        )
    assert store.claim_event("T1", "EvOld", 3600) is True  # taken over, once
    assert store.claim_event("T1", "EvOld", 3600) is False
    monkeypatch.setattr(shared_rows, "_events_sweeper", shared_rows._Sweeper())
    store.claim_event("T1", "EvNew", 3600)  # a sweep is due: the expired row goes
    with store._session(write=False) as session:
        left = session.scalars(select(models.SlackEvent.event_id)).all()
        assert sorted(left) == ["EvNew", "EvOld"]
        assert session.scalar(select(func.count()).select_from(models.SlackEvent)) == 2


def _match(name: str) -> Match:
    return Match(
        Place(name=name, latitude=40.75, longitude=-73.99, kind=PlaceKind.ADDRESS, source="t"),
        importance=0.5,
    )


def test_geocode_answers_are_kept_in_the_state_database(store: StateStore) -> None:
    clock = [1_000_000.0]
    cache = StateGeocodeCache(store, clock=lambda: clock[0])
    assert cache.get("nominatim|-|penn station") is None
    cache.put("nominatim|-|penn station", [_match("Penn Station")])
    cache.put("nominatim|-|nowhere", [])
    # Another instance, another store object, same database: it sees both answers.
    other = StateGeocodeCache(StateStore(store._url), clock=lambda: clock[0])
    found = other.get("nominatim|-|penn station")
    assert found is not None and found.fresh
    assert [m.candidate.name for m in found.matches] == ["Penn Station"]
    missing = other.get("nominatim|-|nowhere")
    assert missing is not None and missing.matches == () and missing.fresh
    clock[0] += 2 * 24 * 3600  # "not found" is fresh a day, a found place a month
    assert other.get("nominatim|-|nowhere").fresh is False  # type: ignore[union-attr]
    assert other.get("nominatim|-|penn station").fresh is True  # type: ignore[union-attr]


def test_a_geocode_cache_whose_database_is_down_is_a_miss_not_a_failure() -> None:
    cache = StateGeocodeCache(StateStore("postgresql+psycopg://u@127.0.0.1:9/x", timeout=1))
    assert cache.get("anything") is None
    cache.put("anything", [_match("Somewhere")])  # logged, not raised
