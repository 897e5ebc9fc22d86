"""PlugShare's API v3 over the shared HTTP discipline (:class:`bot.http_client.ApiClient`).

The client speaks the endpoints in ``shared/docs/plugshare-api.md`` and returns
the schema models. The shared client retries what is worth retrying (429, 502,
503, 504, a timeout, no connection) at most ``max_retries`` times with exponential
backoff and jitter, honouring ``Retry-After`` up to ``max_retry_wait`` seconds; a
longer wait is the caller's decision, so it raises :class:`RateLimited` (or
:class:`UpstreamUnavailable`) with ``retry_after`` set instead of sleeping.
Everything else becomes one of the exceptions in :mod:`bot.plugshare.errors`.

The API key and secret go into httpx's Basic auth and nowhere else: not into
attributes, reprs, log records or exception messages.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpx
from pydantic import ValidationError

from bot.config import ConfigError, Settings
from bot.http_client import ApiClient, RetryPolicy
from bot.http_client.service import ServiceClient
from bot.plugshare.errors import (
    PLUGSHARE_ERRORS,
    AddressNotFound,
    AmbiguousAddress,
    BadResponse,
)
from bot.plugshare.filters import MAX_COUNT, Filters, count_param, radius_param
from bot.plugshare.models import Location

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.plugshare.com"
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
#: ``/locations/search`` pages hold 100 results.
SEARCH_PAGE_SIZE = 100


class PlugShareClient(ServiceClient):
    """One pooled connection to PlugShare. Use it as a context manager, or call ``close()``.

    ``transport`` replaces httpx's network transport (tests may use it; ours
    use real HTTP over loopback instead).
    """

    def __init__(
        self,
        api_key: str,
        api_secret: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_retry_wait: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url
        self._http = ApiClient(
            "PlugShare",
            base_url=base_url,
            auth=httpx.BasicAuth(api_key, api_secret),
            timeout=timeout,
            retry=RetryPolicy(max_retries, backoff, max_retry_wait),
            errors=PLUGSHARE_ERRORS,
            logger=logger,
            transport=transport,
        )

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> PlugShareClient:
        """A client for ``PLUGSHARE_API_URL`` with the configured credentials and timeouts."""
        key, secret = settings.plugshare_api_key, settings.plugshare_api_secret
        if not (settings.has_plugshare_credentials and key and secret):
            raise ConfigError(
                "PLUGSHARE_API_KEY and PLUGSHARE_API_SECRET must both be set to use PlugShare."
            )
        return cls(
            key.get_secret_value(),
            secret.get_secret_value(),
            base_url=str(settings.plugshare_api_url),
            timeout=httpx.Timeout(
                settings.plugshare_read_timeout, connect=settings.plugshare_connect_timeout
            ),
            **options,
        )

    # --- endpoints ---

    def nearby(
        self,
        latitude: float,
        longitude: float,
        filters: Filters | None = None,
        radius_m: float | None = None,
        count: int | None = None,
    ) -> list[Location]:
        """Locations near a point, nearest first, with ``distance_meters`` and ``compass_bearing``.

        ``radius_m`` (capped at 50 km) and ``count`` (capped at 500) override the
        filters' own.
        """
        params = {**_point(latitude, longitude), **_filter_params(filters, radius_m, count)}
        return self._locations("GET", "/locations/nearby", params=params)

    def nearby_address(
        self,
        address: str,
        filters: Filters | None = None,
        radius_m: float | None = None,
        count: int | None = None,
    ) -> list[Location]:
        """Like :meth:`nearby`, with PlugShare geocoding ``address``.

        Raises :class:`AddressNotFound` or :class:`AmbiguousAddress` when it cannot.
        """
        params = {"address": _text(address, "address"), **_filter_params(filters, radius_m, count)}
        return self._locations("GET", "/locations/nearby", params=params)

    def location(self, location_id: int) -> Location:
        """One location with its reviews (check-ins) and photos. Raises :class:`NotFound`."""
        what = f"GET /locations/{int(location_id)}"
        data = self._request("GET", f"/locations/{int(location_id)}")
        if not isinstance(data, dict):
            raise BadResponse(f"PlugShare answered {what} with {_kind(data)}, not a location")
        try:
            return Location.model_validate(data)
        except ValidationError as error:
            raise BadResponse(
                f"PlugShare answered {what} with a location that could not be read: "
                f"{_first_problem(error)}"
            ) from None

    def search(
        self,
        query: str,
        count: int | None = None,
        page: int | None = None,
        filters: Filters | None = None,
    ) -> list[Location]:
        """Locations whose name or address contains ``query``.

        ``page`` is PlugShare's page index (100 results a page); PlugShare wants a
        ``count`` with it, so one page's worth is sent when none is given.
        """
        params = {"query": _text(query, "query"), **_filter_params(filters, None, count)}
        params.pop("radius", None)
        if page is not None:
            if page < 0:
                raise ValueError("page must not be negative")
            params["page"] = str(page)
            params.setdefault("count", str(SEARCH_PAGE_SIZE))
        return self._locations("GET", "/locations/search", params=params)

    def region(
        self,
        latitude: float,
        longitude: float,
        span_lat: float,
        span_lng: float,
        count: int | None = None,
        filters: Filters | None = None,
    ) -> list[Location]:
        """Locations in the box centred on the point, ``span_lat`` by ``span_lng`` degrees.

        PlugShare requires a count; 500 (its maximum) is sent when none is given.
        """
        if not (0 < span_lat <= 180 and 0 < span_lng <= 360):
            raise ValueError("span_lat must be in (0, 180] and span_lng in (0, 360] degrees")
        params = {
            **_point(latitude, longitude),
            "spanLat": repr(float(span_lat)),
            "spanLng": repr(float(span_lng)),
            **_filter_params(filters, None, count),
        }
        params.pop("radius", None)
        params.setdefault("count", str(MAX_COUNT))
        return self._locations("GET", "/locations/region", params=params)

    def polyline(
        self,
        points: str | Sequence[tuple[float, float]],
        distance_m: float,
        filters: Filters | None = None,
        count: int | None = None,
    ) -> list[Location]:
        """Locations within ``distance_m`` of a route.

        ``points`` is a sequence of ``(lat, lng)`` or PlugShare's own
        ``"lat1,lng1,lat2,lng2,..."``. Filters travel as JSON fields, formatted as
        they are on the query string (PlugShare's published example does the same).
        """
        if distance_m <= 0:
            raise ValueError("distance_m must be positive")
        body: dict[str, Any] = _filter_params(filters, None, count)
        body.pop("radius", None)
        if "count" in body:
            body["count"] = int(body["count"])
        body["polyline"] = _polyline(points)
        body["distance"] = max(1, round(distance_m))
        return self._locations("POST", "/locations/polyline", json=body)

    # --- plumbing ---

    def _locations(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> list[Location]:
        what = f"{method} {path}"
        data = self._request(method, path, params=params, json=json)
        if isinstance(data, dict) and "code" in data:
            if data["code"] == 1:
                raise AddressNotFound(f"PlugShare could not find that address ({what})")
            if data["code"] == 2:
                raise AmbiguousAddress(f"PlugShare found several places for that address ({what})")
        if not isinstance(data, list):
            raise BadResponse(f"PlugShare answered {what} with {_kind(data)}, not a list")
        locations: list[Location] = []
        problems: list[str] = []
        for item in data:
            try:
                locations.append(Location.model_validate(item))
            except ValidationError as error:
                problems.append(_first_problem(error))
        if problems and not locations:
            raise BadResponse(
                f"PlugShare answered {what} with {len(problems)} location(s), none readable: "
                f"{problems[0]}"
            )
        if problems:
            # One odd record should not cost the user the whole answer.
            logger.warning(
                "Skipped %d of %d locations from %s that could not be read; first: %s",
                len(problems),
                len(data),
                what,
                problems[0],
            )
        return locations

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        """The decoded JSON of a successful answer, retrying what is worth retrying."""
        return self._http.request_json(method, path, params=params, json=json)


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        return "an object"
    return "a list" if isinstance(data, list) else type(data).__name__


def _first_problem(error: ValidationError) -> str:
    """The first validation problem, without the input (payloads are not ours to log)."""
    first = error.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{where}: {first['msg']}"


def _text(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


def _point(latitude: float, longitude: float) -> dict[str, str]:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("latitude must be in [-90, 90] and longitude in [-180, 180]")
    return {"latitude": repr(float(latitude)), "longitude": repr(float(longitude))}


def _filter_params(
    filters: Filters | None, radius_m: float | None, count: int | None
) -> dict[str, str]:
    """The filters' parameters, with an explicit radius and count taking precedence."""
    params = (filters or Filters()).to_plugshare_params()
    if radius_m is not None:
        if radius_m <= 0:
            raise ValueError("radius_m must be positive")
        params["radius"] = radius_param(radius_m)
    if count is not None:
        if count < 1:
            raise ValueError("count must be at least 1")
        params["count"] = count_param(count)
    return params


def _polyline(points: str | Sequence[tuple[float, float]]) -> str:
    """PlugShare's ``"lat1,lng1,lat2,lng2,..."``, checked so a typo fails here, not upstream."""
    if isinstance(points, str):
        parts = [part.strip() for part in points.split(",")]
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            raise ValueError("polyline must be numbers: lat1,lng1,lat2,lng2,...") from None
        pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
        if len(numbers) % 2:
            raise ValueError("polyline must hold latitude,longitude pairs")
    else:
        pairs = [(float(lat), float(lng)) for lat, lng in points]
    if not pairs:
        raise ValueError("polyline needs at least one point")
    for lat, lng in pairs:
        _point(lat, lng)
    return ",".join(f"{lat!r},{lng!r}" for lat, lng in pairs)
