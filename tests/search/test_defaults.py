"""Personal defaults merged with what a request asked for: the request always wins."""

from __future__ import annotations

import pytest

from bot.geo import Place
from bot.plugshare.enums import Access, Connector, Power
from bot.plugshare.filters import Filters, OutletFilter
from bot.query import parse_query
from bot.search import SearchContext, apply_defaults, personal_context, place_key
from bot.state import Preferences, SavedPlace, StoredPlace

CCS = OutletFilter(connector=Connector.CCS)
J1772 = OutletFilter(connector=Connector.J1772)
SUPERCHARGER = OutletFilter(connector=Connector.TESLA, power=Power.DC)
FERRY = StoredPlace(
    "1 Ferry Building, SF", Place("Ferry Building, San Francisco", 37.7955, -122.3937)
)
DENVER = StoredPlace(
    "Denver Union Station", Place("Denver Union Station, CO", 39.752959, -104.999929)
)
OFFICE = SavedPlace(
    "Office", StoredPlace("1 Market St", Place("1 Market St, SF", 37.7942, -122.3950))
)


def context(**preferences: object) -> SearchContext:
    return personal_context(
        SearchContext(team_id="T1", user_id="U1", channel_id="C1"),
        preferences=Preferences(**preferences),  # type: ignore[arg-type]
        saved_places=[OFFICE],
    )


def test_nothing_stored_changes_nothing() -> None:
    ctx = personal_context(SearchContext(team_id="T1"))
    assert ctx == SearchContext(team_id="T1")
    applied = apply_defaults("Denver", Filters(free_only=True), ctx)
    assert applied.filters == Filters(free_only=True)
    assert applied.place is None and applied.notes == ()


def test_my_connectors_apply_when_the_request_names_none_and_say_so() -> None:
    ctx = context(connectors=(SUPERCHARGER, CCS))
    applied = apply_defaults("Barstow", Filters(radius_m=3000), ctx)
    assert applied.filters == Filters(outlets=[SUPERCHARGER, CCS], radius_m=3000)
    assert applied.filters.to_plugshare_params()["outlets"] == (
        '[{"connector":6,"power":1},{"connector":13}]'
    )
    assert applied.notes == (
        "Using your settings: Tesla Supercharger or CCS. Name a connector to search for others.",
    )


def test_a_connector_in_the_request_wins_over_my_car() -> None:
    applied = apply_defaults("Barstow", Filters(outlets=[J1772]), context(connectors=(CCS,)))
    assert applied.filters == Filters(outlets=[J1772])
    assert applied.notes == ()


def test_free_only_and_public_only_preferences() -> None:
    ctx = context(free_only=True, public_only=True)
    applied = apply_defaults("Denver", Filters(), ctx)
    assert applied.filters == Filters(free_only=True, access=[Access.PUBLIC])
    assert applied.notes == ("Using your settings: free only · public only.",)

    asked = apply_defaults("Denver", Filters(free_only=True, access=[Access.RESIDENTIAL]), ctx)
    assert asked.filters == Filters(free_only=True, access=[Access.RESIDENTIAL])
    assert asked.notes == ()


def test_public_only_off_lists_every_access_type() -> None:
    """So the pipeline's "public unless asked" default does not apply."""
    applied = apply_defaults("Denver", Filters(), context(public_only=False))
    assert applied.filters.access == [Access.PUBLIC, Access.RESTRICTED, Access.RESIDENTIAL]
    assert applied.notes == ()


def test_free_only_off_adds_nothing() -> None:
    assert context(free_only=False).default_filters is None


def test_units_come_from_preferences_unless_given() -> None:
    assert context(units="km").units == "km"
    base = SearchContext(units="mi")
    assert personal_context(base, preferences=Preferences(units="km")).units == "mi"


def test_saved_place_names_become_places() -> None:
    ctx = context(home=FERRY)
    for text in ("office", "Office", "my office", "  the OFFICE?"):
        applied = apply_defaults(text, Filters(), ctx)
        assert applied.place == OFFICE.place.place, text
    assert apply_defaults("office", Filters(), ctx).notes == (
        "Searching near your saved place “office”: 1 Market St, SF.",
    )
    home = apply_defaults("home", Filters(), ctx)
    assert home.place == FERRY.place
    assert home.notes == ("Searching near your home: Ferry Building, San Francisco.",)
    assert apply_defaults("officer training school", Filters(), ctx).place is None


