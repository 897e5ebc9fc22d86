"""An Open Charge Map-shaped API on loopback, serving real OCM records.

    with OcmServer(load_pois("ocm-sample.json", "ocm-andorra.json")) as server:
        client = OcmClient(server.key, base_url=server.url)

``GET /v3/poi`` (with or without the trailing slash) answers the way OCM does,
for the parameters ChargeBot sends:

- ``X-API-Key`` must be the server's key, else 403.
- ``latitude``/``longitude`` with ``distance`` (``distanceunit`` km or miles,
  OCM's default): POIs within that great-circle distance, nearest first, each
  with ``AddressInfo.Distance`` and ``DistanceUnit`` (2 = km, 1 = miles).
- ``chargepointid``, ``operatorid``, ``usagetypeid``, ``statustypeid``,
  ``dataproviderid``: comma-separated ids, exact match on the POI's own field;
  ``connectiontypeid``: any connection of one of those types.
- ``minpowerkw``: some connection's ``PowerKW`` at least that.
- ``countrycode`` (ISO 3166 alpha-2, through ``reference.json``'s Countries),
  ``boundingbox`` ``(lat,lng),(lat2,lng2)``, ``modifiedsince`` (the POI's
  ``DateLastStatusUpdate``, else ``DateCreated``, at or after it),
  ``greaterthanid`` (ids above it; answers then come in id order).
- ``polyline`` (Google-encoded, precision 5) with ``distance``: POIs within that
  distance of the line (OCM widens the line into a polygon that wide);
- ``maxresults`` (default 100); ``includecomments`` other than ``true`` leaves out
  ``UserComments`` and ``MediaItems``.

Records come back as stored (OCM's compact export form). Scripted replies
(``server.script("/v3/poi", Reply(503))``) answer first, as in every loopback API.
"""

from __future__ import annotations

import copy
import itertools
import json
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polyline

from support.loopback_api import LoopbackApi, RecordedRequest, Reply

__all__ = ["OcmServer", "RecordedRequest", "Reply", "distance_km", "load_pois", "ocm_data"]

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344


def ocm_data() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ocm"


def load_pois(*names: str) -> list[dict[str, Any]]:
    """The real POIs in these files of ``../shared/data/ocm``, in file order."""
    pois: list[dict[str, Any]] = []
    for name in names:
        pois.extend(json.loads((ocm_data() / name).read_text(encoding="utf-8")))
    return pois


def _country_ids() -> dict[str, int]:
    reference = json.loads((ocm_data() / "reference.json").read_text(encoding="utf-8"))
    return {country["ISOCode"].upper(): country["ID"] for country in reference["Countries"]}


def _ids(text: str) -> set[int]:
    return {int(part) for part in text.split(",") if part.strip()}


def _when(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) distance: how OCM measures ``distance``."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _km_to_line(lat: float, lng: float, line: list[tuple[float, float]]) -> float:
    scale = math.cos(math.radians(lat))
    best = math.inf
    for (lat1, lng1), (lat2, lng2) in itertools.pairwise(line):
        x1, y1 = (lng1 - lng) * scale, lat1 - lat
        dx, dy = (lng2 - lng1) * scale, lat2 - lat1
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else min(1.0, max(0.0, -(x1 * dx + y1 * dy) / length2))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    return math.radians(best) * EARTH_RADIUS_KM


