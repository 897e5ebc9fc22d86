"""search_locations (an API answer searched with the index's own code) equals the index.

Real NY locations, varied so that every filter has something to keep and
something to drop (access, status, kW, fees), are written once into an index file
the way an import writes them and once handed to ``search_locations``: for every
filter both must answer the same ids, in the same order, at the same distances.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.opendata.evaluate import search_locations
from bot.opendata.schema import open_for_write
from bot.opendata.store import IndexWriter
from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power, StationCost
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import Amenity, Location
from bot.providers.local import LocalProvider

ALBANY = (42.6526, -73.7562)
BRONX = (40.85, -73.87)
#: Search radius (m): all sites within 1.5 times it fit in one 500-site answer.
RADIUS = {ALBANY: 5_000, BRONX: 3_000}

FILTERS = [
    Filters(),
    Filters(outlets=[OutletFilter(connector=Connector.CCS)]),
    Filters(outlets=[OutletFilter(connector=Connector.TESLA, power=Power.DC)]),
    Filters(free_only=True),
    Filters(access=[Access.RESTRICTED]),
    Filters(availability=[Availability.OFFLINE]),
    Filters(amenities=[AmenityType.LODGING, AmenityType.SHOPPING, AmenityType.DINING]),
    Filters(networks=[1]),
    Filters(exclude_networks=[1, 2]),
    Filters(networks=[1], free_only=True, outlets=[OutletFilter(connector=Connector.J1772)]),
    Filters(min_power_kw=50),
    Filters(min_power_kw=50, outlets=[OutletFilter(connector=Connector.J1772)]),
]


def varied(location: Location, n: int) -> Location:
    """The real location with deterministic changes, so every filter value occurs."""
    changed = location.model_copy(deep=True)
    if n % 3 == 0:
        changed.access = Access.RESTRICTED
    if n % 7 == 0:
        changed.amenities = [Amenity(type=AmenityType.DINING)]
    for k, station in enumerate(changed.stations):
        if (n + k) % 4 == 0:
            station.available = Availability.OFFLINE
        if (n + k) % 5 == 0:
            station.cost = StationCost.FEE
        for outlet in station.outlets:
            outlet.kilowatts = (7.2, 50.0, 150.0, None)[(n + k) % 4]
    return changed


@pytest.fixture(scope="module")
def sites(ny_index: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[object, object]:
    source = LocalProvider(ny_index)
    try:
        found = {
            point: [
                varied(loc, n)
                for n, loc in enumerate(source.nearby(*point, Filters(), r * 1.5, 500))
            ]
            for point, r in RADIUS.items()
        }
    finally:
        source.close()
    db = tmp_path_factory.mktemp("varied") / "index.sqlite3"
    conn = open_for_write(db)
    conn.execute("BEGIN")
    for locations in found.values():
        IndexWriter(conn).write([loc for loc in locations])
    conn.execute("COMMIT")
    conn.close()
    return {"locations": found, "index": LocalProvider(db)}


@pytest.mark.parametrize("point", list(RADIUS), ids=["Albany", "Bronx"])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.model_dump_json(exclude_defaults=True))
def test_same_answer_as_the_index(
    sites: dict[str, object], point: tuple[float, float], filters: Filters
) -> None:
    locations: list[Location] = sites["locations"][point]  # type: ignore[index]
    index: LocalProvider = sites["index"]  # type: ignore[assignment]
    assert 15 < len(locations) < 500  # all of them, so both sides see the same sites
    expected = index.nearby(*point, filters, RADIUS[point], 25)
    got = search_locations(reversed(locations), *point, filters, RADIUS[point], 25)
    assert [loc.id for loc in got] == [loc.id for loc in expected]
    assert [loc.distance_meters for loc in got] == pytest.approx(
        [loc.distance_meters for loc in expected], abs=1e-6
    )
    assert [loc.compass_bearing for loc in got] == pytest.approx(
        [loc.compass_bearing for loc in expected], abs=1e-6
    )


def test_the_filters_discriminate(sites: dict[str, object]) -> None:
    """Each filter keeps some sites and drops others somewhere: the comparison means something."""
    index: LocalProvider = sites["index"]  # type: ignore[assignment]
    for filters in FILTERS[1:]:
        counts = {len(index.nearby(*p, filters, RADIUS[p], 500)) for p in RADIUS}
        everything = {len(index.nearby(*p, Filters(), RADIUS[p], 500)) for p in RADIUS}
        assert counts != {0} and counts != everything, filters


def test_nothing_in_nothing_out() -> None:
    assert search_locations([], *ALBANY, Filters(), 5_000, 5) == []
