"""The OCM -> PlugShare mapping, on real POIs (../shared/data/ocm) and made-up ones."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bot.ocm.costs import usage_cost
from bot.ocm.mapping import (
    CHECKIN_OUTCOMES,
    CONNECTORS,
    OCM_CREDIT,
    OPERATOR_NETWORKS,
    MappingNotes,
    map_poi,
    parse_date,
)
from bot.ocm.reference import reference_from, shipped_reference
from bot.plugshare.enums import (
    Access,
    Availability,
    Connector,
    Power,
    Problem,
    ReviewRating,
    StationCost,
)
from bot.plugshare.networks import network_name
from bot.records.outcome import RowInvalid, RowSkipped
from bot.render.facts import connectors_text, outlet_label

POI = dict[str, Any]


@pytest.fixture(scope="module")
def sample(shared_data: Path) -> dict[int, POI]:
    pois = json.loads((shared_data / "ocm" / "ocm-sample.json").read_text("utf-8"))
    return {poi["ID"]: poi for poi in pois}


@pytest.fixture(scope="module")
def andorra(shared_data: Path) -> list[POI]:
    return json.loads((shared_data / "ocm" / "ocm-andorra.json").read_text("utf-8"))


def poi(**fields: Any) -> POI:
    record: POI = {
        "ID": 777,
        "DataProviderID": 1,
        "OperatorID": 45,
        "UsageTypeID": 1,
        "StatusTypeID": 50,
        "AddressInfo": {
            "Title": "Test site",
            "AddressLine1": "1 Main St",
            "Town": "Springfield",
            "CountryID": 2,
            "Latitude": 40.7,
            "Longitude": -74.0,
        },
        "Connections": [{"ID": 1, "ConnectionTypeID": 1, "StatusTypeID": 50, "Quantity": 1}],
    }
    record.update(fields)
    return record


def connection(type_id: int, **fields: Any) -> POI:
    return {"ID": 1, "ConnectionTypeID": type_id, "StatusTypeID": 50, **fields}


def plugs(poi_: POI) -> list[tuple[int, int | None]]:
    location = map_poi(poi_)
    return [(int(o.connector), None if o.power is None else int(o.power)) for o in location.outlets]


# --- real records --------------------------------------------------------------------------


def test_a_real_site_with_fast_chargers(sample: dict[int, POI]) -> None:
    # Hótel Jökull, Iceland: CHAdeMO 62.5 kW, 2 x CCS2 100 kW, Type 2 22 kW; business owner.
    location = map_poi(sample[100890])
    assert location.id == 2_000_100_890
    assert location.name == "ON Hótel Jökull"
    assert (location.latitude, location.longitude) == (64.31215539733317, -15.228649377822876)
    assert location.address == "Nesjum, Höfn, Höfn í Hornafirði 781, Iceland"
    assert location.url == "https://openchargemap.org/site/poi/details/100890"
    assert [(int(o.connector), o.kilowatts, o.description) for o in location.outlets] == [
        (int(Connector.CHADEMO), 62.5, "CHAdeMO"),
        (int(Connector.CCS), 100.0, "CCS (Type 2)"),
        (int(Connector.CCS), 100.0, "CCS (Type 2)"),
        (int(Connector.TYPE_2), 22.0, "Type 2 (Socket Only)"),
    ]
    assert len(location.stations) == 4  # one station per connection point (Quantity)
    assert {s.effective_network_id for s in location.stations} == {None}  # business owner
    assert location.cost_description == "Free"
    assert {int(s.cost) for s in location.stations} == {StationCost.FREE}
    assert location.cost is False
    assert location.access == Access.PUBLIC
    assert location.credits == [OCM_CREDIT]
    assert connectors_text(location) == "CCS ×2 · 100 kW   CHAdeMO ×1 · 62.5 kW   Type 2 ×1 · 22 kW"


def test_real_check_ins_become_reviews_with_outcome_author_and_date(
    sample: dict[int, POI],
) -> None:
    location = map_poi(sample[118241])
    by_id = {r.id: r for r in location.reviews}
    # CheckinStatusTypeID 50 "Failed to Charge (No Charging Equipment Present)"
    assert by_id[22187].rating == ReviewRating.PROBLEM
    assert by_id[22187].problem == Problem.PERMANENTLY_CLOSED
    assert by_id[22187].user is not None and by_id[22187].user.display_name == "Charlie"
    # 10 "Charged Successfully", with the text
    assert by_id[21713].rating == ReviewRating.POSITIVE
    assert by_id[21713].comment == (
        "leftmost station has a tendency to be stuck when trying to remove cable"
    )
    assert by_id[21713].created_at == parse_date("2019-10-24T17:28:30.53Z")
    assert by_id[21713].created_at is not None and by_id[21713].created_at.microsecond == 530000
    [photo] = location.photos
    assert photo.url is not None and photo.url.endswith("OCM-118241.orig.2019031909105038.jpg")
    assert photo.thumbnail is not None and ".thmb." in photo.thumbnail


def test_a_comment_without_check_in_status_is_a_comment(sample: dict[int, POI]) -> None:
    [review] = map_poi(sample[115176]).reviews
    assert review.rating == ReviewRating.NEUTRAL
    assert review.comment is not None and review.comment.startswith("Spaces are frequently ICEd")


def test_tesla_superchargers_are_dc_on_teslas_network(sample: dict[int, POI]) -> None:
    location = map_poi(sample[100086])
    assert plugs(sample[100086]) == [(int(Connector.TESLA), int(Power.DC))] * 8
    assert {s.effective_network_id for s in location.stations} == {8}
    assert connectors_text(location) == "Tesla Supercharger ×8 · 120 kW"


def test_every_real_poi_maps_or_says_why(sample: dict[int, POI], andorra: list[POI]) -> None:
    notes = MappingNotes()
    mapped, refused = 0, {}
    for record in [*sample.values(), *andorra]:
        try:
            location = map_poi(record, notes=notes)
        except (RowSkipped, RowInvalid) as error:
            refused[record["ID"]] = error.reason
            continue
        mapped += 1
        assert location.stations and all(s.outlets for s in location.stations)
        assert all(outlet_label(o) for o in location.outlets)
    assert mapped == 177
    assert sorted(refused.values()) == [
        "no Connections (nothing to charge at)",
        "planned, not open yet",
        "removed (a duplicate listing)",
        "removed (a duplicate listing)",
    ]
    # Operators newer than the shipped reference: kept, without a network, and counted.
    assert sum(notes.unknown_operators.values()) == 9
    assert "kept without a network" in notes.lines()[0]


# --- the tables ----------------------------------------------------------------------------


def test_every_connection_type_in_the_reference_maps_or_keeps_its_title() -> None:
    reference = shipped_reference()
    for type_id, row in reference.connection_types.items():
        [outlet] = map_poi(poi(Connections=[connection(type_id)])).outlets
        if type_id == 0:
            assert outlet_label(outlet) == "Unknown connector"
        elif type_id in CONNECTORS:
            assert int(outlet.connector) in {int(c) for c in Connector}
        else:
            assert int(outlet.connector) == 0
            assert outlet_label(outlet) == row["Title"].strip()


@pytest.mark.parametrize(
    ("type_id", "fields", "expected"),
    [
        (1, {}, (Connector.J1772, None)),
        (32, {}, (Connector.CCS, None)),  # CCS1
        (33, {}, (Connector.CCS, None)),  # CCS2
        (2, {}, (Connector.CHADEMO, None)),
        (25, {}, (Connector.TYPE_2, None)),
        (1036, {}, (Connector.TYPE_2, None)),
        (27, {}, (Connector.TESLA, Power.DC)),
        (30, {"LevelID": 2, "CurrentTypeID": 10}, (Connector.TESLA, Power.AC)),  # NACS, AC
        (30, {"LevelID": 3, "CurrentTypeID": 30}, (Connector.TESLA, Power.DC)),  # NACS, DC
        (22, {}, (Connector.WALL, None)),  # NEMA 5-15R
        (9, {}, (Connector.WALL, None)),  # NEMA 5-20R
        (11, {}, (Connector.NEMA_14_50, None)),
        (3, {}, (Connector.BS1363, None)),
    ],
)
def test_connection_types(type_id: int, fields: POI, expected: tuple[Connector, Power]) -> None:
    connector, power = expected
    assert plugs(poi(Connections=[connection(type_id, **fields)])) == [
        (int(connector), None if power is None else int(power))
    ]


def test_a_connection_type_the_reference_lacks_is_kept_and_counted() -> None:
    notes = MappingNotes()
    location = map_poi(poi(Connections=[connection(4242, PowerKW=11)]), notes=notes)
    [outlet] = location.outlets
    assert (int(outlet.connector), outlet.kilowatts) == (0, 11.0)
    assert outlet_label(outlet) == "OCM connection type 4242"
    assert notes.unknown_connection_types == {4242: 1}
    # The verbose form names it: that name is used.
    verbose = connection(4242, ConnectionType={"ID": 4242, "Title": "SAE J3400"})
    [outlet] = map_poi(poi(Connections=[verbose])).outlets
    assert outlet_label(outlet) == "SAE J3400"


def test_operator_networks_name_the_same_company_as_ocm() -> None:
    reference = shipped_reference()
    for operator_id, network_id in OPERATOR_NETWORKS.items():
        title = reference.title("operators", operator_id)
        assert title is not None, operator_id
        name = network_name(network_id)
        assert name is not None
        words = {w.lower().strip("()") for w in title.replace("/", " ").split()}
        aliases = {name.lower(), "pulse", "greenlots", "innogy", "enel", "ecars", "flo", "evgo"}
        assert words & {a for n in aliases for a in n.split()}, (operator_id, title, name)


@pytest.mark.parametrize(
    ("operator_id", "type_id", "network"),
    [
        (5, 1, (1, "ChargePoint")),
        (3318, 32, (47, "Electrify America")),
        (23, 27, (8, "Tesla Supercharger")),
        (23, 30, (35, "Tesla Destination")),
        (3, 25, (None, "POD Point (UK)")),  # an operator PlugShare has no id for
        (1, 1, None),  # (Unknown Operator)
        (44, 1, None),  # (Private Residence/Individual)
        (45, 1, None),  # (Business Owner at Location)
    ],
)
def test_operator_to_network(
    operator_id: int, type_id: int, network: tuple[int | None, str] | None
) -> None:
    [station] = map_poi(poi(OperatorID=operator_id, Connections=[connection(type_id)])).stations
    if network is None:
        assert station.network is None
    else:
        assert station.network is not None
        assert (station.network.id, station.network.name) == network


@pytest.mark.parametrize(
    ("usage_type", "access", "cost"),
    [
        (1, Access.PUBLIC, StationCost.UNKNOWN),
        (4, Access.PUBLIC, StationCost.UNKNOWN),
        (5, Access.PUBLIC, StationCost.FEE),  # pay at location
        (2, Access.RESTRICTED, StationCost.UNKNOWN),
        (6, Access.RESTRICTED, StationCost.UNKNOWN),
        (3, Access.RESIDENTIAL, StationCost.UNKNOWN),
        (None, Access.PUBLIC, StationCost.UNKNOWN),
    ],
)
def test_usage_type_to_access_and_cost(
    usage_type: int | None, access: Access, cost: StationCost
) -> None:
    location = map_poi(poi(UsageTypeID=usage_type))
    assert location.access == access
    assert {int(s.cost) for s in location.stations} == {int(cost)}
    assert location.cost is (cost == StationCost.FEE)


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("5,60€/hour", StationCost.FEE),
        ("£0.79/kWh; other tariffs available", StationCost.FEE),
        ("$0.22/min >=60kW; $0.11/min <60kW", StationCost.FEE),
        ("0,26cts/kWh", StationCost.FEE),
        ("07:00-23:59: 24p / kWh,  00:00-06:59: 12p / kWh", StationCost.FEE),
        ("Free charge but local parking fees apply", StationCost.FEE),
        ("Free", StationCost.FREE),
        ("Gratuit", StationCost.FREE),
        ("Gratis para los clientes del hotel", StationCost.FREE),
        ("0.19", StationCost.UNKNOWN),
        ("", StationCost.UNKNOWN),
    ],
)
def test_usage_cost_text(text: str, cost: StationCost) -> None:
    assert usage_cost(text) == cost
    assert map_poi(poi(UsageCost=text)).cost_description == (" ".join(text.split()) or None)


def test_status_to_availability_and_withdrawal() -> None:
    assert {s.available for s in map_poi(poi(StatusTypeID=50)).stations} == {Availability.UNKNOWN}
    assert {s.available for s in map_poi(poi(StatusTypeID=100)).stations} == {Availability.OFFLINE}
    # A file's automated status is a past snapshot; the live API's is current.
    snapshot = poi(Connections=[connection(1, StatusTypeID=20)])
    assert {s.available for s in map_poi(snapshot).stations} == {Availability.UNKNOWN}
    assert {s.available for s in map_poi(snapshot, live=True).stations} == {Availability.IN_USE}
    for status, reason in ((150, "planned"), (200, "decommissioned"), (210, "duplicate")):
        with pytest.raises(RowSkipped, match=reason) as skipped:
            map_poi(poi(StatusTypeID=status))
        assert skipped.value.withdrawn_id == 2_000_000_777
    # A removed connection is left out; the site's others stay.
    mixed = poi(Connections=[connection(1, StatusTypeID=200), connection(25)])
    assert plugs(mixed) == [(int(Connector.TYPE_2), None)]


@pytest.mark.parametrize("status", sorted(CHECKIN_OUTCOMES))
def test_every_check_in_status_has_an_outcome(status: int) -> None:
    comment = {"ID": 5, "CheckinStatusTypeID": status, "DateCreated": "2024-01-02T03:04:05Z"}
    [review] = map_poi(poi(UserComments=[comment])).reviews
    rating, problem = CHECKIN_OUTCOMES[status]
    assert (review.rating, review.problem) == (rating, problem)
    assert status in shipped_reference().checkin_status_types


def test_check_in_outcomes_follow_plugshare() -> None:
    def outcome(status: int | None, comment_type: int = 10) -> tuple[int, int | None]:
        comment = {
            "ID": 1,
            "CheckinStatusTypeID": status,
            "CommentTypeID": comment_type,
            "Comment": "x",
            "UserName": "Ann Lee",
            "DateCreated": "2024-01-02T03:04:05Z",
        }
        [review] = map_poi(poi(UserComments=[comment])).reviews
        return int(review.rating), None if review.problem is None else int(review.problem)

    assert outcome(10) == (ReviewRating.POSITIVE, None)  # charged
    assert outcome(20) == (ReviewRating.PROBLEM, Problem.BROKEN)  # couldn't charge
    assert outcome(110) == (ReviewRating.PROBLEM, Problem.BLOCKED)
    assert outcome(200) == (ReviewRating.PROBLEM, None)  # a problem
    assert outcome(None) == (ReviewRating.NEUTRAL, None)  # a comment
    assert outcome(None, comment_type=1000) == (ReviewRating.PROBLEM, None)  # a fault report


def test_credits_name_another_providers_licence_and_count_non_commercial() -> None:
    notes = MappingNotes()
    assert map_poi(poi(DataProviderID=1), notes=notes).credits == [OCM_CREDIT]
    uk = map_poi(poi(DataProviderID=18), notes=notes).credits
    assert uk[0] == OCM_CREDIT
    assert "UK National Charge Point Registry" in uk[1] and "Open Government Licence" in uk[1]
    nl = map_poi(poi(DataProviderID=26), notes=notes).credits
    assert "NonCommercial" in nl[1]
    assert list(notes.non_commercial.values()) == [1]
    assert any("NON-COMMERCIAL" in line and "Oplaadpalen" in line for line in notes.lines())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"AddressInfo": None}, "no AddressInfo"),
        ({"ID": None}, "ID is missing"),
        ({"ID": "abc"}, "not a whole number"),
        ({"Connections": []}, "no Connections"),
        ({"StatusTypeID": 4242}, "StatusTypeID 4242 is not in OCM's reference data"),
        ({"UsageTypeID": 4242}, "UsageTypeID 4242 is not in OCM's reference data"),
    ],
)
def test_malformed_pois_say_why(change: POI, reason: str) -> None:
    with pytest.raises(RowInvalid, match=reason):
        map_poi(poi(**change))


@pytest.mark.parametrize(
    ("latitude", "longitude", "reason"),
    [
        (None, -74.0, "Latitude is missing"),
        (40.7, None, "Longitude is missing"),
        (91.0, -74.0, "Latitude 91 is out of range"),
        (40.7, 181.0, "Longitude 181 is out of range"),
        ("NaN", -74.0, "out of range"),
        (0.0, 0.0, "both 0"),
        ("north", -74.0, "not a number"),
    ],
)
def test_bad_positions_are_invalid(latitude: Any, longitude: Any, reason: str) -> None:
    record = poi()
    record["AddressInfo"] = {**record["AddressInfo"], "Latitude": latitude, "Longitude": longitude}
    with pytest.raises(RowInvalid, match=reason):
        map_poi(record)


def test_a_newer_reference_can_be_handed_in() -> None:
    data = {"Operators": [{"ID": 9999, "Title": "Brand New Network"}], "StatusTypes": [
        {"ID": 50, "Title": "Operational", "IsOperational": True}]}  # fmt: skip
    reference = reference_from(data)
    [station] = map_poi(poi(OperatorID=9999), reference=reference).stations
    assert station.network is not None and station.network.name == "Brand New Network"


def test_mapping_leaves_its_input_alone(sample: dict[int, POI]) -> None:
    record = sample[118241]
    before = copy.deepcopy(record)
    map_poi(record)
    assert record == before
