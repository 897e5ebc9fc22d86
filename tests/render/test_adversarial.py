"""Whatever the data, every message parses, stays within Slack's limits, and pings nobody.

Hypothesis builds adversarial answers: 10,000-character names, hundreds of
reviews, HTML, emoji, every mrkdwn special, Slack markup (``<!channel>``,
``<@U123>``, ``<http://evil|x>``), bad and huge URLs, NaN coordinates, up to 500
locations. Every rendering must pass ``support.block_kit``'s checks (slack-sdk's
block classes plus every limit in ``bot.render.limits`` plus the markup rules).
"""

from __future__ import annotations

import json
import operator
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.answers import NOW
from support.block_kit import check_message, check_view

from bot.geo.place import Place, PlaceKind
from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import Location
from bot.query import SearchQuery
from bot.render.checkins import checkins_modal, render_checkins
from bot.render.data import render_json
from bot.render.slack import render_message
from bot.render.text import render_text
from bot.search import Answer, Outcome, SearchRequest

SPECIALS = [
    "<!channel>", "<!here>", "<!everyone>", "<!subteam^S123>", "<@U123>", "<@W9|bob>",
    "<#C123|general>", "<http://evil|x>", "<https://evil.example/|Free charging>",
    "<mailto:a@b.c|mail>", "@here", "@channel", "@everyone", "&", "&amp;", "&lt;", "&#60;",
    "<", ">", "|", "*", "_", "~", "`", "```", "> quote", "•", ":zap:", ":", "\n", "\r\n",
    "\t", "\x00", "\x1b[31m", "\x9b2J", "\u202e", "\u2066", "\u200b", "\ud800", "😀",
    "👩‍👩‍👧", "🇺🇸", "e\u0301", "<b>bold</b>", "<script>alert(1)</script>", "<br/>", "<!--",
    "javascript:alert(1)", "http://example.com", "\\", '"', "'", "%", "{", "}",
]  # fmt: skip

_piece = st.one_of(st.sampled_from(SPECIALS), st.text(max_size=8))
_mixed = st.lists(_piece, max_size=12).map("".join)
_long = st.builds(
    operator.mul, st.sampled_from([*SPECIALS, "a", "é", "😀", " ", "&"]), st.integers(1, 10_000)
)
untrusted = st.one_of(_mixed, _mixed, _long)
maybe_text = st.one_of(st.none(), untrusted)

URLS = [
    "https://www.plugshare.com/location/1", "http://example.com/a?b=1&c=2",
    "https://x.example/a|b", "https://x.example/<!channel>", "javascript:alert(1)",
    "data:text/html,<b>x</b>", "ftp://example.com", "https://", "http://[::1", "//no-scheme",
    "https://exa mple.com", "https://example.com/\n<!here>", "",
]  # fmt: skip
urls = st.one_of(
    st.none(),
    st.sampled_from(URLS),
    st.integers(900, 5000).map(lambda n: "https://huge.example/" + "a" * n),
    untrusted,
)
floats = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)

reviews = st.fixed_dictionaries(
    {
        "rating": st.sampled_from([-1, 0, 1, 7]),
        "comment": maybe_text,
        "problem": st.sampled_from([None, 1, 2, 3, 4, 5, 99]),
        "problem_description": maybe_text,
        "created_at": st.one_of(st.none(), moments),
        "user": st.one_of(
            st.none(),
            st.fixed_dictionaries({"first_name": maybe_text, "display_name": maybe_text}),
        ),
        "vehicle_name": maybe_text,
        "kilowatts": floats,
        "waiting": st.sampled_from([None, True, False]),
    }
)
outlets = st.fixed_dictionaries(
    {
        "connector": st.integers(0, 30),
        "power": st.sampled_from([None, 0, 1, 7]),
        "kilowatts": floats,
        "available": st.sampled_from([None, 0, 1, 2, 9]),
    }
)
stations = st.fixed_dictionaries(
    {
        "network": st.one_of(
            st.none(), st.fixed_dictionaries({"id": st.integers(0, 100), "name": maybe_text})
        ),
        "network_id": st.one_of(st.none(), st.integers(0, 100)),
        "cost": st.sampled_from([0, 1, 2, 9]),
        "cost_description": maybe_text,
        "available": st.sampled_from([0, 1, 2, 3, 4, 9]),
        "outlets": st.lists(outlets, max_size=4),
    }
)
photos = st.fixed_dictionaries(
    {"thumbnail": urls, "url": urls, "caption": maybe_text, "order": st.none() | st.integers()}
)


def _repeat(items: list[Any], times: int) -> list[Any]:
    return (items * times)[:500]