def test_channel_place_is_the_default_place_and_bias() -> None:
    ctx = personal_context(
        SearchContext(channel_id="C1"),
        preferences=Preferences(home=FERRY),
        channel_place=DENVER,
    )
    assert ctx.default_place == DENVER.place
    assert ctx.bias == DENVER.point

    no_place = apply_defaults(None, Filters(), ctx)
    assert no_place.place == DENVER.place
    assert no_place.notes == ("You named no place, so I searched near Denver Union Station, CO.",)
    # A place in the text is geocoded as usual (biased toward the channel's place).
    assert apply_defaults("Union Station", Filters(), ctx).place is None


def test_home_is_the_bias_outside_a_channel_with_a_place() -> None:
    assert context(home=FERRY).bias == FERRY.point
    explicit = personal_context(SearchContext(bias=(1.0, 2.0)), preferences=Preferences(home=FERRY))
    assert explicit.bias == (1.0, 2.0)


def test_values_already_in_the_context_win() -> None:
    chosen = Place(name="Chosen", latitude=1, longitude=2)
    base = SearchContext(default_place=chosen, default_filters=Filters(free_only=True))
    ctx = personal_context(base, preferences=Preferences(connectors=(CCS,)), channel_place=DENVER)
    assert ctx.default_place == chosen
    assert ctx.default_filters == Filters(free_only=True)


def test_place_key() -> None:
    assert place_key("  My   Office! ") == "office"
    assert place_key("“Gym”") == "gym"
    assert place_key("the Mall") == "mall"
    assert place_key("Zürich HB") == "zürich hb"


@pytest.mark.parametrize(
    ("text", "place", "filters", "ignored"),
    [
        # The parser cannot know "home" or "my office"; saved places can.
        ("CCS near home", "home", {"outlets": '[{"connector":13}]'}, ()),
        ("chargers around home, free", "home", {"cost": "false"}, ()),
        (
            "level 2 near my office, free only",
            "office",
            {"outlets": '[{"connector":2}]', "cost": "false"},
            (),
        ),
        ("CCS near office", "office", {"outlets": '[{"connector":13}]'}, ()),
        ("J1772 close to my Office", "office", {"outlets": '[{"connector":2}]'}, ()),
        # Not a saved place: geocoded as usual, ignored words kept for the reply.
        ("CCS near work", None, {"outlets": '[{"connector":13}]'}, ("near work",)),
        ("CCS near Denver", None, {"outlets": '[{"connector":13}]'}, ()),
    ],
)
def test_requests_parsed_by_the_query_parser(
    text: str, place: str | None, filters: dict[str, str], ignored: tuple[str, ...]
) -> None:
    ctx = context(home=FERRY)
    query = parse_query(text)
    applied = apply_defaults(query.place, query.filters, ctx, query.ignored)
    expected = {"home": FERRY.place, "office": OFFICE.place.place, None: None}
    assert applied.place == expected[place]
    assert applied.filters.to_plugshare_params() == filters
    assert applied.ignored == ignored


def test_my_car_with_a_parsed_request() -> None:
    ctx = context(connectors=(CCS, J1772), free_only=True)
    query = parse_query("chargers near Union Station")
    applied = apply_defaults(query.place, query.filters, ctx, query.ignored)
    assert applied.place is None  # "Union Station" is geocoded by the pipeline
    assert applied.filters.to_plugshare_params() == {
        "outlets": '[{"connector":2},{"connector":13}]',
        "cost": "false",
    }
    assert applied.notes == (
        "Using your settings: J1772 or CCS · free only. Name a connector to search for others.",
    )
    asked = parse_query("chademo near Union Station")
    kept = apply_defaults(asked.place, asked.filters, ctx, asked.ignored)
    assert kept.filters.to_plugshare_params() == {"outlets": '[{"connector":3}]', "cost": "false"}
