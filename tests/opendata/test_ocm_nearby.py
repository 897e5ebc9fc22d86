"""Nearby searches on an index of every real OCM POI agree with a brute-force scan of the
raw files: which POIs, in which order, at what distance, with filters read from the JSON."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic

from bot.opendata.importer import import_file
from bot.plugshare.filters import Filters, OutletFilter
from bot.providers.local import LocalProvider

GEOD = Geodesic.WGS84
OCM = 2_000_000_000
#: What the brute force knows: OCM connection types of three plugs, by PlugShare connector.
PLUGS = {13: {32, 33}, 7: {25, 1036}, 3: {2}}


@dataclass
class Poi:
    id: int
    lat: float
    lng: float
    types: set[int]
    max_kw: float | None
    private: bool


def read(path: Path) -> list[Poi]:
    """The POIs an import indexes: in service, with a position and connections."""
    pois = []
    for raw in json.loads(path.read_text("utf-8")):
        if raw.get("StatusTypeID") in (150, 200, 210) or not raw.get("Connections"):
            continue
        live = [c for c in raw["Connections"] if c.get("StatusTypeID") not in (150, 200, 210)]
        kws = [c["PowerKW"] for c in live if c.get("PowerKW")]
        pois.append(
            Poi(
                id=OCM + raw["ID"],
                lat=raw["AddressInfo"]["Latitude"],
                lng=raw["AddressInfo"]["Longitude"],
                types={c["ConnectionTypeID"] for c in live},
                max_kw=max(kws) if kws else None,
                private=raw.get("UsageTypeID") in (2, 6),
            )
        )
    return pois


def brute_force(pois: list[Poi], lat: float, lng: float, f: Filters, radius: float,
                count: int) -> list[tuple[int, float]]:  # fmt: skip
    found = []
    for poi in pois:
        if f.outlets and not any(poi.types & PLUGS[int(d.connector)] for d in f.outlets):
            continue
        if f.min_power_kw is not None and (poi.max_kw is None or poi.max_kw < f.min_power_kw):
            continue
        if f.access and (2 if poi.private else 1) not in f.access:
            continue
        distance = GEOD.Inverse(lat, lng, poi.lat, poi.lng)["s12"]
        if distance <= radius:
            found.append((distance, poi.id))
    found.sort()
    return [(poi_id, distance) for distance, poi_id in found[:count]]


@pytest.fixture(scope="module")
def indexed(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Poi]]:
    db = tmp_path_factory.mktemp("ocm-nearby") / "ocm.sqlite3"
    pois = []
    for name in ("ocm-sample.json", "ocm-andorra.json"):
        import_file(shared_data / "ocm" / name, db)
        pois += read(shared_data / "ocm" / name)
    return db, pois


def test_400_random_searches_equal_the_brute_force_scan(indexed: tuple[Path, list[Poi]]) -> None:
    db, pois = indexed
    assert len(pois) == 177
    rng = random.Random(11)
    provider = LocalProvider(db)
    compared = nonempty = 0
    try:
        for i in range(400):
            anchor = rng.choice(pois)
            spread = rng.choice([0.005, 0.05, 0.3])
            lat = anchor.lat + rng.uniform(-spread, spread)
            lng = anchor.lng + rng.uniform(-spread, spread)
            radius = rng.choice([500, 3_000, 15_000, 50_000])
            count = rng.choice([1, 3, 5, 10, 50])
            f = Filters()
            if rng.random() < 0.3:
                f.outlets = [OutletFilter(connector=rng.choice(sorted(PLUGS)))]
            if rng.random() < 0.2:
                f.min_power_kw = rng.choice([7.0, 22.0, 50.0])
            if rng.random() < 0.2:
                f.access = rng.choice([[1], [2]])
            expected = brute_force(pois, lat, lng, f, radius, count)
            got = provider.nearby(lat, lng, f, radius, count)
            context = f"query {i}: ({lat:.5f}, {lng:.5f}) r={radius} n={count} {f!r}"
            assert [loc.id for loc in got] == [e[0] for e in expected], context
            for location, (_, distance) in zip(got, expected, strict=True):
                assert abs(location.distance_meters - distance) <= 1.0, context
            compared += len(expected)
            nonempty += bool(expected)
    finally:
        provider.close()
    assert nonempty > 200 and compared > 800
