"""Trips parse into ``SearchQuery.route``; everything else keeps the point-search contract."""

from __future__ import annotations

import pytest
from query.corpus import CORPUS
from query.route_corpus import NOT_ROUTES, ROUTES, RouteCase

from bot.query import parse_query


@pytest.mark.parametrize("case", ROUTES, ids=[c.text[:60] for c in ROUTES])
def test_route_case(case: RouteCase) -> None:
    query = parse_query(case.text)
    route = query.route
    assert route is not None
    assert query.place is None
    assert route.origin == case.origin
    assert route.destination == case.destination
    assert route.via == case.via
    assert route.corridor_m == pytest.approx(case.corridor_m)
    assert route.road == case.road
    if case.range_m is None:
        assert route.range_m is None
    else:
        assert route.range_m == pytest.approx(case.range_m)
    assert route.reserve == case.reserve
    if case.full_range_m is None:
        assert route.full_range_m is None
    else:
        assert route.full_range_m == pytest.approx(case.full_range_m)
    assert query.to_plugshare_params() == case.params
    assert query.ignored == case.ignored


@pytest.mark.parametrize("text", NOT_ROUTES)
def test_one_place_is_not_a_route(text: str) -> None:
    assert parse_query(text).route is None


def test_no_case_of_the_point_corpus_is_a_route() -> None:
    routes = [c.text for c in CORPUS if parse_query(c.text).route is not None]
    assert routes == []


def test_a_route_takes_the_same_filters_as_a_point_search() -> None:
    """Only the radius gives way to the corridor."""
    point = parse_query("free CCS with restrooms within 2 miles near Denver")
    trip = parse_query("free CCS with restrooms within 2 miles from Denver to Vail")
    assert trip.route is not None
    assert trip.route.corridor_m == pytest.approx(point.filters.radius_m)
    assert trip.filters.radius_m is None
    assert trip.filters.model_dump(exclude={"radius_m"}) == point.filters.model_dump(
        exclude={"radius_m"}
    )
