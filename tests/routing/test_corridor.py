"""Corridor search in every provider, and one placing function for all their results.

The local index is the real New York AFDC export; its corridor search must find exactly
what measuring every station against the whole route finds. PlugShare is asked through
its polyline endpoint on a loopback server.
"""

from __future__ import annotations

import itertools
import math
import sqlite3
from pathlib import Path

import pytest
from support.osrm import THRUWAY, road_between
from support.plugshare_payloads import all_locations
from support.plugshare_server import PlugShareServer

from bot.config import load_settings
from bot.geometry.line import RouteLine
from bot.geometry.spherical import great_circle_m
from bot.opendata.corridor import runs, within_corridor
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.providers.local import LocalProvider
from bot.providers.plugshare import PlugShareProvider
from bot.query import parse_query
from bot.routing.along import place_along

THRUWAY_LINE = RouteLine(road_between(THRUWAY[0], THRUWAY[-1]))


def _brute_force(db: Path, line: RouteLine, filters: Filters, corridor_m: float) -> list[int]:
    """Every location matching the filters, measured against every segment: the slow truth."""
    from bot.opendata.facets import filter_sql

    where, params = filter_sql(filters)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        f"SELECT l.id, r.latitude, r.longitude FROM locations l JOIN location_index r"
        f" ON r.id = l.id WHERE {where}",
        params,
    ).fetchall()
    conn.close()
    # A cheap cut before measuring every segment: the route's vertices are at most 500 m
    # apart, so a station within the corridor of a segment is within corridor + 250 m of
    # one of its two vertices.
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lng in line.points:
        cells.setdefault((math.floor(lat * 10), math.floor(lng * 10)), []).append((lat, lng))
    inside = []
    for loc_id, lat, lng in rows:
        r, c = math.floor(lat * 10), math.floor(lng * 10)
        near = [p for i in (-1, 0, 1) for j in (-1, 0, 1) for p in cells.get((r + i, c + j), ())]
        if not any(great_circle_m(lat, lng, *p) <= corridor_m + 260 for p in near):
            continue
        position = line.locate(lat, lng)
        if position.off_m <= corridor_m:
            inside.append((position.along_m, loc_id))
    return [loc_id for _, loc_id in sorted(inside)]


@pytest.mark.parametrize(
    ("text", "corridor_m"),
    [("CCS from Buffalo to NYC", 3_218.688), ("chargers from Buffalo to NYC", 1_000.0),
     ("free J1772 from Buffalo to NYC", 5_000.0)],
)  # fmt: skip
def test_the_index_finds_exactly_the_stations_in_the_corridor(
    ny_index: Path, text: str, corridor_m: float
) -> None:
    filters = parse_query(text).filters
    conn = sqlite3.connect(f"file:{ny_index}?mode=ro", uri=True)
    hits = within_corridor(conn, THRUWAY_LINE, filters, corridor_m)
    conn.close()
    expected = _brute_force(ny_index, THRUWAY_LINE, filters, corridor_m)
    assert [hit.location_id for hit in hits] == expected
    assert len(expected) > 20
    for hit in hits:
        assert hit.position.off_m <= corridor_m
        assert hit.position == THRUWAY_LINE.locate(hit.latitude, hit.longitude)


def test_the_boxes_are_small_runs_of_the_line() -> None:
    boxes = runs(THRUWAY_LINE)
    assert boxes[0][0] == 0 and boxes[-1][1] == THRUWAY_LINE.segment_count
    assert all(a[1] == b[0] for a, b in itertools.pairwise(boxes))
    assert len(boxes) > 50  # a 650 km route is read as many small boxes, never one big one


def test_the_local_provider_returns_locations_in_route_order(ny_provider: LocalProvider) -> None:
    filters = parse_query("CCS").filters
    found = ny_provider.along(THRUWAY_LINE, filters, 3_218.688, 1000)
    placed = place_along(THRUWAY_LINE, found, 3_218.688)
    assert [p.location.id for p in placed] == [loc.id for loc in found]
    assert [p.position.along_m for p in placed] == sorted(p.position.along_m for p in placed)
    assert all(any(int(o.connector) == 13 for s in p.location.stations for o in s.outlets)
               for p in placed)  # fmt: skip
    # A cap keeps an even spread along the whole route, not its first stretch.
    few = ny_provider.along(THRUWAY_LINE, filters, 3_218.688, 5)
    ahead = [THRUWAY_LINE.locate(loc.latitude, loc.longitude).along_m for loc in few]
    assert len(few) == 5 and ahead == sorted(ahead)
    assert ahead[-1] > THRUWAY_LINE.length_m / 2


def test_plugshare_is_asked_along_its_polyline_endpoint() -> None:
    line = RouteLine([(33.95, -118.50), (34.05, -118.45)])
    with PlugShareServer(all_locations()) as server:
        settings = load_settings(
            plugshare_api_url=server.url,
            plugshare_api_key=server.key,
            plugshare_api_secret=server.secret,
        )
        provider = PlugShareProvider.from_settings(settings)
        found = provider.along(line, parse_query("free").filters, 3_000.0, 50)
        provider.close()
        request = server.requests_to("/locations/polyline")[0]
    body = request.json()
    numbers = [float(x) for x in body["polyline"].split(",")]
    assert numbers[:2] == [33.95, -118.5] and numbers[-2:] == [34.05, -118.45]
    assert len(numbers) // 2 > 3  # sampled no farther apart than the corridor is wide
    assert 3_000 <= body["distance"] < 3_500
    assert body["cost"] == "false"
    placed = place_along(line, found, 3_000.0)
    assert placed, "the loopback PlugShare holds locations near this line"
    for entry in placed:
        assert entry.position.off_m <= 3_000.0
        assert entry.location.distance_meters == entry.position.off_m


def test_placing_drops_what_lies_outside_the_corridor() -> None:
    line = RouteLine([(40.0, -75.0), (41.0, -75.0)])
    near = Location.model_validate({"id": 1, "name": "a", "latitude": 40.5, "longitude": -75.01})
    far = Location.model_validate({"id": 2, "name": "b", "latitude": 40.5, "longitude": -74.5})
    nowhere = Location.model_validate({"id": 3, "name": "c", "latitude": 60.0, "longitude": 10.0})
    placed = place_along(line, [far, near, nowhere], 2_000.0)
    assert [p.location.id for p in placed] == [1]
    assert placed[0].position.side == "left"


def test_open_charge_map_is_asked_along_its_polyline_parameter() -> None:
    import polyline
    from support.ocm_server import OcmServer, load_pois

    from bot.ocm.client import OcmClient

    pois = load_pois("ocm-andorra.json")
    line = RouteLine([(42.4630, 1.4910), (42.5063, 1.5218), (42.5700, 1.6000)])
    corridor = 1_500.0
    with OcmServer(pois) as server, OcmClient(server.key, base_url=server.url) as client:
        points, reach = line.query_points(corridor)
        found = client.along(points, reach / 1000, 250)
        request = server.poi_requests()[0]
    assert polyline.decode(request.query["polyline"], 5) == points
    assert request.query["distanceunit"] == "km"
    assert float(request.query["distance"]) == pytest.approx(reach / 1000, rel=1e-3)
    # Every OCM record within the corridor of the line came back.
    expected = {
        poi["ID"]
        for poi in pois
        if line.locate(poi["AddressInfo"]["Latitude"], poi["AddressInfo"]["Longitude"]).off_m
        <= corridor
    }
    assert expected and expected <= {poi["ID"] for poi in found}
