"""Search along a route end to end: real parser, geocoder and router over loopback, the real
New York AFDC index; and every way a route request can go wrong, answered in words."""

from __future__ import annotations

import pytest
from support.osrm import RouterServer

from bot.config import Settings
from bot.geo import build_resolver
from bot.geo.place import Place
from bot.geo.units import METERS_PER_MILE
from bot.providers import make_provider
from bot.search import (
    Outcome,
    Refinement,
    SearchContext,
    SearchPipeline,
    SearchRequest,
)


@pytest.fixture
def settings(trip_settings: Settings) -> Settings:
    return trip_settings


@pytest.fixture
def pipeline(trip_pipeline: SearchPipeline) -> SearchPipeline:
    return trip_pipeline


def test_stations_are_listed_in_order_along_the_road(
    pipeline: SearchPipeline, router_env: RouterServer
) -> None:
    answer = pipeline.answer("CCS from Buffalo to New York City")

    assert answer.outcome is Outcome.RESULTS
    trip = answer.trip
    assert trip is not None
    assert router_env.route_count == 1
    assert trip.route.engine == "OSRM" and not trip.route.straight_line
    assert 640_000 < trip.route.distance_m < 680_000 and trip.route.duration_s
    along = [entry.position.along_m for entry in trip.found]
    assert along == sorted(along) and len(along) > 20
    assert all(entry.position.off_m <= 2 * METERS_PER_MILE + 1 for entry in trip.found)
    assert [loc.id for loc in answer.locations] == [e.location.id for e in trip.more or []]
    assert len(answer.locations) == answer.per_page and answer.has_more
    assert trip.plan is None


