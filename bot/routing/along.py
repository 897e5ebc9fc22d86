"""Where each found station lies along a route: one function for every provider's results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.geometry.line import Position, RouteLine
from bot.plugshare.models import Location


@dataclass(frozen=True, slots=True)
class AlongRoute:
    """A location found along a route, and where it lies against the route."""

    location: Location
    position: Position


def place_along(
    line: RouteLine, locations: Iterable[Location], corridor_m: float
) -> list[AlongRoute]:
    """``locations`` within ``corridor_m`` of the line, in route order (then by id).

    Each location's ``distance_meters`` becomes its distance off the road, so a card that
    shows a distance shows that one. Locations without coordinates, or farther off than the
    corridor (a provider's own corridor may be looser), are dropped.
    """
    placed: dict[int, AlongRoute] = {}
    for location in locations:
        if location.latitude is None or location.longitude is None:
            continue
        position = line.near(location.latitude, location.longitude, corridor_m)
        if position is None:
            continue
        key = location.id if location.id is not None else -len(placed) - 1
        if key in placed:
            continue
        location.distance_meters = position.off_m
        location.compass_bearing = None
        placed[key] = AlongRoute(location, position)
    return sorted(placed.values(), key=lambda a: (a.position.along_m, a.location.id or 0))
