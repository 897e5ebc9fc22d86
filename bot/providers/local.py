"""The local open-data provider: nearby searches over the SQLite station index.

Open data has no live status, and it says so: ``live_availability`` is False,
and every station reads ``available`` 0 (unknown), or 3 (offline) where the data
marks it out of service.

Open Charge Map's check-ins and photos are in the index and come with every
location a search returns (newest first), so ``has_checkins`` stays False: it asks
the pipeline for per-location detail calls, which the index never needs.

An ``availability`` filter is evaluated against exactly those values
with PlugShare's semantics, so "available now" matches nothing here; the
pipeline tells the user why.

A minimum power keeps only locations with an outlet whose kW is *known* to reach
it. AFDC's CSV export carries no kW at all (its API JSON does): over an index
without any, ``power_ratings`` is False and the pipeline says it cannot check
power rather than answering "nothing found".
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from bot.config import Settings
from bot.opendata.index import StationIndex
from bot.opendata.schema import IndexDamaged, IndexUnreadable
from bot.opendata.stats import ANSWER_CREDITS, SOURCE_NAMES, SourceAge
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.providers.base import (
    MAX_ALONG_COUNT,
    IndexEmpty,
    IndexLoading,
    LocationNotFound,
    NearbyPage,
    ProviderError,
)
from bot.records.ids import split_location_id

if TYPE_CHECKING:
    from bot.geometry.line import RouteLine

#: The one command that fills an empty index; replies quote it.
FILL_COMMAND: Final = "chargebot data sync afdc"


class IndexUnusable(ProviderError):
    """The index file exists but cannot be read (corrupt, or from a newer ChargeBot)."""

    user_message = (
        f"The local station index cannot be read. An admin can rebuild it with `{FILL_COMMAND}`."
    )


class IndexDamagedError(IndexUnusable):
    """The index file is corrupt (SQLite: "database disk image is malformed")."""

    user_message = (
        f"The station list is damaged, so whoever runs ChargeBot needs to delete its file "
        f"and rebuild it with `{FILL_COMMAND}` or by importing the station file again."
    )


def _unusable(error: IndexUnreadable) -> IndexUnusable:
    if isinstance(error, IndexDamaged):
        return IndexDamagedError(str(error))
    return IndexUnusable(str(error))


def _credit_line(ages: Sequence[SourceAge]) -> str:
    parts = []
    for age in ages:
        name = ANSWER_CREDITS.get(age.source, age.source)
        if age.data_as_of is not None:
            name += f", as of {age.data_as_of.isoformat()}"
        elif age.last_import_at is not None:
            name += f", imported {age.last_import_at.date().isoformat()}"
        parts.append(name)
    return "Station data: " + "; ".join(parts) + "."


class LocalProvider:
    """:class:`~bot.providers.base.Provider` over the open-data index at ``db_path``."""

    name = "local"
    live_availability = False
    has_checkins = False

    def __init__(self, db_path: Path) -> None:
        self.index = StationIndex(db_path)
        #: Set while the index's first download runs (``chargebot serve`` start-up): an
        #: empty index then answers "the station list is loading", not "empty".
        self.loading = threading.Event()

    def _empty(self) -> IndexEmpty | IndexLoading:
        return IndexLoading() if self.loading.is_set() else IndexEmpty()

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalProvider:
        return cls(settings.db_path)

    @property
    def power_ratings(self) -> bool:
        try:
            return self.index.has_power_ratings()
        except IndexUnreadable:
            return False

    @property
    def attribution(self) -> str:
        """Names the index's sources (licence, the data's age), read from the index."""
        try:
            ages = self.index.source_ages()
        except (IndexUnreadable, OSError):
            return "Station data: the local station index, which can't be read right now."
        if not ages:
            return f"Station data: {SOURCE_NAMES['afdc']}, public domain (index not filled yet)."
        return _credit_line(ages)

    def attribution_for(self, locations: Sequence[Location]) -> str:
        """Credits the sources of ``locations`` only: an answer of Open Charge Map
        locations credits OCM, not the AFDC data beside it in the index; "" for none."""
        shown = {found[0] for loc in locations if (found := split_location_id(loc.id))}
        if not shown:
            return ""
        try:
            ages = [age for age in self.index.source_ages() if age.source in shown]
        except (IndexUnreadable, OSError):
            ages = []
        known = {age.source for age in ages}
        ages += [SourceAge(source, 0, None, None, None) for source in sorted(shown - known)]
        return _credit_line(ages)

    def fill_in_background(self, settings: Settings) -> bool:
        """When the index is empty, start its first download; True when one started."""
        from bot.providers.first_fill import BackgroundFill

        try:
            if not self.index.is_empty():
                return False
        except IndexUnreadable:
            return False  # damaged or foreign: searches say so; a download must not overwrite
        BackgroundFill(settings, self.loading, self.index.path).start()
        return True

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        try:
            locations = self.index.nearby(latitude, longitude, filters, radius_m, count)
            if not locations and self.index.is_empty():
                raise self._empty()
        except IndexUnreadable as error:
            raise _unusable(error) from None
        return locations

    def nearby_page(
        self,
        latitude: float,
        longitude: float,
        filters: Filters,
        radius_m: float,
        start: int,
        count: int,
    ) -> NearbyPage:
        """Finds ``start + count + 1`` nearest, builds locations for the page's ``count`` only."""
        try:
            shown, found = self.index.nearby_page(
                latitude, longitude, filters, radius_m, start, count
            )
            if not found and self.index.is_empty():
                raise self._empty()
        except IndexUnreadable as error:
            raise _unusable(error) from None
        return NearbyPage(shown, found)

    def along(
        self, line: RouteLine, filters: Filters, corridor_m: float, count: int
    ) -> list[Location]:
        try:
            locations = self.index.along(line, filters, corridor_m, min(count, MAX_ALONG_COUNT))
            if not locations and self.index.is_empty():
                raise self._empty()
        except IndexUnreadable as error:
            raise _unusable(error) from None
        return locations

    def location(self, location_id: int) -> Location:
        try:
            location = self.index.location(location_id)
            if location is None:
                if self.index.is_empty():
                    raise self._empty()
                raise LocationNotFound(f"no location {location_id} in the local index")
        except IndexUnreadable as error:
            raise _unusable(error) from None
        return location

    def close(self) -> None:
        self.index.close()
