"""Nearby search over the real NY export equals an independent brute-force scan of the CSV.

The reference below shares no code with bot/opendata: it reads ny.csv with the
csv module, maps only the fields the filters need (straight from the mapping
rules in the issue), evaluates each filter with PlugShare's documented semantics,
and measures with geographiclib directly.

To keep 500+ queries fast, the reference computes the exact geodesic only for
sites whose flat-earth (equirectangular) distance is within 5% + 100 m of the
k-th best flat distance (and of the radius): at NY's latitudes and within 50 km
that approximation is off by well under 1%, so nothing that can rank is missed.
"""

from __future__ import annotations

import bisect
import csv
import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic

from bot.plugshare.filters import Filters, OutletFilter
from bot.providers.local import LocalProvider

PLUGS = {"J1772": 2, "J1772COMBO": 13, "CHADEMO": 3, "NEMA1450": 5, "NEMA515": 1, "NEMA520": 1}
NETWORK_IDS = {
    "ChargePoint Network": 1, "Blink Network": 2, "SemaCharge Network": 3, "eVgo Network": 19,
    "Volta": 25, "Greenlots": 26, "SHELL_RECHARGE": 26, "Tesla": 8, "Tesla Destination": 35,
    "Electrify America": 47, "EV Connect": 46, "FLO": 7, "OpConnect": 29,
}  # fmt: skip
AMENITIES = {
    "HOTEL": {1}, "INN": {1}, "B_AND_B": {1}, "RESTAURANT": {2},
    "BREWERY_DISTILLERY_WINERY": {2}, "REST_STOP": {3}, "TRAVEL_CENTER": {2, 3},
    "TRUCK_STOP": {2, 3}, "PARK": {6}, "NATL_PARK": {6}, "STATE_PARK": {6}, "CAMPGROUND": {6},
    "RV_PARK": {6}, "SHOPPING_CENTER": {8}, "SHOPPING_MALL": {8}, "RETAIL": {8},
    "HARDWARE_STORE": {8}, "CONVENIENCE_STORE": {8}, "PHARMACY": {8}, "GROCERY": {9},
}  # fmt: skip
GEOD = Geodesic.WGS84


@dataclass
class Site:
    id: int
    lat: float
    lng: float
    plugs: set[tuple[int, int | None]]
    network: int | None
    fee: bool
    access: int
    amenities: set[int]
    availability: int


def read_sites(path: Path) -> list[Site]:
    sites = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["Fuel Type Code"] != "ELEC" or row["Status Code"] == "P":
                continue
            dc = int(row["EV DC Fast Count"] or 0)
            tesla_power = 1 if row["EV Network"] == "Tesla" or dc > 0 else 0
            plugs: set[tuple[int, int | None]] = set()
            for name in row["EV Connector Types"].split():
                plugs.add((6, tesla_power) if name == "TESLA" else (PLUGS[name], None))
            pricing = row["EV Pricing"]
            fee = bool(
                re.search(r"\$ ?0*\.?0*[1-9]", pricing)
                or re.search(r"\b(fees?|pay|paid)\b", pricing, re.IGNORECASE)
            )
            sites.append(
                Site(
                    id=int(row["ID"]),
                    lat=float(row["Latitude"]),
                    lng=float(row["Longitude"]),
                    plugs=plugs,
                    network=NETWORK_IDS.get(row["EV Network"]),
                    fee=fee,
                    access=1 if row["Access Code"] == "public" else 2,
                    amenities=AMENITIES.get(row["Facility Type"], set()),
                    availability=3 if row["Status Code"] == "T" else 0,
                )
            )
    return sites


class Reference:
    """The brute-force answer: every site in the latitude band, filtered, then measured."""

    def __init__(self, sites: list[Site]) -> None:
        self.sites = sorted(sites, key=lambda s: s.lat)
        self.lats = [s.lat for s in self.sites]

    def nearby(
        self, lat: float, lng: float, f: Filters, radius: float, count: int
    ) -> list[tuple[int, float, float]]:
        radius = min(radius, 50_000)
        count = min(count, 500)
        wanted_plugs = [(int(d.connector), d.power) for d in f.outlets]
        access, availability = set(f.access), set(f.availability)
        amenities, networks, excluded = set(f.amenities), set(f.networks), set(f.exclude_networks)

        def passes(site: Site) -> bool:
            if wanted_plugs and not any(
                c == wc and (wp is None or p == wp)
                for c, p in site.plugs
                for wc, wp in wanted_plugs
            ):
                return False
            if f.free_only and site.fee:
                return False
            if access and site.access not in access:
                return False
            if availability and site.availability not in availability:
                return False
            if amenities and not site.amenities & amenities:
                return False
            if networks and site.network not in networks:
                return False
            if excluded and site.network is not None and site.network in excluded:
                return False
            return f.min_power_kw is None and f.min_score is None  # the CSV has no kW, no score

        band = radius * 1.05 / 110_000 + 0.01
        lo = bisect.bisect_left(self.lats, lat - band)
        hi = bisect.bisect_right(self.lats, lat + band)
        cos_lat = math.cos(math.radians(lat))
        flat = []
        for site in self.sites[lo:hi]:
            approx = math.hypot(
                (site.lat - lat) * 111_132.0, (site.lng - lng) * 111_320.0 * cos_lat
            )
            if approx <= radius * 1.05 + 100 and passes(site):
                flat.append((approx, site))
        flat.sort(key=lambda pair: pair[0])
        cutoff = radius
        if len(flat) >= count:
            cutoff = min(cutoff, flat[count - 1][0])
        cutoff = cutoff * 1.05 + 100
        results = []
        for approx, site in flat:
            if approx > cutoff:
                break
            g = GEOD.Inverse(lat, lng, site.lat, site.lng)
            if g["s12"] <= radius:
                results.append((g["s12"], site.id, g["azi1"] % 360))
        results.sort()
        return [(site_id, d, b) for d, site_id, b in results[:count]]


