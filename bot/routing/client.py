"""Driving routes from a routing engine over HTTP: OSRM, or Valhalla.

``CHARGEBOT_ROUTER_URL`` names the server (the public OSRM demo server by default).
Which engine it runs is asked once, at the first route: Valhalla answers ``GET /status``
with its version; OSRM does not. Then:

- OSRM: ``GET /route/v1/driving/{lng},{lat};...?overview=full&geometries=polyline6``;
- Valhalla: ``POST /route`` with ``{"locations": [...], "costing": "auto"}``; the shape
  of each leg is polyline6 too.

The public OSRM server's usage policy (at most one request a second, an identifying
User-Agent, results cached) is kept like Nominatim's: every request passes the
process-wide gate for the server (:mod:`bot.geo.throttle`), carries
``CHARGEBOT_GEOCODER_USER_AGENT``, and routes are cached in memory (the same trip asked
twice is one request). HTTP goes through the shared discipline
(:class:`bot.http_client.ApiClient`) with no retries: a router that fails makes the
answer fall back to a clearly labelled straight line, which beats a user waiting
through retries, and a failed router is left alone for a while (the gate's hold-off).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import httpx
import polyline
from cachetools import LRUCache

from bot.config import Settings
from bot.geo.throttle import GateBusy, GateClosed, gate_for
from bot.http_client import (
    ApiClient,
    BadResponse,
    RateLimited,
    RequestRejected,
    RetryPolicy,
    ServiceError,
    UpstreamUnavailable,
)
from bot.http_client.service import ServiceClient
from bot.routing.errors import NoRoute, RouterUnavailable
from bot.routing.route import Route

log = logging.getLogger(__name__)

DEFAULT_ROUTER_URL = "https://router.project-osrm.org"
#: Routes kept in memory; a route is a few thousand points.
CACHE_SIZE = 256
#: How long a router that failed is left alone before it is asked again.
HOLD_AFTER_FAILURE_S = 30.0
_PRECISION = 6  # polyline6


class Router(ServiceClient):
    """One routing server, reached through one pooled ``httpx.Client``."""

    def __init__(
        self,
        base_url: str = DEFAULT_ROUTER_URL,
        *,
        user_agent: str = "ChargeBot",
        timeout: float = 10.0,
        min_delay: float = 1.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = ApiClient(
            "the router",
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            headers={"User-Agent": user_agent},
            retry=RetryPolicy(max_retries=0),
            logger=log,
            transport=transport,
        )
        self._timeout = timeout
        self._min_delay = min_delay
        self._gate = gate_for(f"router:{self.base_url}")
        self._engine: str | None = None
        self._cache: LRUCache[tuple[tuple[float, float], ...], Route] = LRUCache(CACHE_SIZE)
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Router:
        return cls(
            str(settings.router_url),
            user_agent=settings.geocoder_user_agent,
            timeout=settings.router_timeout,
            min_delay=settings.router_min_delay,
        )

    @property
    def engine(self) -> str:
        """ "OSRM" or "Valhalla" (asked once)."""
        if self._engine is None:
            self._engine = self._detect()
        return self._engine

    def route(self, waypoints: Sequence[tuple[float, float]]) -> Route:
        """The driving route through ``waypoints`` (latitude, longitude), in order."""
        key = tuple((round(lat, 5), round(lng, 5)) for lat, lng in waypoints)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        engine = self.engine
        found = self._valhalla(key) if engine == "Valhalla" else self._osrm(key)
        with self._lock:
            self._cache[key] = found
        return found

    # -- the two engines -----------------------------------------------------------------

    def _osrm(self, waypoints: Sequence[tuple[float, float]]) -> Route:
        where = ";".join(f"{lng:.6f},{lat:.6f}" for lat, lng in waypoints)
        body = self._request(
            "GET",
            f"/route/v1/driving/{where}",
            params={"overview": "full", "geometries": "polyline6", "steps": "false"},
        )
        code = body.get("code") if isinstance(body, dict) else None
        routes = body.get("routes") if isinstance(body, dict) else None
        if code != "Ok" or not isinstance(routes, list) or not routes:
            raise RouterUnavailable(f"it answered “{str(code or 'no route')[:40]}”")
        best = routes[0]
        try:
            points = polyline.decode(str(best["geometry"]), _PRECISION)
            distance = float(best["distance"])
            duration = float(best["duration"])
        except (KeyError, TypeError, ValueError, IndexError):
            raise RouterUnavailable("its answer could not be read") from None
        return _route(points, distance, duration, "OSRM")

    def _valhalla(self, waypoints: Sequence[tuple[float, float]]) -> Route:
        body = self._request(
            "POST",
            "/route",
            json={
                "locations": [{"lat": lat, "lon": lng} for lat, lng in waypoints],
                "costing": "auto",
                "units": "kilometers",
            },
        )
        trip = body.get("trip") if isinstance(body, dict) else None
        if not isinstance(trip, dict):
            raise RouterUnavailable("its answer could not be read")
        try:
            points: list[tuple[float, float]] = []
            for leg in trip["legs"]:
                shape = polyline.decode(str(leg["shape"]), _PRECISION)
                points.extend(shape[1:] if points else shape)
            distance = float(trip["summary"]["length"]) * 1000.0
            duration = float(trip["summary"]["time"])
        except (KeyError, TypeError, ValueError, IndexError):
            raise RouterUnavailable("its answer could not be read") from None
        return _route(points, distance, duration, "Valhalla")

    # -- HTTP ---------------------------------------------------------------------------

    def _detect(self) -> str:
        try:
            with self._gate.turn(self._min_delay, self._timeout):
                body = self._http.get_json("/status")
        except (GateBusy, GateClosed, ServiceError):
            return "OSRM"  # OSRM has no /status (400); a router that is down says so later
        if isinstance(body, dict) and "version" in body and "code" not in body:
            return "Valhalla"
        return "OSRM"

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        """The router's JSON, through the shared HTTP discipline (no retries: a user waits)."""
        try:
            with self._gate.turn(self._min_delay, self._timeout):
                return self._http.request_json(method, path, **kwargs)
        except GateBusy:
            raise RouterUnavailable("it is busy with other requests") from None
        except GateClosed as closed:
            raise RouterUnavailable(closed.reason) from None
        except RequestRejected:
            # OSRM answers NoRoute/NoSegment and Valhalla "no path" with 400; what we send
            # is well formed, so a refusal means no road joins the places.
            raise NoRoute("no road joins these places") from None
        except RateLimited:
            self._gate.hold_off(HOLD_AFTER_FAILURE_S * 2, "it asked us to slow down")
            raise RouterUnavailable("it asked us to slow down") from None
        except UpstreamUnavailable as error:
            why = (
                f"it {error.unreachable.wording}"
                if error.unreachable is not None
                else f"it answered HTTP {error.status_code}"
            )
            log.warning("router %s: %s", self.base_url, why)
            self._gate.hold_off(HOLD_AFTER_FAILURE_S, why)
            raise RouterUnavailable(why) from None
        except BadResponse:
            raise RouterUnavailable("its answer could not be read") from None
        except ServiceError as error:
            raise RouterUnavailable(f"it answered HTTP {error.status_code}") from None


def _route(
    points: list[tuple[float, float]], distance: float, duration: float, engine: str
) -> Route:
    if len(points) < 2:
        raise RouterUnavailable("its route had no line")
    return Route(
        points=tuple((float(lat), float(lng)) for lat, lng in points),
        distance_m=distance,
        duration_s=duration,
        engine=engine,
    )
