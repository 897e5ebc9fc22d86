"""Open Charge Map's API (``/poi``) over the shared HTTP discipline.

Every request asks for OCM's compact form (reference data as ids only, empty
fields left out: ``compact=true&verbose=false``), the shape of OCM's published
export, so one mapping (:mod:`bot.ocm.mapping`) reads API answers and export
files alike, and ``includecomments=true`` so POIs carry their check-ins
(``UserComments``) and photos (``MediaItems``).

Answers are POI dicts, as OCM sent them (checked to be a list of objects with a
numeric ``ID``); mapping them into PlugShare's schema is the caller's step. The
key travels in the ``X-API-Key`` header, never in a URL, so it cannot reach a log
line or an error message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import httpx
import polyline

from bot.config import ConfigError, Settings
from bot.http_client import ApiClient, RetryPolicy
from bot.http_client.service import ServiceClient
from bot.ocm.errors import OCM_ERRORS, BadResponse, NotFound

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = "https://api.openchargemap.io/v3"
DEFAULT_TIMEOUT: Final = httpx.Timeout(15.0, connect=5.0)
#: OCM's documented cap on ``maxresults`` for ordinary queries.
MAX_RESULTS: Final = 250
#: Nearby searches: OCM measures ``distance`` in km when asked (``distanceunit=km``).
MAX_DISTANCE_KM: Final = 50.0
#: Always asked for: the export's compact shape, with check-ins and photos.
SHAPE_PARAMS: Final = {
    "compact": "true",
    "verbose": "false",
    "includecomments": "true",
    "client": "ChargeBot",
}

POI = dict[str, Any]


@dataclass(frozen=True)
class ServerFilters:
    """The filters OCM evaluates itself (each an "any of these" list, or a minimum)."""

    connection_type_ids: Sequence[int] = ()
    operator_ids: Sequence[int] = ()
    usage_type_ids: Sequence[int] = ()
    status_type_ids: Sequence[int] = ()
    min_power_kw: float | None = None

    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        for name, values in (
            ("connectiontypeid", self.connection_type_ids),
            ("operatorid", self.operator_ids),
            ("usagetypeid", self.usage_type_ids),
            ("statustypeid", self.status_type_ids),
        ):
            if values:
                params[name] = ",".join(str(int(v)) for v in sorted(set(values)))
        if self.min_power_kw is not None:
            params["minpowerkw"] = f"{self.min_power_kw:g}"
        return params


@dataclass(frozen=True)
class BoundingBox:
    """A box by its corners, in degrees; OCM wants ``(lat,lng),(lat2,lng2)``."""

    south: float
    west: float
    north: float
    east: float

    def __post_init__(self) -> None:
        if not (-90 <= self.south < self.north <= 90 and -180 <= self.west < self.east <= 180):
            raise ValueError(
                "a bounding box is south,west,north,east in degrees, south below north "
                "and west left of east"
            )

    def param(self) -> str:
        return f"({self.north:g},{self.west:g}),({self.south:g},{self.east:g})"


class OcmClient(ServiceClient):
    """One pooled connection to Open Charge Map. Use it as a context manager, or ``close()``."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_retry_wait: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = ApiClient(
            "Open Charge Map",
            base_url=self.base_url,
            headers={"X-API-Key": api_key},
            timeout=timeout,
            retry=RetryPolicy(max_retries, backoff, max_retry_wait),
            errors=OCM_ERRORS,
            logger=logger,
            transport=transport,
        )

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> OcmClient:
        """A client for ``OCM_API_URL`` with ``OCM_API_KEY``; ConfigError when the key is unset."""
        key = settings.ocm_api_key
        if not settings.has_ocm_key or key is None:
            raise ConfigError(
                "OCM_API_KEY must be set to use Open Charge Map "
                "(a free key from openchargemap.org, under My Profile > My Apps)."
            )
        return cls(key.get_secret_value(), base_url=str(settings.ocm_api_url), **options)

    # --- queries ---

    def nearby(
        self,
        latitude: float,
        longitude: float,
        distance_km: float,
        max_results: int,
        filters: ServerFilters | None = None,
    ) -> list[POI]:
        """POIs within ``distance_km`` (capped at 50) of the point, as OCM orders them.

        Each carries ``AddressInfo.Distance`` (km) from the point.
        """
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("latitude must be in [-90, 90] and longitude in [-180, 180]")
        if distance_km <= 0:
            raise ValueError("distance_km must be positive")
        params = {
            "latitude": repr(float(latitude)),
            "longitude": repr(float(longitude)),
            "distance": f"{min(distance_km, MAX_DISTANCE_KM):g}",
            "distanceunit": "km",
            "maxresults": str(_max_results(max_results)),
            **(filters or ServerFilters()).params(),
        }
        return self._pois(params)

    def along(
        self,
        points: Sequence[tuple[float, float]],
        distance_km: float,
        max_results: int,
        filters: ServerFilters | None = None,
    ) -> list[POI]:
        """POIs within ``distance_km`` of a route: OCM's ``polyline`` search.

        ``points`` (latitude, longitude) travel as an encoded polyline (Google's algorithm,
        precision 5, OCM's format); the caller keeps the line short enough for a URL.
        """
        if len(points) < 2:
            raise ValueError("a route needs two points")
        if distance_km <= 0:
            raise ValueError("distance_km must be positive")
        params = {
            "polyline": polyline.encode([(float(a), float(b)) for a, b in points], 5),
            "distance": f"{min(distance_km, MAX_DISTANCE_KM):g}",
            "distanceunit": "km",
            "maxresults": str(_max_results(max_results)),
            **(filters or ServerFilters()).params(),
        }
        return self._pois(params)

    def pois(self, ids: Iterable[int]) -> list[POI]:
        """The POIs with these OCM ids (``chargepointid``); ids OCM does not know are absent."""
        wanted = sorted({int(i) for i in ids})
        if not wanted:
            return []
        if any(i <= 0 for i in wanted):
            raise ValueError("OCM POI ids are positive whole numbers")
        params = {"chargepointid": ",".join(map(str, wanted)), "maxresults": str(len(wanted))}
        return self._pois(params)

    def poi(self, poi_id: int) -> POI:
        """One POI with its check-ins and photos. Raises :class:`NotFound`."""
        for poi in self.pois([poi_id]):
            if poi["ID"] == int(poi_id):
                return poi
        raise self._http.error(NotFound, f"Open Charge Map has no POI {int(poi_id)}")

    def page(
        self,
        *,
        max_results: int,
        greater_than_id: int = 0,
        country_code: str | None = None,
        bounding_box: BoundingBox | None = None,
        modified_since: datetime | None = None,
    ) -> list[POI]:
        """One page of a download: POIs with ids above ``greater_than_id``, in id order.

        OCM has no offsets; a download asks again with the largest id of the last
        page until a page comes back short.
        """
        params: dict[str, str] = {"maxresults": str(max(1, int(max_results)))}
        if greater_than_id:
            params["greaterthanid"] = str(int(greater_than_id))
        if country_code:
            params["countrycode"] = country_code.upper()
        if bounding_box is not None:
            params["boundingbox"] = bounding_box.param()
        if modified_since is not None:
            when = modified_since.astimezone(UTC) if modified_since.tzinfo else modified_since
            params["modifiedsince"] = when.strftime("%Y-%m-%dT%H:%M:%S")
        pois = self._pois(params)
        pois.sort(key=lambda poi: poi["ID"])
        return pois

    # --- plumbing ---

    def _pois(self, params: dict[str, str]) -> list[POI]:
        data = self._http.get_json("/poi", params={**SHAPE_PARAMS, **params})
        what = "GET /poi"
        if not isinstance(data, list):
            kind = "an object" if isinstance(data, dict) else type(data).__name__
            raise self._http.error(
                BadResponse, f"Open Charge Map answered {what} with {kind}, not a list of POIs"
            )
        pois = [item for item in data if _is_poi(item)]
        if len(pois) < len(data):
            # One odd record should not cost the user the whole answer.
            logger.warning(
                "Skipped %d of %d items from Open Charge Map (%s) that are not POIs with an ID",
                len(data) - len(pois),
                len(data),
                what,
            )
        return pois


def _is_poi(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("ID"), int)
        and not isinstance(item.get("ID"), bool)
        and item["ID"] > 0
    )


def _max_results(value: int) -> int:
    if value < 1:
        raise ValueError("max_results must be at least 1")
    return min(int(value), MAX_RESULTS)
