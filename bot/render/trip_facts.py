"""The facts of a route answer in words, shared by Slack, the terminal and JSON.

"Buffalo → New York City · 410 mi · 6 h 35 min", "mile 142 of 520 · 0.4 mi off the road,
on the right", "Stops for a 150 mi range (15% reserve)", and the maps link that drives the
whole trip with the stops as waypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from bot.answer.answer import Answer
from bot.geo.units import METERS_PER_MILE, Units, format_distance
from bot.plugshare.models import Location
from bot.render import limits
from bot.render.style import Style

if TYPE_CHECKING:
    from bot.geometry.line import Position

ARROW = " → "
#: Google Maps opens at most this many waypoints on every device.
MAX_WAYPOINTS = 9
_MAPS_DIRECTIONS = "https://www.google.com/maps/dir/?"


def mile(along_m: float, units: Units) -> str:
    """``mile 142`` / ``km 229``."""
    if units == "mi":
        return f"mile {along_m / METERS_PER_MILE:,.0f}"
    return f"km {along_m / 1000:,.0f}"


def duration_text(seconds: float) -> str:
    """``6 h 35 min``, ``45 min``."""
    minutes = max(1, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def ends(answer: Answer, style: Style) -> tuple[str, str]:
    """The start and end as the user wrote them (home: "Home")."""
    trip = answer.trip
    route_query = answer.query.route if answer.query is not None else None
    assert trip is not None
    origin = route_query.origin if route_query is not None and route_query.origin else None
    destination = route_query.destination if route_query is not None else None
    return (
        style(origin or ("Home" if route_query is not None else trip.origin.name), limits.PLACE),
        style(destination or trip.destination.name, limits.PLACE),
    )


def route_title(answer: Answer, style: Style) -> str:
    """``Buffalo → New York City · 410 mi · 6 h 35 min`` (straight line: no time)."""
    trip = answer.trip
    assert trip is not None
    origin, destination = ends(answer, style)
    route_query = answer.query.route if answer.query is not None else None
    written = route_query.via if route_query is not None else ()
    names = written if len(written) == len(trip.via) else [v.name for v in trip.via]
    via = [style(name, limits.PLACE) for name in names]
    places = ARROW.join([origin, *via, destination])
    route = trip.route
    length = format_distance(route.distance_m, answer.units)
    if route.straight_line:
        return f"{places} · {length} in a straight line"
    return f"{places} · {length} · {duration_text(route.duration_s or 0)}"


def route_summary(answer: Answer) -> str:
    """``4 CCS stations within 2 mi of the road · route by OSRM``."""
    trip = answer.trip
    assert trip is not None
    corridor = format_distance(trip.corridor_m, answer.units)
    count = len(trip.found)
    what = f"{count} station{'' if count == 1 else 's'} within {corridor} of the road"
    if trip.route.straight_line:
        return f"{what} · straight line, not the road (no router answered)"
    return f"{what} · route by {trip.route.engine}"


def position_of(answer: Answer, location: Location) -> Position | None:
    trip = answer.trip
    if trip is None:
        return None
    for entry in (*trip.stops, *(trip.more or ()), *trip.found):
        if entry.location is location or (
            location.id is not None and entry.location.id == location.id
        ):
            return entry.position
    return None


def along_text(answer: Answer, location: Location) -> str | None:
    """``mile 142 of 520 · 0.4 mi off the road, on the right``."""
    trip = answer.trip
    found = position_of(answer, location)
    if trip is None or found is None:
        return None
    units = answer.units
    total = mile(trip.route.distance_m, units).split(" ", 1)[1]
    where = f"{mile(found.along_m, units)} of {total}"
    if found.side == "on":
        return f"{where} · on the road"
    return f"{where} · {format_distance(found.off_m, units)} off the road, on the {found.side}"


def plan_title(answer: Answer) -> str | None:
    trip = answer.trip
    if trip is None or trip.plan is None or not trip.stops:
        return None
    plan = trip.plan
    count = len(trip.stops)
    reach = format_distance(plan.range_m, answer.units)
    return (
        f"{count} stop{'' if count == 1 else 's'} for a {reach} range ({plan.reserve:.0%} reserve)"
    )


def directions_url(answer: Answer) -> str | None:
    """Google Maps directions for the whole trip, through the via places and the stops."""
    trip = answer.trip
    if trip is None:
        return None
    stops = [
        (entry.location.latitude, entry.location.longitude)
        for entry in trip.stops
        if entry.location.latitude is not None and entry.location.longitude is not None
    ]
    # Via places and stops in route order.
    ordered = sorted(
        [(trip.route.line.locate(*v.point).along_m, v.point) for v in trip.via]
        + [(entry.position.along_m, point) for entry, point in zip(trip.stops, stops, strict=False)]
    )
    waypoints = [point for _, point in ordered][:MAX_WAYPOINTS]
    params = {
        "api": "1",
        "origin": _point(trip.origin.point),
        "destination": _point(trip.destination.point),
        "travelmode": "driving",
    }
    if waypoints:
        params["waypoints"] = "|".join(_point(p) for p in waypoints)
    url = _MAPS_DIRECTIONS + urlencode(params)
    return url if len(url) <= limits.URL else None


def _point(point: tuple[float | None, float | None]) -> str:
    return f"{point[0]:.6f},{point[1]:.6f}"


def route_json(answer: Answer) -> dict[str, Any] | None:
    """The route for ``--format json``: ends, GeoJSON geometry, stations in order, stops."""
    trip = answer.trip
    if trip is None:
        return None

    def entry_json(entry: Any) -> dict[str, Any]:
        return {
            "location_id": entry.location.id,
            "along_m": round(entry.position.along_m, 1),
            "off_m": round(entry.position.off_m, 1),
            "side": entry.position.side,
        }

    plan = trip.plan
    return {
        "origin": _place(trip.origin),
        "destination": _place(trip.destination),
        "via": [_place(v) for v in trip.via],
        "distance_m": round(trip.route.distance_m, 1),
        "duration_s": None if trip.route.duration_s is None else round(trip.route.duration_s, 1),
        "engine": trip.route.engine,
        "straight_line": trip.route.straight_line,
        "corridor_m": trip.corridor_m,
        "road": trip.road,
        "geometry": trip.route.geojson(),
        "along": [entry_json(entry) for entry in trip.found],
        "plan": None
        if plan is None
        else {
            "range_m": plan.range_m,
            "range_after_stop_m": plan.recharged_m or plan.range_m,
            "reserve": plan.reserve,
            "complete": plan.complete,
            "stops": [entry_json(entry) for entry in plan.stops],
            "gaps": [
                {"start_m": round(g.start_m, 1), "end_m": round(g.end_m, 1)} for g in plan.gaps
            ],
        },
        "directions": directions_url(answer),
    }


def _place(candidate: Any) -> dict[str, Any]:
    return {
        "name": candidate.name,
        "latitude": candidate.latitude,
        "longitude": candidate.longitude,
    }
