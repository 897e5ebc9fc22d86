"""Open Charge Map's API as a :class:`~bot.providers.base.Provider` (``CHARGEBOT_PROVIDER=ocm``).

Each search asks ``/poi`` around the point with every filter OCM can evaluate
(:func:`bot.ocm.query.server_filters`), maps the POIs into PlugShare's schema
with the one mapping (:func:`bot.ocm.mapping.map_poi`, ``live``: automated
statuses are current), and evaluates the rest of the filters exactly as the
local index does (:func:`bot.opendata.evaluate.search_locations`). POIs come
with their check-ins and photos, so ``location`` is one more request by id.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import Any, Final

from bot.geometry.line import RouteLine
from bot.ocm.client import MAX_RESULTS, OcmClient
from bot.ocm.mapping import SOURCE, map_poi
from bot.ocm.query import server_filters
from bot.ocm.source import OCM_CREDIT_LINKED
from bot.opendata.evaluate import along_locations, search_locations
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters
from bot.plugshare.models import Location
from bot.providers.base import MAX_ALONG_COUNT, LocationNotFound
from bot.providers.remote import ApiProvider, answer_or_raise
from bot.records.ids import split_location_id
from bot.records.outcome import RowInvalid, RowSkipped

log = logging.getLogger(__name__)

#: Ask OCM for this many times ``count`` (up to its 250 cap) when filters are left to
#: evaluate here, so that enough POIs remain after they drop some.
LOCAL_FILTER_OVERFETCH: Final = 4
#: Along a route, one request per this much road (at most MAX_PIECES requests).
PIECE_M: Final = 100_000.0
MAX_PIECES: Final = 8
_CREDENTIALS: Final = "OCM_API_KEY"


class OcmProvider(ApiProvider[OcmClient]):
    """Charging locations from Open Charge Map's API, worldwide, with check-ins and photos."""

    name = "ocm"
    attribution = f"Data: {OCM_CREDIT_LINKED}"
    power_ratings = True
    # OCM's status is what its community last reported (a few operators feed live
    # status, which the mapping keeps), not live for most POIs.
    live_availability = False
    has_checkins = True
    client_type = OcmClient

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        radius_m = min(radius_m, MAX_RADIUS_M)
        count = min(count, MAX_COUNT)
        server = server_filters(filters)
        wanted = count if filters.is_empty() else count * LOCAL_FILTER_OVERFETCH
        pois = answer_or_raise(
            lambda: self.client.nearby(
                latitude, longitude, radius_m / 1000, min(wanted, MAX_RESULTS), server
            ),
            "Open Charge Map",
            _CREDENTIALS,
        )
        return search_locations(_mapped(pois), latitude, longitude, filters, radius_m, count)

    def along(
        self, line: RouteLine, filters: Filters, corridor_m: float, count: int
    ) -> list[Location]:
        """OCM's polyline search, a piece of the route at a time (OCM answers at most 250
        POIs a request, in no promised order), then the index's own corridor search."""
        count = min(count, MAX_ALONG_COUNT)
        server = server_filters(filters)
        points, reach_m = line.query_points(corridor_m)
        pieces = min(MAX_PIECES, max(1, math.ceil(line.length_m / PIECE_M)))
        size = max(1, math.ceil((len(points) - 1) / pieces))
        pois: dict[int, dict[str, Any]] = {}
        for start in range(0, max(1, len(points) - 1), size):
            piece = points[start : start + size + 1]  # consecutive pieces share a point
            if len(piece) < 2:
                piece = [piece[0], piece[0]]
            found = answer_or_raise(
                lambda piece=piece: self.client.along(piece, reach_m / 1000, MAX_RESULTS, server),
                "Open Charge Map",
                _CREDENTIALS,
            )
            pois.update((poi["ID"], poi) for poi in found)
        return along_locations(_mapped(pois.values()), line, filters, corridor_m, count)

    def location(self, location_id: int) -> Location:
        source = split_location_id(location_id)
        if source is None or source[0] != SOURCE:
            raise LocationNotFound(f"location {location_id} is not an Open Charge Map POI")
        poi = answer_or_raise(lambda: self.client.poi(source[1]), "Open Charge Map", _CREDENTIALS)
        [location] = _mapped([poi]) or [None]
        if location is None:
            raise LocationNotFound(f"Open Charge Map POI {source[1]} is not in service")
        return location


def _mapped(pois: Iterable[dict[str, Any]]) -> list[Location]:
    """The POIs as locations; one that cannot be mapped (removed, no position) is left out."""
    locations = []
    for poi in pois:
        try:
            locations.append(map_poi(poi, live=True))
        except (RowSkipped, RowInvalid) as error:
            log.debug("OCM POI %s left out: %s", poi.get("ID"), error)
    return locations
