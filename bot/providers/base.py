"""The one interface every data source implements, and the errors it may raise.

The search pipeline calls a :class:`Provider`; it never knows whether the
answer came from PlugShare's API or the local open-data index. Providers never
know Slack exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from bot.plugshare.filters import Filters
from bot.plugshare.models import Location

if TYPE_CHECKING:
    from bot.geometry.line import RouteLine

#: Most locations one search along a route reads (enough for every stop a plan needs).
MAX_ALONG_COUNT = 1_000


class ProviderError(Exception):
    """A data source could not answer. ``user_message`` is safe to show a user."""

    user_message = "The charging-station data source could not answer just now."

    def __init__(self, message: str = "", *, user_message: str | None = None) -> None:
        super().__init__(message or self.user_message)
        if user_message is not None:
            # A more precise message than the class's (e.g. how long to wait).
            self.user_message = user_message


class ProviderUnavailable(ProviderError):
    """The source is down, timed out, rate limited or refused our credentials."""

    user_message = (
        "The charging-station data source is not answering right now. Try again in a minute."
    )


class IndexEmpty(ProviderError):
    """The local index holds no stations yet; ``chargebot data sync afdc`` fills it."""

    # Answers lead with "the local station index is empty"; these words follow it.
    user_message = (
        "Whoever runs ChargeBot can fill it with `chargebot data sync afdc` (US stations from "
        "the AFDC) or `chargebot data import FILE`."
    )


class IndexLoading(ProviderUnavailable):
    """The local index is empty because its first download is still running."""

    user_message = (
        "The station list is loading (ChargeBot downloads it on its first start). "
        "Try again in a few minutes."
    )


class LocationNotFound(ProviderError):
    user_message = "That charging location no longer exists."


@runtime_checkable
class Provider(Protocol):
    """A source of charging locations in PlugShare's schema."""

    #: Short machine name: ``local`` or ``plugshare``.
    name: str
    #: Who the data comes from, shown under every answer.
    attribution: str
    #: Whether station ``available`` reflects live status (PlugShare) or is always unknown.
    live_availability: bool
    #: Whether locations carry check-ins (reviews) and photos.
    has_checkins: bool
    #: Whether outlets carry kW ratings. False when the data has none at all, so that a
    #: minimum power could only ever find nothing.
    power_ratings: bool

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        """Locations within ``radius_m`` of the point that pass ``filters``, nearest first.

        Each carries ``distance_meters`` and ``compass_bearing`` from the point.
        ``radius_m`` is capped at 50 km and ``count`` at 500. ``filters.radius_m``
        and ``filters.count`` are ignored here: the arguments win.
        """
        ...

    def location(self, location_id: int) -> Location:
        """One location with its reviews (check-ins) and photos. Raises LocationNotFound."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


@dataclass(frozen=True, slots=True)
class NearbyPage:
    """One page of a nearby search: the locations shown, and how many were found in all."""

    locations: list[Location]
    #: Locations found from the nearest up to one past the page's end (``start + count + 1``
    #: at most): the one past tells whether there are more.
    found: int


@runtime_checkable
class PagedNearby(Protocol):
    """A provider that builds only the page shown (the local index: a model per row)."""

    def nearby_page(
        self,
        latitude: float,
        longitude: float,
        filters: Filters,
        radius_m: float,
        start: int,
        count: int,
    ) -> NearbyPage:
        """``nearby(..., start + count + 1)[start : start + count]``, building locations only
        for that slice, and how many ``nearby`` found."""
        ...


def nearby_page(
    provider: Provider,
    latitude: float,
    longitude: float,
    filters: Filters,
    radius_m: float,
    start: int,
    count: int,
) -> NearbyPage:
    """One page from any provider: its own ``nearby_page`` when it has one, else a slice."""
    if isinstance(provider, PagedNearby):
        return provider.nearby_page(latitude, longitude, filters, radius_m, start, count)
    found = provider.nearby(latitude, longitude, filters, radius_m, start + count + 1)
    return NearbyPage(found[start : start + count], len(found))


@runtime_checkable
class CreditsShown(Protocol):
    """A provider of several sources (the local index) that credits only those of the
    locations an answer shows, rather than every source it holds."""

    def attribution_for(self, locations: Sequence[Location]) -> str:
        """The attribution line for ``locations``; "" when there are none."""
        ...


@runtime_checkable
class RouteSearch(Protocol):
    """A provider that can search along a route (every provider ChargeBot ships)."""

    def along(
        self, line: RouteLine, filters: Filters, corridor_m: float, count: int
    ) -> list[Location]:
        """Locations passing ``filters`` within ``corridor_m`` of ``line``, in route order.

        At most ``count`` (<= :data:`MAX_ALONG_COUNT`); when more match, an even spread
        along the route is kept. Where each lies is computed afterwards, for every provider
        alike (:func:`bot.routing.along.place_along`).
        """
        ...
