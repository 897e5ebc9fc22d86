"""Settings commands carried out against a real store, places resolved by a geocoder at the
edge of the process (real station names and coordinates from ../shared/data/places)."""

from __future__ import annotations

import pytest

from bot.geo import Place
from bot.plugshare.enums import Connector
from bot.plugshare.filters import OutletFilter
from bot.search import search_context
from bot.settings import parse_command, run_command
from bot.state import MAX_SAVED_PLACES, StateStore

DENVER = (39.752959, -104.999929)
CHICAGO = (41.878684, -87.639443)


@pytest.fixture
def say(store: StateStore, resolver: object):  # type: ignore[no-untyped-def]
    def run(text: str, user: str = "U1", channel: str | None = "C1", team: str = "T1") -> str:
        command = parse_command(text)
        assert command is not None, text
        return run_command(
            command,
            store,
            resolver,  # type: ignore[arg-type]
            team_id=team,
            user_id=user,
            channel_id=channel,
        )

    return run


def test_set_car_and_units_and_switches(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    reply = say("set car CCS J1772")
    assert "*J1772 or CCS*" in reply
    assert say("set units km") == "Distances will be in kilometres."
    assert "on" in say("set free only on")
    assert "restricted" in say("set public only off")

    prefs = store.get_preferences("T1", "U1")
    assert prefs.connectors == (
        OutletFilter(connector=Connector.J1772),
        OutletFilter(connector=Connector.CCS),
    )
    assert (prefs.units, prefs.free_only, prefs.public_only) == ("km", True, False)

    assert "every connector" in say("clear car")
    assert "automatic" in say("set units auto")
    assert store.get_preferences("T1", "U1").connectors == ()
    assert store.get_preferences("T1", "U1").units is None


def test_set_home_is_geocoded_once(store: StateStore, resolver, say) -> None:  # type: ignore[no-untyped-def]
    reply = say("set home Denver Union Station")
    assert "Home set to *Denver Union Station, Denver, CO, USA*" in reply
    home = store.get_preferences("T1", "U1").home
    assert home is not None
    assert home.point == DENVER
    assert home.text == "Denver Union Station"
    assert len(resolver.calls) == 1
    # Reading it back never geocodes again.
    search_context(store, "T1", "U1", "C1")
    assert len(resolver.calls) == 1

    assert say("clear home") == "Cleared your home place."
    assert say("clear home") == "You had no home place set."


def test_an_ambiguous_place_lists_candidates_and_saves_nothing(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    reply = say("save office = Union Station")
    assert "could be several places" in reply
    assert "Chicago Union Station, Chicago, IL, USA" in reply
    assert store.list_places("T1", "U1") == []


def test_home_biases_ambiguous_places(store: StateStore, resolver, say) -> None:  # type: ignore[no-untyped-def]
    say("set home Chicago Union Station", channel=None)
    reply = say("save station = Union Station", channel=None)
    assert "Saved *station*: Chicago Union Station" in reply
    assert resolver.calls[-1] == ("Union Station", CHICAGO)


def test_the_channel_place_biases_before_home(store: StateStore, resolver, say) -> None:  # type: ignore[no-untyped-def]
    say("set home Chicago Union Station")
    say("set channel place Denver Union Station")
    reply = say("save meetup = Union Station")
    assert "Denver Union Station" in reply
    assert resolver.calls[-1][1] == DENVER


def test_place_not_found_and_geocoder_down(store: StateStore, resolver, say) -> None:  # type: ignore[no-untyped-def]
    assert "I couldn't find “Atlantis”" in say("set home Atlantis")
    resolver.available = False
    assert "can't look places up right now" in say("set home Denver Union Station")
    assert store.get_preferences("T1", "U1").home is None


def test_save_list_and_delete_places(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    reply = say("save office = Denver Union Station")
    assert reply.startswith("Saved *office*: Denver Union Station, Denver, CO, USA.")
    assert "`/charge CCS near office`" in reply
    say("save Gym = Sacramento station")

    listing = say("places")
    assert "• *Gym*: Sacramento, California Amtrak station, USA" in listing
    assert "• *office*: Denver Union Station" in listing
    assert listing.index("Gym") < listing.index("office")

    assert say("delete place OFFICE") == "Deleted your saved place *OFFICE*."
    missing = say("delete place office")
    assert "no saved place called “office”" in missing and "*Gym*" in missing
    say("forget place gym")
    assert "no saved places yet" in say("my places")


def test_saved_place_rules_reach_the_user(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    assert "set home" in say("save home = Denver Union Station")
    for i in range(MAX_SAVED_PLACES):
        store.save_place("T1", "U1", f"p{i}", store_place())
    assert "Delete one" in say("save one more = Denver Union Station")


def store_place():  # type: ignore[no-untyped-def]
    from bot.state import StoredPlace

    return StoredPlace(
        "Denver Union Station", Place("Denver Union Station", *DENVER, country_code="US")
    )


def test_channel_place_commands(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    reply = say("set channel place Denver Union Station", channel="C42")
    assert "This channel's place is now *Denver Union Station, Denver, CO, USA*" in reply
    found = store.get_channel_place("T1", "C42")
    assert found is not None and found.set_by == "U1" and found.place.point == DENVER

    context = search_context(store, "T1", "U2", "C42")
    assert context.default_place is not None and context.default_place.name.startswith("Denver")

    assert say("clear channel place", channel="C42") == "Cleared this channel's place."
    assert say("clear channel place", channel="C42") == "This channel has no place set."
    assert "type this in the channel" in say("set channel place Denver Union Station", channel=None)


def test_settings_shows_everything_and_forget_me_deletes_it(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    say("set car Tesla Supercharger")
    say("set home Denver Union Station")
    say("save office = Chicago Union Station")
    say("set channel place Denver Union Station", channel="C0123ABCD")
    store.add_checkin(
        "T1", data_source="local", location_id=1, user_id="U1", user_name="Ana", rating=1
    )

    shown = say("settings")
    assert "• Car: Tesla Supercharger" in shown
    assert "• Units: automatic" in shown
    assert "• Home: Denver Union Station, Denver, CO, USA" in shown
    assert "• Saved places: *office*" in shown
    assert "• Check-ins: 1 in this workspace" in shown
    assert "• Channel places you set: <#C0123ABCD>" in shown
    assert "forget me" in shown

    reply = say("forget me")
    assert reply.startswith("Done: I deleted your settings, 1 saved place and 1 check-in.")
    assert "1 channel place you set stay" in reply
    assert say("forget me") == "I had nothing stored about you in this workspace."
    assert "• Car: not set" in say("settings")


def test_clear_settings_keeps_places(store: StateStore, say) -> None:  # type: ignore[no-untyped-def]
    assert say("clear settings") == "You had no settings to clear."
    say("set units km")
    say("save office = Denver Union Station")
    assert "saved places are kept" in say("clear settings")
    assert store.get_preferences("T1", "U1").is_empty()
    assert len(store.list_places("T1", "U1")) == 1


def test_replies_escape_user_and_geocoder_text(store: StateStore, resolver, say) -> None:  # type: ignore[no-untyped-def]
    from bot.geo.place import Place, PlaceKind

    resolver.places["evil"] = [
        Place("<!here> *Evil* <http://x|y>", 1.0, 2.0, PlaceKind.CITY, "test", "US")
    ]
    reply = say("save <@U999> = evil")
    for raw in ("<!here>", "<@U999>", "<http://x|y>", "*Evil*"):
        assert raw not in reply
    assert "&lt;!here&gt;" in reply and "&lt;@U999&gt;" in reply
    assert "&lt;@U999&gt;" in say("places")


def test_invalid_commands_reply_with_their_hint(say) -> None:  # type: ignore[no-untyped-def]
    assert "`km`, `mi` or `auto`" in say("set units parsecs")


def test_with_the_real_geocoder_over_loopback_nominatim(store: StateStore, nominatim) -> None:  # type: ignore[no-untyped-def]
    """The app's own resolver (geopy's Nominatim against the loopback server)."""
    from bot.config import load_settings
    from bot.geo import build_resolver

    geocoder = build_resolver(load_settings(nominatim_url=nominatim.url, geocoder_min_delay=0))
    try:

        def say(text: str) -> str:
            command = parse_command(text)
            assert command is not None
            return run_command(command, store, geocoder, team_id="T1", user_id="U1")

        assert "Home set to" in say("set home 1 Market St, San Francisco")
        home = store.get_preferences("T1", "U1").home
        assert home is not None
        assert home.country_code == "US"
        assert abs(home.latitude - 37.794) < 0.01 and abs(home.longitude + 122.395) < 0.01
        searches = nominatim.search_count

        # "Union Station" alone is 15 places: home (San Francisco) picks the nearest.
        assert "Saved *meetup*: Los Angeles Union Station" in say("save meetup = Union Station")
        assert "Saved *meetup*: " in say("save meetup = Union Station, Denver")
        meetup = store.get_place("T1", "U1", "meetup")
        assert meetup is not None and abs(meetup.place.latitude - 39.753) < 0.01

        # Stored places are never geocoded again.
        before = nominatim.search_count
        search_context(store, "T1", "U1", None)
        say("places")
        assert nominatim.search_count == before > searches
    finally:
        geocoder.close()
