"""PlugShare's API as a :class:`~bot.providers.base.Provider`.

A thin adapter over :class:`~bot.plugshare.client.PlugShareClient`: it turns the
client's errors into provider errors with messages a user can read, and applies
the one filter PlugShare cannot, ``min_power_kw`` (see
:meth:`~bot.plugshare.filters.Filters.reaches_min_power`: an outlet must be
*known* to reach the power; unknown kilowatts do not pass).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.geometry.bearing import measure
from bot.geometry.line import RouteLine
from bot.plugshare.client import PlugShareClient
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters
from bot.plugshare.models import Location
from bot.providers.remote import ApiProvider, answer_or_raise

T = TypeVar("T")

#: With ``min_power_kw`` set, ask PlugShare for this many times ``count`` so that
#: enough locations remain after the power filter drops some.
POWER_FILTER_OVERFETCH = 4


class PlugShareProvider(ApiProvider[PlugShareClient]):
    """Charging locations from PlugShare's API, with live availability and check-ins."""

    name = "plugshare"
    attribution = "Data: PlugShare"
    power_ratings = True
    live_availability = True
    has_checkins = True
    client_type = PlugShareClient

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        radius_m = min(radius_m, MAX_RADIUS_M)
        count = min(count, MAX_COUNT)
        wanted = count
        if filters.min_power_kw is not None:
            wanted = min(MAX_COUNT, count * POWER_FILTER_OVERFETCH)
        found = _answer(lambda: self.client.nearby(latitude, longitude, filters, radius_m, wanted))
        kept = [location for location in found if filters.reaches_min_power(location)]
        return [_with_distance(location, latitude, longitude) for location in kept[:count]]

    def along(
        self, line: RouteLine, filters: Filters, corridor_m: float, count: int
    ) -> list[Location]:
        """PlugShare's polyline search: the route sent as points no farther apart than the
        corridor is wide, so "within ``distance`` of a point" covers the whole corridor."""
        points, reach = line.query_points(corridor_m)
        count = min(count, MAX_COUNT)
        found = _answer(lambda: self.client.polyline(points, reach, filters, count))
        return [location for location in found if filters.reaches_min_power(location)]

    def location(self, location_id: int) -> Location:
        return _answer(lambda: self.client.location(location_id))


def _answer(call: Callable[[], T]) -> T:
    """The call's result, or a provider error whose ``user_message`` a user can act on."""
    return answer_or_raise(call, "PlugShare", "PLUGSHARE_API_KEY and PLUGSHARE_API_SECRET")


def _with_distance(location: Location, latitude: float, longitude: float) -> Location:
    """PlugShare's nearby answer carries distance and bearing; fill them in if one did not."""
    if location.distance_meters is not None and location.compass_bearing is not None:
        return location
    distance, bearing = measure(latitude, longitude, location.latitude, location.longitude)
    return location.model_copy(update={"distance_meters": distance, "compass_bearing": bearing})
