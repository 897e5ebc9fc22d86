"""Index rows -> PlugShare locations (the exact shape every renderer reads).

Rows in the index were validated by the models when they were imported, so they
are rebuilt here with ``model_construct``, skipping validation (about 10x cheaper,
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
from typing import Any

from pydantic import BaseModel

from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power, StationCost
from bot.plugshare.models import Amenity, Location, Network, Outlet, Station

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


class _Trusted:
    """Builds ``model`` from trusted values, as ``model_construct`` does, about 5x faster.

    ``model_construct`` looks up every absent field's default one by one (and inspects
    a default factory's signature each time); here the defaults are read once and the
    instance is set up the way ``model_construct`` sets it up. The hydrate tests compare
    the results with validated models, so a change in pydantic's internals shows there.
    """

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        fields = model.model_fields
        self.defaults = {
            n: f.default
            for n, f in fields.items()
            if f.default_factory is None and not f.is_required()
        }
        self.lists = tuple(n for n, f in fields.items() if f.default_factory is list)
        unknown = [n for n, f in fields.items() if f.default_factory not in (None, list)]
        if unknown or model.__pydantic_post_init__ or model.__pydantic_root_model__:
            raise TypeError(f"{model.__name__} needs model_construct")

    def __call__(self, **values: Any) -> Any:
        data = dict(self.defaults)
        for name in self.lists:
            data[name] = []
        data.update(values)
        instance = self.model.__new__(self.model)
        _set(instance, "__dict__", data)
        _set(instance, "__pydantic_fields_set__", set(values))
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance


_set = object.__setattr__
_location = _Trusted(Location)
_station = _Trusted(Station)
_outlet = _Trusted(Outlet)
_network = _Trusted(Network)
_amenity = _Trusted(Amenity)


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
            _outlet(
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
            _network(id=network_id, name=network_name)
            if network_id is not None or network_name
            else None
        )
        stations[location_id].append(
            _station(
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
            _amenity(location_id=location_id, type=_AMENITY.get(kind, kind))
        )
    found: dict[int, Location] = {}
    for row in conn.execute(
        f"SELECT {', '.join(_LOCATION_FIELDS)} FROM locations WHERE id IN ({marks})", ids
    ):
        (location_id, name, latitude, longitude, description, address, phone, url, hours,
         open247, access, cost, cost_description, score, icon, parking_type_name, poi_name,
         created_at, updated_at) = row  # fmt: skip
        found[location_id] = _location(
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
    return found
