"""Every endpoint, over real HTTP, against the PlugShare-shaped server."""

from __future__ import annotations

import base64
import json

import pytest
from support.plugshare_payloads import VENICE
from support.plugshare_server import PlugShareServer

from bot.plugshare.client import PlugShareClient
from bot.plugshare.enums import Availability, Connector, Power
from bot.plugshare.errors import AddressNotFound, AmbiguousAddress, NotFound
from bot.plugshare.filters import Filters, OutletFilter


def test_nearby_returns_nearest_first_with_distance_and_bearing(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    found = client.nearby(*VENICE, radius_m=5_000, count=3)

    assert [location.id for location in found] == [20841, 121002, 121004]
    assert all(location.distance_meters is not None for location in found)
    distances = [location.distance_meters for location in found]
    assert distances == sorted(distances)
    hotel = found[1]  # south of the point
    assert 170 < hotel.compass_bearing < 190
    request = server.requests_to("/locations/nearby")[-1]
    assert request.method == "GET"
    assert request.query == {
        "latitude": "33.992476",
        "longitude": "-118.4721",
        "radius": "5000",
        "count": "3",
    }


def test_nearby_leaves_out_reviews_photos_and_disabled_locations(client: PlugShareClient) -> None:
    found = client.nearby(*VENICE, radius_m=2_000)

    assert 121099 not in {location.id for location in found}  # "enabled": false
    garage = next(location for location in found if location.id == 20841)
    assert garage.reviews == [] and garage.photos == []


def test_nearby_address_lets_plugshare_geocode(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    found = client.nearby_address("  Venice, CA ", radius_m=500, count=10)

    assert [location.id for location in found] == [20841]
    assert server.requests[-1].query == {"address": "Venice, CA", "radius": "500", "count": "10"}


def test_nearby_address_that_cannot_be_geocoded(client: PlugShareClient) -> None:
    with pytest.raises(AddressNotFound):
        client.nearby_address("Atlantis")


def test_nearby_address_that_is_ambiguous(client: PlugShareClient) -> None:
    with pytest.raises(AmbiguousAddress):
        client.nearby_address("Springfield")


def test_location_has_reviews_photos_and_quirks_read(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    garage = client.location(20841)

    assert server.requests[-1].path == "/locations/20841"
    assert garage.name == "Abbot Kinney Public Garage"
    assert [review.id for review in garage.reviews] == [170001, 169000]
    assert garage.reviews[0].user is not None and garage.reviews[0].user.first_name == "Dana"
    assert garage.reviews[1].user is None  # "user": ""
    assert garage.photos[0].caption == "Entrance on Westminster Ave"
    first, second = garage.stations
    assert first.network is not None and first.network.name == "ChargePoint"
    assert second.network is None and second.effective_network_id == 1  # "network": ""
    assert second.available is Availability.IN_USE
    assert second.outlets[0].connector is Connector.CCS
    assert second.outlets[0].available is Availability.IN_USE
    assert garage.opening_date is None  # "None"
    assert garage.hours is None and garage.phone is None  # ""


def test_location_that_does_not_exist(client: PlugShareClient) -> None:
    with pytest.raises(NotFound) as caught:
        client.location(404404)
    assert caught.value.status_code == 404


def test_search_by_text(client: PlugShareClient, server: PlugShareServer) -> None:
    found = client.search("supercharger", count=10)

    assert [location.id for location in found] == [121001]
    assert server.requests[-1].query == {"query": "supercharger", "count": "10"}


def test_search_page_sends_a_page_worth_of_count(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.search("venice", page=2)
    assert server.requests[-1].query == {"query": "venice", "page": "2", "count": "100"}


def test_search_ignores_a_radius_but_sends_the_other_filters(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.search("glencoe", filters=Filters(free_only=True, radius_m=900, count=25))
    assert server.requests[-1].query == {"query": "glencoe", "cost": "false", "count": "25"}


def test_region(client: PlugShareClient, server: PlugShareServer) -> None:
    found = client.region(*VENICE, span_lat=0.02, span_lng=0.03, count=50)

    assert {location.id for location in found} == {20841, 121002, 121004}
    assert server.requests[-1].query == {
        "latitude": "33.992476",
        "longitude": "-118.4721",
        "spanLat": "0.02",
        "spanLng": "0.03",
        "count": "50",
    }


def test_region_always_sends_a_count(client: PlugShareClient, server: PlugShareServer) -> None:
    client.region(*VENICE, span_lat=0.1, span_lng=0.1)
    assert server.requests[-1].query["count"] == "500"


def test_polyline_posts_json_with_filters_as_fields(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    route = [(33.9650, -118.3801), (33.9654, -118.4000), (33.99214, -118.47224)]
    filters = Filters(
        outlets=[
            OutletFilter(connector=Connector.TESLA, power=Power.DC),
            OutletFilter(connector=2),
        ],
        access=[3, 1, 2],
        exclude_networks=[19, 2],
    )

    found = client.polyline(route, distance_m=1_609.34, filters=filters, count=40)

    request = server.requests[-1]
    assert (request.method, request.path) == ("POST", "/locations/polyline")
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "polyline": "33.965,-118.3801,33.9654,-118.4,33.99214,-118.47224",
        "distance": 1609,
        "outlets": '[{"connector":2},{"connector":6,"power":1}]',
        "access": "1,2,3",
        "exclude_networks": "2,19",
        "count": 40,
    }
    assert {location.id for location in found} >= {1560, 20841}
    electric_ave = next(location for location in found if location.id == 1560)
    assert electric_ave.owner is not None and electric_ave.owner.first_name == "julia"


def test_polyline_accepts_plugshares_own_string(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.polyline(" 33.9650,-118.38 , 33.99,-118.47", distance_m=500)
    assert server.requests[-1].json() == {
        "polyline": "33.965,-118.38,33.99,-118.47",
        "distance": 500,
    }


@pytest.mark.parametrize(
    "points",
    ["33.9,-118.3,34.0", "33.9,west", "", "95,10", []],
    ids=["odd count", "not a number", "empty", "latitude out of range", "no points"],
)
def test_polyline_rejects_a_malformed_route_before_sending(
    client: PlugShareClient, server: PlugShareServer, points: str | list[tuple[float, float]]
) -> None:
    with pytest.raises(ValueError):
        client.polyline(points, distance_m=500)
    assert server.requests == []


def test_every_request_carries_basic_auth_with_key_and_secret(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.nearby(*VENICE, count=1)
    client.location(20841)
    client.polyline([VENICE], distance_m=100)

    expected = "Basic " + base64.b64encode(f"{server.key}:{server.secret}".encode()).decode()
    assert [request.headers["authorization"] for request in server.requests] == [expected] * 3
    assert all(r.headers["accept"] == "application/json" for r in server.requests)


def test_one_pooled_connection_is_reused_across_calls(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.nearby(*VENICE, count=1)
    client.search("garage")
    client.location(20841)

    assert len({request.client_port for request in server.requests}) == 1


def test_a_closed_client_refuses_further_calls(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.close()
    with pytest.raises(RuntimeError):
        client.location(20841)
    assert server.requests == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.nearby(91, 0), "latitude"),
        (lambda c: c.nearby(0, -181), "longitude"),
        (lambda c: c.nearby(*VENICE, radius_m=0), "radius_m"),
        (lambda c: c.nearby(*VENICE, count=0), "count"),
        (lambda c: c.nearby_address("   "), "address"),
        (lambda c: c.search(""), "query"),
        (lambda c: c.search("x", page=-1), "page"),
        (lambda c: c.region(*VENICE, span_lat=0, span_lng=1), "span"),
        (lambda c: c.polyline([VENICE], distance_m=-5), "distance_m"),
    ],
)
def test_nonsense_arguments_fail_before_any_request(
    client: PlugShareClient, server: PlugShareServer, call: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        call(client)  # type: ignore[operator]
    assert server.requests == []


def test_results_serialize_back_to_the_json_plugshare_sent(client: PlugShareClient) -> None:
    supercharger = client.location(121001)
    shaped = supercharger.to_plugshare_json()

    assert shaped["stations"][0]["outlets"][0] == {
        "connector": 6,
        "power": 1,
        "id": 600101,
        "kilowatts": 250.0,
    }
    assert shaped["updated_at"] == "2024-01-09T12:30:00Z"
    assert json.loads(json.dumps(shaped)) == shaped
