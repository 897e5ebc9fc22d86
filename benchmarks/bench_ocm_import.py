"""Benchmark Open Charge Map into the local index: import rate, memory, and the merge pass.

    python benchmarks/bench_ocm_import.py [--pois 50000]

Prints:
- the import rate (POIs per second) of OCM's full-export shape (one POI object per
  line) and of a JSON list, each ``--pois`` records made from the real POIs of
  ../shared/data/ocm (new ids, positions spread a few km), with the importing
  process's peak memory (the file streams, so memory should not grow with it);
- the merge pass on the New York data: ../shared/data/afdc/ny.csv imported, then an
  OCM twin of every NY station (the same site as OCM's contributors list it: a few
  meters off, the name partly reworded, OCM's operator id) plus as many unrelated
  POIs; the pass's time alone and within the import, and how many twins it merged.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aims import aim  # noqa: E402

from bot.ocm.mapping import OPERATOR_NETWORKS  # noqa: E402
from bot.opendata.importer import import_file, import_pois  # noqa: E402
from bot.opendata.sites import merge_sites  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEED = 7
#: Aims: what "fast enough" means here (2 shared cores).
AIM_RATE = 3_000  # POIs/s: the world's ~300k POIs in under two minutes
AIM_MEMORY_MB = 100  # peak RSS of an import, whatever the file's size
AIM_MERGE_S = 2.0  # the merge pass over NY (4,736 AFDC + ~9,500 OCM locations)

#: AFDC network names -> an OCM operator id of the same network (inverse of the mapping).
_AFDC_TO_OCM = {
    "ChargePoint Network": 5, "Blink Network": 9, "eVgo Network": 15, "Volta": 50,
    "Electrify America": 3318, "EV Connect": 3372, "FLO": 89, "OpConnect": 107,
    "Tesla": 23, "Tesla Destination": 23, "SHELL_RECHARGE": 59, "Greenlots": 59,
}  # fmt: skip


def _pois(count: int) -> list[dict]:
    real = []
    for name in ("ocm-sample.json", "ocm-andorra.json"):
        real += json.loads((DATA / "ocm" / name).read_text("utf-8"))
    rng = random.Random(SEED)
    made = []
    for n in range(count):
        poi = json.loads(json.dumps(real[n % len(real)]))
        poi["ID"] = 10_000_000 + n
        address = poi.get("AddressInfo") or {}
        if "Latitude" in address and address["Latitude"] is not None:
            address["Latitude"] = max(
                -89.0, min(89.0, address["Latitude"] + rng.uniform(-0.05, 0.05))
            )
            address["Longitude"] = (
                address["Longitude"] + rng.uniform(-0.05, 0.05) + 180
            ) % 360 - 180
        made.append(poi)
    return made


_CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bot.opendata.importer import import_file
start = time.perf_counter()
report = import_file(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - start
# VmHWM: this process's own peak (ru_maxrss would carry over the parent's from fork).
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(seconds, report.imported + report.updated, peak)
"""


def _peak_import(path: Path, db: Path) -> tuple[float, int, float]:
    """(seconds, POIs imported, peak resident memory in MB) of an import in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(db), str(ROOT)],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1]), int(out[2]) / 1024


def bench_import(count: int, folder: Path) -> None:
    pois = _pois(count)
    lines = folder / "export.json"
    lines.write_text("".join(json.dumps(p) + "\n" for p in pois), "utf-8")
    listed = folder / "list.json"
    listed.write_text(json.dumps(pois), "utf-8")
    del pois
    for label, path in (("one POI per line", lines), ("JSON list", listed)):
        seconds, imported, peak = _peak_import(path, folder / f"{path.stem}.sqlite3")
        size = path.stat().st_size / 1e6
        print(
            f"OCM import, {label:<16} {count:,} POIs ({size:,.0f} MB): {seconds:6.2f} s, "
            f"{imported / seconds:8,.0f} POIs/s (aim >= {AIM_RATE:,}), "
            f"peak memory {peak:5.0f} MB (aim <= {AIM_MEMORY_MB})"
        )
        aim(f"OCM import rate, {label}", imported / seconds, AIM_RATE, "POIs/s", higher=True)
        aim(f"OCM import peak memory, {label}", peak, AIM_MEMORY_MB, "MB")


def _moved(lat: float, lng: float, rng: random.Random, meters: float) -> tuple[float, float]:
    angle = rng.uniform(0, 2 * math.pi)
    north, east = meters * math.cos(angle), meters * math.sin(angle)
    return lat + north / 111_132.0, lng + east / (111_320.0 * math.cos(math.radians(lat)))


def _twins(ny_csv: Path) -> tuple[list[dict], int]:
    """OCM twins of every NY station, and as many unrelated POIs; (POIs, twins)."""
    rng = random.Random(SEED)
    pois: list[dict] = []
    with ny_csv.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Fuel Type Code"] == "ELEC"
                and r["Status Code"] != "P"]  # fmt: skip
    for n, row in enumerate(rows):
        lat, lng = _moved(float(row["Latitude"]), float(row["Longitude"]), rng, rng.uniform(0, 30))
        words = row["Station Name"].split()
        name = (
            " ".join(words[: max(1, len(words) - 1)]) if rng.random() < 0.3 else row["Station Name"]
        )
        operator = _AFDC_TO_OCM.get(row["EV Network"], 1)
        pois.append(_poi(20_000_000 + n, name, lat, lng, operator))
        far_lat, far_lng = _moved(lat, lng, rng, rng.uniform(300, 3000))
        pois.append(_poi(30_000_000 + n, f"Unrelated site {n}", far_lat, far_lng, 1))
    return pois, len(rows)


def _poi(poi_id: int, name: str, lat: float, lng: float, operator: int) -> dict:
    connection = 27 if operator == 23 else 1
    return {
        "ID": poi_id, "DataProviderID": 1, "OperatorID": operator, "UsageTypeID": 1,
        "StatusTypeID": 50,
        "AddressInfo": {"Title": name, "CountryID": 2, "Latitude": lat, "Longitude": lng},
        "Connections": [{"ConnectionTypeID": connection, "StatusTypeID": 50, "Quantity": 2}],
        "UserComments": [{"ID": poi_id, "CheckinStatusTypeID": 10, "UserName": "Bench",
                          "DateCreated": "2025-01-01T00:00:00Z", "Comment": "ok"}],
    }  # fmt: skip


def bench_merge(folder: Path) -> None:
    db = folder / "ny.sqlite3"
    import_file(DATA / "afdc" / "ny.csv", db)
    pois, twins = _twins(DATA / "afdc" / "ny.csv")
    start = time.perf_counter()
    report = import_pois(pois, db, origin="bench")
    with_import = time.perf_counter() - start
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN")
        start = time.perf_counter()
        result = merge_sites(conn)
        alone = time.perf_counter() - start
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    print(
        f"merge pass on NY: {alone:5.2f} s alone (aim <= {AIM_MERGE_S:.1f}), "
        f"import of {len(pois):,} OCM POIs with it {with_import:5.2f} s; "
        f"merged {result.merged:,} of {twins:,} twins ({result.merged / twins:.1%}), "
        f"{report.merged - result.merged:+,} vs the import's pass"
    )
    aim("OCM merge pass on NY", alone, AIM_MERGE_S, "s", digits=2)
    print(
        "  (a twin is left alone when its network differs or its name is too changed; "
        f"{len(OPERATOR_NETWORKS)} OCM operators map to PlugShare networks)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pois", type=int, default=50_000, help="POIs in the import files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_import(args.pois, folder)
        bench_merge(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
