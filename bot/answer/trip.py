"""What a route answer holds besides the page of locations: data the renderers read."""

from __future__ import annotations

from dataclasses import dataclass

from bot.geo.place import Place
from bot.routing.along import AlongRoute
from bot.routing.plan import StopPlan
from bot.routing.route import Route


@dataclass
class Trip:
    """What a route answer holds besides the page of locations."""

    origin: Place
    destination: Place
    via: list[Place]
    route: Route
    corridor_m: float
    road: str | None
    #: Every location found in the corridor, in route order.
    found: list[AlongRoute]
    #: Stops for the range, when a range was given.
    plan: StopPlan | None = None
    #: The locations shown under "More along the route" on this page.
    more: list[AlongRoute] | None = None

    @property
    def stops(self) -> list[AlongRoute]:
        return self.plan.stops if self.plan is not None and self.plan.complete else []
