"""Search along a route: places -> road -> stations in the corridor -> stops for a range.

The pipeline hands a request whose :class:`~bot.query.RouteQuery` is set to
:func:`answer_trip`. Every way it can go wrong ends in a sentence and a suggestion, never
an exception: an unknown or ambiguous place (as for a point search), no start and no home,
the same place at both ends, a trip over :data:`MAX_TRIP_M`, a router that fails (the
straight line stands in, labelled), no road, a range a gap cannot be bridged with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Protocol

from bot.answer.answer import Answer, Outcome
from bot.answer.request import SearchContext
from bot.answer.trip import Trip
from bot.geo.place import HOME, Place, ResolutionStatus, Resolver, place_key
from bot.geo.units import METERS_PER_MILE, Units, format_distance
from bot.geometry.spherical import great_circle_m
from bot.plugshare.enums import connector_label
from bot.plugshare.models import Location
from bot.providers.base import (
    MAX_ALONG_COUNT,
    IndexEmpty,
    Provider,
    ProviderError,
    RouteSearch,
)
from bot.query import RouteQuery
from bot.routing.along import AlongRoute, place_along
from bot.routing.errors import NoRoute, RouterError
from bot.routing.plan import StopPlan, plan_stops
from bot.routing.route import Route, straight_line

log = logging.getLogger(__name__)


class RouteSource(Protocol):
    """A router (:class:`bot.routing.client.Router`, or one set up on first use)."""

    def route(self, waypoints: Sequence[tuple[float, float]]) -> Route: ...

    def close(self) -> None: ...


#: The longest trip searched (the issue's limit; a corridor beyond it is a continent).
MAX_TRIP_M = 3_000_000.0
#: Two ends nearer than this are the same place.
SAME_PLACE_M = 1_000.0
#: Widest corridor a Refine may ask for.
MAX_CORRIDOR_M = 50_000.0


def answer_trip(
    answer: Answer,
    route_query: RouteQuery,
    *,
    provider: Provider,
    resolver: Resolver,
    router: RouteSource | None,
    context: SearchContext,
    default_units: Callable[[str | None], Units],
) -> None:
    """Fill ``answer`` for a route request (see the module docstring)."""
    refine = answer.request.refine
    if refine is not None and refine.radius_m is not None:
        route_query = replace(route_query, corridor_m=min(refine.radius_m, MAX_CORRIDOR_M))
    if refine is not None and refine.range_m is not None:
        route_query = replace(route_query, range_m=refine.range_m, full_range_m=None)

    origin = _origin(answer, route_query, resolver, context)
    if origin is None:
        return
    bias = origin.point
    ends: list[Place] = []
    for text in (*route_query.via, route_query.destination):
        found = _resolve(answer, text, resolver, context, bias, "trip")
        if found is None:
            return
        ends.append(found)
    *via, destination = ends
    answer.units = answer.request.units or context.units or default_units(origin.country_code)
    units = answer.units
    answer.place = destination

    waypoints = [origin.point, *(v.point for v in via), destination.point]
    crow = sum(great_circle_m(*a, *b) for a, b in pairwise(waypoints))
    if great_circle_m(*origin.point, *destination.point) < SAME_PLACE_M and not via:
        answer.outcome = Outcome.BAD_ROUTE
        answer.message = (
            f"The trip starts and ends at the same place ({origin.name}). Name two different"
            " places, e.g. “CCS from Buffalo to Albany”, or search around one: “CCS near"
            f" {destination.name}”."
        )
        return
    if crow > MAX_TRIP_M:
        answer.outcome = Outcome.BAD_ROUTE
        answer.message = _too_long(crow, units)
        return

    route = _route(answer, router, waypoints, origin, destination)
    if route is None:
        return
    if route.distance_m > MAX_TRIP_M:
        answer.outcome = Outcome.BAD_ROUTE
        answer.message = _too_long(route.distance_m, units)
        return
    if route_query.road and not route.straight_line:
        answer.notes.append(
            f"I can't ask {route.engine} to keep to {route_query.road}: this is its"
            " fastest road. Add “via” a town on it to steer the route."
        )

    corridor = route_query.corridor_m
    if not isinstance(provider, RouteSearch):
        answer.outcome = Outcome.SOURCE_DOWN
        answer.message = "This station data source can't search along a route."
        return
    try:
        locations = provider.along(route.line, answer.filters, corridor, MAX_ALONG_COUNT)
    except IndexEmpty as error:
        answer.outcome = Outcome.INDEX_EMPTY
        answer.message = error.user_message
        return
    except ProviderError as error:
        log.warning("provider %s failed along a route: %s", provider.name, type(error).__name__)
        answer.outcome = Outcome.SOURCE_DOWN
        answer.message = error.user_message
        return
    found = place_along(route.line, locations, corridor)
    trip = Trip(origin, destination, via, route, corridor, route_query.road, found)
    answer.trip = trip
    if route_query.range_m is not None:
        trip.plan = plan_stops(
            found,
            route.distance_m,
            route_query.range_m,
            route_query.reserve,
            route_query.full_range_m,
        )
        answer.notes.extend(_plan_notes(trip.plan, route.distance_m, answer))

    stop_ids = {id(stop.location) for stop in trip.stops}
    rest = [a for a in found if id(a.location) not in stop_ids]
    start = answer.page * answer.per_page
    trip.more = rest[start : start + answer.per_page]
    answer.has_more = len(rest) > start + answer.per_page
    answer.locations = [a.location for a in (trip.stops if answer.page == 0 else [])] + [
        a.location for a in trip.more
    ]
    answer.outcome = Outcome.RESULTS if answer.locations else Outcome.NOTHING_FOUND
    if not found:
        answer.message = (
            f"I found no {_station_kind(answer)} within {format_distance(corridor, units)} of"
            f" the road from {origin.name} to {destination.name}. Try a wider corridor"
            " (“within 10 miles of the road”) or fewer filters."
        )


def refresh_locations(answer: Answer, updated: list[Location]) -> None:
    """Put locations changed after the search (check-ins merged) back into the trip."""
    trip = answer.trip
    if trip is None:
        return
    by_id = {location.id: location for location in updated}

    def fresh(entries: list[AlongRoute]) -> list[AlongRoute]:
        return [AlongRoute(by_id.get(a.location.id, a.location), a.position) for a in entries]

    if trip.plan is not None:
        trip.plan.stops = fresh(trip.plan.stops)
    trip.more = fresh(trip.more or [])
    answer.locations = updated


# -- steps ---------------------------------------------------------------------------------


def _origin(
    answer: Answer, route_query: RouteQuery, resolver: Resolver, context: SearchContext
) -> Place | None:
    if route_query.origin is not None:
        return _resolve(answer, route_query.origin, resolver, context, context.bias, "start")
    home = context.saved_places.get(HOME)
    if home is not None:
        answer.notes.append(f"Starting from your home: {home.name}.")
        return home
    answer.outcome = Outcome.NO_PLACE
    answer.message = (
        f"Where does the trip start? Say “from Buffalo to {route_query.destination}”, or save"
        " your home place in your settings and I'll start from there."
    )
    return None


def _resolve(
    answer: Answer,
    text: str,
    resolver: Resolver,
    context: SearchContext,
    bias: tuple[float, float] | None,
    role: str,
) -> Place | None:
    chosen = answer.request.place
    saved = context.saved_places.get(place_key(text))
    if saved is not None:
        return saved
    resolution = resolver.resolve(text, bias=bias)
    if resolution.status is ResolutionStatus.FOUND and resolution.best is not None:
        # The same words at both ends ("Albany NY and Albany NY") are looked up twice,
        # but what the lookup says is said once.
        answer.notes.extend(note for note in resolution.notes if note not in answer.notes)
        return resolution.best
    if resolution.status is ResolutionStatus.AMBIGUOUS and resolution.candidates:
        if chosen is not None:
            # The user picked one of these with a "which one?" button.
            return chosen
        answer.outcome = Outcome.AMBIGUOUS_PLACE
        answer.candidates = list(resolution.candidates)
        answer.message = f"Which “{text}” is the {role}?"
        return None
    answer.outcome = Outcome.PLACE_NOT_FOUND
    answer.message = " ".join(resolution.notes) or (
        f"I couldn't find “{text}” for the {role}. Try adding a state or country, e.g."
        " “from Buffalo, NY to Albany, NY”."
    )
    return None


def _route(
    answer: Answer,
    router: RouteSource | None,
    waypoints: list[tuple[float, float]],
    origin: Place,
    destination: Place,
) -> Route | None:
    if router is None:
        reason = "no router is set up"
    else:
        try:
            return router.route(waypoints)
        except NoRoute:
            answer.outcome = Outcome.BAD_ROUTE
            answer.message = (
                f"The router found no road from {origin.name} to {destination.name}. Check"
                " the places, or search around each one: “CCS near …”."
            )
            return None
        except RouterError as error:
            reason = error.reason
    answer.notes.append(
        f"I couldn't get the road from the routing service ({reason}), so this follows the"
        " straight line between the places, not the road: distances along it are as the"
        " crow flies and there is no driving time. Try again in a minute for the real route."
    )
    return straight_line(waypoints, reason)


def _too_long(distance_m: float, units: Units) -> str:
    return (
        f"That trip is about {format_distance(distance_m, units)}; I search routes up to"
        f" {format_distance(MAX_TRIP_M, units)}. Ask for one leg at a time, e.g. “CCS from"
        " Denver to Salt Lake City”."
    )


def _plan_notes(plan: StopPlan, length_m: float, answer: Answer) -> list[str]:
    units = answer.units
    usable = format_distance(plan.usable_m, units)
    kind = _fast_kind(answer)
    if plan.complete and not plan.stops:
        return [f"No stop needed: {format_distance(length_m, units)} is within your range"
                f" ({usable} after a {plan.reserve:.0%} reserve)."]  # fmt: skip
    if plan.complete:
        return []
    notes = []
    for gap in plan.gaps:
        reach = plan.usable_m if gap.start_m == 0 else plan.usable_after_stop_m
        notes.append(
            f"No {kind} between {_mile(gap.start_m, units)} and {_mile(gap.end_m, units)}:"
            f" with {format_distance(reach, units)} usable ({plan.reserve:.0%} reserve) no stop"
            f" plan reaches {'the destination' if gap.end_m >= length_m - 1 else 'across'}."
        )
    notes.append(
        "Try a wider corridor (“within 10 miles of the road”), a longer range, or other connectors."
    )
    return notes


def _fast_kind(answer: Answer) -> str:
    labels = [connector_label(o.connector, o.power) for o in answer.filters.outlets or []]
    if len(labels) == 1:
        return labels[0] if "charger" in labels[0].lower() else f"{labels[0]} fast charger"
    return "DC fast charger"


def _station_kind(answer: Answer) -> str:
    labels = [connector_label(o.connector, o.power) for o in answer.filters.outlets or []]
    return f"{' or '.join(labels)} stations" if labels else "charging stations"


def _mile(along_m: float, units: Units) -> str:
    if units == "mi":
        return f"mile {along_m / METERS_PER_MILE:,.0f}"
    return f"km {along_m / 1000:,.0f}"
