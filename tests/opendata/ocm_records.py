"""Open Charge Map files for the importer tests: the real POIs of ../shared/data/ocm in
the shapes OCM publishes them, and OCM-shaped records of real AFDC sites."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

POI = dict[str, Any]


def load_pois(path: Path) -> list[POI]:
    return json.loads(path.read_text("utf-8"))


def write_lines(path: Path, pois: list[POI]) -> Path:
    """OCM's full export: one POI object per line."""
    path.write_text("".join(json.dumps(poi) + "\n" for poi in pois), "utf-8")
    return path


def write_folder(folder: Path, pois: list[POI]) -> Path:
    """OCM's export layout: ``data/<ISO2>/OCM-<ID>.json``, one POI each."""
    for poi in pois:
        country = str(poi.get("AddressInfo", {}).get("CountryID", "xx"))
        target = folder / country / f"OCM-{poi['ID']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(poi), "utf-8")
    return folder


def afdc_rows(ny_csv: Path, *ids: int) -> dict[int, dict[str, str]]:
    wanted = set(ids)
    with ny_csv.open(encoding="utf-8-sig", newline="") as f:
        return {int(r["ID"]): r for r in csv.DictReader(f) if int(r["ID"]) in wanted}


def moved(lat: float, lng: float, north_m: float, east_m: float) -> tuple[float, float]:
    """A point ``north_m`` / ``east_m`` meters away (flat-earth: fine within 100 m)."""
    return (
        lat + north_m / 111_132.0,
        lng + east_m / (111_320.0 * math.cos(math.radians(lat))),
    )


def poi_for(
    row: dict[str, str],
    ocm_id: int,
    *,
    name: str | None = None,
    operator_id: int = 1,
    operator_title: str | None = None,
    north_m: float = 0.0,
    east_m: float = 0.0,
    connection_type: int = 1,
    comments: list[POI] | None = None,
    photos: list[POI] | None = None,
) -> POI:
    """An OCM-shaped record of the AFDC site ``row`` (as OCM's contributors would list it)."""
    lat, lng = moved(float(row["Latitude"]), float(row["Longitude"]), north_m, east_m)
    poi: POI = {
        "ID": ocm_id,
        "UUID": f"TEST-{ocm_id}",
        "DataProviderID": 1,
        "OperatorID": operator_id,
        "UsageTypeID": 1,
        "StatusTypeID": 50,
        "AddressInfo": {
            "ID": ocm_id,
            "Title": name if name is not None else row["Station Name"],
            "AddressLine1": row["Street Address"],
            "Town": row["City"],
            "StateOrProvince": row["State"],
            "Postcode": row["ZIP"],
            "CountryID": 2,
            "Latitude": lat,
            "Longitude": lng,
        },
        "Connections": [
            {
                "ID": ocm_id * 10,
                "ConnectionTypeID": connection_type,
                "StatusTypeID": 50,
                "Quantity": 1,
            }
        ],
        "UserComments": comments or [],
        "MediaItems": photos or [],
        "DateCreated": "2020-01-01T00:00:00Z",
        "DateLastVerified": "2025-01-01T00:00:00Z",
    }
    if operator_title is not None:
        poi["OperatorInfo"] = {"ID": operator_id, "Title": operator_title}
    return poi


def comment(comment_id: int, status: int | None, date: str, text: str, user: str) -> POI:
    return {
        "ID": comment_id,
        "CommentTypeID": 10,
        "CheckinStatusTypeID": status,
        "UserName": user,
        "User": {"ID": comment_id, "Username": user},
        "Comment": text,
        "DateCreated": date,
    }


def photo(photo_id: int, url: str) -> POI:
    return {
        "ID": photo_id,
        "ItemURL": url,
        "ItemThumbnailURL": url.replace(".jpg", ".thmb.jpg"),
        "Comment": "",
        "IsEnabled": True,
        "IsVideo": False,
        "DateCreated": "2024-05-01T10:00:00Z",
    }
