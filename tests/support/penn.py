"""Doubles at the process edge for Slack tests and benchmarks: a data source holding
the real AFDC stations nearest New York Penn Station, and a fixed geocoder."""

from __future__ import annotations

import csv
import math
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.geo.place import Place, PlaceKind, Resolution, ResolutionStatus
from bot.plugshare.enums import Connector, ReviewRating, StationCost
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location, Outlet, Review, Station, User
from bot.providers.base import LocationNotFound

#: New York Penn Station, the place every fixed search is about.
PENN = Place(
    name="Penn Station, New York, NY, USA",
    latitude=40.7506,
    longitude=-73.9935,
    kind=PlaceKind.ADDRESS,
    source="test",
    country_code="US",
)
SPRINGFIELDS = (
    Place("Springfield, IL, USA", 39.7817, -89.6501, PlaceKind.CITY, "test", "US"),
    Place("Springfield, MA, USA", 42.1015, -72.5898, PlaceKind.CITY, "test", "US"),
)
#: A check-in comment written to try to ping everyone and break formatting.
HOSTILE_COMMENT = "<!channel> *free* power here <@U0BOSS> & more"

_CONNECTORS = {"J1772": Connector.J1772, "J1772COMBO": Connector.CCS, "CHADEMO": Connector.CHADEMO}


def _distance_and_bearing(lat: float, lng: float) -> tuple[float, float]:
    phi1, phi2 = math.radians(PENN.latitude), math.radians(lat)
    dphi, dlmb = phi2 - phi1, math.radians(lng - PENN.longitude)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    distance = 2 * 6_371_008.8 * math.asin(math.sqrt(a))
    y = math.sin(dlmb) * math.cos(phi2)
    x = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlmb)
    return distance, (math.degrees(math.atan2(y, x)) + 360) % 360


def load_penn_locations(shared_data: Path, limit: int = 40) -> list[Location]:
    """The AFDC electric stations nearest Penn Station, in PlugShare's schema."""
    rows = []
    with (shared_data / "afdc" / "ny.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Fuel Type Code"] != "ELEC" or not row["Latitude"]:
                continue
            lat, lng = float(row["Latitude"]), float(row["Longitude"])
            distance, bearing = _distance_and_bearing(lat, lng)
            if distance < 5_000:
                rows.append((distance, bearing, row))
    rows.sort(key=lambda item: item[0])
    locations = []
    for distance, bearing, row in rows[:limit]:
        outlets = [
            Outlet(connector=_CONNECTORS[name])
            for name in row["EV Connector Types"].split()
            if name in _CONNECTORS
        ] or [Outlet(connector=Connector.J1772)]
        free = "free" in row["EV Pricing"].lower()
        locations.append(
            Location(
                id=int(row["ID"]),
                name=row["Station Name"],
                latitude=float(row["Latitude"]),
                longitude=float(row["Longitude"]),
                address=f"{row['Street Address']}, {row['City']}, {row['State']}",
                stations=[
                    Station(
                        outlets=outlets,
                        cost=StationCost.FREE if free else StationCost.UNKNOWN,
                    )
                ],
                cost=not free,
                distance_meters=distance,
                compass_bearing=bearing,
            )
        )
    return locations


def checkins() -> list[Review]:
    now = datetime.now(UTC)
    return [
        Review(
            id=1,
            rating=ReviewRating.POSITIVE,
            created_at=now - timedelta(hours=2),
            comment="Charged fine at 7 kW",
            user=User(first_name="Ana"),
        ),
        Review(
            id=2,
            rating=ReviewRating.PROBLEM,
            created_at=now - timedelta(days=3),
            comment=HOSTILE_COMMENT,
            user=User(first_name="Eve"),
        ),
    ]


class FixedProvider:
    """A data source at the process edge: real AFDC rows near Penn Station, held in memory.

    It keeps the locations within the radius that pass the connector and free-only
    filters, nearest first (the other filters are the real providers' business).

    ``delay`` makes every search take that long (the slow-source tests and the
    benchmark); ``events`` records when searches start and finish, in order.
    """

    name = "local"
    attribution = "Station data: US DOE Alternative Fuels Data Center (AFDC), public domain"
    live_availability = False
    has_checkins = True
    power_ratings = False

    def __init__(self, locations: list[Location], delay: float = 0.0) -> None:
        # The nearest few carry check-ins, one of them hostile, as PlugShare's would.
        self.locations = [
            location.model_copy(update={"reviews": checkins()}) if index < 3 else location
            for index, location in enumerate(locations)
        ]
        self.delay = delay
        self.calls: list[dict[str, Any]] = []
        self.events: list[str] = []
        self.lock = threading.Lock()
        self.finished = threading.Event()

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        with self.lock:
            self.calls.append({"filters": filters, "radius_m": radius_m, "count": count})
            self.events.append("search started")
        if self.delay:
            time.sleep(self.delay)
        found = [
            location
            for location in self.locations
            if (location.distance_meters or 0) <= radius_m
            and (not filters.free_only or not location.cost)
            and (
                not filters.outlets
                or any(
                    wanted.matches(int(outlet.connector), outlet.power)
                    for wanted in filters.outlets
                    for outlet in location.outlets
                )
            )
        ]
        with self.lock:
            self.events.append("search finished")
        self.finished.set()
        return found[:count]

    def location(self, location_id: int) -> Location:
        for location in self.locations:
            if location.id == location_id:
                return location.model_copy(update={"reviews": checkins()})
        raise LocationNotFound(str(location_id))

    def close(self) -> None:
        pass


class FixedResolver:
    """A geocoder at the process edge: "Springfield" is ambiguous, "Atlantis" unknown,
    every other place is Penn Station."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def resolve(self, text: str, bias: tuple[float, float] | None = None) -> Resolution:
        self.queries.append(text)
        lowered = text.lower()
        if "springfield" in lowered:
            return Resolution(ResolutionStatus.AMBIGUOUS, text, SPRINGFIELDS)
        if "atlantis" in lowered:
            return Resolution(ResolutionStatus.NOT_FOUND, text)
        return Resolution(ResolutionStatus.FOUND, text, (PENN,))
