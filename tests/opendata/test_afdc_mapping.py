"""The AFDC -> PlugShare mapping, rule by rule, on real rows of the NY export and made-up ones."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support.validated import assert_as_validated

from bot.opendata.afdc_csv import api_name
from bot.opendata.afdc_mapping import map_station
from bot.opendata.pricing import station_cost
from bot.plugshare.models import Location
from bot.records.outcome import RowInvalid, RowSkipped


def station(**fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "77",
        "fuel_type_code": "ELEC",
        "status_code": "E",
        "station_name": "Test site",
        "latitude": "40.7",
        "longitude": "-74.0",
        "access_code": "public",
    }
    record.update(fields)
    return record


def plugs(location: Location) -> list[tuple[str | None, int, int | None]]:
    return [
        (s.name, int(o.connector), None if o.power is None else int(o.power))
        for s in location.stations
        for o in s.outlets
    ]


@pytest.fixture(scope="module")
def ny_rows(ny_csv: Path) -> dict[str, dict[str, str]]:
    with ny_csv.open(encoding="utf-8-sig", newline="") as f:
        return {row["ID"]: {api_name(k): v for k, v in row.items()} for row in csv.DictReader(f)}


def test_a_real_supercharger_row(ny_rows: dict[str, dict[str, str]]) -> None:
    row = next(
        r for r in ny_rows.values()
        if r["ev_network"] == "Tesla" and r["ev_connector_types"] == "TESLA"
    )  # fmt: skip
    location = map_station(row)
    dc = int(row["ev_dc_fast_num"])
    assert len(location.stations) == dc
    assert plugs(location) == [("DC fast", 6, 1)] * dc
    assert location.network_ids == {8}
    assert location.stations[0].network is not None
    assert location.stations[0].network.name == "Tesla Supercharger"
    assert location.url == f"https://afdc.energy.gov/stations#/station/{row['id']}"
    # Built without validation shortcuts: it survives a round trip through the schema.
    assert Location.model_validate(location.to_plugshare_json()) == location


def test_a_real_destination_row_with_j1772(ny_rows: dict[str, dict[str, str]]) -> None:
    row = next(
        r for r in ny_rows.values()
        if r["ev_network"] == "Tesla Destination" and r["ev_connector_types"] == "J1772 TESLA"
    )  # fmt: skip
    location = map_station(row)
    l2 = int(row["ev_level2_evse_num"])
    assert plugs(location) == [("Level 2", 2, None), ("Level 2", 6, 0)] * l2
    assert location.network_ids == {35}


def test_real_fields_address_hours_dates(ny_rows: dict[str, dict[str, str]]) -> None:
    row = next(r for r in ny_rows.values() if r["fuel_type_code"] == "ELEC" and r["city"])
    location = map_station(row)
    assert location.address == (
        f"{row['street_address']}, {row['city']}, {row['state']} {row['zip']}"
    )
    assert location.hours == (row["access_days_time"] or None)
    assert location.phone == (row["station_phone"] or None)
    assert location.updated_at is not None
    assert location.updated_at.date().isoformat() == row["date_last_confirmed"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"ev_connector_types": "J1772", "ev_level2_evse_num": "2"},
         [("Level 2", 2, None)] * 2),
        ({"ev_connector_types": "J1772 NEMA520", "ev_level1_evse_num": "1",
          "ev_level2_evse_num": "1"},
         [("Level 1", 1, None), ("Level 2", 2, None)]),
        ({"ev_connector_types": "J1772", "ev_level1_evse_num": "1", "ev_level2_evse_num": "1"},
         [("Level 1", 2, None), ("Level 2", 2, None)]),
        ({"ev_connector_types": "CHADEMO J1772 J1772COMBO", "ev_level2_evse_num": "1",
          "ev_dc_fast_num": "1"},
         [("Level 2", 2, None), ("DC fast", 13, None), ("DC fast", 3, None)]),
        ({"ev_connector_types": "J1772 TESLA", "ev_level2_evse_num": "1", "ev_dc_fast_num": "1"},
         [("Level 2", 2, None), ("DC fast", 6, 1)]),
        ({"ev_connector_types": "TESLA", "ev_level2_evse_num": "1", "ev_network": "Tesla"},
         [("Level 2", 6, 1)]),
        ({"ev_connector_types": "TESLA", "ev_level2_evse_num": "1"}, [("Level 2", 6, 0)]),
        ({"ev_connector_types": "NEMA1450", "ev_level2_evse_num": "1"}, [("Level 2", 5, None)]),
        ({"ev_connector_types": "NEMA515 J1772"}, [(None, 1, None), (None, 2, None)]),
        ({"ev_connector_types": "NEMA515 NEMA520", "ev_level1_evse_num": "1"},
         [("Level 1", 1, None)]),
        ({"ev_connector_types": "J1772COMBO", "ev_level2_evse_num": "1"},
         [("Level 2", 13, None)]),
        ({"ev_connector_types": "", "ev_level2_evse_num": "2"}, []),
        ({"ev_connector_types": "J1772 FUTURE_PLUG", "ev_level2_evse_num": "1"},
         [("Level 2", 2, None)]),
    ],
)  # fmt: skip
def test_connectors_land_on_the_ports_of_their_level(
    fields: dict[str, str], expected: list[tuple[str | None, int, int | None]]
) -> None:
    assert plugs(map_station(station(**fields))) == expected


def test_a_site_without_counts_gets_one_station() -> None:
    location = map_station(station())
    assert len(location.stations) == 1 and location.outlets == []


@pytest.mark.parametrize(
    ("network", "ids", "name"),
    [
        ("ChargePoint Network", {1}, "ChargePoint"),
        ("Blink Network", {2}, "Blink"),
        ("SemaCharge Network", {3}, "SemaConnect"),
        ("eVgo Network", {19}, "EVgo"),
        ("Volta", {25}, "Volta"),
        ("Greenlots", {26}, "Shell Recharge"),
        ("SHELL_RECHARGE", {26}, "Shell Recharge"),
        ("Tesla", {8}, "Tesla Supercharger"),
        ("Tesla Destination", {35}, "Tesla Destination"),
        ("Electrify America", {47}, "Electrify America"),
        ("EV Connect", {46}, "EV Connect"),
        ("FLO", {7}, "FLO"),
        ("OpConnect", {29}, "OpConnect"),
        ("Non-Networked", {None}, None),
        ("VIALYNK", {None}, "Vialynk"),
        ("CHARGESMART_EV", {None}, "ChargeSmart EV"),
        ("RIVIAN_ADVENTURE", {None}, "Rivian Adventure Network"),
        ("SOME_NEW_NETWORK", {None}, "Some New Network"),
        ("Francis Energy", {None}, "Francis Energy"),
        ("", {None}, None),
    ],
)
def test_networks(network: str, ids: set[int | None], name: str | None) -> None:
    location = map_station(station(ev_network=network))
    assert location.network_ids == ids
    found = location.stations[0].network
    assert (found.name if found else None) == name


@pytest.mark.parametrize(
    ("pricing", "cost"),
    [
        ("", 0),
        ("Free", 1),
        ("FREE", 1),
        ("Free; 3 hour maximum", 1),
        ("Free for guests only", 1),
        ("$0.00 per kWh", 1),
        ("$0.30 per kWh", 2),
        ("0.30/kWh", 2),
        ("25 cents per kWh", 2),
        ("Free; $1.50 per hour parking rate", 2),
        ("Free; parking fee", 2),
        ("$0.00-$4.00/Hr Variable Parking Fee", 2),
        ("$1 per session; $0.39 per kWh", 2),
        ("Contact site for pricing details", 0),
        ("Varies", 0),
    ],
)
def test_pricing_text_to_station_cost(pricing: str, cost: int) -> None:
    assert station_cost(pricing) == cost
    location = map_station(station(ev_pricing=pricing, ev_level2_evse_num="1"))
    assert {int(s.cost) for s in location.stations} == {cost}
    assert location.cost is (cost == 2)
    assert location.cost_description == (pricing or None)


def test_every_pricing_text_in_the_ny_export_is_classified_sensibly(
    ny_rows: dict[str, dict[str, str]],
) -> None:
    texts = {r["ev_pricing"] for r in ny_rows.values() if r["fuel_type_code"] == "ELEC"}
    for text in texts:
        cost = station_cost(text)
        lowered = text.lower()
        if not text:
            assert cost == 0
        elif "$" in text and any(ch in "123456789" for ch in text):
            assert cost == 2, text
        elif "fee" in lowered:
            assert cost == 2, text  # "Free; parking fee": a known fee is still a fee
        elif lowered.startswith("free"):
            assert cost == 1, text


@pytest.mark.parametrize(
    ("facility", "amenities", "parking"),
    [
        ("HOTEL", {1}, None),
        ("INN", {1}, None),
        ("RESTAURANT", {2}, None),
        ("TRAVEL_CENTER", {2, 3}, None),
        ("PARK", {6}, None),
        ("SHOPPING_MALL", {8}, None),
        ("GROCERY", {9}, None),
        ("PAY_GARAGE", set(), "Garage (paid)"),
        ("CAR_DEALER", set(), None),
        ("", set(), None),
    ],
)
def test_facility_type_to_amenities(
    facility: str, amenities: set[int], parking: str | None
) -> None:
    location = map_station(station(facility_type=facility))
    assert location.amenity_types == amenities
    assert location.parking_type_name == parking


def test_access_status_and_hours() -> None:
    private = map_station(station(access_code="private", status_code="T", ev_level2_evse_num="2",
                                  access_days_time="24 hours daily; pay lot"))  # fmt: skip
    assert int(private.access) == 2
    assert {int(s.available) for s in private.stations} == {3}
    assert private.open247 is True
    public = map_station(station(access_days_time="7am-7pm"))
    assert int(public.access) == 1 and public.open247 is None
    assert {int(s.available) for s in public.stations} == {0}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"fuel_type_code": "CNG"}, "not an electric charging station"),
        ({"status_code": "P"}, "planned, not open yet"),
    ],
)
def test_skipped_rows(fields: dict[str, str], reason: str) -> None:
    with pytest.raises(RowSkipped, match=reason):
        map_station(station(**fields))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"id": ""}, "ID is missing"),
        ({"id": "12.5"}, "not a whole number"),
        ({"id": "0"}, "not a whole number from 1"),
        ({"latitude": "91"}, "Latitude 91 is out of range"),
        ({"longitude": "nan"}, "Longitude nan is out of range"),
        ({"ev_dc_fast_num": "-1"}, "not a whole number of ports"),
        ({"ev_level2_evse_num": "1001"}, "more than 999 charging ports"),
        ({"access_code": "members"}, "unknown access code"),
    ],
)
def test_invalid_rows(fields: dict[str, str], reason: str) -> None:
    with pytest.raises(RowInvalid, match=reason):
        map_station(station(**fields))


def test_every_ny_row_maps_to_what_validation_builds(ny_rows: dict[str, dict[str, str]]) -> None:
    # The mapping builds its models without validating them again (bot.plugshare.trusted).
    mapped = 0
    for row in ny_rows.values():
        try:
            location = map_station(row)
        except (RowSkipped, RowInvalid):
            continue
        assert_as_validated(location)
        mapped += 1
    assert mapped == 4736


def test_api_rows_with_charging_units_map_to_what_validation_builds() -> None:
    units = [
        {"charging_level": "2", "port_count": 2,
         "connectors": {"J1772": {"power_kw": 7.2, "port_count": 2}}},
        {"charging_level": "dc_fast", "port_count": 2,
         "connectors": {"J1772COMBO": {"power_kw": 150, "port_count": 2},
                        "TESLA": {"power_kw": 250, "port_count": 1},
                        "CHADEMO": {"power_kw": None, "port_count": 0}}},
    ]  # fmt: skip
    location = map_station(
        station(ev_charging_units=units, ev_network="Tesla", facility_type="HOTEL",
                date_last_confirmed="2025-04-21", open_date="2021-06-01")
    )  # fmt: skip
    assert_as_validated(location)
    assert location.max_kilowatts == 250 and location.amenities
