"""Importers on every real AFDC file and on hand-made broken ones: counts, reasons, line numbers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from opendata.afdc_files import (
    afdc_response,
    afdc_station,
    drop_columns,
    electric_rows,
    read_export,
    with_fields,
    write_csv,
    write_json,
)

from bot.opendata.formats import ImportFailed
from bot.opendata.importer import import_file
from bot.opendata.index import StationIndex
from bot.plugshare.filters import Filters, OutletFilter


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- the real files ---------------------------------------------------------------------


def test_ny_export_imports_every_electric_station_and_skips_other_fuels(ny_import) -> None:
    db, report = ny_import
    assert report.format == "AFDC station export (CSV, 75 columns)"
    assert (report.imported, report.updated, report.removed) == (4736, 0, 0)
    assert dict(report.skipped) == {"not an electric charging station": 121}
    assert report.invalid == []
    assert count(db, "locations") == 4736
    assert count(db, "location_index") == 4736


def test_us_minimal_file_imports_every_row_with_unknown_connectors(
    shared_data: Path, tmp_path: Path
) -> None:
    db = tmp_path / "us.sqlite3"
    report = import_file(shared_data / "afdc" / "us-min.csv", db)
    assert report.format == "AFDC minimal station list (CSV, 5 columns)"
    assert (report.imported, report.updated, report.invalid) == (50270, 0, [])
    index = StationIndex(db)
    # LADWP - Truesdale Center, the file's first row.
    [first] = index.nearby(34.24831915, -118.3879714, Filters(), 10, 1)
    assert first.id == 1517
    assert first.name == "LADWP - Truesdale Center"
    assert first.url == "https://afdc.energy.gov/stations#/station/1517"
    assert first.address == "91352"
    assert len(first.stations) == 1 and first.outlets == []  # connectors are not in the file
    # A connector filter cannot match a station whose connectors are unknown.
    assert index.nearby(34.24831915, -118.3879714, Filters(outlets=[OutletFilter(connector=2)]),
                        10, 1) == []  # fmt: skip
    index.close()


def test_reimporting_updates_in_place_and_keeps_ids(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    sample = rows[:40]
    db = tmp_path / "index.sqlite3"
    first = import_file(write_csv(tmp_path / "a.csv", header, sample), db)
    assert (first.imported, first.updated) == (40, 0)
    renamed = with_fields(
        header, sample[0], Station_Name="Renamed garage", EV_Pricing="$2 per hour"
    )
    second = import_file(write_csv(tmp_path / "b.csv", header, [renamed, *sample[1:]]), db)
    assert (second.imported, second.updated) == (0, 40)
    assert count(db, "locations") == 40
    station_id = int(sample[0][header.index("ID")])
    location = StationIndex(db).location(station_id)
    assert location is not None
    assert location.name == "Renamed garage"
    assert location.cost is True and location.cost_description == "$2 per hour"
    # Children were replaced, not added to.
    stations_per_site = count(db, "stations")
    import_file(write_csv(tmp_path / "c.csv", header, sample), db)
    assert count(db, "stations") == stations_per_site


@pytest.mark.parametrize("columns", [60, 70])
def test_older_narrower_variants_import_the_same_stations(
    ny_csv: Path, tmp_path: Path, columns: int
) -> None:
    header, rows = electric_rows(ny_csv)
    sample = rows[:300]
    full_db, narrow_db = tmp_path / "full.sqlite3", tmp_path / "narrow.sqlite3"
    import_file(write_csv(tmp_path / "full.csv", header, sample), full_db)
    narrow_header, narrow_rows = drop_columns(header, sample, columns)
    report = import_file(write_csv(tmp_path / "narrow.csv", narrow_header, narrow_rows,
                                   bom=False), narrow_db)  # fmt: skip
    assert report.format == f"AFDC station export (CSV, {columns} columns)"
    assert (report.imported, report.invalid) == (300, [])
    full, narrow = StationIndex(full_db), StationIndex(narrow_db)
    for row in sample[::25]:
        station_id = int(row[header.index("ID")])
        a, b = full.location(station_id), narrow.location(station_id)
        assert a is not None and b is not None
        assert (b.name, b.latitude, b.longitude, b.address) == (a.name, a.latitude, a.longitude,
                                                                a.address)  # fmt: skip
        assert [(o.connector, o.power) for o in b.outlets] == [
            (o.connector, o.power) for o in a.outlets
        ]
        assert b.network_ids == a.network_ids


def test_file_without_bom_imports_like_with_bom(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    report = import_file(write_csv(tmp_path / "nobom.csv", header, rows[:20], bom=False),
                         tmp_path / "i.sqlite3")  # fmt: skip
    assert (report.imported, report.invalid) == (20, [])


# --- broken rows ------------------------------------------------------------------------


def test_bad_rows_are_reported_with_their_line_numbers_and_never_abort(
    ny_csv: Path, tmp_path: Path
) -> None:
    header, rows = electric_rows(ny_csv)
    good = rows[:6]
    broken = [
        good[0],  # line 2
        with_fields(header, good[1], Latitude="forty"),  # line 3
        with_fields(header, good[2], Longitude="-273.5"),  # line 4
        with_fields(header, good[3], Latitude=""),  # line 5
        with_fields(header, good[4], Latitude="0", Longitude="0"),  # line 6
        # line 7: a quoted field spanning two lines, still a good row
        with_fields(header, good[5], Intersection_Directions="Level 2,\nnear the elevators"),
        with_fields(header, rows[6], ID="abc"),  # line 9
        with_fields(header, rows[7], EV_Level2_EVSE_Num="two"),  # line 10
        with_fields(header, rows[8], Status_Code="X"),  # line 11
        with_fields(header, rows[9], Fuel_Type_Code="CNG"),  # line 12: skipped
        with_fields(header, rows[10], Status_Code="P"),  # line 13: skipped
        rows[11][:30],  # line 14: truncated
        [*rows[12], "extra"],  # line 15
        rows[0],  # line 16: the same ID again
        with_fields(header, rows[13], Status_Code="T"),  # line 17: temporarily unavailable
    ]
    path = write_csv(tmp_path / "broken.csv", header, broken)
    report = import_file(path, tmp_path / "i.sqlite3")
    assert report.imported == 3
    assert report.invalid == [
        (3, "Latitude 'forty' is not a number"),
        (4, "Longitude -273.5 is out of range"),
        (5, "Latitude is missing"),
        (6, "Latitude and longitude are both 0 (no position)"),
        (9, "ID 'abc' is not a number"),
        (10, "EV Level2 EVSE Num 'two' is not a number"),
        (11, "unknown status code 'X'"),
        (14, "truncated: 30 fields where the header has 75"),
        (15, "too long: 76 fields where the header has 75"),
    ]
    assert dict(report.skipped) == {
        "not an electric charging station": 1,
        "planned, not open yet": 1,
        "repeats an ID already read in this file": 1,
    }
    lines = "\n".join(report.summary_lines())
    assert "line 14: truncated" in lines and "skipped 3:" in lines


def test_planned_and_unavailable_statuses(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    db = tmp_path / "i.sqlite3"
    import_file(write_csv(tmp_path / "a.csv", header, rows[:3]), db)
    ids = [int(r[header.index("ID")]) for r in rows[:3]]
    changed = [
        with_fields(header, rows[0], Status_Code="P"),  # no longer open: removed
        with_fields(header, rows[1], Status_Code="T"),
        rows[2],
    ]
    report = import_file(write_csv(tmp_path / "b.csv", header, changed), db)
    assert (report.updated, report.removed) == (2, 1)
    index = StationIndex(db)
    assert index.location(ids[0]) is None
    offline = index.location(ids[1])
    assert offline is not None and {int(s.available) for s in offline.stations} == {3}
    in_service = index.location(ids[2])
    assert in_service is not None and {int(s.available) for s in in_service.stations} == {0}


def test_lines_in_another_encoding_are_read_and_noted(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    text = write_csv(tmp_path / "a.csv", header, rows[:4]).read_bytes()
    lines = text.split(b"\r\n")
    name = rows[2][header.index("Station Name")]
    lines[3] = lines[3].replace(name.encode(), "Café Crème".encode("cp1252"), 1)
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\r\n".join(lines))
    report = import_file(path, tmp_path / "i.sqlite3")
    assert (report.imported, report.invalid) == (4, [])
    assert report.notes == ["1 lines were not UTF-8 and were read as Windows-1252 (lines 4)"]
    location = StationIndex(tmp_path / "i.sqlite3").location(int(rows[2][header.index("ID")]))
    assert location is not None and location.name == "Café Crème"


# --- whole files that cannot be imported ------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        (b"name,lat,lon\nA,1,2\n", "is not a station file ChargeBot knows"),
        ("Station Name,ID\n".encode("utf-16"), "is UTF-16 text"),
        (b'{"errors": ["API_KEY_INVALID"]}', "is JSON but not a station file"),
        (b'[{"foo": 1}]', "a PlugShare location nor an Open Charge Map POI"),
        (b"[]", "a PlugShare location nor an Open Charge Map POI"),
        (b'{"total_results": ', "is not valid JSON"),
        (b"[1, 2", "a PlugShare location nor an Open Charge Map POI"),
    ],
)
def test_unrecognised_files_fail_with_a_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "stations.csv"
    path.write_bytes(content)
    db = tmp_path / "i.sqlite3"
    with pytest.raises(ImportFailed, match=message):
        import_file(path, db)
    assert not db.exists() or count(db, "locations") == 0


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        import_file(tmp_path / "nope.csv", tmp_path / "i.sqlite3")
    with pytest.raises(ImportFailed, match="is a folder"):
        import_file(tmp_path, tmp_path / "i.sqlite3")


def test_index_path_that_is_not_an_index(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(ImportFailed, match="not a station index"):
        import_file(write_csv(tmp_path / "a.csv", header, rows[:2]), other)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ImportFailed, match="not a station index"):
        import_file(write_csv(tmp_path / "a.csv", header, rows[:2]), garbage)


# --- AFDC API JSON ----------------------------------------------------------------------


def test_afdc_api_json_with_charging_units_carries_kilowatts(tmp_path: Path) -> None:
    stations = [
        afdc_station(
            101,
            station_name="Supercharger",
            ev_network="Tesla",
            ev_connector_types=["TESLA", "J1772COMBO"],
            ev_level2_evse_num=None,
            ev_dc_fast_num=4,
            ev_pricing="$0.45 per kWh",
            ev_charging_units=[
                {
                    "charging_level": "dc_fast",
                    "port_count": 4,
                    "connectors": {
                        "TESLA": {"power_kw": 250, "port_count": 4},
                        "J1772COMBO": {"power_kw": 250, "port_count": 4},
                        "CHADEMO": {"power_kw": None, "port_count": 0},
                    },
                },
            ],
        ),
        afdc_station(
            102,
            station_name="Hotel garage",
            latitude=40.7505,
            facility_type="HOTEL",
            ev_connector_types=["J1772", "TESLA"],
            ev_network="Tesla Destination",
            ev_pricing="Free for guests",
            ev_charging_units=[
                {
                    "charging_level": "2",
                    "port_count": 2,
                    "connectors": {
                        "J1772": {"power_kw": 7.2, "port_count": 2},
                        "TESLA": {"power_kw": 11.5, "port_count": 2},
                    },
                },
            ],
        ),
        afdc_station(103, station_name="Plain L2", latitude=40.751, ev_charging_units=None),
        afdc_station(104, fuel_type_code="HY"),
        afdc_station(105, latitude="north"),
    ]
    path = write_json(tmp_path / "afdc.json", afdc_response(stations))
    db = tmp_path / "i.sqlite3"
    report = import_file(path, db)
    assert report.format == "AFDC API response (JSON)"
    assert (report.imported, report.position_word) == (3, "item")
    assert report.invalid == [(5, "Latitude 'north' is not a number")]
    assert dict(report.skipped) == {"not an electric charging station": 1}
    index = StationIndex(db)
    supercharger = index.location(101)
    assert supercharger is not None
    assert len(supercharger.stations) == 4
    assert {(int(o.connector), o.power, o.kilowatts) for o in supercharger.outlets} == {
        (6, 1, 250.0), (13, None, 250.0)
    }  # fmt: skip
    assert supercharger.network_ids == {8}
    hotel = index.location(102)
    assert hotel is not None and hotel.amenity_types == {1} and hotel.cost is False
    assert {(int(o.connector), o.power, o.kilowatts) for o in hotel.outlets} == {
        (2, None, 7.2), (6, 0, 11.5)
    }  # fmt: skip
    plain = index.location(103)
    assert plain is not None and [o.kilowatts for o in plain.outlets] == [None, None]
    # min_power_kw keeps only outlets known to reach it; unknown power never does.
    fast = Filters(min_power_kw=150)
    assert [loc.id for loc in index.nearby(40.75, -73.99, fast, 5000, 10)] == [101]
    l2 = Filters(min_power_kw=7)
    assert [loc.id for loc in index.nearby(40.75, -73.99, l2, 5000, 10)] == [101, 102]
    # With outlets too, the same outlet must match the connector and reach the power.
    tesla_ac_10kw = Filters(min_power_kw=10, outlets=[OutletFilter(connector=6, power=0)])
    assert [loc.id for loc in index.nearby(40.75, -73.99, tesla_ac_10kw, 5000, 10)] == [102]
    j1772_10kw = Filters(min_power_kw=10, outlets=[OutletFilter(connector=2)])
    assert index.nearby(40.75, -73.99, j1772_10kw, 5000, 10) == []
    index.close()


def test_bare_list_of_afdc_stations(tmp_path: Path) -> None:
    path = write_json(tmp_path / "list.json", [afdc_station(7), afdc_station(8, latitude=41.0)])
    report = import_file(path, tmp_path / "i.sqlite3")
    assert (report.format, report.imported) == ("AFDC station list (JSON)", 2)


# --- PlugShare JSON ---------------------------------------------------------------------


def plugshare_location(location_id: int, **fields: object) -> dict[str, object]:
    location: dict[str, object] = {
        "id": location_id,
        "name": f"PlugShare {location_id}",
        "latitude": 37.7749,
        "longitude": -122.4194,
        "access": 1,
        "cost": False,
        "network": "",
        "opening_date": "None",
        "stations": [
            {"id": 9001, "network_id": 1, "cost": 1, "available": 1,
             "outlets": [{"id": 1, "connector": 13, "kilowatts": 62.5}]},
            {"id": 9002, "network": "", "cost": 0, "available": 2,
             "outlets": [{"id": 2, "connector": 2}]},
        ],
        "amenities": [{"location_id": location_id, "type": 2}],
        "reviews": [{"id": 5, "rating": 1, "comment": "worked"}],
    }  # fmt: skip
    location.update(fields)
    return location


def test_plugshare_json_keeps_the_schema_and_namespaces_ids(tmp_path: Path) -> None:
    items = [
        plugshare_location(12345),
        plugshare_location(12346, latitude=37.78, enabled=False),
        plugshare_location(12347, latitude="not a number"),
    ]
    path = write_json(tmp_path / "ps.json", items)
    db = tmp_path / "i.sqlite3"
    report = import_file(path, db)
    assert report.format == "PlugShare locations (JSON)"
    assert report.imported == 1
    assert dict(report.skipped) == {"disabled (enabled: false)": 1}
    assert [position for position, _ in report.invalid] == [3]
    index = StationIndex(db)
    [found] = index.nearby(37.7749, -122.4194, Filters(), 1000, 5)
    assert found.id == 1_000_012_345
    assert found.reviews == [] and found.photos == []
    assert found.amenity_types == {2}
    assert [int(s.available) for s in found.stations] == [1, 2]
    assert found.network_ids == {1, None}
    assert found.max_kilowatts == 62.5
    # exclude_networks drops a location only when every station is excluded.
    assert index.nearby(37.7749, -122.4194, Filters(exclude_networks=[1]), 1000, 5) != []
    assert index.nearby(37.7749, -122.4194, Filters(availability=[1]), 1000, 5) != []
    assert index.nearby(37.7749, -122.4194, Filters(availability=[3]), 1000, 5) == []
    again = import_file(path, db)
    assert (again.imported, again.updated) == (0, 1)
    index.close()


def test_ny_csv_row_count_matches_the_export(ny_csv: Path) -> None:
    header, rows = read_export(ny_csv)
    assert len(header) == 75 and len(rows) == 4857
