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
import json
import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

#: An ``addresses`` value meaning "PlugShare finds several places for this".
AMBIGUOUS = "ambiguous"

EARTH_RADIUS_M = 6_371_008.8


@dataclass
class Reply:
    """One scripted answer.

    ``body`` is JSON-encoded unless it is ``str`` or ``bytes`` (sent as is). With
    status 200 and no body, the server answers normally, after ``delay`` seconds.
    """

    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str | None = None


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    raw_query: str
    #: Query parameters, decoded; the last value wins for repeated names.
    query: dict[str, str]
    #: Header names in lower case.
    headers: dict[str, str]
    body: bytes
    #: The client's port: equal ports mean one reused connection.
    client_port: int
    received_at: float

    def json(self) -> Any:
        return json.loads(self.body)


class PlugShareServer:
    def __init__(
        self,
        locations: Iterable[Mapping[str, Any]] = (),
        *,
        addresses: Mapping[str, tuple[float, float] | str] | None = None,
        key: str = "test-key-3f9a",
        secret: str = "test-secret-c0ffee",
    ) -> None:
        self.locations: dict[int, dict[str, Any]] = {
            int(item["id"]): copy.deepcopy(dict(item)) for item in locations
        }
        self.addresses = {k.strip().lower(): v for k, v in (addresses or {}).items()}
        self.key = key
        self.secret = secret
        self.requests: list[RecordedRequest] = []
        self._scripts: defaultdict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.app = self
        # A short poll interval: shutdown() waits for the loop to notice, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- lifecycle ---

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> PlugShareServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> PlugShareServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- test controls ---

    def script(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` (no query string) with ``replies``, in order."""
        with self._lock:
            self._scripts[path].extend(replies)

    def add(self, *locations: Mapping[str, Any]) -> None:
        for item in locations:
            self.locations[int(item["id"])] = copy.deepcopy(dict(item))

    @property
    def authorization(self) -> str:
        """The ``Authorization`` header a client with the right key and secret sends."""
        token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        return f"Basic {token}"

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    # --- answering ---

    def _next_reply(self, path: str) -> Reply | None:
        with self._lock:
            queue = self._scripts.get(path)
            return queue.popleft() if queue else None

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: PlugShareServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and hung up is what some tests are about; stay quiet.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, the client's
    # delayed ACK would add ~40 ms to every answer on a kept-alive connection.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        app = self.server.app
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = RecordedRequest(
            method=self.command,
            path=parts.path,
            raw_query=parts.query,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            client_port=self.client_address[1],
            received_at=time.monotonic(),
        )
        app._record(request)
        reply = app._next_reply(parts.path) or Reply()
        if reply.delay and app._stopping.wait(reply.delay):
            self.close_connection = True
            return
        status, body = reply.status, reply.body
        if status == 200 and body is None:
            status, body = app._route(request)
        if isinstance(body, bytes):
            payload = body
        elif isinstance(body, str):
            payload = body.encode()
        elif body is None:
            payload = b""
        else:
            payload = json.dumps(body).encode()
        content_type = reply.content_type or (
            "application/json" if not isinstance(body, str | bytes) else "text/plain"
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
