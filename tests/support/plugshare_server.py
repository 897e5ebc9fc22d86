"""A PlugShare-shaped API on loopback: real HTTP, real Basic auth, every request recorded.

    with PlugShareServer(locations=[payload, ...]) as server:
        client = PlugShareClient(server.key, server.secret, base_url=server.url)
        server.script("/locations/nearby", Reply(503), Reply(429, headers={"Retry-After": "1"}))
        client.nearby(33.99, -118.47)          # 503, 429, then the normal answer
        server.requests[-1].query["latitude"]  # "33.99"

Unscripted, it answers the documented endpoints the way PlugShare does:

- ``GET /locations/nearby``: stored locations within ``radius`` meters (default 50 km)
  of ``latitude``/``longitude`` or of ``address`` (looked up in ``addresses``; an
  unknown address answers ``{"code": 1}``, one mapped to :data:`AMBIGUOUS`
  ``{"code": 2}``), nearest first, at most ``count``, each with ``distance_meters``
  and ``compass_bearing``.
- ``GET /locations/region``: stored locations in the ``spanLat`` x ``spanLng`` box.
- ``GET /locations/search``: names or addresses containing ``query`` (any case).
- ``POST /locations/polyline``: locations within ``distance`` of a ``polyline`` point.
- ``GET /locations/{id}``: the stored location, or 404.

Search endpoints leave out ``reviews`` and ``photos`` and never return a location
with ``"enabled": false``, as PlugShare does. Filter parameters are recorded, not
applied: a test that needs filtered answers stores (or scripts) exactly those.
A scripted :class:`Reply` answers instead of the above, once, in order.
"""

from __future__ import annotations

import base64
import copy
import math
from collections.abc import Iterable, Mapping
from typing import Any

from support.loopback_api import LoopbackApi, RecordedRequest, Reply

__all__ = ["AMBIGUOUS", "PlugShareServer", "RecordedRequest", "Reply"]

#: An ``addresses`` value meaning "PlugShare finds several places for this".
AMBIGUOUS = "ambiguous"

EARTH_RADIUS_M = 6_371_008.8


class PlugShareServer(LoopbackApi):
    def __init__(
        self,
        locations: Iterable[Mapping[str, Any]] = (),
        *,
        addresses: Mapping[str, tuple[float, float] | str] | None = None,
        key: str = "test-key-3f9a",
        secret: str = "test-secret-c0ffee",
    ) -> None:
        super().__init__()
        self.locations: dict[int, dict[str, Any]] = {
            int(item["id"]): copy.deepcopy(dict(item)) for item in locations
        }
        self.addresses = {k.strip().lower(): v for k, v in (addresses or {}).items()}
        self.key = key
        self.secret = secret

    # --- test controls ---

    def add(self, *locations: Mapping[str, Any]) -> None:
        for item in locations:
            self.locations[int(item["id"])] = copy.deepcopy(dict(item))

    @property
    def authorization(self) -> str:
        """The ``Authorization`` header a client with the right key and secret sends."""
        token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        return f"Basic {token}"

    # --- answering ---

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        if request.headers.get("authorization") != self.authorization:
            return 401, {"error": "Unauthorized"}
        path, query = request.path.rstrip("/"), request.query
        if request.method == "GET" and path == "/locations/nearby":
            return self._nearby(query)
        if request.method == "GET" and path == "/locations/region":
            return self._region(query)
        if request.method == "GET" and path == "/locations/search":
            return self._search(query)
        if request.method == "POST" and path == "/locations/polyline":
            return self._polyline(request.json())
        if request.method == "GET" and path.startswith("/locations/"):
            tail = path.removeprefix("/locations/")
            if tail.isdigit() and int(tail) in self.locations:
                return 200, copy.deepcopy(self.locations[int(tail)])
        return 404, {"error": "Not Found"}

    def _searchable(self) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in copy.deepcopy(item).items() if k not in ("reviews", "photos")}
            for item in self.locations.values()
            if item.get("enabled") is not False
        ]

    def _nearby(self, query: dict[str, str]) -> tuple[int, Any]:
        if "address" in query:
            point = self.addresses.get(query["address"].strip().lower())
            if point is None:
                return 200, {"code": 1}
            if point == AMBIGUOUS:
                return 200, {"code": 2}
            lat, lng = point
        else:
            lat, lng = float(query["latitude"]), float(query["longitude"])
        radius = min(float(query.get("radius", 50_000)), 50_000)
        found = []
        for item in self._searchable():
            distance, bearing = _measure(
                lat, lng, float(item["latitude"]), float(item["longitude"])
            )
            if distance <= radius:
                item["distance_meters"] = round(distance, 1)
                item["compass_bearing"] = round(bearing, 1)
                found.append(item)
        found.sort(key=lambda item: item["distance_meters"])
        return 200, found[: _count(query)]

    def _region(self, query: dict[str, str]) -> tuple[int, Any]:
        lat, lng = float(query["latitude"]), float(query["longitude"])
        half_lat, half_lng = float(query["spanLat"]) / 2, float(query["spanLng"]) / 2
        found = [
            item
            for item in self._searchable()
            if abs(float(item["latitude"]) - lat) <= half_lat
            and abs(float(item["longitude"]) - lng) <= half_lng
        ]
        return 200, found[: _count(query)]

    def _search(self, query: dict[str, str]) -> tuple[int, Any]:
        words = query.get("query", "").lower()
        found = [
            item
            for item in self._searchable()
            if words in (item.get("name") or "").lower()
            or words in (item.get("address") or "").lower()
        ]
        return 200, found[: _count(query)]

    def _polyline(self, body: dict[str, Any]) -> tuple[int, Any]:
        numbers = [float(part) for part in str(body["polyline"]).split(",")]
        points = list(zip(numbers[::2], numbers[1::2], strict=True))
        distance = float(body["distance"])
        found = [
            item
            for item in self._searchable()
            if any(
                _measure(lat, lng, float(item["latitude"]), float(item["longitude"]))[0] <= distance
                for lat, lng in points
            )
        ]
        return 200, found[: _count(body)]


def _count(params: Mapping[str, Any]) -> int:
    return min(int(params.get("count", 500)), 500)


def _measure(lat1: float, lng1: float, lat2: float, lng2: float) -> tuple[float, float]:
    """Great-circle distance (m) and initial bearing (degrees): plenty for a test double."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    distance = 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return distance, math.degrees(math.atan2(y, x)) % 360
