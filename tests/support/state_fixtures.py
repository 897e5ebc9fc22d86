"""Fixtures for code that keeps state (the store, the settings commands): a fresh database
per test, on SQLite and on PostgreSQL (see ``support/state_db.py``), and a geocoder at the
edge of the process. A folder's ``conftest.py`` imports the fixtures it uses."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.geo.place import Place, PlaceKind, Resolution, ResolutionStatus
from bot.geometry.bearing import distance_m
from bot.state.store import StateStore
from support.state_db import BACKENDS, url_for


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

    places: dict[str, list[Place]]
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
def station_places(shared_data: Path) -> dict[str, list[Place]]:
    places: dict[str, list[Place]] = {}

    def add(key: str, candidate: Place) -> None:
        places.setdefault(" ".join(key.casefold().split()), []).append(candidate)

    with open(shared_data / "places" / "union_stations.csv", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            candidate = Place(
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
            candidate = Place(
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
def resolver(station_places: dict[str, list[Place]]) -> StationResolver:
    return StationResolver(places=station_places)
