"""Routes for searches along a trip: the router client, the route, and stop planning.

``client`` asks a routing engine (OSRM or Valhalla) for the road; ``route`` holds what it
answered (or the labelled straight-line stand-in); its line
(:mod:`bot.geometry.line`) says where any point lies against it (distance along, distance
off, side), for every provider's results alike; ``plan`` proposes charging stops for a range.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.geometry.line import Position, RouteLine
    from bot.routing.client import DEFAULT_ROUTER_URL, Router
    from bot.routing.errors import NoRoute, RouterError, RouterUnavailable
    from bot.routing.route import Route, straight_line

# Every name loads with its module when first asked for: most searches need no route, and a
# one-shot ``chargebot ask`` imports only bot.routing.deferred (the client brings httpx).
_HOMES = {
    "Position": "bot.geometry.line",
    "RouteLine": "bot.geometry.line",
    "NoRoute": "bot.routing.errors",
    "RouterError": "bot.routing.errors",
    "RouterUnavailable": "bot.routing.errors",
    "Route": "bot.routing.route",
    "straight_line": "bot.routing.route",
    "Router": "bot.routing.client",
    "DEFAULT_ROUTER_URL": "bot.routing.client",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'bot.routing' has no attribute {name!r}")


__all__ = [
    "DEFAULT_ROUTER_URL",
    "NoRoute",
    "Position",
    "Route",
    "RouteLine",
    "Router",
    "RouterError",
    "RouterUnavailable",
    "straight_line",
]
