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
from bot.plugshare.models import Location, Outlet, Station
from bot.records.ids import MAX_OUTLETS_PER_STATION as _OUTLETS
from bot.records.ids import MAX_STATIONS_PER_LOCATION as _STATIONS

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
_OUTLET_KEYS = tuple(f for f in _OUTLET_FIELDS if f != "station_id")
_location, _station, _outlet = trusted.location.build, trusted.station.build, trusted.outlet.build
_network, _amenity = trusted.network.build, trusted.amenity.build


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


def load_locations(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Location]:
    """The locations with these ids (missing ids are simply absent from the result)."""
    if not ids:
        return {}
    # The ids as a table, in order: each location's stations and outlets are a range of
    # rowids (bot/records/ids.py), read in file order, with no index lookup. (Through
    # `IN (...)` and the location_id indexes, the two reads for 50 locations took about
    # half as long again.)
    # CROSS JOIN keeps SQLite from scanning a table for each id instead.
    wanted = sorted(set(ids))
    values = f"WITH wanted(id) AS (VALUES {', '.join('(?)' for _ in wanted)}) "
    # Two statements, not four (every statement costs a search several µs): stations with
    # their outlets joined, and locations with their amenities folded into one column.
    # Each row becomes its model's fields by zipping it with the column names (one C
    # call), then only the values that need converting are replaced.
    stations: dict[int, list[Station]] = defaultdict(list)
    outlets: list[Outlet] = []
    current = None
    for row in conn.execute(
        f"{values}SELECT {', '.join('s.' + f for f in _STATION_FIELDS)}, "
        f"{', '.join('o.' + f for f in _OUTLET_FIELDS if f != 'station_id')} "
        f"FROM wanted CROSS JOIN stations s ON s.id >= wanted.id * {_STATIONS} "
        f"AND s.id < (wanted.id + 1) * {_STATIONS} AND s.location_id = wanted.id "
        f"LEFT JOIN outlets o ON o.id >= s.id * {_OUTLETS} AND o.id < (s.id + 1) * {_OUTLETS} "
        "AND o.station_id = s.id ORDER BY s.id, o.id",
        wanted,
    ):
        if row[0] != current:
            current = row[0]
            data = dict(zip(_STATION_FIELDS, row, strict=False))  # the outlet's columns follow
            network_id, network_name = row[3], data.pop("network_name")
            data["network"] = (
                _network({"id": network_id, "name": network_name})
                if network_id is not None or network_name
                else None
            )
            data["cost"] = _STATION_COST.get(row[6], row[6])
            data["available"] = _AVAILABILITY.get(row[8], row[8])
            data["created_at"] = _timestamp(row[12])
            data["outlets"] = outlets = []
            stations[row[1]].append(_station(data))
        if row[13] is not None:
            outlet = dict(zip(_OUTLET_KEYS, row[13:], strict=True))
            outlet["connector"] = _CONNECTOR.get(row[14], row[14])
            if row[15] is not None:
                outlet["power"] = _POWER.get(row[15], row[15])
            outlets.append(_outlet(outlet))
    found: dict[int, Location] = {}
    for row in conn.execute(
        f"{values}SELECT {', '.join('l.' + f for f in _LOCATION_FIELDS)}, (SELECT "
        "group_concat(type) FROM (SELECT type FROM amenities a WHERE a.location_id = l.id "
        "ORDER BY type)) FROM wanted CROSS JOIN locations l ON l.id = wanted.id",
        wanted,
    ):
        location_id, amenity_types = row[0], row[-1]
        data = dict(zip(_LOCATION_FIELDS, row, strict=False))  # the amenities follow
        data["open247"] = _bool(row[9])
        data["access"] = _ACCESS.get(row[10], row[10])
        data["cost"] = bool(row[11])
        data["created_at"] = _timestamp(row[17])
        data["updated_at"] = _timestamp(row[18])
        data["stations"] = stations.pop(location_id, [])
        data["amenities"] = [
            _amenity({"location_id": location_id, "type": _AMENITY.get(kind, kind)})
            for kind in (int(t) for t in amenity_types.split(","))
        ] if amenity_types else []  # fmt: skip
        found[location_id] = _location(data)
    attach_extras(conn, found)
    return found
