"""The facts a card states, computed once for every surface."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from geopy.distance import geodesic
from support.answers import NOW, PENN_STATION, plugshare_payload

from bot.geo.units import format_distance
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location, Review
from bot.render import facts
from bot.render.style import MRKDWN, TERMINAL
from bot.search import Answer, Outcome, SearchRequest

COMPASS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


def _spherical_bearing(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlng = math.radians(lng2 - lng1)
    y = math.sin(dlng) * math.cos(phi2)
    x = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlng)
    return math.degrees(math.atan2(y, x)) % 360


def _answer(locations: list[Location], **fields: object) -> Answer:
    return Answer(
        outcome=Outcome.RESULTS,
        request=SearchRequest(text="x"),
        place=PENN_STATION,
        locations=locations,
        **fields,  # type: ignore[arg-type]
    )


def test_distance_and_bearing_agree_with_an_independent_computation(
    ny_locations: dict[int, Location],
) -> None:
    origin = (PENN_STATION.latitude, PENN_STATION.longitude)
    locations = list(ny_locations.values())
    nearest = sorted(locations, key=lambda loc: geodesic(origin, (loc.latitude, loc.longitude)).m)
    checked = 0
    for units in ("mi", "km"):
        answer = _answer(nearest[:40], units=units)
        for location in answer.locations:
            point = (location.latitude, location.longitude)
            bearing = _spherical_bearing(*origin, *point)
            if abs((bearing % 22.5) - 11.25) < 0.5:
                continue  # on a sector boundary the two methods may round differently
            expected = format_distance(geodesic(origin, point).m, units)  # type: ignore[arg-type]
            direction = COMPASS[round(bearing / 22.5) % 16]
            assert facts.distance_text(answer, location) == f"{expected} {direction}"
            checked += 1
    assert checked > 60


def test_distance_from_the_source_wins_over_computing_it() -> None:
    location = Location.model_validate(
        {"id": 1, "name": "x", "latitude": 0, "longitude": 0, "distance_meters": 643.7,
         "compass_bearing": 44.0}
    )  # fmt: skip
    assert facts.distance_text(_answer([location]), location) == "0.4 mi NE"
    no_place = Answer(outcome=Outcome.RESULTS, request=SearchRequest(text="x"))
    bare = location.model_copy(update={"distance_meters": None, "compass_bearing": None})
    assert facts.distance_text(no_place, bare) is None


def test_connectors_grouped_by_driver_name_with_counts_and_power_fastest_first() -> None:
    location = Location.model_validate(plugshare_payload())
    assert facts.connectors_text(location) == (
        "CCS ×2 · 350 kW   CHAdeMO ×1 · 50 kW   J1772 ×2 · 6.6 kW"
    )
    tesla = Location.model_validate(
        {"id": 2, "name": "t", "latitude": 0, "longitude": 0, "stations": [
            {"outlets": [{"connector": 2}, {"connector": 6, "power": 0}]},
            {"outlets": [{"connector": 6, "power": 1}, {"connector": 99}]},
        ]}
    )  # fmt: skip
    assert facts.connectors_text(tesla) == (
        "Tesla Supercharger ×1   J1772 ×1   Tesla wall connector ×1   Connector 99 ×1"
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"stations": [{"cost": 1}]}, "Free"),
        ({"stations": [{"cost": 1, "cost_description": "Free; 3 hour maximum"}]},
         "Free — 3 hour maximum"),
        ({"cost": True, "cost_description": "<b>$0.30</b>/kWh"}, "Fee: $0.30/kWh"),
        ({"stations": [{"cost": 2}]}, "Fee"),
        ({"stations": [{"cost": 1}, {"cost": 2}]}, "Fee"),
        ({"stations": [{"cost": 0}]}, "Cost unknown"),
        ({"cost_description": "Call ahead"}, "Cost: Call ahead"),
    ],
)  # fmt: skip
def test_cost(fields: dict[str, object], expected: str) -> None:
    location = Location.model_validate({"id": 1, "name": "x", "latitude": 0, "longitude": 0,
                                        **fields})  # fmt: skip
    assert facts.cost_text(location, TERMINAL) == expected


def test_free_only_says_when_a_shown_site_has_no_known_cost() -> None:
    """PlugShare's ``cost=false`` keeps sites whose cost is unknown; the header says so
    when one is shown, and the same answer's card reads "Cost unknown"."""

    def site(location_id: int, cost: int) -> Location:
        return Location.model_validate({"id": location_id, "name": "x", "latitude": 0,
                                        "longitude": 0, "stations": [{"cost": cost}]})  # fmt: skip

    free = _answer([site(1, 1), site(2, 1)], filters=Filters(free_only=True))
    assert facts.filter_words(free)[0] == "free only"
    mixed = _answer([site(1, 1), site(2, 0)], filters=Filters(free_only=True))
    assert facts.filter_words(mixed)[0] == "free or cost unknown"
    assert facts.cost_text(mixed.locations[1], TERMINAL) == "Cost unknown"
    assert "free" not in " ".join(facts.filter_words(_answer([site(2, 0)])))


