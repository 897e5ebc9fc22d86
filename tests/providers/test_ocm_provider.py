"""The Open Charge Map provider over an OCM-shaped loopback server serving real records.

Expectations come from the raw POIs (distance by haversine, connection types,
operators as OCM lists them), not from the provider's own mapping code.
"""

from __future__ import annotations

import itertools
import json
import math
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from support.loopback_api import Reply
from support.ocm_server import OcmServer, distance_km, load_pois

from bot.cli import main
from bot.config import ConfigError, load_settings
from bot.plugshare.enums import Access, Connector
from bot.plugshare.filters import Filters, OutletFilter
from bot.providers import make_provider
from bot.providers.base import LocationNotFound, ProviderUnavailable
from bot.providers.ocm import OcmProvider

REYKJAVIK = (64.1466, -21.9426)
ANDORRA = (42.5063, 1.5218)
OCM_NAMESPACE = 2_000_000_000
ALL = load_pois("ocm-sample.json", "ocm-andorra.json")
BY_ID = {poi["ID"]: poi for poi in ALL}


def km(a: tuple[float, float], poi: dict[str, Any]) -> float:
    address = poi["AddressInfo"]
    return distance_km(*a, address["Latitude"], address["Longitude"])


def in_service(poi: dict[str, Any]) -> bool:
    return poi.get("StatusTypeID") not in (150, 200, 210) and bool(poi.get("Connections"))


@pytest.fixture
def server() -> Iterator[OcmServer]:
    with OcmServer(ALL) as running:
        yield running


