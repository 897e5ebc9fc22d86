"""An AFDC import writes its rows without building models: exactly the rows the models make.

``station_rows`` (what ``chargebot data import`` writes for AFDC files) must give, for
every record, the very rows that ``map_station``'s location gives through the model
path (``rows_of``), and an import must leave every table as writing those models
would: the real New York and US exports, a synthetic file shaped like the ones the
benchmark imports, and made-up API records with charging units, networks, prices,
facilities and dates.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.opendata.afdc_csv import DecodeLog, api_name, read_csv
from bot.opendata.afdc_mapping import map_station, station_rows
from bot.opendata.importer import import_file
from bot.opendata.schema import open_for_write
from bot.opendata.store import IndexWriter, LocationRows, rows_of
from bot.plugshare.models import Location
from bot.records.outcome import RowInvalid, RowSkipped

#: Every table an import writes to, each read in a fixed order.
TABLES = {
    "locations": "id",
    "stations": "id",
    "outlets": "id",
    "amenities": "location_id, type",
    "location_index": "id",
    "reviews": "id",
    "photos": "id",
    "credits": "location_id, position",
    "site_links": "location_id",
}


def _fields(rows: LocationRows) -> tuple[Any, ...]:
    return (rows.id, rows.location, rows.point, rows.stations, rows.outlets, rows.amenities)


def _outcome(mapper: Any, record: Mapping[str, Any]) -> Any:
    try:
        return mapper(record)
    except (RowSkipped, RowInvalid) as error:
        return type(error), str(error), getattr(error, "withdrawn_id", None)


def _assert_same_rows(record: Mapping[str, Any]) -> bool:
    """Both paths agree on ``record``; True when it is a location."""
    model = _outcome(map_station, record)
    rows = _outcome(station_rows, record)
    if isinstance(model, Location):
        assert isinstance(rows, LocationRows)
        assert _fields(rows) == _fields(rows_of(model)), record
        return True
    assert rows == model, record
    return False


def _csv_records(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            yield {api_name(k): v for k, v in row.items()}


def synthetic_csv(path: Path, count: int = 3000) -> Path:
    """A seeded file shaped like the benchmark's (``benchmarks/synthetic.py``): us-min.csv's
    five columns, ids ascending, points anywhere, ZIPs on half the rows."""
    rng = random.Random(16)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(("Station Name", "ZIP", "Latitude", "Longitude", "ID"))
        for n in range(1, count + 1):
            out.writerow((
                f"Synthetic site {n}", f"{rng.randrange(1000, 99999):05d}" if n % 2 else "",
                f"{rng.uniform(-89.9, 89.9):.8f}", f"{rng.uniform(-180, 180):.7f}", n,
            ))  # fmt: skip
    return path


def made_up_records() -> list[dict[str, Any]]:
    """API-shaped and CSV-shaped records through every branch of the mapping."""
    base = {"id": "77", "station_name": "Test site", "latitude": "40.7", "longitude": "-74.0"}
    # Connectors as a mapping and as a list (both are read), absent ones with port_count 0.
    units = [
        {"charging_level": "L2", "port_count": "3", "connectors": [
            {"connector_type": "J1772", "power_kw": "6.6"}, {"type": "TESLA", "power_kw": 11}]},
        {"charging_level": "DC Fast", "port_count": 2, "connectors": {
            "J1772COMBO": {"power_kw": 350, "port_count": 2}, "NEMA515": {"port_count": 0},
            "CHADEMO": {"power_kw": 50}}},
        "not a unit",
    ]  # fmt: skip
    variations: list[dict[str, Any]] = [
        {},
        {"ev_charging_units": units, "ev_network": "Tesla", "facility_type": "HOTEL",
         "date_last_confirmed": "2025-04-21", "open_date": "2021-06-01"},
        {"ev_charging_units": [{"port_count": 1, "connectors": {"NEMA1450": {}}}],
         "ev_connector_types": ["J1772"], "ev_level2_evse_num": 1},
        {"ev_connector_types": "J1772 NEMA520 TESLA CHADEMO J1772COMBO",
         "ev_level1_evse_num": "1", "ev_level2_evse_num": "4", "ev_dc_fast_num": "2",
         "ev_network": "ChargePoint Network", "ev_pricing": "$0.30 per kWh",
         "facility_type": "TRUCK_STOP", "access_days_time": "24 hours daily",
         "street_address": "1 Main St", "city": "Albany", "state": "NY", "zip": "12207",
         "station_phone": "555-0100", "intersection_directions": "Level P2",
         "open_date": "2024-02-12 00:16:32 UTC", "updated_at": "2025-02-12T00:16:32Z"},
        {"ev_connector_types": "TESLA", "ev_level2_evse_num": "2",
         "ev_network": "Tesla Destination", "ev_pricing": "Free", "facility_type": "PAY_GARAGE",
         "access_code": "private", "status_code": "T"},
        {"ev_connector_types": "NEMA515", "ev_network": "CHARGESMART_EV",
         "ev_pricing": "Contact site", "facility_type": "GROCERY", "state": "NY"},
        {"ev_network": "Non-Networked", "street_address": "2 Side St", "station_name": ""},
        {"fuel_type_code": "CNG"},
        {"status_code": "P"},
        {"status_code": "X"},
        {"id": "12.5"},
        {"latitude": "0", "longitude": "0"},
        {"ev_level2_evse_num": "1001"},
        {"ev_dc_fast_num": "two"},
        {"access_code": "members"},
    ]  # fmt: skip
    return [{**base, **fields} for fields in variations]


def test_made_up_records_give_the_models_rows() -> None:
    outcomes = [_assert_same_rows(record) for record in made_up_records()]
    assert outcomes.count(True) == 7


@pytest.mark.parametrize(("name", "locations"), [("ny.csv", 4736), ("us-min.csv", 50270)])
def test_every_row_of_the_real_exports_gives_the_models_rows(
    shared_data: Path, name: str, locations: int
) -> None:
    mapped = sum(_assert_same_rows(r) for r in _csv_records(shared_data / "afdc" / name))
    assert mapped == locations


def _model_index(source: Path, db: Path) -> None:
    """The file written the way every model is (the path OCM and PlugShare files take)."""
    with source.open("rb") as stream:
        records = [r for r in read_csv(stream, None, DecodeLog()) if r.location is not None]
    unique: dict[int, Location] = {}
    for record in records:
        assert isinstance(record.location, Location)
        unique.setdefault(record.location.id, record.location)
    conn = open_for_write(db)
    try:
        conn.execute("BEGIN")
        IndexWriter(conn).write(list(unique.values()))
        conn.execute("COMMIT")
    finally:
        conn.close()


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in TABLES.items()
        }
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["ny.csv", "us-min.csv", "synthetic"])
def test_an_import_leaves_every_table_as_the_models_would(
    shared_data: Path, tmp_path: Path, name: str
) -> None:
    if name == "synthetic":
        source = synthetic_csv(tmp_path / "synthetic.csv")
    else:
        source = shared_data / "afdc" / name
    imported, modelled = tmp_path / "imported.sqlite3", tmp_path / "modelled.sqlite3"
    report = import_file(source, imported)
    _model_index(source, modelled)
    got, expected = _tables(imported), _tables(modelled)
    assert len(got["locations"]) == report.imported > 0
    assert len(got["location_index"]) == report.imported
    for table in TABLES:
        assert got[table] == expected[table], table
