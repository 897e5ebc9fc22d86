"""Realistic answers for renderer and Slack tests, built from real data.

AFDC rows from ../shared/data/afdc/ny.csv are mapped into the PlugShare schema by
the open-data importer itself; PlugShare-shaped locations are built from API-shaped
JSON with reviews, photos, live status and power, as the single-location endpoint
sends them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.geo.place import Place, PlaceKind
from bot.opendata.afdc_csv import DecodeLog, read_csv
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.search import Answer, Outcome, SearchRequest

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)

PENN_STATION = Place(
    name="Penn Station, New York, NY, USA",
    latitude=40.7506,
    longitude=-73.9935,
    kind=PlaceKind.ADDRESS,
    source="test",
    country_code="US",
)
UNION_STATION_LA = Place(
    name="Union Station, Los Angeles, CA, USA",
    latitude=34.0562,
    longitude=-118.2365,
    kind=PlaceKind.ADDRESS,
    source="test",
    country_code="US",
)

#: Near Penn Station: Tesla Destination garages (free, Level 2) and ChargePoint DC fast.
PENN_IDS = (358788, 115009, 313682, 313672, 358813)


def plugshare_payload() -> dict[str, Any]:
    """A location as PlugShare's single-location endpoint sends it (shape from the API doc)."""
    return {
        "id": 212345,
        "name": "Union Station — Patsaouras Plaza Garage",
        "latitude": 34.0556,
        "longitude": -118.2335,
        "address": "801 N Vignes St, Los Angeles, CA 90012",
        "description": "<p>Level P2, near the <b>bus plaza</b> elevators.</p>",
        "access": 1,
        "cost": True,
        "cost_description": "$0.48/kWh; idle fee after 10 min",
        "score": 8.7,
        "url": "",
        "open247": True,
        "network": "",
        "stations": [
            {
                "id": 1,
                "network": {"id": 47, "name": "Electrify America"},
                "network_id": 47,
                "cost": 2,
                "available": 1,
                "outlets": [
                    {"connector": 13, "kilowatts": 150},
                    {"connector": 3, "kilowatts": 50},
                ],
            },
            {
                "id": 2,
                "network": {"id": 47, "name": "Electrify America"},
                "cost": 2,
                "available": 2,
                "outlets": [{"connector": 13, "kilowatts": 350}],
            },
            {
                "id": 3,
                "network": {"id": 1, "name": "ChargePoint"},
                "cost": 2,
                "available": 1,
                "outlets": [{"connector": 2, "kilowatts": "6.6"}],
            },
            {
                "id": 4,
                "network": {"id": 1, "name": "ChargePoint"},
                "cost": 2,
                "available": 3,
                "outlets": [{"connector": 2, "kilowatts": 6.6}],
            },
        ],
        "reviews": [
            {
                "id": 9003,
                "rating": 1,
                "created_at": "2025-04-28T09:15:00Z",
                "comment": "Got 140 kW on stall 2. Easy.",
                "user": {"id": 1, "first_name": "Maria", "last_name": "Lopez"},
                "vehicle_name": "Hyundai Ioniq 5",
                "kilowatts": 140,
            },
            {
                "id": 9002,
                "rating": -1,
                "problem": 1,
                "created_at": "2025-04-17T18:00:00Z",
                "comment": "Stall 4 screen dead, *call* support <@U999> &amp; wait",
                "user": {"id": 2, "first_name": "Tom Bradley"},
            },
            {
                "id": 9001,
                "rating": 0,
                "created_at": "2025-03-01T08:00:00Z",
                "comment": "Validate parking at the kiosk.",
                "user": {"id": 3, "display_name": "Sam"},
            },
            {
                "id": 9000,
                "rating": 1,
                "created_at": "2024-12-24T08:00:00Z",
                "comment": "Fine.",
                "user": {"id": 4, "first_name": "Ana"},
            },
        ],
        "photos": [
            {
                "id": 1,
                "url": "https://photos.plugshare.com/photos/1.jpg",
                "thumbnail": "https://photos.plugshare.com/photos/1_thumb.jpg",
                "caption": "Entrance on Vignes St",
                "order": 0,
            }
        ],
    }


def read_ny_locations(shared_data: Path) -> dict[int, Location]:
    """The electric stations of the AFDC New York export, mapped by the importer, by id."""
    with open(shared_data / "afdc" / "ny.csv", "rb") as stream:
        records = read_csv(stream, None, DecodeLog())
        return {r.location.id: r.location for r in records if r.location is not None}


def afdc_answer(ny_locations: dict[int, Location]) -> Answer:
    """Five stations near Penn Station, as the local index would answer "public"."""
    return Answer(
        outcome=Outcome.RESULTS,
        request=SearchRequest(text="chargers near Penn Station, public"),
        place=PENN_STATION,
        locations=[ny_locations[i] for i in PENN_IDS],
        filters=Filters(access=[1]),
        radius_m=1609.344,
        source="AFDC",
        attribution="U.S. DOE Alternative Fuels Data Center",
        live_availability=False,
        units="mi",
        has_more=True,
    )


def plugshare_answer() -> Answer:
    """Two PlugShare locations near Union Station, LA: one with live status, check-ins, photos."""
    second = Location.model_validate(
        {
            "id": 300001,
            "name": "Metro Center Garage",
            "latitude": 34.0610,
            "longitude": -118.2445,
            "address": "",
            "reverse_geocoded_address": "1 Gateway Plaza, Los Angeles, CA",
            "access": 2,
            "cost": False,
            "stations": [
                {"cost": 1, "available": 0, "outlets": [{"connector": 2}, {"connector": 2}]}
            ],
            "distance_meters": 910.0,
            "compass_bearing": 308.0,
        }
    )
    return Answer(
        outcome=Outcome.RESULTS,
        request=SearchRequest(text="CCS or J1772 near Union Station, Los Angeles"),
        place=UNION_STATION_LA,
        locations=[Location.model_validate(plugshare_payload()), second],
        filters=Filters(outlets=[{"connector": 13}, {"connector": 2}]),
        radius_m=8046.72,
        source="PlugShare",
        attribution="Data © PlugShare",
        live_availability=True,
        units="mi",
    )
