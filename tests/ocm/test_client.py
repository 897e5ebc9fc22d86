"""The Open Charge Map client against an OCM-shaped server on loopback serving real records.

The records are OCM's own (``../shared/data/ocm``); expected answers are computed
here by brute force over the same files, independently of the server's code.
"""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from support.loopback_api import Reply, closed_port
from support.ocm_server import OcmServer, distance_km, load_pois

from bot.config import ConfigError, load_settings
from bot.http_client import Unreachable
from bot.ocm.client import BoundingBox, OcmClient, ServerFilters
from bot.ocm.errors import (
    AuthenticationFailed,
    BadResponse,
    NotFound,
    OcmError,
    RateLimited,
    RequestRejected,
    UpstreamUnavailable,
)

REYKJAVIK = (64.1466, -21.9426)
ANDORRA_LA_VELLA = (42.5063, 1.5218)
POI = "/v3/poi"

ALL = load_pois("ocm-sample.json", "ocm-andorra.json")


def km_between(a: tuple[float, float], poi: dict[str, Any]) -> float:
    address = poi["AddressInfo"]
    return distance_km(*a, address["Latitude"], address["Longitude"])


def within(point: tuple[float, float], km: float, pois: list[dict[str, Any]]) -> list[int]:
    return sorted(
        (poi["ID"] for poi in pois if km_between(point, poi) <= km),
        key=lambda i: km_between(point, next(p for p in pois if p["ID"] == i)),
    )


# --- the request, parameter by parameter ---------------------------------------------


def test_nearby_sends_the_point_the_radius_in_km_the_count_and_the_shape(
    client: OcmClient, server: OcmServer
) -> None:
    found = client.nearby(*REYKJAVIK, distance_km=10, max_results=5)
    [request] = server.poi_requests()
    assert request.path == POI
    assert request.query == {
        "latitude": "64.1466", "longitude": "-21.9426", "distance": "10",
        "distanceunit": "km", "maxresults": "5", "compact": "true", "verbose": "false",
        "includecomments": "true", "client": "ChargeBot",
    }  # fmt: skip
    assert request.headers["x-api-key"] == server.key
    assert server.key not in request.raw_query
    expected = within(REYKJAVIK, 10, ALL)
    assert len(expected) > 5  # the cap matters
    assert [poi["ID"] for poi in found] == expected[:5]
    assert all(poi["AddressInfo"]["DistanceUnit"] == 2 for poi in found)


def test_radius_and_count_are_capped_as_ocm_caps_them(client: OcmClient, server: OcmServer) -> None:
    client.nearby(*REYKJAVIK, distance_km=400, max_results=5000)
    query = server.poi_requests()[0].query
    assert (query["distance"], query["maxresults"]) == ("50", "250")


@pytest.mark.parametrize(
    ("filters", "param", "value", "keep"),
    [
        (ServerFilters(connection_type_ids=[33, 2]), "connectiontypeid", "2,33",
         lambda p: any(c.get("ConnectionTypeID") in (2, 33) for c in p.get("Connections", []))),
        (ServerFilters(operator_ids=[1]), "operatorid", "1", lambda p: p.get("OperatorID") == 1),
        (ServerFilters(usage_type_ids=[4, 1]), "usagetypeid", "1,4",
         lambda p: p.get("UsageTypeID") in (1, 4)),
        (ServerFilters(status_type_ids=[50]), "statustypeid", "50",
         lambda p: p.get("StatusTypeID") == 50),
        (ServerFilters(min_power_kw=22.5), "minpowerkw", "22.5",
         lambda p: any((c.get("PowerKW") or 0) >= 22.5 for c in p.get("Connections", []))),
    ],
)  # fmt: skip
def test_each_server_side_filter_is_sent_and_applied(
    client: OcmClient, server: OcmServer, filters: ServerFilters, param: str, value: str, keep: Any
) -> None:
    found = client.nearby(*REYKJAVIK, distance_km=50, max_results=250, filters=filters)
    assert server.poi_requests()[0].query[param] == value
    expected = [i for i in within(REYKJAVIK, 50, ALL) if keep(next(p for p in ALL if p["ID"] == i))]
    assert expected  # the real data has some of each
    assert [poi["ID"] for poi in found] == expected