def test_availability_counts_stations_and_says_when_status_is_unknown() -> None:
    location = Location.model_validate(plugshare_payload())
    assert facts.availability_text(location, live=True) == "2 of 4 available (1 in use, 1 offline)"
    unknown = location.model_copy(
        update={"stations": [s.model_copy(update={"available": 0}) for s in location.stations]}
    )
    assert facts.availability_text(unknown, live=True) == "live status unknown"
    assert facts.availability_text(unknown, live=False) is None


def test_filter_words_and_headline(plugshare_answer: Answer) -> None:
    answer = plugshare_answer
    answer.filters = Filters(
        outlets=[{"connector": 13}, {"connector": 3}],
        free_only=True,
        access=[1],
        availability=[1],
        networks=[19, 47],
        exclude_networks=[1],
        min_power_kw=50,
        min_score=7.5,
        amenities=[2, 3],
    )
    assert facts.filter_words(answer) == [
        "free only",
        "public",
        "available now",
        "EVgo or Electrify America only",
        "no ChargePoint",
        "50 kW+",
        "PlugScore 7.5+",
        "with dining or restrooms",
        "within 5 mi",
    ]
    assert facts.headline(answer, TERMINAL) == (
        "2 CHAdeMO or CCS stations near Union Station, Los Angeles, CA, USA"
    )
    answer.page, answer.per_page = 2, 5
    assert facts.headline(answer, TERMINAL).startswith("CHAdeMO or CCS stations 11–12 near")


def test_loosen_suggestions_follow_the_filters(afdc_answer: Answer) -> None:
    afdc_answer.filters = Filters(outlets=[{"connector": 13}], free_only=True, availability=[1])
    afdc_answer.radius_m = 50_000
    assert facts.loosen_suggestions(afdc_answer) == [
        "any connector instead of CCS",
        "stations in any status, not only available now",
        "paid stations too (drop “free only”)",
    ]
    afdc_answer.filters, afdc_answer.radius_m = Filters(), 8046.72
    assert facts.loosen_suggestions(afdc_answer) == ["a wider radius than 5 mi"]


def _review(**fields: object) -> Review:
    return Review.model_validate(fields)


def test_checkin_lines() -> None:
    charged = _review(rating=1, created_at=NOW - timedelta(days=3), comment="Worked *great*",
                      user={"first_name": "Maria José", "last_name": "Lopez"})  # fmt: skip
    assert facts.checkin_line(charged, NOW, MRKDWN, emoji=True, comment_limit=100) == (
        "✅ Charged · 3 days ago · Maria: “Worked \u200b*\u200bgreat\u200b*\u200b”"
    )
    problem = _review(rating=-1, problem=3, created_at=NOW - timedelta(hours=5))
    assert facts.checkin_line(problem, NOW, TERMINAL, emoji=False, comment_limit=100) == (
        "Problem: Blocked by vehicle · 5 hours ago"
    )
    ours = _review(rating=1, created_at=NOW - timedelta(minutes=20), source="workspace",
                   user={"first_name": "Dee"})  # fmt: skip
    assert facts.checkin_line(ours, NOW, TERMINAL, emoji=False, comment_limit=100) == (
        "Charged · 20 minutes ago · in this workspace · Dee"
    )
    tip = _review(rating=0, comment="x" * 500, created_at=NOW + timedelta(minutes=5))
    line = facts.checkin_line(tip, NOW, TERMINAL, emoji=False, comment_limit=20)
    assert line == "Tip · now · “" + "x" * 19 + "…”"


def test_recent_checkins_are_newest_first_whatever_the_input_order() -> None:
    location = Location.model_validate(plugshare_payload())
    location.reviews.reverse()
    assert [r.id for r in facts.recent_checkins(location, 3)] == [9003, 9002, 9001]
