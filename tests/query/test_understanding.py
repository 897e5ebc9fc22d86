"""Near misses, ignored words, help, Slack markup and long text: what a reply builds on."""

from __future__ import annotations

import pytest

from bot.plugshare.filters import Filters
from bot.query import SearchQuery, Suggestion, outlets_for, parse_query
from bot.query.slack_text import MAX_PARSED_CHARS


def test_a_confident_near_miss_is_applied_and_reported() -> None:
    query = parse_query("Elecrify America near Denver")
    assert query.to_plugshare_params() == {"networks": "47"}
    assert query.place == "Denver"
    assert query.suggestions == [
        Suggestion("Elecrify America", "Electrify America", "network", applied=True)
    ]
    assert str(query.suggestions[0]) == "Elecrify America -> Electrify America"
    assert query.ignored == []


@pytest.mark.parametrize(
    ("text", "params", "written", "meant", "kind"),
    [
        ("Chargepont near Denver", {"networks": "1"}, "Chargepont", "ChargePoint", "network"),
        ("chadmo in Boise", {"outlets": '[{"connector":3}]'}, "chadmo", "CHAdeMO", "connector"),
        ("restroms near Austin", {"amenities": "3"}, "restroms", "Restrooms", "amenity"),
        (
            "availble CCS in Denver",
            {"outlets": '[{"connector":13}]', "availability": "1"},
            "availble",
            "Available",
            "availability",
        ),
        (
            "Tesla Destnation near Napa",
            {"networks": "35"},
            "Tesla Destnation",
            "Tesla Destination",
            "network",
        ),
        (
            "Superchager near Gilroy",
            {"outlets": '[{"connector":6,"power":1}]'},
            "Superchager",
            "Tesla Supercharger",
            "connector",
        ),
    ],
)
def test_typos_in_long_names_are_read_as_meant(
    text: str, params: dict[str, str], written: str, meant: str, kind: str
) -> None:
    query = parse_query(text)
    assert query.to_plugshare_params() == params
    assert query.suggestions == [Suggestion(written, meant, kind, applied=True)]
    assert query.ignored == []


def test_a_misspelt_excluded_network_is_still_excluded() -> None:
    query = parse_query("no Chargepont near Denver")
    assert query.to_plugshare_params() == {"exclude_networks": "1"}


@pytest.mark.parametrize(
    ("text", "written", "meant"),
    [("Blnk near Denver", "Blnk", "Blink"), ("EVgoo near Houston", "EVgoo", "EVgo")],
)
def test_a_near_miss_to_a_short_name_is_only_suggested(text: str, written: str, meant: str) -> None:
    query = parse_query(text)
    assert query.to_plugshare_params() == {}
    assert query.suggestions == [Suggestion(written, meant, "network", applied=False)]
    # Offered as a suggestion, so not also listed as ignored.
    assert query.ignored == []


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        ("alert near 10036", ["alert"]),  # two edits from "valet": not a near miss
        ("<script>alert(1)</script> near 10036", ["alert(1)"]),  # markup: quoted whole
        ("javascript:void(0) near 10036", ["javascript", "void(0)"]),
    ],
)
def test_two_slips_in_a_short_word_are_only_ignored(text: str, ignored: list[str]) -> None:
    query = parse_query(text)
    assert query.place == "10036"
    assert query.suggestions == []
    assert query.ignored == ignored


def test_an_everyday_word_a_letter_from_a_filter_word_is_not_suggested() -> None:
    query = parse_query("CCS near 10036 that take J1772")  # "take" is not "taken" (in use)
    assert query.suggestions == []
    assert query.ignored == ["take"]
    # A slip inside such a word is still offered.
    query = parse_query("publc CCS near 10036")
    assert query.suggestions == [Suggestion("publc", "Public", "access", applied=False)]


def test_two_slips_in_a_long_name_are_still_suggested() -> None:
    query = parse_query("restrms near Denver")
    assert query.suggestions == [Suggestion("restrms", "Restrooms", "amenity", applied=False)]


@pytest.mark.parametrize(
    ("text", "place", "params"),
    [
        ("near Poplar Bluff", "Poplar Bluff", {}),  # one letter from POLAR
        ("CCS near Publix", "Publix", {"outlets": '[{"connector":13}]'}),  # from "public"
        ("J1772 in Webster", "Webster", {"outlets": '[{"connector":2}]'}),  # from Webasto
    ],
)
def test_a_place_that_resembles_a_filter_word_stays_a_place(
    text: str, place: str, params: dict[str, str]
) -> None:
    query = parse_query(text)
    assert query.place == place
    assert query.to_plugshare_params() == params
    assert query.suggestions == []


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        ("fastest chargers in Reno", ["fastest"]),
        ("CCS near Denver tomorrow", ["tomorrow"]),
        ("highly rated chargers with good reviews in Boise", ["highly rated", "good reviews"]),
        ("CCS within walking distance of Union Station", ["walking distance"]),
        ("no CCS or CHAdeMO near Denver", ["no CCS or CHAdeMO"]),
        ("less than 50 kW near Denver", ["less than 50 kW"]),
        ("more than 5 miles from Denver", ["more than 5 miles"]),
        ("CCS near my house", ["near my house"]),
        ("CHAdeMO for my Leaf", ["Leaf"]),  # the user's car, not a place
        ("chargers for my Model 3", ["Model 3"]),
        ("CCS in Denver and near Boulder", ["Boulder"]),
        ("top 3 CCS in Denver, show me 5", ["show me 5"]),
        ("CCS near Denver at 10:30", ["10:30"]),
        ("J1772 in Boulder by 5pm", ["5pm"]),
        ("CCS $0.30/kWh near Denver", ["$0.30/kWh"]),
        ("chargers over €0.40 per kWh in Berlin", ["over €0.40 per kWh"]),
        ("J1772 in Boulder in an hour", ["in an hour"]),
    ],
)
def test_request_words_that_cannot_be_used_are_reported(text: str, ignored: list[str]) -> None:
    assert parse_query(text).ignored == ignored


