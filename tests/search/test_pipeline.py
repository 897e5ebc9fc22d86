"""The pipeline end to end: real parser, real geocoder over loopback, real data sources.

The local index holds the real New York AFDC export; places come from a
Nominatim-compatible server on loopback; the PlugShare provider talks to a
PlugShare-shaped server on loopback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from geographiclib.geodesic import Geodesic
from support.nominatim import NominatimServer
from support.plugshare_payloads import VENICE, all_locations
from support.plugshare_server import PlugShareServer, Reply

from bot.config import Settings, load_settings
from bot.geo import Place, build_resolver
from bot.plugshare.enums import Access, Availability, Connector
from bot.plugshare.filters import Filters, OutletFilter
from bot.providers import make_provider
from bot.search import (
    DEFAULT_RADII_M,
    Outcome,
    Refinement,
    SearchContext,
    SearchPipeline,
    SearchRequest,
)

PENN = (40.750568, -73.993519)  # the loopback Nominatim's Penn Station


@pytest.fixture
def settings(ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path) -> Settings:
    return load_settings(db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3")


@pytest.fixture
def pipeline(settings: Settings) -> Iterator[SearchPipeline]:
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    yield pipeline
    pipeline.close()


def geodesic(origin: tuple[float, float], lat: float, lng: float) -> tuple[float, float]:
    result = Geodesic.WGS84.Inverse(origin[0], origin[1], lat, lng)
    return result["s12"], result["azi1"] % 360


def test_a_request_becomes_locations_nearest_first(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS near Penn Station, free only")

    assert answer.outcome is Outcome.RESULTS
    assert answer.place is not None
    assert (answer.place.latitude, answer.place.longitude) == pytest.approx(PENN)
    assert answer.filters.outlets == [OutletFilter(connector=Connector.CCS)]
    assert answer.filters.free_only is True
    assert answer.filters.access == [Access.PUBLIC]  # the default a driver expects
    assert 1 <= len(answer.locations) <= 5
    distances = []
    for location in answer.locations:
        meters, bearing = geodesic(PENN, location.latitude, location.longitude)
        assert location.distance_meters == pytest.approx(meters, abs=1)
        assert location.compass_bearing == pytest.approx(bearing, abs=0.5)
        assert any(o.connector == Connector.CCS for o in location.outlets)
        assert all(s.cost != 2 for s in location.stations)  # no known fee
        distances.append(meters)
    assert distances == sorted(distances)
    assert answer.source == "local"
    assert "AFDC" in answer.attribution
    assert answer.units == "mi"


def test_pages_continue_where_the_last_one_stopped(pipeline: SearchPipeline) -> None:
    first = pipeline.answer("J1772 near Times Square")
    second = pipeline.answer(SearchRequest(text="J1772 near Times Square", page=1))
    both = pipeline.answer("J1772 near Times Square, top 10")

    assert first.has_more and second.has_more
    assert [loc.id for loc in first.locations + second.locations] == [
        loc.id for loc in both.locations
    ]
    assert second.page == 1


def test_help_and_missing_place(pipeline: SearchPipeline) -> None:
    assert pipeline.answer("help").outcome is Outcome.HELP
    assert pipeline.answer("").outcome is Outcome.HELP
    missing = pipeline.answer("CCS, free only")
    assert missing.outcome is Outcome.NO_PLACE
    assert missing.locations == []


def test_a_place_nobody_knows(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS near Unoin Staton")
    assert answer.outcome is Outcome.PLACE_NOT_FOUND
    assert answer.message and "Unoin Staton" in answer.message


def test_an_ambiguous_place_offers_candidates_then_searches_the_chosen_one(
    pipeline: SearchPipeline,
) -> None:
    answer = pipeline.answer("CCS near Union Station")
    assert answer.outcome is Outcome.AMBIGUOUS_PLACE
    assert len(answer.candidates) >= 2
    names = " ".join(c.name for c in answer.candidates)
    assert "Washington" in names or "Chicago" in names or "Denver" in names

    # Choosing one far from New York: the New York index has nothing within 50 km of it.
    far = next(c for c in answer.candidates if c.longitude < -80)
    chosen = pipeline.answer(SearchRequest(text="CCS near Union Station", place=far))
    assert chosen.outcome is Outcome.NOTHING_FOUND
    assert chosen.place is not None and chosen.place.name == far.name
    assert chosen.radius_m == DEFAULT_RADII_M["mi"][-1]


def test_a_bias_point_resolves_an_ambiguous_name(pipeline: SearchPipeline) -> None:
    # From Yonkers, "Albany" means New York's capital, not Georgia's.
    answer = pipeline.answer("J1772 in Albany", SearchContext(bias=(40.93, -73.90)))
    assert answer.outcome is Outcome.RESULTS
    assert answer.place is not None
    assert answer.place.latitude == pytest.approx(42.65, abs=0.1)


def test_the_radius_widens_only_when_nothing_is_found(pipeline: SearchPipeline) -> None:
    # The Adirondacks: no CCS within the first radius, some within 50 km.
    answer = pipeline.answer("CCS near 44.0,-74.4")
    assert answer.outcome is Outcome.RESULTS
    assert answer.radius_m > DEFAULT_RADII_M["mi"][0]
    assert answer.locations[0].distance_meters is not None
    assert answer.locations[0].distance_meters > DEFAULT_RADII_M["mi"][0]
    assert any("looked up to" in note for note in answer.notes)

    near = pipeline.answer("CCS near Penn Station")
    assert near.radius_m == DEFAULT_RADII_M["mi"][0]
    assert not any("looked up to" in note for note in near.notes)


def test_asking_for_a_number_widens_until_there_are_that_many(pipeline: SearchPipeline) -> None:
    few = pipeline.answer("CCS near Penn Station, free only")
    assert not few.has_more  # all that the first radius holds: fewer than 10
    many = pipeline.answer("CCS near Penn Station, free only, 10 closest")
    assert len(many.locations) == 10
    assert many.radius_m > few.radius_m
    assert [loc.id for loc in many.locations[: len(few.locations)]] == [
        loc.id for loc in few.locations
    ]
    assert any(note.startswith(f"Only {len(few.locations)} within") for note in many.notes)


def test_a_radius_beyond_the_limit_is_searched_as_far_as_allowed(
    pipeline: SearchPipeline,
) -> None:
    answer = pipeline.answer("J1772 within 100 miles of Penn Station")
    assert answer.radius_m == 50_000
    assert any("at most 31 mi" in note for note in answer.notes)


def test_a_radius_the_user_gave_is_never_widened(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS within 1 km of 44.0,-74.4")
    assert answer.outcome is Outcome.NOTHING_FOUND
    assert answer.radius_m == pytest.approx(1000)


def test_refine_changes_connector_radius_and_cost(pipeline: SearchPipeline) -> None:
    refined = pipeline.answer(
        SearchRequest(
            text="CCS near Penn Station",
            refine=Refinement(connector="J1772", radius_m=2000, free_only=True),
        )
    )
    assert refined.filters.outlets == [OutletFilter(connector=Connector.J1772)]
    assert refined.filters.free_only is True
    assert refined.radius_m == 2000
    assert refined.locations
    assert all(
        loc.distance_meters is not None and loc.distance_meters <= 2000 for loc in refined.locations
    )

    anything = pipeline.answer(
        SearchRequest(text="CCS near Penn Station", refine=Refinement(connector="any"))
    )
    assert anything.filters.outlets == []


def test_live_availability_is_not_pretended_over_open_data(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS near Penn Station, available now")
    assert answer.outcome is Outcome.RESULTS  # not "nothing found" for a status nobody knows
    assert answer.filters.availability == []
    assert answer.live_availability is False
    assert any("Live availability" in note for note in answer.notes)


def test_a_power_minimum_is_not_pretended_over_data_without_ratings(
    pipeline: SearchPipeline,
) -> None:
    # ny.csv is a CSV export: no outlet in it has a kW rating.
    answer = pipeline.answer("CCS 150kW+ near Penn Station")
    assert answer.outcome is Outcome.RESULTS
    assert answer.filters.min_power_kw is None
    assert any("no power ratings" in note and "150 kW" in note for note in answer.notes)


def test_a_power_minimum_applies_where_ratings_are_known(
    nominatim_env: NominatimServer, tmp_path: Path
) -> None:
    from bot.opendata.importer import import_file

    # PlugShare JSON carries kilowatts per outlet: the index then knows power.
    source = tmp_path / "plugshare.json"
    source.write_text(json.dumps(all_locations()))
    db = tmp_path / "rated.sqlite3"
    import_file(source, db)
    settings = load_settings(db_path=db)
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    try:
        venice = f"{VENICE[0]},{VENICE[1]}"
        everything = pipeline.answer(f"chargers near {venice}, top 10")
        fast = pipeline.answer(f"chargers 100 kW+ near {venice}, top 10")
    finally:
        pipeline.close()
    assert fast.filters.min_power_kw == 100
    assert not any("no power ratings" in note for note in fast.notes)
    assert 0 < len(fast.locations) < len(everything.locations)
    assert all((loc.max_kilowatts or 0) >= 100 for loc in fast.locations)


def test_offline_is_a_status_open_data_does_know(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("offline chargers near Penn Station")
    assert answer.filters.availability == [Availability.OFFLINE]


def test_ignored_words_and_typos_become_notes(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("fastest CCS near Penn Station on Elecrify America")
    assert any("fastest" in note for note in answer.notes)
    assert any("Electrify America" in note for note in answer.notes)


def test_personal_defaults_apply_when_the_request_is_silent(pipeline: SearchPipeline) -> None:
    context = SearchContext(
        default_filters=Filters(outlets=[OutletFilter(connector=Connector.CHADEMO)]),
        units="km",
    )
    answer = pipeline.answer("near Penn Station", context)
    assert answer.filters.outlets == [OutletFilter(connector=Connector.CHADEMO)]
    assert answer.units == "km"
    assert any("Using your settings" in note for note in answer.notes)

    asked = pipeline.answer("J1772 near Penn Station", context)
    assert asked.filters.outlets == [OutletFilter(connector=Connector.J1772)]


def test_a_default_place_is_used_when_the_text_names_none(pipeline: SearchPipeline) -> None:
    office = Place(name="Grand Central", latitude=40.752726, longitude=-73.977229)
    answer = pipeline.answer("CCS", SearchContext(default_place=office))
    assert answer.outcome is Outcome.RESULTS
    assert answer.place is not None and answer.place.name == "Grand Central"


def test_units_follow_the_place_country(pipeline: SearchPipeline) -> None:
    abroad = pipeline.answer("CCS near Zürich HB")
    assert abroad.units == "km"
    assert abroad.outcome is Outcome.NOTHING_FOUND  # New York data only
    override = pipeline.answer(SearchRequest(text="CCS near Penn Station", units="km"))
    assert override.units == "km"


def test_an_empty_index_says_how_to_fill_it(nominatim_env: NominatimServer, tmp_path: Path) -> None:
    settings = load_settings(db_path=tmp_path / "empty.sqlite3")
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    try:
        answer = pipeline.answer("CCS near Penn Station")
    finally:
        pipeline.close()
    assert answer.outcome is Outcome.INDEX_EMPTY
    assert answer.message and "chargebot data sync afdc" in answer.message


def test_a_source_that_is_down_gives_a_friendly_message(
    nominatim_env: NominatimServer, tmp_path: Path
) -> None:
    from support.nominatim import dead_url

    settings = load_settings(
        provider="plugshare",
        plugshare_api_url=dead_url(),
        plugshare_api_key="k",
        plugshare_api_secret="s",
        plugshare_connect_timeout=0.5,
    )
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    try:
        answer = pipeline.answer("CCS near Penn Station")
    finally:
        pipeline.close()
    assert answer.outcome is Outcome.SOURCE_DOWN
    assert answer.message and "Traceback" not in answer.message


def _checked_in(payload: dict[str, Any]) -> dict[str, Any]:
    """Every location gets a check-in, which only the single-location endpoint returns."""
    review = {
        "id": payload["id"] * 10,
        "rating": 1,
        "created_at": "2026-11-20T10:00:00Z",
        "comment": f"Charged fine at {payload['name']}",
        "user": {"id": 7, "first_name": "Dana"},
    }
    return {**payload, "reviews": [review, *(payload.get("reviews") or [])]}


@pytest.fixture
def plugshare() -> Iterator[PlugShareServer]:
    with PlugShareServer([_checked_in(p) for p in all_locations()]) as server:
        yield server


def test_details_arrive_concurrently_within_the_deadline(
    plugshare: PlugShareServer, nominatim_env: NominatimServer
) -> None:
    settings = load_settings(
        provider="plugshare",
        plugshare_api_url=plugshare.url,
        plugshare_api_key=plugshare.key,
        plugshare_api_secret=plugshare.secret,
        detail_deadline=0.5,
    )
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    venice = f"{VENICE[0]},{VENICE[1]}"
    try:
        first = pipeline.answer(f"chargers near {venice}, top 10")
        assert first.outcome is Outcome.RESULTS
        shown = [loc.id for loc in first.locations]
        assert len(shown) >= 2
        # Nearby leaves reviews out; the single-location endpoint brought them.
        assert all(loc.reviews for loc in first.locations)

        slow = shown[0]
        plugshare.script(f"/locations/{slow}", Reply(delay=5))
        second = pipeline.answer(f"chargers near {venice}, top 10")
    finally:
        pipeline.close()
    by_id = {loc.id: loc for loc in second.locations}
    assert by_id[slow].reviews == []  # past the deadline: what nearby returned
    assert all(by_id[i].reviews for i in shown[1:])
