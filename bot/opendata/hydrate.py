"""Index rows -> PlugShare locations (the exact shape every renderer reads)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bot.opendata.extras import attach_extras
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


def _in(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


def load_locations(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Location]:
    """The locations with these ids (missing ids are simply absent from the result)."""
    if not ids:
        return {}
    marks = _in(ids)
    outlets: dict[int, list[Outlet]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {', '.join(_OUTLET_FIELDS)} FROM outlets WHERE location_id IN ({marks}) "
        "ORDER BY id",
        ids,
    ):
        outlet_id, station_id, connector, power, kilowatts, volts, amps = row
        outlets[station_id].append(
            Outlet(
                id=outlet_id,
                connector=connector,
                power=power,
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
        values: dict[str, Any] = dict(zip(_STATION_FIELDS, row, strict=True))
        network_id = values.pop("network_id")
        network_name = values.pop("network_name")
        network = (
            Network(id=network_id, name=network_name)
            if network_id is not None or network_name
            else None
        )
        stations[values["location_id"]].append(
            Station(**values, network=network, network_id=network_id, outlets=outlets[values["id"]])
        )
    amenities: dict[int, list[Amenity]] = defaultdict(list)
    for location_id, kind in conn.execute(
        f"SELECT location_id, type FROM amenities WHERE location_id IN ({marks})", ids
    ):
        amenities[location_id].append(Amenity(location_id=location_id, type=kind))
    found: dict[int, Location] = {}
    for row in conn.execute(
        f"SELECT {', '.join(_LOCATION_FIELDS)} FROM locations WHERE id IN ({marks})", ids
    ):
        values = dict(zip(_LOCATION_FIELDS, row, strict=True))
        values["cost"] = bool(values["cost"])
        if values["open247"] is not None:
            values["open247"] = bool(values["open247"])
        location_id = values["id"]
        found[location_id] = Location(
            **values, stations=stations[location_id], amenities=amenities[location_id]
        )
    attach_extras(conn, found)
    return found