@pytest.mark.parametrize(
    "text",
    [
        "please find any stations near Denver",
        "could you show me some EV charging stations around Denver please?",
        "hi there! I need to charge my car in Denver, thanks",
        "where can I park and charge in Denver",
    ],
)
def test_filler_is_not_reported_as_ignored(text: str) -> None:
    query = parse_query(text)
    assert query.ignored == []
    assert query.place == "Denver"
    assert query.to_plugshare_params() == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "help",
        "Help?",
        "?",
        "??",
        "hello",
        "thanks!",
        "what can you do",
        "usage",
        "<@U012AB3CD>",
        "<!here> help",
        ":wave:",
        "how do I use this?",
        "--help",
    ],
)
def test_help_requests(text: str) -> None:
    query = parse_query(text)
    assert query.is_help
    assert query.place is None
    assert query.filters == Filters()


@pytest.mark.parametrize(
    "text",
    [
        "help me find CCS near Denver",
        "chargers near me",
        "Denver",
        "CCS",
        "nearest",
        "cheap",
        "stations",
    ],
)
def test_requests_are_not_help(text: str) -> None:
    assert not parse_query(text).is_help


@pytest.mark.parametrize(
    ("text", "place", "params"),
    [
        (
            "CCS near <http://maps.example.com/?q=denver|Union Station>",
            "Union Station",
            {"outlets": '[{"connector":13}]'},
        ),
        ("<mailto:ops@example.com|Boulder> chademo", "Boulder", {"outlets": '[{"connector":3}]'}),
        (
            "<!channel> <!here> free CCS in Reno",
            "Reno",
            {"outlets": '[{"connector":13}]', "cost": "false"},
        ),
        ("<#C024BE91L|general> CCS near Provo", "Provo", {"outlets": '[{"connector":13}]'}),
        (
            "CCS &amp; CHAdeMO near Tom &amp; Jerry's",
            "Tom & Jerry's",
            {"outlets": '[{"connector":3},{"connector":13}]'},
        ),
        ("score &gt; 7 near Denver", "Denver", {"score": "7"}),
        ("<!subteam^S0614TZR7|@drivers> J1772 in Ogden", "Ogden", {"outlets": '[{"connector":2}]'}),
    ],
)
def test_slack_markup_reads_as_what_a_person_sees(
    text: str, place: str, params: dict[str, str]
) -> None:
    query = parse_query(text)
    assert query.place == place
    assert query.to_plugshare_params() == params


def test_long_text_is_cut_and_says_so() -> None:
    text = "CCS near Denver " + "and so on " * 400 + "free only"
    query = parse_query(text)
    assert query.truncated
    assert query.place == "Denver"
    # "free only" sits past the first 1,000 characters and is not read.
    assert query.to_plugshare_params() == {"outlets": '[{"connector":13}]'}


def test_text_at_the_limit_is_not_cut() -> None:
    text = ("CCS near Denver " + "x" * MAX_PARSED_CHARS)[:MAX_PARSED_CHARS]
    assert not parse_query(text).truncated


def test_search_query_exposes_filters_and_power() -> None:
    query = parse_query("CCS at least 150 kW within 5 km of Denver, top 3")
    assert isinstance(query, SearchQuery)
    assert query.min_power_kw == 150
    assert query.filters.min_power_kw == 150
    assert query.to_plugshare_params() == query.filters.to_plugshare_params()
    assert query.to_plugshare_params() == {
        "outlets": '[{"connector":13}]',
        "radius": "5000",
        "count": "3",
    }


def test_no_defaults_are_added() -> None:
    query = parse_query("Denver")
    assert query.to_plugshare_params() == {}
    assert query.filters.radius_m is None
    assert query.filters.count is None


def test_non_text_input_reads_as_empty() -> None:
    assert parse_query(None).is_help  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "outlets"),
    [
        ("CCS", [(13, None)]),
        ("j-1772", [(2, None)]),
        ("Supercharger", [(6, 1)]),
        ("DC fast", [(3, None), (13, None), (6, 1)]),
        ("GB/T", [(16, None), (17, None)]),
        ("any", []),
        ("Denver", None),
        ("free", None),
        ("CCS near Denver", None),
        ("", None),
    ],
)
def test_one_connector_word_to_outlets(
    word: str, outlets: list[tuple[int, int | None]] | None
) -> None:
    found = outlets_for(word)
    if outlets is None:
        assert found is None
    else:
        assert found is not None
        assert [(int(o.connector), o.power) for o in found] == outlets
