"""Every distinct hours and price text in the shared AFDC and OCM files, read once."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OCM_FILES = ("ocm-andorra.json", "ocm-sample.json")


def _afdc_rows() -> list[dict[str, str]]:
    with (SHARED / "afdc" / "ny.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["Fuel Type Code"] == "ELEC"]


def _ocm_pois() -> list[dict]:
    pois: list[dict] = []
    for name in OCM_FILES:
        pois += json.loads((SHARED / "ocm" / name).read_text(encoding="utf-8"))
    return pois


@cache
def afdc_hours_texts() -> list[str]:
    return sorted({r["Access Days Time"] for r in _afdc_rows() if r["Access Days Time"].strip()})


@cache
def afdc_price_texts() -> list[str]:
    return sorted({r["EV Pricing"] for r in _afdc_rows() if r["EV Pricing"].strip()})


@cache
def ocm_access_comments() -> list[str]:
    texts = {(p.get("AddressInfo") or {}).get("AccessComments") or "" for p in _ocm_pois()}
    return sorted(t for t in texts if t.strip())


@cache
def ocm_price_texts() -> list[str]:
    return sorted({p.get("UsageCost") or "" for p in _ocm_pois()} - {""} - {" "})