#: A location as data plus how often its stations and reviews repeat (up to 500 each).
#: Strategies yield such recipes and tests build the models, so that a failing example
#: prints as its recipe rather than as megabytes of expanded models.
location_recipes = st.tuples(
    st.fixed_dictionaries(
        {
            "name": untrusted,
            "latitude": st.floats(allow_nan=True, allow_infinity=True),
            "longitude": st.floats(allow_nan=True, allow_infinity=True),
            "address": maybe_text,
            "reverse_geocoded_address": maybe_text,
            "description": maybe_text,
            "cost": st.booleans(),
            "cost_description": maybe_text,
            "access": st.sampled_from([1, 2, 3, 7]),
            "url": urls,
            "hours": maybe_text,
            "open247": st.sampled_from([None, True, False]),
            "score": floats,
            "under_repair": st.sampled_from([None, True]),
            "coming_soon": st.sampled_from([None, True]),
            "photos": st.lists(photos, max_size=3),
            "distance_meters": floats,
            "compass_bearing": floats,
        }
    ),
    st.lists(stations, max_size=4),
    st.integers(1, 150),
    st.lists(reviews, max_size=4),
    st.integers(1, 150),
)


def build_location(recipe: tuple[Any, ...], location_id: int) -> Location:
    fields, station_list, station_times, review_list, review_times = recipe
    return Location.model_validate(
        {
            **fields,
            "id": location_id,
            "stations": _repeat(station_list, station_times),
            "reviews": _repeat(review_list, review_times),
        }
    )


candidates = st.builds(
    Place,
    name=untrusted,
    latitude=st.floats(allow_nan=True, allow_infinity=True),
    longitude=st.floats(allow_nan=True, allow_infinity=True),
    kind=st.sampled_from(PlaceKind),
    source=untrusted,
    country_code=st.one_of(st.none(), st.sampled_from(["US", "GB", "DE", ""]), untrusted),
)
filters = st.builds(
    Filters,
    outlets=st.lists(
        st.builds(
            OutletFilter,
            connector=st.sampled_from(Connector),
            power=st.one_of(st.none(), st.sampled_from(Power)),
        ),
        max_size=6,
    ),
    free_only=st.booleans(),
    access=st.lists(st.sampled_from(Access), max_size=3),
    availability=st.lists(st.sampled_from(Availability), max_size=5),
    amenities=st.lists(st.sampled_from(AmenityType), max_size=9),
    networks=st.lists(st.integers(1, 10_000), max_size=60),
    exclude_networks=st.lists(st.integers(1, 10_000), max_size=60),
    min_score=st.one_of(st.none(), st.floats(0, 10)),
    min_power_kw=st.one_of(st.none(), st.floats(0.001, 1e9)),
    radius_m=st.one_of(st.none(), st.floats(0.001, 1e12)),
    count=st.one_of(st.none(), st.integers(1, 10**9)),
)


answer_recipes = st.tuples(
    st.fixed_dictionaries(
        {
            "outcome": st.sampled_from(Outcome),
            "request": st.builds(SearchRequest, text=untrusted, page=st.integers(0, 1000)),
            "query": st.one_of(st.none(), st.builds(SearchQuery, place=maybe_text)),
            "place": st.one_of(st.none(), candidates),
            "candidates": st.lists(candidates, max_size=30),
            "filters": filters,
            "radius_m": st.floats(allow_nan=True, allow_infinity=True),
            "notes": st.lists(untrusted, max_size=15),
            "source": untrusted,
            "attribution": untrusted,
            "live_availability": st.booleans(),
            "units": st.sampled_from(["mi", "km"]),
            "page": st.integers(0, 10**6),
            "per_page": st.integers(1, 10),
            "has_more": st.booleans(),
            "message": maybe_text,
        }
    ),
    st.lists(location_recipes, max_size=3),
    st.integers(1, 500),
)


