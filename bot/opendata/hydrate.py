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
from bot.plugshare.models import Location, Station

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
    # Two statements, not four (every statement costs a search several µs): stations with
    # their outlets joined, and locations with their amenities folded into one column.
    stations: dict[int, list[Station]] = defaultdict(list)
    station: Station | None = None
    for row in conn.execute(
        f"SELECT {', '.join('s.' + f for f in _STATION_FIELDS)}, "
        f"{', '.join('o.' + f for f in _OUTLET_FIELDS if f != 'station_id')} "
        "FROM stations s LEFT JOIN outlets o "
        "ON o.location_id = s.location_id AND o.station_id = s.id "
        f"WHERE s.location_id IN ({marks}) ORDER BY s.id, o.id",
        ids,
    ):
        (station_id, location_id, name, network_id, network_name, network_ext_id, cost,
         cost_description, available, hours, manufacturer, model, created_at,
         outlet_id, connector, power, kilowatts, volts, amps) = row  # fmt: skip
        if station is None or station.id != station_id:
            network = (
                trusted.network(id=network_id, name=network_name)
                if network_id is not None or network_name
                else None
            )
            station = trusted.station(
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
                outlets=[],
            )
            stations[location_id].append(station)
        if outlet_id is not None:
            station.outlets.append(
                trusted.outlet(
                    id=outlet_id,
                    connector=_CONNECTOR.get(connector, connector),
                    power=None if power is None else _POWER.get(power, power),
                    kilowatts=kilowatts,
                    volts=volts,
                    amps=amps,
                )
            )
    found: dict[int, Location] = {}
    for row in conn.execute(
        f"SELECT {', '.join(_LOCATION_FIELDS)}, (SELECT group_concat(type) FROM "
        "(SELECT type FROM amenities a WHERE a.location_id = locations.id ORDER BY type)) "
        f"FROM locations WHERE id IN ({marks})",
        ids,
    ):
        (location_id, name, latitude, longitude, description, address, phone, url, hours,
         open247, access, cost, cost_description, score, icon, parking_type_name, poi_name,
         created_at, updated_at, amenity_types) = row  # fmt: skip
        amenities = [
            trusted.amenity(location_id=location_id, type=_AMENITY.get(kind, kind))
            for kind in (int(t) for t in amenity_types.split(","))
        ] if amenity_types else []  # fmt: skip
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
            amenities=amenities,
        )
    attach_extras(conn, found)
    return found
