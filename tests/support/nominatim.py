"""A Nominatim-compatible geocoding server on loopback, answering ``/search`` from a table.

Tests point geopy's real ``Nominatim`` geocoder (or ``CHARGEBOT_NOMINATIM_URL``) at it:

    with running_nominatim() as server:          # or the ``nominatim`` pytest fixture
        settings = load_settings(nominatim_url=server.url, geocoder_min_delay=0)
        ...
        assert server.search_count == 1

It behaves like Nominatim where our code can tell:

- ``q`` matches a place when every word of the query is a word of the place's
  name, aliases or address (accents, case and apostrophes ignored; ``st`` also
  matches street/saint), so "Union Station" matches all fifteen and
  "Union Station, Denver" or "Union Station Denver CO" only Denver's;
- results are ordered by ``importance``, places inside ``viewbox`` first
  (``bounded=1`` keeps only those), filtered by ``countrycodes``, cut to ``limit``
  (default 10, at most 40);
- ``format`` is ``json`` (OSM ``class``) or ``jsonv2`` (``category``), with
  ``lat``/``lon`` as strings, ``display_name``, ``type``, ``place_rank``,
  ``importance``, ``addresstype``, ``name``, ``boundingbox`` and, with
  ``addressdetails=1``, ``address`` including ``country_code`` and
  ``ISO3166-2-lvl4``; other formats get a 400 error in Nominatim's error shape.

It records every request (arrival time on ``time.monotonic``, path, parameters,
user agent) and can be made slow, made to answer an HTTP error (5xx, 429 with
``Retry-After``), or made to reset connections.

The default table (:func:`default_places`) holds the 15 Union Stations of
``places/union_stations.csv``, the Amtrak stations of ``places/amtrak_stations.csv``
and hand-written places other tests need, with real coordinates: Ferry Building,
1 Market St (San Francisco), Barstow, Times Square, Penn Station, Grand Central,
Albany, Buffalo, Brooklyn, Yonkers, Zürich HB, São Paulo, King's Cross, and some
cities that share a name (Paris, Springfield, Portland, Albany, Buffalo).
"""

from __future__ import annotations

import csv
import json
import socket
import struct
import threading
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"
DEFAULT_LIMIT = 10
MAX_LIMIT = 40

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
_SYNONYMS = {"st": ("street", "saint"), "ave": ("avenue",), "hb": ("hauptbahnhof",)}


@dataclass(frozen=True)
class Place:
    """One row of the table: what Nominatim knows about a place."""

    name: str
    lat: float
    lon: float
    category: str  # OSM class: place, railway, boundary, building, tourism, aeroway ...
    type: str
    importance: float
    place_rank: int
    address: dict[str, str]
    aliases: tuple[str, ...] = ()
    addresstype: str = ""

    @property
    def display_name(self) -> str:
        keys = ("house_number", "road", "suburb", "city", "town", "county", "state", "postcode")
        parts = [self.name] if self.name else []
        parts += [self.address[k] for k in keys if self.address.get(k)]
        parts.append(self.address.get("country", ""))
        seen: list[str] = []
        for part in parts:
            if part and part not in seen:
                seen.append(part)
        return ", ".join(seen)

    def words(self) -> frozenset[str]:
        texts = [self.name, *self.aliases, *self.address.values()]
        words = {w for text in texts for w in _fold(text)}
        state_code = self.address.get("ISO3166-2-lvl4", "")
        if "-" in state_code:
            words.add(state_code.split("-", 1)[1].lower())
        if self.address.get("country_code") == "us":
            words |= {"us", "usa"}
        return frozenset(words)


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when the request line was read
    path: str
    params: dict[str, str]
    user_agent: str


@dataclass
class _Behaviour:
    status: int | None = None  # answer every request with this HTTP error
    retry_after: str | None = None
    delay: float = 0.0  # seconds to wait before answering
    hold: threading.Event | None = None  # answer only once this is set
    reset: bool = False  # close every connection with a TCP reset, answering nothing
    body: str | None = None  # answer 200 with this body instead (a proxy's page, bad JSON)


