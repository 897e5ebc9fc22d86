"""Index rows -> PlugShare locations (the exact shape every renderer reads).

Rows in the index were validated by the models when they were imported, so they
are rebuilt without validation (:mod:`bot.plugshare.trusted`, about 10x cheaper,
and searches build a model for every location they show). Only the conversions
validation would make are made: enum ids to members (an id newer than the code
stays a plain ``int``, as the models keep it), stored timestamps to aware
datetimes, 0/1 to booleans. ``tests/opendata/test_hydrate.py`` proves the models
equal what validation builds from the same data.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from functools import lru_cache

from bot.opendata.extras import attach_extras
from bot.plugshare import trusted
from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power, StationCost
from bot.plugshare.models import Amenity, Location, Outlet, Station

_LOCATION_FIELDS = (
    "id", "name", "latitude", "longitude", "description", "address", "phone", "url", "hours",
    "open247", "access", "cost", "cost_description", "score", "icon", "parking_type_name",
    "poi_name", "created_at", "updated_at",
)  # fmt: skip
_STATION_FIELDS = (
    "id", "location_id", "name", "network_id", "network_name", "network_ext_id", "cost",
    "cost_description", "available", "hours", "manufacturer", "model", "created_at",
)  # fmt: skip
_OUTLET_FIELDS = ("id", "station_id", "connector", "power", "kilowatts", "volts", "amps")


def _members(enum: type[IntEnum]) -> dict[int, IntEnum]:
    return {int(member): member for member in enum}


_ACCESS = _members(Access)
_AMENITY = _members(AmenityType)
_AVAILABILITY = _members(Availability)
_CONNECTOR = _members(Connector)
_POWER = _members(Power)
_STATION_COST = _members(StationCost)


@lru_cache(maxsize=4096)  # a site's ports share a date; imports share a few dates
def _timestamp(text: str | None) -> datetime | None:
    """A stored ``YYYY-MM-DDTHH:MM:SSZ`` as an aware datetime (UTC)."""
    return None if text is None else datetime.fromisoformat(text)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _in(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


def load_locations(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Location]:
    """The locations with these ids (missing ids are simply absent from the result)."""
    if not ids:
        return {}
    marks = _in(ids)
    outlets: dict[int, list[Outlet]] = defaultdict(list)
    for outlet_id, station_id, connector, power, kilowatts, volts, amps in conn.execute(
        f"SELECT {', '.join(_OUTLET_FIELDS)} FROM outlets WHERE location_id IN ({marks}) "
        "ORDER BY id",
        ids,
    ):
        outlets[station_id].append(
            trusted.outlet(
                id=outlet_id,
                connector=_CONNECTOR.get(connector, connector),
                power=None if power is None else _POWER.get(power, power),
                kilowatts=kilowatts,
                volts=volts,
                amps=amps,
            )
        )
    stations: dict[int, list[Station]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {', '.join(_STATION_FIELDS)} FROM stations WHERE location_id IN ({marks}) "
        "ORDER BY id",
        ids,
    ):
        (station_id, location_id, name, network_id, network_name, network_ext_id, cost,
         cost_description, available, hours, manufacturer, model, created_at) = row  # fmt: skip
        network = (
            trusted.network(id=network_id, name=network_name)
            if network_id is not None or network_name
            else None
        )
        stations[location_id].append(
            trusted.station(
                id=station_id,
                location_id=location_id,
                name=name,
                network=network,
                network_id=network_id,
                network_ext_id=network_ext_id,
                cost=_STATION_COST.get(cost, cost),
                cost_description=cost_description,
                available=_AVAILABILITY.get(available, available),
                hours=hours,
                manufacturer=manufacturer,
                model=model,
                created_at=_timestamp(created_at),
                outlets=outlets.pop(station_id, []),
            )
        )
    amenities: dict[int, list[Amenity]] = defaultdict(list)
    for location_id, kind in conn.execute(
        f"SELECT location_id, type FROM amenities WHERE location_id IN ({marks})", ids
    ):
        amenities[location_id].append(
            trusted.amenity(location_id=location_id, type=_AMENITY.get(kind, kind))
        )
    found: dict[int, Location] = {}
    for row in conn.execute(
        f"SELECT {', '.join(_LOCATION_FIELDS)} FROM locations WHERE id IN ({marks})", ids
    ):
        (location_id, name, latitude, longitude, description, address, phone, url, hours,
         open247, access, cost, cost_description, score, icon, parking_type_name, poi_name,
         created_at, updated_at) = row  # fmt: skip
        found[location_id] = trusted.location(
            id=location_id,
            name=name,
            latitude=latitude,
            longitude=longitude,
            description=description,
            address=address,
            phone=phone,
            url=url,
            hours=hours,
            open247=_bool(open247),
            access=_ACCESS.get(access, access),
            cost=bool(cost),
            cost_description=cost_description,
            score=score,
            icon=icon,
            parking_type_name=parking_type_name,
            poi_name=poi_name,
            created_at=_timestamp(created_at),
            updated_at=_timestamp(updated_at),
            stations=stations.pop(location_id, []),
            amenities=amenities.pop(location_id, []),
        )
    attach_extras(conn, found)
    return found