def test_check_ins_and_photos_come_with_the_answer(client: OcmClient) -> None:
    with_comments = next(p for p in ALL if p.get("UserComments"))
    [poi] = client.pois([with_comments["ID"]])
    assert poi["UserComments"] == with_comments["UserComments"]
    with_photos = next(p for p in ALL if p.get("MediaItems"))
    assert client.poi(with_photos["ID"])["MediaItems"] == with_photos["MediaItems"]


def test_pois_by_id(client: OcmClient, server: OcmServer) -> None:
    ids = [ALL[3]["ID"], ALL[0]["ID"], 999_999_999]
    found = client.pois(ids)
    assert sorted(poi["ID"] for poi in found) == sorted(ids[:2])
    query = server.poi_requests()[0].query
    assert query["chargepointid"] == ",".join(map(str, sorted(ids)))
    assert client.pois([]) == [] and len(server.poi_requests()) == 1
    with pytest.raises(NotFound, match="no POI 999999999"):
        client.poi(999_999_999)


def test_pages_by_id_country_box_and_change_date(client: OcmClient, server: OcmServer) -> None:
    andorra = sorted(p["ID"] for p in load_pois("ocm-andorra.json"))
    seen: list[int] = []
    last = 0
    while True:
        page = client.page(max_results=10, greater_than_id=last, country_code="ad")
        seen.extend(poi["ID"] for poi in page)
        if len(page) < 10:
            break
        last = page[-1]["ID"]
    assert seen == andorra
    second = server.poi_requests()[1].query
    assert (second["countrycode"], second["greaterthanid"], second["maxresults"]) == (
        "AD",
        str(andorra[9]),
        "10",
    )

    box = BoundingBox(south=42.50, west=1.50, north=42.52, east=1.55)
    boxed = client.page(max_results=250, bounding_box=box)
    assert server.poi_requests()[-1].query["boundingbox"] == "(42.52,1.5),(42.5,1.55)"
    assert {poi["ID"] for poi in boxed} == {
        p["ID"] for p in ALL
        if 42.50 <= p["AddressInfo"]["Latitude"] <= 42.52
        and 1.50 <= p["AddressInfo"]["Longitude"] <= 1.55
    } != set()  # fmt: skip

    since = datetime(2024, 1, 1, tzinfo=UTC)
    recent = client.page(max_results=250, modified_since=since)
    assert server.poi_requests()[-1].query["modifiedsince"] == "2024-01-01T00:00:00"
    changed = {
        p["ID"] for p in ALL
        if (p.get("DateLastStatusUpdate") or p["DateCreated"]) >= "2024-01-01"
    }  # fmt: skip
    assert {poi["ID"] for poi in recent} == changed and 0 < len(changed) < len(ALL)


def test_bad_arguments_fail_before_any_request(client: OcmClient, server: OcmServer) -> None:
    with pytest.raises(ValueError, match="latitude"):
        client.nearby(91, 0, distance_km=5, max_results=5)
    with pytest.raises(ValueError, match="positive"):
        client.nearby(0, 0, distance_km=0, max_results=5)
    with pytest.raises(ValueError, match="south"):
        BoundingBox(south=10, west=0, north=5, east=1)
    assert server.requests == []


# --- errors and retries ---------------------------------------------------------------


def test_a_wrong_key_is_an_authentication_failure_not_retried(server: OcmServer) -> None:
    with (
        OcmClient("wrong-key", base_url=server.url) as client,
        pytest.raises(AuthenticationFailed) as caught,
    ):
        client.nearby(*REYKJAVIK, distance_km=5, max_results=5)
    assert caught.value.status_code == 403
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("reply", "kind", "message"),
    [
        (Reply(404, "<html>gone</html>", content_type="text/html"), NotFound, "HTTP 404"),
        (Reply(400, {"error": "bad"}), RequestRejected, "HTTP 400"),
        (Reply(200, "<html>a portal</html>", content_type="text/html"), BadResponse, "not JSON"),
        (Reply(200, {"error": "oops"}), BadResponse, "not a list of POIs"),
    ],
)
def test_answers_that_are_not_pois(
    client: OcmClient, server: OcmServer, reply: Reply, kind: type[OcmError], message: str
) -> None:
    server.script(POI, reply)
    with pytest.raises(kind, match=message):
        client.nearby(*REYKJAVIK, distance_km=5, max_results=5)
    assert len(server.requests) == 1