class OcmServer(LoopbackApi):
    def __init__(
        self, pois: Iterable[Mapping[str, Any]] = (), *, key: str = "ocm-key-5e7a1"
    ) -> None:
        super().__init__()
        self.pois: dict[int, dict[str, Any]] = {}
        self.add(*pois)
        self.key = key
        self._countries = _country_ids()

    @property
    def url(self) -> str:
        """The API's base URL, as ``OCM_API_URL`` holds it."""
        return f"{super().url}/v3"

    def add(self, *pois: Mapping[str, Any]) -> None:
        for poi in pois:
            self.pois[int(poi["ID"])] = copy.deepcopy(dict(poi))

    def poi_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.rstrip("/") == "/v3/poi"]

    def _next_reply(self, path: str) -> Reply | None:
        # Scripts for /v3/poi also answer /v3/poi/.
        return super()._next_reply(path.rstrip("/") or "/")

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        if request.headers.get("x-api-key") != self.key:
            return (
                403,
                "You must specify an API key. See https://openchargemap.org/site/develop/api",
            )
        if request.method != "GET" or request.path.rstrip("/") != "/v3/poi":
            return 404, "<html><body>Not found</body></html>"
        try:
            return 200, self._search(request.query)
        except (KeyError, ValueError) as error:
            return 400, {"error": f"bad parameter: {error}"}

    def _search(self, query: dict[str, str]) -> list[dict[str, Any]]:
        found = list(copy.deepcopy(list(self.pois.values())))
        for name, field in (
            ("chargepointid", "ID"),
            ("operatorid", "OperatorID"),
            ("usagetypeid", "UsageTypeID"),
            ("statustypeid", "StatusTypeID"),
            ("dataproviderid", "DataProviderID"),
        ):
            if query.get(name):
                wanted = _ids(query[name])
                found = [poi for poi in found if poi.get(field) in wanted]
        if query.get("connectiontypeid"):
            wanted = _ids(query["connectiontypeid"])
            found = [
                poi for poi in found
                if any(c.get("ConnectionTypeID") in wanted for c in poi.get("Connections") or [])
            ]  # fmt: skip
        if query.get("minpowerkw"):
            least = float(query["minpowerkw"])
            found = [
                poi for poi in found
                if any((c.get("PowerKW") or 0) >= least for c in poi.get("Connections") or [])
            ]  # fmt: skip
        if query.get("countrycode"):
            country = self._countries.get(query["countrycode"].upper())
            found = [poi for poi in found if poi["AddressInfo"].get("CountryID") == country]
        if query.get("boundingbox"):
            corners = query["boundingbox"].replace("(", "").replace(")", "")
            lat1, lng1, lat2, lng2 = (float(part) for part in corners.split(","))
            south, north = sorted((lat1, lat2))
            west, east = sorted((lng1, lng2))
            found = [
                poi for poi in found
                if south <= poi["AddressInfo"]["Latitude"] <= north
                and west <= poi["AddressInfo"]["Longitude"] <= east
            ]  # fmt: skip
        if query.get("modifiedsince"):
            since = _when(query["modifiedsince"])
            found = [
                poi for poi in found
                if _when(poi.get("DateLastStatusUpdate") or poi["DateCreated"]) >= since
            ]  # fmt: skip
        if query.get("greaterthanid"):
            above = int(query["greaterthanid"])
            found = [poi for poi in found if poi["ID"] > above]
        found.sort(key=lambda poi: poi["ID"])
        if query.get("latitude") and query.get("longitude"):
            found = self._near(found, query)
        elif query.get("polyline"):
            found = self._along(found, query)
        if query.get("includecomments", "").lower() != "true":
            for poi in found:
                poi.pop("UserComments", None)
                poi.pop("MediaItems", None)
        return found[: int(query.get("maxresults", 100))]

    def _along(self, pois: list[dict[str, Any]], query: dict[str, str]) -> list[dict[str, Any]]:
        """POIs within ``distance`` of the encoded line (flat-earth per segment: a test double)."""
        line = polyline.decode(query["polyline"], 5)
        in_km = query.get("distanceunit", "miles").lower() in ("km", "kilometers", "kilometres")
        limit_km = float(query.get("distance", 5)) * (1 if in_km else KM_PER_MILE)
        return [
            poi for poi in pois
            if _km_to_line(poi["AddressInfo"]["Latitude"], poi["AddressInfo"]["Longitude"], line)
            <= limit_km
        ]  # fmt: skip

    def _near(self, pois: list[dict[str, Any]], query: dict[str, str]) -> list[dict[str, Any]]:
        lat, lng = float(query["latitude"]), float(query["longitude"])
        in_km = query.get("distanceunit", "miles").lower() in ("km", "kilometers", "kilometres")
        limit = float(query["distance"]) if query.get("distance") else math.inf
        near = []
        for poi in pois:
            address = poi["AddressInfo"]
            km = distance_km(lat, lng, address["Latitude"], address["Longitude"])
            distance = km if in_km else km / KM_PER_MILE
            if distance <= limit:
                address["Distance"] = distance
                address["DistanceUnit"] = 2 if in_km else 1
                near.append(poi)
        near.sort(key=lambda poi: poi["AddressInfo"]["Distance"])
        return near