DESCRIPTORS = [
    OutletFilter(connector=2), OutletFilter(connector=13), OutletFilter(connector=3),
    OutletFilter(connector=6), OutletFilter(connector=6, power=1),
    OutletFilter(connector=6, power=0), OutletFilter(connector=1), OutletFilter(connector=5),
]  # fmt: skip
NETWORKS = [1, 2, 7, 8, 19, 25, 26, 29, 35, 46, 47]
KINDS = ("outlets", "free_only", "access", "availability", "amenities", "networks",
         "exclude_networks")  # fmt: skip


def random_filters(rng: random.Random) -> Filters:
    f = Filters()
    if rng.random() < 0.4:
        f.outlets = rng.sample(DESCRIPTORS, rng.randint(1, 2))
    if rng.random() < 0.3:
        f.free_only = True
    if rng.random() < 0.1:
        f.access = rng.choice([[1], [2], [1, 2], [2, 3], [1, 3]])
    if rng.random() < 0.1:
        f.availability = rng.choice([[0], [1], [0, 1], [3], [0, 3], [1, 2]])
    if rng.random() < 0.15:
        f.amenities = rng.sample(range(1, 10), rng.randint(1, 3))
    if rng.random() < 0.2:
        f.networks = rng.sample(NETWORKS, rng.randint(1, 4))
    if rng.random() < 0.2:
        f.exclude_networks = rng.sample(NETWORKS, rng.randint(1, 3))
    if rng.random() < 0.02:
        f.min_power_kw = rng.choice([7.0, 50.0])
    return f


@pytest.fixture(scope="module")
def sites(ny_csv: Path) -> list[Site]:
    return read_sites(ny_csv)


def test_reference_reads_the_same_stations_the_import_kept(sites, ny_import) -> None:
    assert len(sites) == ny_import[1].imported == 4736


def test_600_random_searches_equal_the_brute_force_scan(
    sites: list[Site], ny_provider: LocalProvider
) -> None:
    rng = random.Random(20250421)
    reference = Reference(sites)
    exercised: Counter[str] = Counter()
    nonempty = compared = 0
    for i in range(600):
        if rng.random() < 0.85:  # near a station, where people search
            anchor = rng.choice(sites)
            spread = rng.choice([0.01, 0.05, 0.2])
            lat = anchor.lat + rng.uniform(-spread, spread)
            lng = anchor.lng + rng.uniform(-spread, spread)
        else:
            lat, lng = rng.uniform(40.4, 45.1), rng.uniform(-79.8, -71.8)
        radius = rng.choice([1_000, 5_000, 15_000, 30_000, 50_000, 80_000])
        count = rng.choice([1, 3, 5, 5, 10, 25]) if i % 100 else 600
        f = random_filters(rng)
        expected = reference.nearby(lat, lng, f, radius, count)
        got = ny_provider.nearby(lat, lng, f, radius, count)
        context = f"query {i}: ({lat:.5f}, {lng:.5f}) r={radius} n={count} {f!r}"
        assert [loc.id for loc in got] == [e[0] for e in expected], context
        for loc, (_, distance, bearing) in zip(got, expected, strict=True):
            assert abs(loc.distance_meters - distance) <= 1.0, context
            assert abs((loc.compass_bearing - bearing + 180) % 360 - 180) <= 0.5, context
        compared += len(expected)
        nonempty += bool(expected)
        if expected:
            exercised.update(name for name in KINDS if getattr(f, name))
    # The comparison must have had something to compare, for every kind of filter.
    assert nonempty > 300 and compared > 2500
    assert all(exercised[name] >= 3 for name in KINDS), exercised
