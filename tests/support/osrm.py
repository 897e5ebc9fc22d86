"""An OSRM-compatible routing server on loopback (or, switched, a Valhalla-compatible one).

    with running_router() as server:               # or the ``router`` pytest fixture
        settings = load_settings(router_url=server.url, router_min_delay=0)
        ...
        assert server.route_count == 1

Answers have the real engines' shapes: OSRM's ``{"code": "Ok", "routes": [{"geometry":
<polyline6>, "distance", "duration", "legs": [...]}], "waypoints": [...]}`` and
``{"code": "NoRoute"}`` (HTTP 400) when no road joins the places; Valhalla's ``/status``
and ``{"trip": {"legs": [{"shape": <polyline6>}], "summary": {"length", "time"}}}``.

The road drawn between two waypoints follows a known road when both ends are near its
ends (the New York State Thruway, I-90 and I-87, from Buffalo to New York City through
Rochester, Syracuse, Utica and Albany, with the real towns' coordinates), else the great
circle with a gentle meander; either way a point every 500 m or so, so a route across a
state has hundreds to thousands of points. Distance is the drawn line's length; time is
at 100 km/h.

It records requests (path, parameters, user agent, arrival time) and can be made to fail
(an HTTP status), to be slow, to answer garbage, or to say NoRoute for everything.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

import polyline

EARTH_RADIUS_M = 6_371_008.8
STEP_M = 500.0
SPEED_M_S = 100_000 / 3600

#: I-90 then I-87 (the Thruway), Buffalo to the Bronx, through the real towns it passes.
THRUWAY: tuple[tuple[float, float], ...] = (
    (42.8864, -78.8784),  # Buffalo
    (42.9981, -78.1875),  # Batavia
    (43.0481, -77.6600),  # Henrietta (Rochester)
    (43.0045, -77.0858),  # Geneva exit (Manchester)
    (43.0481, -76.1474),  # Syracuse
    (43.0962, -75.6440),  # Verona
    (43.1009, -75.2327),  # Utica
    (42.9406, -74.3737),  # Amsterdam
    (42.8142, -73.9396),  # Schenectady
    (42.6526, -73.7562),  # Albany
    (42.2387, -73.8857),  # Catskill
    (41.9270, -73.9974),  # Kingston
    (41.7004, -74.0821),  # New Paltz
    (41.5034, -74.0104),  # Newburgh
    (41.0534, -74.0549),  # Nyack (Tappan Zee)
    (40.9312, -73.8988),  # Yonkers
    (40.7128, -74.0060),  # New York City
)
#: How near (metres) a waypoint must be to a road's end for the road to be followed.
SNAP_M = 40_000.0


def great_circle_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _straight(
    a: tuple[float, float], b: tuple[float, float], meander: bool
) -> list[tuple[float, float]]:
    steps = max(1, math.ceil(great_circle_m(a, b) / STEP_M))
    points = []
    for k in range(steps + 1):
        f = k / steps
        lat = a[0] + f * (b[0] - a[0])
        lng = a[1] + f * (b[1] - a[1])
        if meander:
            # A road is not straight: up to ~1.5 km off the chord, zero at both ends.
            wiggle = 0.013 * math.sin(f * math.pi) * math.sin(f * math.pi * 7)
            lat += wiggle * (b[1] - a[1]) / max(1e-9, abs(b[1] - a[1]) + abs(b[0] - a[0]))
            lng -= wiggle * (b[0] - a[0]) / max(1e-9, abs(b[1] - a[1]) + abs(b[0] - a[0]))
        points.append((lat, lng))
    return points


def road_between(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """The drawn road from ``a`` to ``b`` (see the module docstring)."""
    for road in (THRUWAY, tuple(reversed(THRUWAY))):
        start = min(range(len(road)), key=lambda i: great_circle_m(a, road[i]))
        end = min(range(len(road)), key=lambda i: great_circle_m(b, road[i]))
        if (
            start < end
            and great_circle_m(a, road[start]) < SNAP_M
            and great_circle_m(b, road[end]) < SNAP_M
        ):
            stops = [a, *road[start + 1 : end], b]
            points: list[tuple[float, float]] = [a]
            for p, q in itertools.pairwise(stops):
                points.extend(_straight(p, q, meander=False)[1:])
            return points
    return _straight(a, b, meander=True)


def length_m(points: list[tuple[float, float]]) -> float:
    return sum(great_circle_m(p, q) for p, q in itertools.pairwise(points))


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    user_agent: str
    at: float
    body: object = None


@dataclass
class RouterServer:
    url: str = ""
    engine: str = "osrm"  # or "valhalla"
    requests: list[Request] = field(default_factory=list)
    status: int | None = None
    delay: float = 0.0
    garbage: bool = False
    no_route: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def routes(self) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.startswith(("/route", "/route/"))]

    @property
    def route_count(self) -> int:
        return len(self.routes)

    def fail(self, status: int) -> None:
        self.status = status

    def slow(self, seconds: float) -> None:
        self.delay = seconds

    def recover(self) -> None:
        self.status, self.delay, self.garbage, self.no_route = None, 0.0, False, False

    # -- answers ---------------------------------------------------------------------------

    def osrm(self, coordinates: str) -> tuple[int, object]:
        try:
            waypoints = [
                (float(lat), float(lng))
                for lng, lat in (pair.split(",") for pair in coordinates.split(";"))
            ]
        except ValueError:
            return 400, {"code": "InvalidQuery", "message": "Query string malformed"}
        if len(waypoints) < 2:
            return 400, {"code": "InvalidQuery", "message": "Need at least two coordinates"}
        if self.no_route:
            return 400, {"code": "NoRoute", "message": "Impossible route between points"}
        legs, points = [], [waypoints[0]]
        for a, b in itertools.pairwise(waypoints):
            drawn = road_between(a, b)
            distance = length_m(drawn)
            legs.append(
                {
                    "distance": round(distance, 1),
                    "duration": round(distance / SPEED_M_S, 1),
                    "weight": round(distance / SPEED_M_S, 1),
                    "summary": "",
                    "steps": [],
                }
            )
            points.extend(drawn[1:])
        distance = sum(leg["distance"] for leg in legs)
        return 200, {
            "code": "Ok",
            "routes": [
                {
                    "geometry": polyline.encode(points, 6),
                    "legs": legs,
                    "distance": round(distance, 1),
                    "duration": round(distance / SPEED_M_S, 1),
                    "weight_name": "routability",
                    "weight": round(distance / SPEED_M_S, 1),
                }
            ],
            "waypoints": [
                {"hint": "", "distance": 3.2, "name": "", "location": [lng, lat]}
                for lat, lng in waypoints
            ],
        }

    def valhalla(self, body: object) -> tuple[int, object]:
        try:
            locations = [(float(p["lat"]), float(p["lon"])) for p in body["locations"]]  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return 400, {
                "error_code": 100,
                "error": "Failed to parse json request",
                "status_code": 400,
            }
        if self.no_route:
            return 400, {
                "error_code": 442,
                "error": "No path could be found for input",
                "status_code": 400,
            }
        legs, total = [], 0.0
        for a, b in itertools.pairwise(locations):
            drawn = road_between(a, b)
            distance = length_m(drawn)
            total += distance
            legs.append(
                {
                    "shape": polyline.encode(drawn, 6),
                    "summary": {"length": distance / 1000, "time": distance / SPEED_M_S},
                    "maneuvers": [],
                }
            )
        return 200, {
            "trip": {
                "locations": [{"lat": lat, "lon": lng, "type": "break"} for lat, lng in locations],
                "legs": legs,
                "summary": {"length": total / 1000, "time": total / SPEED_M_S},
                "status_message": "Found route between points",
                "status": 0,
                "units": "kilometers",
            }
        }


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def _record(self, body: object = None) -> Request:
        split = urlsplit(self.path)
        request = Request(
            self.command,
            unquote(split.path),
            dict(parse_qsl(split.query)),
            self.headers.get("User-Agent", ""),
            time.monotonic(),
            body,
        )
        state = self.server.state
        with state._lock:
            state.requests.append(request)
        return request

    def _misbehave(self) -> bool:
        state = self.server.state
        if state.delay:
            time.sleep(state.delay)
        if state.status is not None:
            self._send(state.status, {"code": "Error", "message": "failing on purpose"})
            return True
        if state.garbage:
            self._send_raw(200, b"<html>nginx</html>", "text/html")
            return True
        return False

    def do_GET(self) -> None:
        request = self._record()
        state = self.server.state
        if request.path == "/status":
            if state.engine == "valhalla":
                self._send(200, {"version": "3.4.0", "tileset_last_modified": 1700000000})
            else:
                self._send(
                    400,
                    {"code": "InvalidUrl", "message": "URL string malformed close to position 1"},
                )
            return
        if self._misbehave():
            return
        prefix = "/route/v1/driving/"
        if state.engine == "osrm" and request.path.startswith(prefix):
            self._send(*state.osrm(request.path[len(prefix) :]))
            return
        self._send(400, {"code": "InvalidUrl", "message": "URL string malformed"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        request = self._record(body)
        state = self.server.state
        if self._misbehave():
            return
        if state.engine == "valhalla" and request.path == "/route":
            self._send(*state.valhalla(body))
            return
        self._send(404, {"error": "not found"})

    def _send(self, status: int, body: object) -> None:
        self._send_raw(status, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _send_raw(self, status: int, data: bytes, kind: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: RouterServer


@contextmanager
def running_router(engine: str = "osrm") -> Iterator[RouterServer]:
    """Start the server on a free loopback port; stop it on exit."""
    state = RouterServer(engine=engine)
    httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
    httpd.state = state
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="router", daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