def test_odd_items_are_skipped_not_fatal(
    client: OcmClient, server: OcmServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(POI, Reply(200, [ALL[0], {"no": "id"}, "text", {"ID": True}]))
    with caplog.at_level(logging.WARNING):
        found = client.pois([ALL[0]["ID"]])
    assert [poi["ID"] for poi in found] == [ALL[0]["ID"]]
    assert "Skipped 3 of 4" in caplog.text


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_passing_trouble_is_retried_at_most_twice(
    client: OcmClient, server: OcmServer, status: int
) -> None:
    server.script(POI, Reply(status), Reply(status))
    assert client.pois([ALL[0]["ID"]])  # the third attempt is answered
    server.script(POI, *[Reply(status)] * 3)
    with pytest.raises(RateLimited if status == 429 else UpstreamUnavailable):
        client.pois([ALL[0]["ID"]])
    assert len(server.poi_requests()) == 6


def test_retry_after_is_honoured_and_a_long_one_raised(
    client: OcmClient, server: OcmServer
) -> None:
    server.script(POI, Reply(429, headers={"Retry-After": "0.4"}))
    client.pois([ALL[0]["ID"]])
    first, second = server.poi_requests()
    assert second.received_at - first.received_at >= 0.38
    server.script(POI, Reply(503, headers={"Retry-After": "600"}))
    with pytest.raises(UpstreamUnavailable) as caught:
        client.pois([ALL[0]["ID"]])
    assert caught.value.retry_after == 600 and len(server.poi_requests()) == 3


def test_a_slow_server_times_out(server: OcmServer) -> None:
    server.script(POI, *[Reply(delay=5)] * 3)
    with (
        OcmClient(
            server.key, base_url=server.url, timeout=httpx.Timeout(0.5), backoff=0.02
        ) as client,
        pytest.raises(UpstreamUnavailable, match="did not answer") as caught,
    ):
        client.nearby(*REYKJAVIK, distance_km=5, max_results=5)
    assert caught.value.unreachable is Unreachable.TIMED_OUT
    assert len(server.requests) == 3


def test_nothing_listening() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v3"
    with (
        OcmClient("k", base_url=url, backoff=0.01) as client,
        pytest.raises(UpstreamUnavailable, match="Could not reach Open Charge Map") as caught,
    ):
        client.pois([1])
    assert caught.value.unreachable is Unreachable.REFUSED


# --- the key --------------------------------------------------------------------------


def test_the_key_never_reaches_logs_errors_or_reprs(
    server: OcmServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCM_API_KEY", server.key)
    monkeypatch.setenv("OCM_API_URL", server.url)
    settings = load_settings()
    errors: list[BaseException] = []
    with caplog.at_level(logging.DEBUG), OcmClient.from_settings(settings, backoff=0.01) as client:
        client.nearby(*REYKJAVIK, distance_km=5, max_results=5)
        for reply in ([Reply(503)] * 3, [Reply(401)], [Reply(200, "<html>")], [Reply(404)]):
            server.script(POI, *reply)
            with pytest.raises(OcmError) as caught:
                client.pois([1])
            errors.append(caught.value)
        shown = repr(client) + str(vars(client)) + repr(settings) + str(settings.model_dump())
    assert any(record.name == "httpx" for record in caplog.records)  # traffic was logged
    logged = caplog.text + "".join(repr(record.__dict__) for record in caplog.records)
    shown += "".join(str(e) + repr(e) + "".join(traceback.format_exception(e)) for e in errors)
    assert server.key not in logged
    assert server.key not in shown


def test_configuration() -> None:
    with pytest.raises(ConfigError, match="OCM_API_KEY"):
        OcmClient.from_settings(load_settings())
    with pytest.raises(ConfigError, match="OCM_API_KEY"):
        OcmClient.from_settings(load_settings(OCM_API_KEY="  "))
    with pytest.raises(ConfigError, match="OCM_API_URL"):
        load_settings(OCM_API_URL="https://api.openchargemap.io/v3?key=abc")
    assert str(load_settings().ocm_api_url) == "https://api.openchargemap.io/v3"
