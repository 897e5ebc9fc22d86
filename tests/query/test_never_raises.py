"""Whatever arrives, parse_query answers with a valid SearchQuery (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.plugshare.filters import Filters
from bot.query import SearchQuery, parse_query
from bot.query.slack_text import MAX_PARSED_CHARS, clean_slack_text

PARAMETERS = {
    "outlets",
    "cost",
    "access",
    "availability",
    "amenities",
    "networks",
    "exclude_networks",
    "score",
    "radius",
    "count",
}

# Pieces a real message is made of, so generated text reaches deep into the parser.
PIECES = [
    "CCS",
    "chademo",
    "J-1772",
    "Level 2",
    "Tesla",
    "superchargers",
    "DC fast",
    "GB/T 2",
    "NEMA 14-50",
    "free",
    "no fee",
    "public",
    "available now",
    "in use",
    "not in use",
    "EVgo",
    "Electrify America",
    "Elecrify America",
    "no",
    "not",
    "except",
    "but not",
    "ChargePoint",
    "and",
    "or",
    ",",
    ".",
    ":",
    "?",
    "!",
    "+",
    ">",
    "/",
    "-",
    "(",
    ")",
    '"',
    "near",
    "in",
    "at",
    "around",
    "of",
    "to",
    "within",
    "top",
    "show me",
    "closest",
    "the nearest",
    "a mile",
    "half a",
    "2 miles",
    "5 km",
    "500 m",
    "1/2",
    "50kW+",
    "at least",
    "over",
    "150 kW",
    "rated",
    "8+",
    "score above",
    "7.5",
    "10:30",
    "5pm",
    "Union Station",
    "Free Library of Philadelphia",
    "Tesla Motors HQ",
    "Blink Fitness",
    "Portland, OR",
    "St.",
    "Washington, D.C.",
    "94103",
    "SFO",
    "I-80",
    "40.7580,-73.9855",
    "37.7749, -122.4194",
    "40.7 N 73.9 W",
    "N40.7",
    "40°45'29.1\"N",
    "° ",
    "91.0,200.0",
    "Zürich HB",
    "São Paulo",
    "東京駅",
    "King's Cross",
    "<@U012AB3CD>",
    "<!channel>",
    "<!here>",
    "<http://x|y>",
    "<http://x>",
    "<mailto:a@b.c|Denver>",
    "<#C1|general>",
    "&amp;",
    "&lt;",
    "&gt;",
    "@chargebot",
    ":zap:",
    "⚡️",
    "\u200b",
    "\x00",
    "\x1b[31m",
    "\n",
    "\t",
    "  ",
    "help",
    "hi",
    "thanks",
    "cheap",
    "fastest",
    "9" * 400,
    "1,5",
    "1,000",
    "0",
    "-1",
    "1e9",
    "top 0",
    "score above 12",
    "\ud7ff",
    "\U0001f50c",
]


def _check(text: str, query: SearchQuery) -> None:
    assert isinstance(query, SearchQuery)
    params = query.to_plugshare_params()
    assert set(params) <= PARAMETERS
    assert all(isinstance(v, str) and v for v in params.values())
    # The filters are valid by their own rules.
    assert Filters.model_validate(query.filters.model_dump()) == query.filters
    if query.place is not None:
        assert query.place == query.place.strip()
        assert query.place
        cleaned = " ".join(clean_slack_text(text).text.split())
        assert query.place in cleaned
    assert all(isinstance(word, str) and word for word in query.ignored)
    if len(text) <= MAX_PARSED_CHARS:
        assert not query.truncated
    if query.is_help:
        assert query.place is None and query.filters == Filters()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=4000))
def test_any_unicode_text(text: str) -> None:
    _check(text, parse_query(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=120).map(" ".join)
)
def test_request_like_text(text: str) -> None:
    _check(text, parse_query(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_pieces_run_together(text: str) -> None:
    _check(text, parse_query(text))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"])))
def test_control_and_space_characters(text: str) -> None:
    query = parse_query(text)
    _check(text, query)
    assert query.place is None


def test_text_far_over_the_limit() -> None:
    text = "CCS near Denver " + "<@U012AB3CD> :zap: free " * 2_000
    query = parse_query(text)
    _check(text, query)
    assert query.truncated
    assert query.place == "Denver"


def test_absurd_numbers() -> None:
    for text in (
        "within " + "9" * 300 + " miles of Denver",
        "top " + "9" * 300 + " near Denver",
        "9" * 300 + " kW near Denver",
        "score above " + "9" * 300,
        "within 0.0000001 km of Denver",
    ):
        query = parse_query(text)
        _check(text, query)
