"""Fixtures for the state store: a fresh database per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ``CHARGEBOT_TEST_POSTGRES_URL`` names a database the tests may wipe
(``.ci/run`` starts a throwaway server and sets it); otherwise those cases are skipped.
It is read at import, before the autouse fixture clears CHARGEBOT_* variables.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.geo.bearing import distance_m
from bot.geo.place import Candidate, PlaceKind, Resolution, ResolutionStatus
from bot.state.database import create_state_engine
from bot.state.store import StateStore

POSTGRES_URL = os.environ.get("CHARGEBOT_TEST_POSTGRES_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"]


def reset_postgres(url: str) -> None:
    engine = create_state_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def url_for(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'state.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL: set CHARGEBOT_TEST_POSTGRES_URL (see README, State and privacy)")
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL to an empty database."""
    return url_for(request.param, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[StateStore]:
    state = StateStore(database_url, timeout=5.0)
    yield state
    state.close()


@dataclass
class StationResolver:
    """A geocoder at the edge of the process: real station names and coordinates from
    ../shared/data/places. "Union Station" alone names 15 far-apart places (ambiguous
    unless a bias point picks the nearest); "Denver Union Station" names one.
    """

    places: dict[str, list[Candidate]]
    available: bool = True
    calls: list[tuple[str, tuple[float, float] | None]] = field(default_factory=list)

    def resolve(self, text: str, bias: tuple[float, float] | None = None) -> Resolution:
        self.calls.append((text, bias))
        if not self.available:
            return Resolution(ResolutionStatus.UNAVAILABLE, text)
        found = self.places.get(" ".join(text.casefold().split()), [])
        if not found:
            return Resolution(ResolutionStatus.NOT_FOUND, text)
        if len(found) > 1 and bias is not None:
            found = sorted(found, key=lambda c: distance_m(*bias, c.latitude, c.longitude))[:1]
        status = ResolutionStatus.FOUND if len(found) == 1 else ResolutionStatus.AMBIGUOUS
        return Resolution(status, text, tuple(found))


@pytest.fixture(scope="session")
def station_places(shared_data: Path) -> dict[str, list[Candidate]]:
    places: dict[str, list[Candidate]] = {}

    def add(key: str, candidate: Candidate) -> None:
        places.setdefault(" ".join(key.casefold().split()), []).append(candidate)

    with open(shared_data / "places" / "union_stations.csv", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            candidate = Candidate(
                name=f"{row['name']}, {row['city']}, {row['state']}, USA",
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                kind=PlaceKind.ADDRESS,
                source="stations",
                country_code="US",
            )
            add(row["name"], candidate)
            add("Union Station", candidate)
            add(f"Union Station, {row['city']}", candidate)
    with open(shared_data / "places" / "amtrak_stations.csv", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            if not (row["X"] and row["Y"]):
                continue
            candidate = Candidate(
                name=f"{row['STNNAME']} Amtrak station, USA",
                latitude=float(row["Y"]),
                longitude=float(row["X"]),
                kind=PlaceKind.ADDRESS,
                source="stations",
                country_code="US",
            )
            add(f"{row['CITY2']} station", candidate)
    return places


@pytest.fixture
def resolver(station_places: dict[str, list[Candidate]]) -> StationResolver:
    return StationResolver(places=station_places)
