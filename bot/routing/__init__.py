"""Routes for searches along a trip: the router client, the route, and stop planning.

``client`` asks a routing engine (OSRM or Valhalla) for the road; ``route`` holds what it
answered (or the labelled straight-line stand-in); its line
(:mod:`bot.geometry.line`) says where any point lies against it (distance along, distance
off, side), for every provider's results alike; ``plan`` proposes charging stops for a range.
"""

from typing import Any

from bot.geometry.line import Position, RouteLine
from bot.routing.errors import NoRoute, RouterError, RouterUnavailable
from bot.routing.route import Route, straight_line


def __getattr__(name: str) -> Any:
    # The client (and httpx) load when first asked for: most searches need no route.
    if name in {"Router", "DEFAULT_ROUTER_URL"}:
        from bot.routing import client

        return getattr(client, name)
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
