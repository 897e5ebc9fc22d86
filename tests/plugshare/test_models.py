"""The schema models read real payloads, quirks included, and write PlugShare's shape back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from support import plugshare_payloads as payloads

from bot.plugshare.enums import (
    Access,
    AmenityType,
    Availability,
    Connector,
    Power,
    Problem,
    ReviewRating,
    StationCost,
    connector_label,
)
from bot.plugshare.models import Location, Outlet, Review, Station
from bot.plugshare.networks import NETWORKS, network_name

ALL = payloads.all_locations()


def _timestamps(model: Any) -> list[datetime]:
    """Every datetime anywhere in a model."""
    found: list[datetime] = []
    for value in model.__dict__.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, datetime):
                found.append(item)
            elif isinstance(item, BaseModel):
                found.extend(_timestamps(item))
    return found


def test_a_full_location_reads_with_its_quirks() -> None:
    garage = Location.model_validate(payloads.garage_with_everything())

    assert garage.opening_date is None  # "None"
    assert garage.hours is None and garage.phone is None  # ""
    assert garage.access is Access.PUBLIC
    assert garage.amenity_types == {AmenityType.DINING, AmenityType.RESTROOMS}  # 2 and "3"
    cp, plain = garage.stations
    assert cp.network is not None and cp.network.name == "ChargePoint"
    assert plain.network is None  # "network": ""
    assert plain.id == 37602 and plain.cost is StationCost.FEE  # numbers as strings
    assert plain.network_ext_id == "118822"  # a number where text belongs
    assert plain.available is Availability.IN_USE
    assert plain.promos == [] and plain.hours is None  # missing list, missing text
    assert plain.outlets[0].connector is Connector.CCS and plain.outlets[0].power is Power.AC
    assert garage.network_ids == {1}
    good, bad = garage.reviews
    assert good.rating is ReviewRating.POSITIVE and good.amps == 30.0
    assert bad.rating is ReviewRating.PROBLEM and bad.problem is Problem.COULD_NOT_ACTIVATE
    assert bad.user is None and bad.finished is None and bad.waiting is None  # "" everywhere
    assert garage.all_promos[0]["name"] == "EZ-Charge"


def test_minimal_and_odd_records_read() -> None:
    route = Location.model_validate(payloads.route_result())
    assert route.reviews == [] and route.photos == [] and route.amenities == []
    assert route.owner is not None and route.owner.first_name == "julia"

    share = Location.model_validate(payloads.residential_share())
    assert share.name == "" and share.access is Access.RESIDENTIAL
    assert share.owner is None  # "owner": ""
    assert share.stations[0].cost is StationCost.FREE

    no_reviews = Location.model_validate(payloads.unknown_power_only())
    assert no_reviews.reviews == []  # "reviews": null


def test_numbers_sent_as_strings_become_numbers() -> None:
    charger = Location.model_validate(payloads.supercharger())
    assert (charger.latitude, charger.longitude, charger.score) == (34.0165, -118.4925, 9.4)
    assert charger.cost is True and charger.access is Access.PUBLIC
    assert [o.kilowatts for o in charger.outlets] == [250.0, 250.0]
    assert charger.stations[0].network_id == 8


def test_unknown_fields_are_ignored() -> None:
    payload = payloads.route_result() | {"e164_phone_number": "+13105550100", "confidence": 3}
    payload["stations"][0]["requiresAccessCard"] = True
    location = Location.model_validate(payload)
    assert "e164_phone_number" not in location.to_plugshare_json()


@pytest.mark.parametrize("payload", ALL, ids=[str(p["id"]) for p in ALL])
def test_round_trip_through_plugshare_json(payload: dict[str, Any]) -> None:
    location = Location.model_validate(payload)
    shaped = location.to_plugshare_json()

    assert json.loads(json.dumps(shaped)) == shaped  # plain JSON types only
    assert Location.model_validate(shaped) == location


def test_plugshare_json_has_plugshares_shape() -> None:
    shaped = Location.model_validate(payloads.garage_with_everything()).to_plugshare_json()

    assert shaped["created_at"] == "2013-11-19T22:26:33Z"
    assert shaped["updated_at"] == "2023-03-14T18:02:11Z"
    assert shaped["access"] == 1 and type(shaped["access"]) is int
    assert shaped["stations"][1]["outlets"][0] == {
        "id": 95902,
        "connector": 13,
        "power": 0,
        "available": 2,
    }
    assert "network" not in shaped["stations"][1]  # absent rather than ""
    assert "opening_date" not in shaped and "hours" not in shaped
    assert shaped["reviews"][1] == {
        "id": 169000,
        "rating": -1,
        "created_at": "2023-02-01T09:15:00Z",
        "comment": "Screen dead, would not start a session.",
        "problem": 4,
        "problem_description": "Could not activate",
    }


@pytest.mark.parametrize("payload", ALL, ids=[str(p["id"]) for p in ALL])
def test_every_timestamp_is_timezone_aware(payload: dict[str, Any]) -> None:
    location = Location.model_validate(payload)
    assert all(stamp.tzinfo is not None for stamp in _timestamps(location))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-12-09T10:16:23Z", datetime(2016, 12, 9, 10, 16, 23, tzinfo=UTC)),
        ("2016-12-09 10:16:23", datetime(2016, 12, 9, 10, 16, 23, tzinfo=UTC)),
        ("2020-09-10T13:38:31.197691", datetime(2020, 9, 10, 13, 38, 31, 197691, tzinfo=UTC)),
        ("2016-12-09T12:16:23+02:00", datetime(2016, 12, 9, 10, 16, 23, tzinfo=UTC)),
    ],
)
def test_timestamp_formats(text: str, expected: datetime) -> None:
    review = Review.model_validate({"created_at": text})
    assert review.created_at == expected
    assert review.created_at is not None and review.created_at.utcoffset() is not None


def test_offsets_are_kept_and_serialized_as_utc() -> None:
    review = Review.model_validate({"created_at": "2016-12-09T12:16:23+02:00"})
    assert review.created_at is not None
    assert review.created_at.utcoffset() == timedelta(hours=2)
    assert review.to_plugshare_json()["created_at"] == "2016-12-09T10:16:23Z"


def test_opening_date_is_a_date() -> None:
    hotel = Location.model_validate(payloads.wall_connectors())
    assert hotel.opening_date == date(2015, 4, 1)
    assert hotel.to_plugshare_json()["opening_date"] == "2015-04-01"
    for absent in ("None", "", None, "TBD"):
        payload = payloads.wall_connectors() | {"opening_date": absent}
        assert Location.model_validate(payload).opening_date is None


def test_reverse_geocoded_components_as_list_or_object() -> None:
    as_object = {"postal_code": "90291", "locality": "Los Angeles", "administrative_area_1": "CA"}
    as_list = [{"long_name": "90291", "types": ["postal_code"]}]
    for components in (as_object, as_list):
        payload = payloads.route_result() | {"reverse_geocoded_address_components": components}
        location = Location.model_validate(payload)
        assert location.reverse_geocoded_address_components == components
        assert location.to_plugshare_json()["reverse_geocoded_address_components"] == components


@pytest.mark.parametrize(
    ("enum", "value", "name", "label"),
    [
        (Connector, 1, "WALL", "Wall outlet (120V)"),
        (Connector, 2, "J1772", "J1772"),
        (Connector, 3, "CHADEMO", "CHAdeMO"),
        (Connector, 7, "TYPE_2", "Type 2"),
        (Connector, 13, "CCS", "CCS"),
        (Connector, 16, "GBT", "GB/T"),
        (Connector, 17, "GBT_2", "GB/T 2"),
        (Power, 1, "DC", "DC"),
        (Access, 2, "RESTRICTED", "Restricted"),
        (Availability, 0, "UNKNOWN", "Unknown"),
        (Availability, 4, "UNDER_REPAIR", "Under repair"),
        (StationCost, 1, "FREE", "Free"),
        (ReviewRating, -1, "PROBLEM", "Problem"),
        (ReviewRating, 0, "NEUTRAL", "Tip"),
        (Problem, 3, "BLOCKED", "Blocked by vehicle"),
        (Problem, 5, "PERMANENTLY_CLOSED", "Permanently closed"),
        (AmenityType, 4, "EV_PARKING", "EV parking"),
    ],
)
def test_enums_are_int_enums_with_human_names(
    enum: type, value: int, name: str, label: str
) -> None:
    member = enum(value)
    assert member == value and isinstance(member, int)
    assert member.name == name
    assert member.label == label and str(member) == label and f"{member}" == label


def test_every_connector_one_to_seventeen_is_known() -> None:
    assert [int(c) for c in Connector] == list(range(1, 18))
    assert all(c.label for c in Connector)


@pytest.mark.parametrize(
    ("power", "label"),
    [(1, "Tesla Supercharger"), (0, "Tesla wall connector"), (None, "Tesla")],
)
def test_connector_six_is_told_apart_by_power(power: int | None, label: str) -> None:
    outlet = Outlet.model_validate({"connector": 6, "power": power})
    assert outlet.label == label
    assert connector_label(6, power) == label


def test_power_does_not_rename_other_connectors() -> None:
    assert Outlet.model_validate({"connector": 13, "power": 1}).label == "CCS"


def test_an_unknown_connector_id_is_kept() -> None:
    outlet = Outlet.model_validate({"connector": 20, "power": 0, "id": 1})
    assert outlet.connector == 20 and type(outlet.connector) is int
    assert outlet.label == "Connector 20"
    assert outlet.to_plugshare_json() == {"id": 1, "connector": 20, "power": 0}


def test_availability_may_arrive_as_a_name() -> None:
    station = Station.model_validate({"available": "in use", "outlets": []})
    assert station.available is Availability.IN_USE
    outlet = Outlet.model_validate({"connector": 2, "available": "AVAILABLE"})
    assert outlet.available is Availability.AVAILABLE


@pytest.mark.parametrize(
    "change",
    [
        {"latitude": None},
        {"latitude": "north"},
        {"id": "abc"},
        {"stations": "many"},
        {"stations": [{"outlets": [{"connector": "plug"}]}]},
    ],
)
def test_payloads_that_cannot_be_read_are_rejected(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Location.model_validate(payloads.route_result() | change)


def test_outlets_and_power_helpers() -> None:
    mix = Location.model_validate(payloads.fast_and_slow_mix())
    assert [o.connector for o in mix.outlets] == [13, 3, 2]
    assert mix.max_kilowatts == 150.0
    assert mix.network_ids == {47, None}  # None: a station without a network
    assert Location.model_validate(payloads.unknown_power_only()).max_kilowatts is None


def test_network_ids_have_names_and_aliases() -> None:
    assert network_name(1) == "ChargePoint"
    assert network_name(26) == "Shell Recharge" and "Greenlots" in NETWORKS[26].aliases
    assert network_name(47) == "Electrify America"
    assert network_name(55) == "Ivy"
    assert "EVCS" in NETWORKS[9].aliases
    assert network_name(999) is None and network_name(None) is None