@pytest.fixture
def provider(server: OcmServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[OcmProvider]:
    monkeypatch.setenv("CHARGEBOT_PROVIDER", "ocm")
    monkeypatch.setenv("OCM_API_KEY", server.key)
    monkeypatch.setenv("OCM_API_URL", server.url)
    made = make_provider(load_settings())
    assert isinstance(made, OcmProvider)
    made.client._http.retry = type(made.client._http.retry)(backoff=0.01)
    yield made
    made.close()


def test_nearby_is_ocm_pois_within_the_radius_nearest_first(
    provider: OcmProvider, server: OcmServer
) -> None:
    found = provider.nearby(*ANDORRA, Filters(), 3_000, 10)
    expected = sorted(
        (p for p in ALL if km(ANDORRA, p) <= 3 and in_service(p)), key=lambda p: km(ANDORRA, p)
    )
    assert [loc.id - OCM_NAMESPACE for loc in found] == [p["ID"] for p in expected][:10]
    for loc in found:
        assert loc.distance_meters == pytest.approx(
            km(ANDORRA, BY_ID[loc.id - OCM_NAMESPACE]) * 1000, rel=0.005
        )
        assert loc.compass_bearing is not None
    query = server.poi_requests()[0].query
    assert (query["distance"], query["distanceunit"], query["maxresults"]) == ("3", "km", "10")
    assert query["includecomments"] == "true"
    assert "connectiontypeid" not in query and "usagetypeid" not in query


def test_connectors_go_to_ocm_and_the_rest_is_evaluated_here(
    provider: OcmProvider, server: OcmServer
) -> None:
    ccs = Filters(outlets=[OutletFilter(connector=Connector.CCS)], free_only=True)
    found = provider.nearby(*ANDORRA, ccs, 20_000, 50)
    query = server.poi_requests()[0].query
    assert query["connectiontypeid"] == "32,33"
    assert query["maxresults"] == "200"  # room for what the local filters drop
    assert found
    for loc in found:
        poi = BY_ID[loc.id - OCM_NAMESPACE]
        assert any(c.get("ConnectionTypeID") in (32, 33) for c in poi["Connections"])
        assert not loc.cost and all(int(s.cost) != 2 for s in loc.stations)  # no known fee


def test_power_networks_and_private_access_are_sent(
    provider: OcmProvider, server: OcmServer
) -> None:
    provider.nearby(*REYKJAVIK, Filters(min_power_kw=50, networks=[8]), 50_000, 5)
    provider.nearby(*REYKJAVIK, Filters(access=[Access.RESTRICTED]), 50_000, 5)
    first, second = (r.query for r in server.poi_requests())
    assert (first["minpowerkw"], first["operatorid"]) == ("50", "23")
    assert second["usagetypeid"] == "2,6"


def test_min_power_keeps_only_outlets_known_to_reach_it(provider: OcmProvider) -> None:
    found = provider.nearby(*REYKJAVIK, Filters(min_power_kw=50), 50_000, 20)
    assert found
    for loc in found:
        assert any((o.kilowatts or 0) >= 50 for o in loc.outlets)


def test_a_location_carries_its_real_check_ins(provider: OcmProvider) -> None:
    poi = next(p for p in ALL if p.get("UserComments") and in_service(p))
    location = provider.location(OCM_NAMESPACE + poi["ID"])
    assert location.reviews
    texts = {c.get("Comment") for c in poi["UserComments"] if c.get("Comment")}
    assert texts & {review.comment for review in location.reviews}
    with pytest.raises(LocationNotFound):
        provider.location(12345)  # an AFDC id: not OCM's
    with pytest.raises(LocationNotFound):
        provider.location(OCM_NAMESPACE + 999_999_999 - 1)


def test_outages_become_friendly_provider_errors_without_the_key(
    provider: OcmProvider, server: OcmServer
) -> None:
    server.script("/v3/poi", *[Reply(503)] * 3)
    with pytest.raises(ProviderUnavailable) as down:
        provider.nearby(*REYKJAVIK, Filters(), 5_000, 5)
    assert "Open Charge Map is not answering" in down.value.user_message
    server.script("/v3/poi", Reply(403))
    with pytest.raises(ProviderUnavailable) as refused:
        provider.nearby(*REYKJAVIK, Filters(), 5_000, 5)
    assert "refused ChargeBot's credentials" in refused.value.user_message
    for error in (down.value, refused.value):
        assert server.key not in "".join(traceback.format_exception(error)) + repr(provider)


def test_chosen_without_a_key_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARGEBOT_PROVIDER", "ocm")
    with pytest.raises(ConfigError, match="OCM_API_KEY"):
        make_provider(load_settings())


def test_auto_never_asks_ocm_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCM_API_KEY", "k")
    assert load_settings().effective_provider == "local"


def test_ask_with_the_ocm_provider(server: OcmServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCM_API_KEY", server.key)
    monkeypatch.setenv("OCM_API_URL", server.url)
    result = CliRunner().invoke(
        main, ["ask", "near 42.5063,1.5218", "--provider", "ocm", "--format", "json"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["outcome"] == "results" and answer["locations"]
    assert "Open Charge Map contributors" in json.dumps(answer)


def _km_off_line(point: tuple[float, float], line: list[tuple[float, float]]) -> float:
    """Distance to the polyline, flat-earth per segment (plenty at a few km)."""
    best = math.inf
    scale = math.cos(math.radians(point[0]))
    for (lat1, lng1), (lat2, lng2) in itertools.pairwise(line):
        x1, y1 = (lng1 - point[1]) * scale, lat1 - point[0]
        dx, dy = (lng2 - lng1) * scale, lat2 - lat1
        t = min(1.0, max(0.0, -(x1 * dx + y1 * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    return math.radians(best) * 6371.0088


def test_along_a_route_is_every_poi_in_the_corridor_in_route_order(
    provider: OcmProvider, server: OcmServer
) -> None:
    from bot.geometry.line import RouteLine

    # Andorra la Vella -> Encamp -> Soldeu, roughly along the CG-2.
    road = [(42.5063, 1.5218), (42.5120, 1.5400), (42.5340, 1.5800), (42.5770, 1.6670)]
    found = provider.along(RouteLine(road), Filters(), 1_000, 1000)
    expected = {
        p["ID"]
        for p in ALL
        if in_service(p)
        and _km_off_line((p["AddressInfo"]["Latitude"], p["AddressInfo"]["Longitude"]), road)
        <= 0.99
    }
    got = {loc.id - OCM_NAMESPACE for loc in found}
    assert expected and got >= expected
    assert all(
        _km_off_line((loc.latitude, loc.longitude), road) <= 1.01 for loc in found
    )  # nothing outside the corridor (edge within 1%)
    request = server.poi_requests()[0].query
    # The reach around the points covers the corridor between two of them (1 km wide here).
    assert float(request["distance"]) >= 1 and request["distanceunit"] == "km"
    few = provider.along(RouteLine(road), Filters(), 1_000, 3)
    assert len(few) == 3
