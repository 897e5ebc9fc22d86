"""PlugShare locations (a JSON list as PlugShare's API returns them) -> index locations.

PlugShare's own schema needs no mapping; only the ids are re-derived
(:mod:`bot.records.ids`, namespace ``plugshare``) so that they cannot collide
with AFDC stations and stay stable across re-imports. Reviews and photos are not
kept: the index holds what a search returns. A location with ``enabled: false``
is one PlugShare never returns from a search, so it is skipped (and removed if
an earlier import had it).
"""

from __future__ import annotations

import math
from typing import Any, Final

from pydantic import ValidationError

from bot.plugshare.models import Amenity, Location
from bot.records.ids import IdOutOfRange, location_id, outlet_id, station_id
from bot.records.outcome import RowInvalid, RowSkipped

SOURCE: Final = "plugshare"


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "location"
    return f"{where}: {first['msg']}"


def map_location(item: dict[str, Any]) -> Location:
    try:
        parsed = Location.model_validate(item)
    except ValidationError as error:
        raise RowInvalid(_reason(error)) from None
    try:
        loc_id = location_id(SOURCE, parsed.id)
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    if parsed.enabled is False:
        raise RowSkipped("disabled (enabled: false)", withdrawn_id=loc_id)
    lat, lng = parsed.latitude, parsed.longitude
    if not (math.isfinite(lat) and math.isfinite(lng) and abs(lat) <= 90 and abs(lng) <= 180):
        raise RowInvalid(f"position {lat:g}, {lng:g} is out of range")
    if lat == 0.0 and lng == 0.0:
        raise RowInvalid("latitude and longitude are both 0 (no position)")
    try:
        stations = []
        for n, station in enumerate(parsed.stations):
            sid = station_id(loc_id, n)
            outlets = [
                outlet.model_copy(update={"id": outlet_id(sid, k)})
                for k, outlet in enumerate(station.outlets)
            ]
            stations.append(
                station.model_copy(update={"id": sid, "location_id": loc_id, "outlets": outlets})
            )
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    return parsed.model_copy(
        update={
            "id": loc_id,
            "stations": stations,
            "amenities": [Amenity(location_id=loc_id, type=a.type) for a in parsed.amenities],
            "reviews": [],
            "photos": [],
            "distance_meters": None,
            "compass_bearing": None,
        }
    )
