"""The router client over real HTTP on loopback: OSRM and Valhalla shapes, caching, the
fair-use gate, an identifying User-Agent, and every failure as a typed error."""

from __future__ import annotations

import time

import pytest
from support.nominatim import dead_url
from support.osrm import RouterServer, running_router

from bot.config import load_settings
from bot.routing import NoRoute, Router, RouterUnavailable

BUFFALO = (42.8864, -78.8784)
ALBANY = (42.6526, -73.7562)
NYC = (40.7128, -74.0060)
DENVER = (39.7392, -104.9903)
SALT_LAKE = (40.7608, -111.8910)


def test_an_osrm_route_is_decoded_with_its_length_and_time(router: RouterServer) -> None:
    client = Router(router.url, min_delay=0)
    route = client.route([BUFFALO, NYC])

    assert client.engine == "OSRM"
    assert len(route.points) > 500  # polyline6, a point every ~500 m
    assert route.points[0] == pytest.approx(BUFFALO, abs=1e-5)
    assert route.points[-1] == pytest.approx(NYC, abs=1e-5)
    # The Thruway by Albany: about 410 miles, 6.6 hours at the server's 100 km/h.
    assert 640_000 < route.distance_m < 680_000
    assert route.duration_s == pytest.approx(route.distance_m / (100_000 / 3600), rel=1e-3)
    assert route.line.length_m == pytest.approx(route.distance_m)
    request = router.routes[0]
    assert request.path.startswith("/route/v1/driving/-78.878400,42.886400;-74.006000,40.712800")
    assert request.params == {"overview": "full", "geometries": "polyline6", "steps": "false"}


def test_routes_are_cached(router: RouterServer) -> None:
    client = Router(router.url, min_delay=0)
    first = client.route([BUFFALO, ALBANY])
    again = client.route([BUFFALO, ALBANY])
    assert again is first
    assert router.route_count == 1


def test_requests_are_identified_and_spaced_by_the_gate(router: RouterServer) -> None:
    settings = load_settings(
        router_url=router.url, router_min_delay=0.3, geocoder_user_agent="TestBot/1 (ops@x)"
    )
    client = Router.from_settings(settings)
    client.route([BUFFALO, ALBANY])
    client.route([ALBANY, NYC])
    first, second = router.routes
    assert first.user_agent == "TestBot/1 (ops@x)"
    assert second.at - first.at >= 0.29


def test_via_points_go_to_the_router_in_order(router: RouterServer) -> None:
    route = Router(router.url, min_delay=0).route([BUFFALO, ALBANY, NYC])
    assert router.routes[0].path.count(";") == 2
    assert route.line.locate(*ALBANY).off_m < 100


def test_a_valhalla_server_is_recognised_and_asked_its_way(monkeypatch: pytest.MonkeyPatch) -> None:
    with running_router("valhalla") as server:
        client = Router(server.url, min_delay=0)
        route = client.route([DENVER, SALT_LAKE])
        assert client.engine == "Valhalla"
        post = server.routes[0]
        assert post.method == "POST" and post.path == "/route"
        assert post.body["costing"] == "auto"  # type: ignore[index]
        assert post.body["locations"][0] == {"lat": DENVER[0], "lon": DENVER[1]}  # type: ignore[index]
        assert len(route.points) > 500
        assert route.engine == "Valhalla"
        assert 590_000 < route.distance_m < 650_000  # the great circle, meandering


@pytest.mark.parametrize("engine", ["osrm", "valhalla"])
def test_no_road_is_no_route(engine: str) -> None:
    with running_router(engine) as server:
        server.no_route = True
        with pytest.raises(NoRoute):
            Router(server.url, min_delay=0).route([BUFFALO, NYC])


def test_a_server_error_is_unavailable(router: RouterServer) -> None:
    router.fail(503)
    with pytest.raises(RouterUnavailable, match="HTTP 503"):
        Router(router.url, min_delay=0).route([BUFFALO, NYC])


def test_a_web_page_instead_of_json_is_unavailable(router: RouterServer) -> None:
    router.garbage = True
    with pytest.raises(RouterUnavailable, match="could not be read"):
        Router(router.url, min_delay=0).route([BUFFALO, NYC])


def test_a_refused_connection_is_unavailable_and_then_left_alone() -> None:
    client = Router(dead_url(), min_delay=0)
    with pytest.raises(RouterUnavailable, match="refused"):
        client.route([BUFFALO, NYC])
    started = time.monotonic()
    with pytest.raises(RouterUnavailable, match="refused"):
        client.route([ALBANY, NYC])  # held off: no second wait on a dead server
    assert time.monotonic() - started < 0.5


def test_a_slow_router_times_out(router: RouterServer) -> None:
    client = Router(router.url, min_delay=0, timeout=0.3)
    _ = client.engine  # asked before it turns slow
    router.slow(1.0)
    with pytest.raises(RouterUnavailable, match="did not answer in time"):
        client.route([BUFFALO, NYC])


def test_a_rate_limit_holds_the_router_off(router: RouterServer) -> None:
    client = Router(router.url, min_delay=0)
    _ = client.engine
    router.fail(429)
    with pytest.raises(RouterUnavailable, match="slow down"):
        client.route([BUFFALO, NYC])
    router.recover()
    with pytest.raises(RouterUnavailable, match="slow down"):
        client.route([BUFFALO, ALBANY])
    assert router.route_count == 1
