"""Hand-made station files for the importer tests, derived from the real NY export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any


def read_export(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def electric_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    header, rows = read_export(path)
    fuel = header.index("Fuel Type Code")
    return header, [row for row in rows if row[fuel] == "ELEC"]


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = True) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + to_csv(header, rows).encode("utf-8"))
    return path


def drop_columns(
    header: list[str], rows: list[list[str]], keep: int
) -> tuple[list[str], list[list[str]]]:
    """The first ``keep`` columns: how the export's older, narrower variants look."""
    return header[:keep], [row[:keep] for row in rows]


def with_fields(header: list[str], row: list[str], **changes: str) -> list[str]:
    """A copy of ``row`` with columns (by title, spaces as underscores) changed."""
    titles = {title.replace(" ", "_"): i for i, title in enumerate(header)}
    copy = list(row)
    for name, value in changes.items():
        copy[titles[name]] = value
    return copy


def afdc_station(station_id: int, **fields: Any) -> dict[str, Any]:
    """One station as the AFDC API returns it (snake_case, typed values)."""
    station: dict[str, Any] = {
        "access_code": "public",
        "access_days_time": "24 hours daily",
        "date_last_confirmed": "2025-03-01",
        "fuel_type_code": "ELEC",
        "id": station_id,
        "open_date": "2021-06-01",
        "status_code": "E",
        "station_name": f"Station {station_id}",
        "station_phone": "555-0100",
        "updated_at": "2025-03-02T10:00:00Z",
        "facility_type": None,
        "latitude": 40.75,
        "longitude": -73.99,
        "city": "New York",
        "state": "NY",
        "street_address": "1 Main St",
        "zip": "10001",
        "ev_connector_types": ["J1772"],
        "ev_dc_fast_num": None,
        "ev_level1_evse_num": None,
        "ev_level2_evse_num": 2,
        "ev_network": "ChargePoint Network",
        "ev_pricing": None,
        "ev_charging_units": [],
    }
    station.update(fields)
    return station


def afdc_response(stations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "station_locator_url": "https://afdc.energy.gov/stations/",
        "total_results": len(stations),
        "station_counts": {"total": len(stations), "fuels": {"ELEC": {"total": len(stations)}}},
        "fuel_stations": stations,
    }


def write_json(path: Path, payload: Any) -> Path:
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path
