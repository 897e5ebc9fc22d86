"""LocalProvider: the Provider contract over the real NY index, empty and broken indexes."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opendata.afdc_files import afdc_response, afdc_station, write_json

from bot.config import load_settings
from bot.geometry.bearing import measure
from bot.geometry.spherical import GEODESIC_OVER_GREAT_CIRCLE, boxes_around, great_circle_m
from bot.opendata.importer import import_file
from bot.plugshare.filters import Filters, OutletFilter
from bot.providers.base import IndexEmpty, LocationNotFound, Provider, ProviderError
from bot.providers.local import FILL_COMMAND, IndexUnusable, LocalProvider

PENN_STATION = (40.750327, -73.994459)


def test_is_a_provider_that_admits_what_open_data_lacks(ny_provider: LocalProvider) -> None:
    assert isinstance(ny_provider, Provider)
    assert ny_provider.name == "local"
    assert ny_provider.live_availability is False
    assert ny_provider.has_checkins is False
    attribution = ny_provider.attribution
    assert "Alternative Fuels Data Center (AFDC)" in attribution
    assert "public domain" in attribution
    assert "as of 2025-04-21" in attribution  # the newest "Date Last Confirmed" in ny.csv


def test_nearby_near_penn_station(ny_provider: LocalProvider) -> None:
    results = ny_provider.nearby(*PENN_STATION, Filters(), 2000, 10)
    assert len(results) == 10
    distances = [loc.distance_meters for loc in results]
    assert distances == sorted(distances) and distances[-1] <= 2000
    for loc in results:
        assert loc.compass_bearing is not None and 0 <= loc.compass_bearing < 360
        # Exact to 1e-6: PROJ's build of the geodesic (bot.geometry.geodesic) may be on.
        expected = measure(*PENN_STATION, loc.latitude, loc.longitude)
        assert (loc.distance_meters, loc.compass_bearing) == pytest.approx(expected, abs=1e-6)
        assert loc.reviews == [] and loc.photos == []
        assert loc.url == f"https://afdc.energy.gov/stations#/station/{loc.id}"


def test_count_and_radius_are_capped(ny_provider: LocalProvider) -> None:
    many = ny_provider.nearby(*PENN_STATION, Filters(), 200_000, 10_000)
    assert len(many) == 500
    assert max(loc.distance_meters for loc in many) <= 50_000
    far = ny_provider.nearby(42.6526, -73.7562, Filters(), 1_000_000, 500)  # Albany
    assert far and max(loc.distance_meters for loc in far) <= 50_000
    assert ny_provider.nearby(*PENN_STATION, Filters(), 2000, 0) == []


def test_filters_ride_along(ny_provider: LocalProvider) -> None:
    superchargers = ny_provider.nearby(
        *PENN_STATION, Filters(outlets=[OutletFilter(connector=6, power=1)]), 50_000, 5
    )
    assert len(superchargers) == 5
    for loc in superchargers:
        assert any(int(o.connector) == 6 and o.power == 1 for o in loc.outlets)
    free = ny_provider.nearby(*PENN_STATION, Filters(free_only=True), 5000, 50)
    assert free and all(not loc.cost for loc in free)
    assert all(int(s.cost) != 2 for loc in free for s in loc.stations)


def test_availability_reflects_that_open_data_has_no_live_status(
    ny_provider: LocalProvider,
) -> None:
    assert ny_provider.nearby(*PENN_STATION, Filters(availability=[1]), 50_000, 5) == []
    unknown = ny_provider.nearby(*PENN_STATION, Filters(availability=[0]), 50_000, 5)
    assert len(unknown) == 5
    assert {int(s.available) for loc in unknown for s in loc.stations} == {0}


def test_location_by_id(ny_provider: LocalProvider) -> None:
    [nearest] = ny_provider.nearby(*PENN_STATION, Filters(), 2000, 1)
    found = ny_provider.location(nearest.id)
    assert found.id == nearest.id and found.name == nearest.name
    assert found.stations == nearest.stations
    with pytest.raises(LocationNotFound):
        ny_provider.location(999_999_999)


def test_missing_index_is_empty_and_says_how_to_fill_it(tmp_path: Path) -> None:
    provider = LocalProvider.from_settings(load_settings())
    assert provider.index.path == tmp_path / "stations.sqlite3"  # CHARGEBOT_DB
    with pytest.raises(IndexEmpty) as raised:
        provider.nearby(*PENN_STATION, Filters(), 5000, 5)
    assert FILL_COMMAND in raised.value.user_message
    with pytest.raises(IndexEmpty):
        provider.location(1)
    assert "not filled yet" in provider.attribution
    assert not (tmp_path / "stations.sqlite3").exists()  # a search never creates the file


def test_index_filled_after_the_provider_started(tmp_path: Path) -> None:
    db = tmp_path / "late.sqlite3"
    provider = LocalProvider(db)
    with pytest.raises(IndexEmpty):
        provider.nearby(40.75, -73.99, Filters(), 5000, 5)
    import_file(write_json(tmp_path / "a.json", afdc_response([afdc_station(5)])), db)
    assert [loc.id for loc in provider.nearby(40.75, -73.99, Filters(), 5000, 5)] == [5]
    provider.close()


def test_index_with_only_other_results_is_not_empty(ny_provider: LocalProvider) -> None:
    assert ny_provider.nearby(0.0, 0.0, Filters(), 50_000, 5) == []  # the Gulf of Guinea


def test_unreadable_index_is_a_provider_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 500)
    provider = LocalProvider(bad)
    with pytest.raises(IndexUnusable) as raised:
        provider.nearby(40.75, -73.99, Filters(), 5000, 5)
    assert isinstance(raised.value, ProviderError)
    assert FILL_COMMAND in raised.value.user_message


def test_threads_share_one_provider(ny_provider: LocalProvider) -> None:
    expected = [loc.id for loc in ny_provider.nearby(*PENN_STATION, Filters(), 5000, 5)]
    answers: list[list[int]] = []

    def search() -> None:
        answers.append([loc.id for loc in ny_provider.nearby(*PENN_STATION, Filters(), 5000, 5)])

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [expected] * 4


def test_search_across_the_antimeridian(tmp_path: Path) -> None:
    stations = [
        afdc_station(1, latitude=51.80, longitude=179.99),  # west of the line
        afdc_station(2, latitude=51.80, longitude=-179.98),  # east of it
        afdc_station(3, latitude=51.80, longitude=178.0),  # too far
    ]
    db = tmp_path / "aleutians.sqlite3"
    import_file(write_json(tmp_path / "a.json", afdc_response(stations)), db)
    provider = LocalProvider(db)
    results = provider.nearby(51.80, -179.995, Filters(), 10_000, 5)
    assert [loc.id for loc in results] == [1, 2]
    assert 250 < results[0].compass_bearing < 290  # due west, across the line
    provider.close()


def test_data_age_is_described(ny_import) -> None:
    from bot.opendata.stats import index_stats, stats_lines

    stats = index_stats(ny_import[0])
    [afdc] = stats.sources
    assert afdc.data_as_of == date(2025, 4, 21)
    text = "\n".join(stats_lines(stats, today=date(2025, 5, 1)))
    assert "data as of 2025-04-21 (10 days old)" in text
    assert "ChargePoint" in text and "Tesla Supercharger" in text and "CCS" in text


# --- the pruning bounds the search relies on ----------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    lat=st.floats(-89.0, 89.0),
    lng=st.floats(-180.0, 180.0),
    radius=st.floats(1.0, 50_000.0),
    azimuth=st.floats(0.0, 360.0),
    share=st.floats(0.0, 1.0),
)
def test_boxes_hold_every_point_within_the_radius(
    lat: float, lng: float, radius: float, azimuth: float, share: float
) -> None:
    from geographiclib.geodesic import Geodesic

    point = Geodesic.WGS84.Direct(lat, lng, azimuth, radius * share)
    plat, plng = point["lat2"], (point["lon2"] + 180) % 360 - 180
    assert any(a <= plat <= b and c <= plng <= d for a, b, c, d in boxes_around(lat, lng, radius))
    low, high = GEODESIC_OVER_GREAT_CIRCLE
    h = great_circle_m(lat, lng, plat, plng)
    g = measure(lat, lng, plat, plng)[0]
    assert low * h <= g + 1e-6 and g <= high * h + 1e-6