class Case:
    """An answer under test, with a short repr: pytest prints the arguments of failing
    frames, and the full repr of 500 adversarial locations would not fit in memory."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def __repr__(self) -> str:
        return f"<Case {self.answer.outcome}: {len(self.answer.locations)} locations>"


def build_case(recipe: tuple[Any, ...]) -> Case:
    """The answer: the recipe's locations in full, then light copies up to ``count``
    (many locations exercise the block budget; they need not all be heavy)."""
    fields, location_list, count = recipe
    full = [build_location(r, index) for index, r in enumerate(location_list, start=1)]
    copies = [
        location.model_copy(
            update={"id": index, "reviews": location.reviews[:1], "stations": location.stations[:2]}
        )
        for index, location in enumerate(_repeat(full, count)[len(full) :], start=len(full) + 1)
    ]
    return Case(Answer(**fields, locations=full + copies))


_TERMINAL_CONTROLS = {chr(c) for c in [*range(0, 10), *range(11, 32), *range(0x7F, 0xA0)]}


def check_all_renderings(
    case: Case, ephemeral: bool = False, checkins_enabled: bool = False
) -> None:
    answer = case.answer
    message = render_message(
        answer, ephemeral=ephemeral, checkins_enabled=checkins_enabled, now=NOW
    )
    assert check_message(message) == []
    # Text and JSON print every location in full; a page (at most 10) keeps the test fast.
    page = replace(answer, locations=answer.locations[:10])
    text = render_text(page, now=NOW)
    assert not _TERMINAL_CONTROLS.intersection(text)
    json.dumps(render_json(page))
    for location in answer.locations[:2]:
        blocks = render_checkins(location, source=answer.source, now=NOW)
        assert check_message({"text": "Check-ins", "blocks": blocks}) == []
        assert check_view(checkins_modal(location, source=answer.source, now=NOW)) == []


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(recipe=answer_recipes, ephemeral=st.booleans(), checkins_enabled=st.booleans())
def test_any_answer_renders_within_limits_and_safely(
    recipe: tuple[Any, ...], ephemeral: bool, checkins_enabled: bool
) -> None:
    check_all_renderings(build_case(recipe), ephemeral, checkins_enabled)


HOSTILE = "<!channel> <@U123> <http://evil|x> *_~` &amp; @here <b>x</b> " * 160  # 10,000 chars


def _worst_location(index: int) -> Location:
    review = {
        "rating": -1,
        "problem": 1,
        "comment": HOSTILE,
        "created_at": "2025-01-01T00:00:00Z",
        "user": {"first_name": HOSTILE},
        "vehicle_name": HOSTILE,
    }
    station = {
        "network": {"id": 1, "name": HOSTILE},
        "cost": 2,
        "cost_description": "<p>" + HOSTILE + "</p>",
        "available": 2,
        "outlets": [{"connector": c, "kilowatts": 1e300} for c in range(1, 18)],
    }
    return Location.model_validate(
        {
            "id": index,
            "name": "😀" + HOSTILE,
            "latitude": 40.75,
            "longitude": -73.99,
            "address": HOSTILE,
            "description": "<script>" + HOSTILE + "</script>" + HOSTILE,
            "cost": True,
            "cost_description": HOSTILE,
            "hours": HOSTILE,
            "url": "https://x.example/" + "|" * 2900,
            "score": 9.9,
            "stations": [station] * 500,
            "reviews": [review] * 500,
            "photos": [{"thumbnail": "https://x.example/" + "a" * 2990, "caption": HOSTILE}],
        }
    )


@cache
def _worst_case() -> Case:
    """500 locations (the first three with 500 stations and 500 check-ins each), every text
    10,000 characters of markup, for every outcome's fields at once."""
    heavy = [_worst_location(i) for i in (1, 2, 3)]
    light = [
        heavy[0].model_copy(update={"id": i, "reviews": heavy[0].reviews[:1],
                                    "stations": heavy[0].stations[:3]})
        for i in range(4, 501)
    ]  # fmt: skip
    place = Place(HOSTILE, 40.7, -74.0, PlaceKind.ADDRESS, HOSTILE, "US")
    return Case(
        Answer(
            outcome=Outcome.RESULTS,
            request=SearchRequest(text="<!here> " * 1250),
            query=SearchQuery(place=HOSTILE),
            place=place,
            candidates=[place] * 100,
            locations=heavy + light,
            filters=Filters(
                networks=list(range(1, 1001)), outlets=[{"connector": c} for c in range(1, 18)]
            ),
            radius_m=5000,
            notes=[HOSTILE] * 30,
            source=HOSTILE,
            attribution=HOSTILE,
            message=HOSTILE,
            has_more=True,
        )
    )


@pytest.mark.parametrize("outcome", list(Outcome))
def test_the_worst_case_all_at_once(outcome: Outcome) -> None:
    case = Case(replace(_worst_case().answer, outcome=outcome))
    check_all_renderings(case, ephemeral=True, checkins_enabled=True)


def test_the_worst_case_keeps_the_footer_and_says_what_was_left_out() -> None:
    message = render_message(_worst_case().answer, ephemeral=True, checkins_enabled=True, now=NOW)
    blocks = message["blocks"]
    assert len(blocks) <= 50
    assert [e["action_id"] for e in blocks[-1]["elements"]] == [
        "more_results", "refine", "share_in_channel",
    ]  # fmt: skip
    notice = blocks[-3]["elements"][0]["text"]
    shown = sum(1 for b in blocks if b["type"] == "section")
    assert notice == f"{500 - shown} more stations did not fit in this message."
