"""Every filter, serialized exactly as PlugShare expects, as it arrives on the wire."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from support.plugshare_payloads import VENICE
from support.plugshare_server import PlugShareServer

from bot.plugshare.client import PlugShareClient
from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power
from bot.plugshare.filters import Filters, OutletFilter

CASES: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    ("nothing set", {}, {}),
    (
        "outlets: compact JSON in canonical order, duplicates dropped",
        {
            "outlets": [
                OutletFilter(connector=Connector.TESLA, power=Power.DC),
                OutletFilter(connector=Connector.CCS),
                OutletFilter(connector=Connector.J1772),
                OutletFilter(connector=Connector.TESLA),
                OutletFilter(connector=Connector.CCS),
            ]
        },
        {"outlets": '[{"connector":2},{"connector":6},{"connector":6,"power":1},{"connector":13}]'},
    ),
    ("free only is cost=false", {"free_only": True}, {"cost": "false"}),
    ("not free only sends no cost", {"free_only": False}, {}),
    ("access ascending", {"access": [Access.RESIDENTIAL, Access.PUBLIC]}, {"access": "1,3"}),
    (
        "availability ascending, under repair included",
        {"availability": [4, Availability.AVAILABLE, 1, 0]},
        {"availability": "0,1,4"},
    ),
    (
        "amenities ascending",
        {"amenities": [AmenityType.GROCERY, AmenityType.LODGING, AmenityType.RESTROOMS]},
        {"amenities": "1,3,9"},
    ),
    ("networks ascending", {"networks": [47, 1, 19]}, {"networks": "1,19,47"}),
    ("exclude_networks ascending", {"exclude_networks": [2, 1, 2]}, {"exclude_networks": "1,2"}),
    ("score, whole", {"min_score": 8.0}, {"score": "8"}),
    ("score, decimal", {"min_score": 7.5}, {"score": "7.5"}),
    ("radius in whole meters", {"radius_m": 3218.69}, {"radius": "3219"}),
    ("radius capped at 50 km", {"radius_m": 80_467.2}, {"radius": "50000"}),
    ("a tiny radius is still one meter", {"radius_m": 0.2}, {"radius": "1"}),
    ("count", {"count": 25}, {"count": "25"}),
    ("count capped at 500", {"count": 5_000}, {"count": "500"}),
    ("minimum power is not a PlugShare parameter", {"min_power_kw": 50}, {}),
]


@pytest.mark.parametrize(("fields", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filter_params(fields: dict[str, Any], expected: dict[str, str]) -> None:
    assert Filters(**fields).to_plugshare_params() == expected


@pytest.mark.parametrize(("fields", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filter_params_arrive_unchanged_over_http(
    client: PlugShareClient,
    server: PlugShareServer,
    fields: dict[str, Any],
    expected: dict[str, str],
) -> None:
    client.nearby(*VENICE, filters=Filters(**fields))

    query = server.requests[-1].query
    assert query.pop("latitude") == "33.992476"
    assert query.pop("longitude") == "-118.4721"
    assert query == expected


def test_all_filters_together(client: PlugShareClient, server: PlugShareServer) -> None:
    filters = Filters(
        outlets=[OutletFilter(connector=13), OutletFilter(connector=3)],
        free_only=True,
        access=[1],
        availability=[1],
        amenities=[2, 1],
        networks=[47],
        exclude_networks=[2],
        min_score=6.5,
        radius_m=10_000,
        count=20,
    )

    client.nearby(*VENICE, filters=filters)

    assert server.requests[-1].query == {
        "latitude": "33.992476",
        "longitude": "-118.4721",
        "outlets": '[{"connector":3},{"connector":13}]',
        "cost": "false",
        "access": "1",
        "availability": "1",
        "amenities": "1,2",
        "networks": "47",
        "exclude_networks": "2",
        "score": "6.5",
        "radius": "10000",
        "count": "20",
    }


def test_explicit_radius_and_count_win_over_the_filters(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    client.nearby(*VENICE, filters=Filters(radius_m=1_000, count=5), radius_m=120_000, count=900)

    query = server.requests[-1].query
    assert (query["radius"], query["count"]) == ("50000", "500")


def test_canonical_order_makes_equal_requests_equal() -> None:
    one = Filters(outlets=[OutletFilter(connector=13), OutletFilter(connector=2)], networks=[2, 1])
    other = Filters(
        outlets=[OutletFilter(connector=2), OutletFilter(connector=13)], networks=[1, 2]
    )
    assert one.to_plugshare_params() == other.to_plugshare_params()


@pytest.mark.parametrize(
    "fields",
    [
        {"min_score": 10.5},
        {"min_score": -1},
        {"radius_m": 0},
        {"count": 0},
        {"access": [7]},
        {"availability": [5]},
        {"networks": [0]},
        {"exclude_networks": [-2]},
    ],
)
def test_impossible_filters_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Filters(**fields)