def test_a_range_plans_stops_shown_first(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS from Buffalo to New York City, range 150 mi")
    trip = answer.trip
    assert trip is not None and trip.plan is not None and trip.plan.complete
    stops = trip.stops
    assert stops
    assert [loc.id for loc in answer.locations[: len(stops)]] == [s.location.id for s in stops]
    assert not {s.location.id for s in stops} & {e.location.id for e in trip.more or []}


def test_a_range_too_short_says_where_no_plan_exists(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("Tesla Supercharger from Buffalo to New York City, range 40 mi")
    trip = answer.trip
    assert trip is not None and trip.plan is not None and not trip.plan.complete
    gap_notes = [
        note for note in answer.notes if note.startswith("No Tesla Supercharger between mile")
    ]
    assert len(gap_notes) == len(trip.plan.gaps) > 0
    assert any("wider corridor" in note for note in answer.notes)


def test_the_same_filters_as_a_point_search(pipeline: SearchPipeline) -> None:
    trip_answer = pipeline.answer("free CCS from Buffalo to Albany")
    point_answer = pipeline.answer("free CCS near Albany")
    assert trip_answer.filters == point_answer.filters.model_copy(update={"radius_m": None})


def test_via_places_shape_the_route(pipeline: SearchPipeline, router_env: RouterServer) -> None:
    answer = pipeline.answer("CCS from Buffalo to Albany via Yonkers")
    assert answer.trip is not None and [v.name for v in answer.trip.via] == ["Yonkers, NY, USA"]
    assert router_env.routes[0].path.count(";") == 2


def test_a_wider_corridor_from_the_text_and_from_refine(pipeline: SearchPipeline) -> None:
    narrow = pipeline.answer("CCS from Buffalo to Albany within 0.5 miles of the road")
    wide = pipeline.answer(
        SearchRequest(
            text="CCS from Buffalo to Albany within 0.5 miles of the road",
            refine=Refinement(radius_m=8_000.0, range_m=100 * METERS_PER_MILE),
        )
    )
    assert narrow.trip is not None and wide.trip is not None
    assert narrow.trip.corridor_m == pytest.approx(0.5 * METERS_PER_MILE)
    assert wide.trip.corridor_m == 8_000.0
    assert len(wide.trip.found) > len(narrow.trip.found)
    assert wide.trip.plan is not None and wide.trip.plan.range_m == 100 * METERS_PER_MILE


def test_on_my_way_starts_from_home(pipeline: SearchPipeline) -> None:
    home = Place(name="Home, Buffalo", latitude=42.90, longitude=-78.85)
    answer = pipeline.answer("CCS on my way to Albany", SearchContext(saved_places={"home": home}))
    assert answer.outcome is Outcome.RESULTS and answer.trip is not None
    assert answer.trip.origin.name == "Home, Buffalo"
    assert "Starting from your home: Home, Buffalo." in answer.notes


def test_on_my_way_without_a_home_asks_where_to_start(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS on my way to Albany")
    assert answer.outcome is Outcome.NO_PLACE
    assert answer.message is not None and "Where does the trip start?" in answer.message


def test_the_router_down_gives_a_labelled_straight_line(
    pipeline: SearchPipeline, router_env: RouterServer
) -> None:
    router_env.fail(503)
    answer = pipeline.answer("CCS from Buffalo to Albany")
    assert answer.outcome is Outcome.RESULTS
    assert answer.trip is not None and answer.trip.route.straight_line
    assert answer.trip.route.duration_s is None
    assert any("straight line between the places, not the road" in n for n in answer.notes)


def test_no_router_at_all_gives_the_straight_line(settings: Settings) -> None:
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    answer = pipeline.answer("CCS from Buffalo to Albany")
    pipeline.close()
    assert answer.trip is not None and answer.trip.route.straight_line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("CCS from Buffalo to Buffalo", "starts and ends at the same place"),
        ("CCS from Buffalo to São Paulo", "I search routes up to"),
        ("CCS from Buffalo to Los Angeles", "Ask for one leg at a time"),
    ],
)
def test_bad_trips_get_a_sentence_and_a_suggestion(
    pipeline: SearchPipeline, router_env: RouterServer, text: str, words: str
) -> None:
    answer = pipeline.answer(text)
    assert answer.outcome is Outcome.BAD_ROUTE
    assert answer.message is not None and words in answer.message and "“" in answer.message
    assert router_env.route_count == 0  # refused before asking the router


def test_no_road_is_a_clear_answer(pipeline: SearchPipeline, router_env: RouterServer) -> None:
    router_env.no_route = True
    answer = pipeline.answer("CCS from Buffalo to Albany")
    assert answer.outcome is Outcome.BAD_ROUTE
    assert answer.message is not None and "found no road" in answer.message


def test_an_unknown_destination_is_named(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS from Buffalo to Qwxzyville")
    assert answer.outcome is Outcome.PLACE_NOT_FOUND
    assert answer.message is not None and "Qwxzyville" in answer.message


def test_an_ambiguous_end_asks_which_and_a_choice_settles_it(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("CCS from Springfield to Albany")
    assert answer.outcome is Outcome.AMBIGUOUS_PLACE
    assert answer.message == "Which “Springfield” is the start?"
    chosen = answer.candidates[0]
    again = pipeline.answer(SearchRequest(text="CCS from Springfield to Albany", place=chosen))
    assert again.trip is not None and again.trip.origin.name == chosen.name
    if again.outcome is Outcome.NOTHING_FOUND:  # the index holds New York only
        assert again.message is not None and "of the road" in again.message


def test_more_results_after_choosing_an_end_keep_that_choice(pipeline: SearchPipeline) -> None:
    from bot.render.actions import MORE_RESULTS, decode_request
    from bot.render.slack import render_message

    asked = pipeline.answer("CCS from Springfield to New York City")
    assert asked.outcome is Outcome.AMBIGUOUS_PLACE
    springfield = next(c for c in asked.candidates if "MA" in c.name)
    first = pipeline.answer(
        SearchRequest(text="CCS from Springfield to New York City", place=springfield)
    )
    assert first.outcome is Outcome.RESULTS and first.has_more
    buttons = [
        element
        for block in render_message(first)["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == MORE_RESULTS
    ]
    more = pipeline.answer(decode_request(buttons[0]["value"]))
    assert more.outcome is Outcome.RESULTS and more.page == 1
    assert more.trip is not None and more.trip.origin.name == springfield.name