@dataclass
class NominatimServer:
    """A running loopback server. ``url`` is its base URL (``http://127.0.0.1:PORT``)."""

    places: Sequence[Place]
    url: str = ""
    _requests: list[Request] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _behaviour: _Behaviour = field(default_factory=_Behaviour)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _index: list[tuple[Place, frozenset[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = [(place, place.words()) for place in self.places]

    def __repr__(self) -> str:
        return f"NominatimServer({self.url!r}, {len(self.places)} places)"

    # --- what the server saw ---
    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    @property
    def searches(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith(("/search", "/search.php"))]

    @property
    def search_count(self) -> int:
        return len(self.searches)

    def queries(self) -> list[str]:
        return [r.params.get("q", "") for r in self.searches]

    # --- how it behaves ---
    def fail(self, status: int, retry_after: float | None = None) -> None:
        """Answer every request with HTTP ``status`` (e.g. 500, 503, 429)."""
        with self._lock:
            self._behaviour = _Behaviour(
                status=status, retry_after=None if retry_after is None else f"{retry_after:g}"
            )

    def slow(self, seconds: float) -> None:
        """Wait ``seconds`` before each answer (a client with a shorter timeout gives up)."""
        with self._lock:
            self._behaviour = _Behaviour(delay=seconds)

    def hold(self) -> threading.Event:
        """Answer nothing until the returned event is set: slower than any time-out, however
        loaded the machine (set it once the client has given up)."""
        released = threading.Event()
        with self._lock:
            self._behaviour = _Behaviour(hold=released)
        return released

    def wait_for_searches(self, count: int, timeout: float = 30.0) -> bool:
        """Whether ``count`` searches have arrived within ``timeout`` seconds (a request is
        recorded when the server's thread gets to it, which a loaded machine delays)."""
        deadline = time.monotonic() + timeout
        while self.search_count < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def reset_connections(self) -> None:
        """Drop every connection with a TCP reset, as a crashed or refusing server would."""
        with self._lock:
            self._behaviour = _Behaviour(reset=True)

    def garble(self, body: str) -> None:
        """Answer 200 with ``body`` (e.g. a captive portal's HTML, or JSON of the wrong shape)."""
        with self._lock:
            self._behaviour = _Behaviour(body=body)

    def recover(self) -> None:
        with self._lock:
            self._behaviour = _Behaviour()

    # --- answering ---
    def search(self, params: dict[str, str]) -> tuple[int, object]:
        fmt = params.get("format", "jsonv2")
        if fmt not in ("json", "jsonv2"):
            return 400, _error(400, f"Parameter 'format' {fmt!r} not supported by this server.")
        try:
            limit = min(MAX_LIMIT, max(1, int(params.get("limit", DEFAULT_LIMIT))))
        except ValueError:
            return 400, _error(400, "Integer expected for parameter 'limit'")
        query = [w for w in _fold(params.get("q", ""))]
        if not query:
            return 400, _error(400, "Nothing to search for.")
        countries = {c for c in params.get("countrycodes", "").lower().split(",") if c}
        box = _viewbox(params.get("viewbox", ""))
        bounded = params.get("bounded") == "1"

        found = []
        for place, words in self._index:
            if not all(_has(words, w) for w in query):
                continue
            if countries and place.address.get("country_code") not in countries:
                continue
            inside = box is not None and _inside(box, place)
            if bounded and box is not None and not inside:
                continue
            found.append((not inside, -place.importance, place))
        found.sort(key=lambda item: item[:2])
        details = params.get("addressdetails") == "1"
        return 200, [_result(place, fmt, details) for *_, place in found[:limit]]

    def behaviour(self) -> _Behaviour:
        with self._lock:
            return self._behaviour

    def record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        arrived = time.monotonic()
        state = self.server.state
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        state.record(Request(arrived, url.path, params, self.headers.get("User-Agent", "")))
        behaviour = state.behaviour()
        if behaviour.reset:
            self._reset()
            return
        if behaviour.delay and state._stopping.wait(behaviour.delay):
            return
        while behaviour.hold is not None and not behaviour.hold.wait(0.05):
            if state._stopping.is_set():
                return
        if behaviour.status is not None:
            headers = {"Retry-After": behaviour.retry_after} if behaviour.retry_after else {}
            message = "Too Many Requests" if behaviour.status == 429 else "Server error"
            self._send(behaviour.status, _error(behaviour.status, message), headers)
            return
        # Any prefix, as a self-hosted Nominatim behind /nominatim/ would have.
        if behaviour.body is not None:
            self._send_text(behaviour.body)
        elif url.path.endswith(("/search", "/search.php")):
            self._send(*state.search(params))
        elif url.path == "/status":
            self._send(200, {"status": 0, "message": "OK"})
        else:
            self._send(404, _error(404, "Not found"))

    def _send(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
        self._send_text(json.dumps(body, ensure_ascii=False), status, headers)

    def _send_text(
        self, text: str, status: int = 200, headers: dict[str, str] | None = None
    ) -> None:
        payload = text.encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Access-Control-Allow-Origin", "*")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (timed out) before the answer

    def _reset(self) -> None:
        self.close_connection = True
        with suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: NominatimServer


@contextmanager
def running_nominatim(places: Iterable[Place] | None = None) -> Iterator[NominatimServer]:
    """Start the server on a free loopback port; stop it on exit."""
    state = NominatimServer(list(places) if places is not None else default_places())
    httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
    httpd.state = state
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="nominatim", daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        state._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def dead_url() -> str:
    """A loopback URL nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- the table -------------------------------------------------------------------------------


def default_places(shared_data: Path = SHARED_DATA) -> list[Place]:
    return list(_default_places(shared_data))


@cache
def _default_places(shared_data: Path) -> tuple[Place, ...]:
    places = _landmarks()
    union = _union_stations(shared_data / "places" / "union_stations.csv")
    skip_codes = {"NYP"} | {code for code, _ in union}  # described by hand or as Union Stations
    places += [place for _, place in union]
    places += _amtrak_stations(shared_data / "places" / "amtrak_stations.csv", skip_codes)
    return tuple(places)


def _us(city: str, state: str, **extra: str) -> dict[str, str]:
    return {
        **extra,
        "city": city,
        "state": US_STATES[state],
        "ISO3166-2-lvl4": f"US-{state}",
        "country": "United States",
        "country_code": "us",
    }


def _abroad(city: str, state: str, country: str, code: str, **extra: str) -> dict[str, str]:
    return {**extra, "city": city, "state": state, "country": country, "country_code": code}


def _city(name: str, lat: float, lon: float, importance: float, address: dict[str, str],
          *aliases: str, kind: str = "city") -> Place:  # fmt: skip
    return Place(name, lat, lon, "place", kind, importance, 16, address, aliases, kind)


def _landmarks() -> list[Place]:
    station = "railway", "station"
    return [
        Place("Ferry Building", 37.795490, -122.393738, "tourism", "attraction", 0.55, 30,
              _us("San Francisco", "CA", road="The Embarcadero", postcode="94111"),
              ("San Francisco Ferry Building",), "tourism"),
        Place("", 37.793945, -122.394786, "building", "commercial", 0.32, 30,
              _us("San Francisco", "CA", house_number="1", road="Market Street",
                  postcode="94105"), ("1 Market St", "One Market"), "building"),
        Place("Times Square", 40.758077, -73.985480, "place", "square", 0.62, 25,
              _us("New York", "NY", suburb="Manhattan"), (), "square"),
        Place("Pennsylvania Station", 40.750568, -73.993519, *station, 0.62, 30,
              _us("New York", "NY", suburb="Manhattan", road="8th Avenue"),
              ("Penn Station", "New York Penn Station"), "railway"),
        Place("Grand Central Terminal", 40.752726, -73.977229, *station, 0.65, 30,
              _us("New York", "NY", suburb="Manhattan", road="East 42nd Street"),
              ("Grand Central",), "railway"),
        Place("Zürich HB", 47.378177, 8.540212, *station, 0.55, 30,
              _abroad("Zürich", "Zürich", "Switzerland", "ch", postcode="8001"),
              ("Zürich Hauptbahnhof", "Zurich Main Station"), "railway"),
        Place("London King's Cross", 51.530881, -0.123845, *station, 0.60, 30,
              _abroad("London", "England", "United Kingdom", "gb", postcode="N1C 4AP"),
              ("King's Cross", "Kings Cross station"), "railway"),
        _city("Kings Cross", -33.875200, 151.223700, 0.42,
              _abroad("Sydney", "New South Wales", "Australia", "au"), kind="suburb"),
        _city("São Paulo", -23.550651, -46.633382, 0.78,
              _abroad("São Paulo", "São Paulo", "Brazil", "br")),
        _city("Zürich", 47.374449, 8.541042, 0.72,
              _abroad("Zürich", "Zürich", "Switzerland", "ch"), "Zurich"),
        _city("London", 51.507446, -0.127765, 0.85,
              _abroad("London", "England", "United Kingdom", "gb")),
        _city("Paris", 48.858890, 2.320041, 0.88,
              _abroad("Paris", "Île-de-France", "France", "fr")),
        _city("Paris", 33.660939, -95.555513, 0.50, _us("Paris", "TX")),
        _city("New York", 40.712728, -74.006015, 0.82, _us("New York", "NY"),
              "New York City", "NYC"),
        _city("Brooklyn", 40.650104, -73.949582, 0.72, _us("New York", "NY", suburb="Brooklyn"),
              "Kings County", kind="borough"),
        _city("Brooklyn Park", 45.094131, -93.356340, 0.45, _us("Brooklyn Park", "MN")),
        _city("Yonkers", 40.931210, -73.898747, 0.60, _us("Yonkers", "NY")),
        _city("Albany", 42.651167, -73.754968, 0.68, _us("Albany", "NY")),
        _city("Albany", 31.578507, -84.155741, 0.52, _us("Albany", "GA")),
        _city("Albany", 44.636511, -123.105928, 0.50, _us("Albany", "OR")),
        _city("Albany", -35.026901, 117.883700, 0.48,
              _abroad("Albany", "Western Australia", "Australia", "au")),
        _city("Buffalo", 42.886717, -78.878392, 0.70, _us("Buffalo", "NY")),
        _city("Buffalo", 45.171908, -93.874689, 0.40, _us("Buffalo", "MN")),
        _city("Buffalo", 44.348311, -106.698925, 0.38, _us("Buffalo", "WY")),
        _city("Barstow", 34.895798, -117.017281, 0.50, _us("Barstow", "CA")),
        _city("Barstow", 31.463203, -103.394611, 0.30, _us("Barstow", "TX"), kind="town"),
        _city("Denver", 39.739236, -104.984862, 0.75, _us("Denver", "CO")),
        _city("San Francisco", 37.779259, -122.419329, 0.80, _us("San Francisco", "CA"), "SF"),
        _city("Chicago", 41.875562, -87.624421, 0.80, _us("Chicago", "IL")),
        _city("Los Angeles", 34.053691, -118.242766, 0.80, _us("Los Angeles", "CA"), "LA"),
        _city("Washington", 38.895037, -77.036543, 0.80, _us("Washington", "DC"),
              "Washington DC", "Washington D.C."),
        _city("Kansas City", 39.100105, -94.578142, 0.65, _us("Kansas City", "MO")),
        _city("Springfield", 39.799017, -89.643957, 0.60, _us("Springfield", "IL")),
        _city("Springfield", 42.101483, -72.589811, 0.58, _us("Springfield", "MA")),
        _city("Springfield", 37.208957, -93.292300, 0.57, _us("Springfield", "MO")),
        _city("Portland", 45.520247, -122.674195, 0.70, _us("Portland", "OR")),
        _city("Portland", 43.659100, -70.256800, 0.58, _us("Portland", "ME")),
    ]  # fmt: skip


def _union_stations(path: Path) -> list[tuple[str, Place]]:
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    result = []
    for rank, row in enumerate(rows):
        # All comparably prominent, so "Union Station" alone is genuinely ambiguous.
        importance = 0.50 - 0.005 * rank
        address = _us(row["city"], row["state"], railway=row["name"])
        place = Place(
            row["name"], float(row["latitude"]), float(row["longitude"]), "railway", "station",
            importance, 30, address, ("Union Station", f"{row['city']} Union Station"), "railway",
        )  # fmt: skip
        result.append((row["amtrak_code"], place))
    return result


def _amtrak_stations(path: Path, skip_codes: set[str]) -> list[Place]:
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    places = []
    for row in rows:
        if row["STNCODE"] in skip_codes or row["STATE"] not in US_STATES or not row["Y"]:
            continue  # one row (Arcadia, MO) has no position
        label = row["STNNAME"].rsplit(",", 1)[0]
        inner = label[label.find("(") + 1 : label.find(")")] if "(" in label else ""
        name = inner if "Station" in inner and "Amtrak" not in inner else f"{row['CITY2']} station"
        # The list is in ridership order: busier stations are more prominent.
        importance = 0.25 + 0.2 * (1 - (int(row["OBJECTID"]) - 1) / max(1, len(rows) - 1))
        address = _us(row["CITY2"], row["STATE"], railway=name)
        aliases = (label, row["STNCODE"], "Amtrak")
        place = Place(
            name, float(row["Y"]), float(row["X"]), "railway", "station", importance, 30,
            address, aliases, "railway",
        )  # fmt: skip
        places.append(place)
    return places


# --- helpers ---------------------------------------------------------------------------------


def _fold(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("’", "")
    return "".join(c if c.isalnum() else " " for c in plain).split()


def _has(words: frozenset[str], word: str) -> bool:
    return word in words or any(s in words for s in _SYNONYMS.get(word, ()))


def _viewbox(value: str) -> tuple[float, float, float, float] | None:
    try:
        x1, y1, x2, y2 = (float(v) for v in value.split(","))
    except ValueError:
        return None
    return min(y1, y2), max(y1, y2), min(x1, x2), max(x1, x2)


def _inside(box: tuple[float, float, float, float], place: Place) -> bool:
    south, north, west, east = box
    return south <= place.lat <= north and west <= place.lon <= east


def _result(place: Place, fmt: str, details: bool) -> dict[str, object]:
    ident = zlib.crc32(f"{place.name}|{place.lat}|{place.lon}".encode())
    pad = 0.01 if place.category == "place" else 0.001
    result: dict[str, object] = {
        "place_id": ident,
        "licence": LICENCE,
        "osm_type": "node" if place.category != "boundary" else "relation",
        "osm_id": ident,
        "lat": f"{place.lat:.7f}",
        "lon": f"{place.lon:.7f}",
        ("class" if fmt == "json" else "category"): place.category,
        "type": place.type,
        "place_rank": place.place_rank,
        "importance": place.importance,
        "addresstype": place.addresstype or place.type,
        "name": place.name,
        "display_name": place.display_name,
        "boundingbox": [
            f"{place.lat - pad:.7f}",
            f"{place.lat + pad:.7f}",
            f"{place.lon - pad:.7f}",
            f"{place.lon + pad:.7f}",
        ],
    }
    if details:
        result["address"] = {
            **({place.addresstype or place.type: place.name} if place.name else {}),
            **place.address,
        }
    return result


def _error(code: int, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}}
