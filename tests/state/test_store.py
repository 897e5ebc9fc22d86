"""Every StateStore operation, on SQLite and PostgreSQL, as the listeners will call them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.geo.place import Place, PlaceKind
from bot.plugshare.enums import Access, Connector, Power, Problem, ReviewRating
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import WORKSPACE_SOURCE, Location, Review, User
from bot.search import merge_reviews, search_context
from bot.search.checkins import as_review
from bot.settings import refusal
from bot.state import (
    MAX_SAVED_PLACES,
    InvalidSetting,
    Preferences,
    StateStore,
    StoredPlace,
)

CCS = OutletFilter(connector=Connector.CCS)
J1772 = OutletFilter(connector=Connector.J1772)
SUPERCHARGER = OutletFilter(connector=Connector.TESLA, power=Power.DC)

DENVER = StoredPlace(
    "Denver Union Station",
    Place("Denver Union Station, Denver, CO, USA", 39.752959, -104.999929, country_code="US"),
)
CHICAGO = StoredPlace(
    "Chicago Union Station",
    Place("Chicago Union Station, Chicago, IL, USA", 41.878684, -87.639443, country_code="us"),
)
FERRY = StoredPlace(
    "1 Ferry Building, San Francisco",
    Place("Ferry Building", 37.7955, -122.3937, country_code="US"),
)
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@contextmanager
def refused(match: str) -> Iterator[None]:
    """The store refuses the value (a typed InvalidSetting), and the reply a person gets
    for it (``bot.settings.refusal``) says ``match``."""
    with pytest.raises(InvalidSetting) as raised:
        yield
    assert re.search(match, refusal(raised.value))


def checkin(store: StateStore, team: str = "T1", **overrides: object) -> object:
    values: dict[str, object] = {
        "data_source": "local",
        "location_id": 1001,
        "user_id": "U1",
        "user_name": "Ana",
        "rating": ReviewRating.POSITIVE,
    }
    values.update(overrides)
    return store.add_checkin(team, **values)  # type: ignore[arg-type]


# --- preferences ---------------------------------------------------------------------------


def test_preferences_start_empty(store: StateStore) -> None:
    assert store.get_preferences("T1", "U1") == Preferences()
    assert store.get_preferences("T1", "U1").is_empty()


def test_set_preferences_changes_only_what_is_given(store: StateStore) -> None:
    store.set_preferences("T1", "U1", connectors=[J1772, CCS], units="km")
    after = store.set_preferences("T1", "U1", free_only=True, home=DENVER)

    assert after.connectors == (J1772, CCS)  # canonical order: by connector id
    assert after.units == "km"
    assert after.free_only is True
    assert after.public_only is None
    assert after.home == DENVER
    assert store.get_preferences("T1", "U1") == after


def test_none_clears_one_preference(store: StateStore) -> None:
    store.set_preferences("T1", "U1", connectors=[CCS], units="mi", home=DENVER)
    after = store.set_preferences("T1", "U1", connectors=None, home=None)
    assert after == Preferences(units="mi")


def test_home_keeps_the_geocoded_point_and_normalizes_country(store: StateStore) -> None:
    home = store.set_preferences("T1", "U1", home=CHICAGO).home
    assert home is not None
    assert (home.latitude, home.longitude) == (41.878684, -87.639443)
    assert home.country_code == "US"
    assert home.kind is PlaceKind.ADDRESS


def test_supercharger_descriptor_round_trips(store: StateStore) -> None:
    prefs = store.set_preferences("T1", "U1", connectors=[SUPERCHARGER, SUPERCHARGER])
    assert prefs.connectors == (SUPERCHARGER,)
    assert [o.to_plugshare() for o in prefs.connectors] == [{"connector": 6, "power": 1}]


def test_bad_units_are_refused_with_a_hint(store: StateStore) -> None:
    with refused(match="set units km"):
        store.set_preferences("T1", "U1", units="furlongs")  # type: ignore[arg-type]


def test_clear_preferences(store: StateStore) -> None:
    assert store.clear_preferences("T1", "U1") is False
    store.set_preferences("T1", "U1", units="km")
    store.save_place("T1", "U1", "office", FERRY)
    assert store.clear_preferences("T1", "U1") is True
    assert store.get_preferences("T1", "U1") == Preferences()
    assert [p.name for p in store.list_places("T1", "U1")] == ["office"]


# --- saved places --------------------------------------------------------------------------


def test_save_list_get_delete_places(store: StateStore) -> None:
    saved = store.save_place("T1", "U1", "  Office ", FERRY)
    store.save_place("T1", "U1", "gym", DENVER)

    assert saved.name == "Office"
    assert saved.place == FERRY
    assert [p.name for p in store.list_places("T1", "U1")] == ["gym", "Office"]
    found = store.get_place("T1", "U1", "OFFICE")
    assert found is not None and found.place.name == "Ferry Building"
    assert store.delete_place("T1", "U1", "office") is True
    assert store.delete_place("T1", "U1", "office") is False
    assert [p.name for p in store.list_places("T1", "U1")] == ["gym"]


def test_saving_a_name_again_replaces_the_place(store: StateStore) -> None:
    store.save_place("T1", "U1", "office", FERRY)
    store.save_place("T1", "U1", "Office", DENVER)
    places = store.list_places("T1", "U1")
    assert len(places) == 1
    assert places[0].name == "Office"
    assert places[0].place == DENVER


def test_saved_place_names_are_checked(store: StateStore) -> None:
    with refused(match="set home"):
        store.save_place("T1", "U1", "Home", FERRY)
    with refused(match="characters at most"):
        store.save_place("T1", "U1", "x" * 41, FERRY)
    with refused(match="name"):
        store.save_place("T1", "U1", " ?! ", FERRY)
    assert store.list_places("T1", "U1") == []


def test_saved_places_are_limited_per_user(store: StateStore) -> None:
    for i in range(MAX_SAVED_PLACES):
        store.save_place("T1", "U1", f"place {i}", FERRY)
    with refused(match="Delete one"):
        store.save_place("T1", "U1", "one more", FERRY)
    # Replacing an existing one is still allowed, and other users have their own quota.
    store.save_place("T1", "U1", "place 0", DENVER)
    store.save_place("T1", "U2", "one more", FERRY)
    assert len(store.list_places("T1", "U1")) == MAX_SAVED_PLACES


def test_place_text_too_long_is_refused(store: StateStore) -> None:
    long_place = StoredPlace("a" * 501, Place("A", 1.0, 2.0))
    with refused(match="too long"):
        store.save_place("T1", "U1", "far", long_place)


# --- channel places ------------------------------------------------------------------------


def test_channel_place_set_get_clear(store: StateStore) -> None:
    assert store.get_channel_place("T1", "C1") is None
    store.set_channel_place("T1", "C1", CHICAGO, set_by="U1")
    store.set_channel_place("T1", "C1", DENVER, set_by="U2")

    found = store.get_channel_place("T1", "C1")
    assert found is not None
    assert found.place == DENVER
    assert found.set_by == "U2"
    assert store.get_channel_place("T1", "C2") is None
    assert store.clear_channel_place("T1", "C1") is True
    assert store.clear_channel_place("T1", "C1") is False
    assert store.get_channel_place("T1", "C1") is None


# --- check-ins -----------------------------------------------------------------------------


def test_add_checkin_keeps_plugshare_vocabulary(store: StateStore) -> None:
    leaving = T0 + timedelta(minutes=45)
    added = store.add_checkin(
        "T1",
        data_source="plugshare",
        location_id=123456,
        user_id="U1",
        user_name="  Ana  ",
        rating=-1,
        problem=3,
        comment="  Blocked by an ICE car  ",
        finished_at=leaving,
        kilowatts=50,
        created_at=T0,
    )
    assert added.id > 0
    assert added.rating is ReviewRating.PROBLEM
    assert added.problem is Problem.BLOCKED
    assert added.comment == "Blocked by an ICE car"
    assert added.user_name == "Ana"
    assert added.kilowatts == 50.0

    [stored] = store.list_checkins("T1", "plugshare", 123456)
    assert stored == added
    assert stored.created_at == T0 and stored.created_at.tzinfo is not None
    assert stored.finished_at == leaving


def test_checkin_times_come_back_in_utc(store: StateStore) -> None:
    denver_time = datetime(2025, 3, 1, 5, 0, tzinfo=UTC).astimezone(
        datetime.now().astimezone().tzinfo
    )
    checkin(store, created_at=denver_time)
    [stored] = store.list_checkins("T1", "local", 1001)
    assert stored.created_at == datetime(2025, 3, 1, 5, 0, tzinfo=UTC)
    assert stored.created_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rating": 2}, "charged, tip or problem"),
        ({"rating": 1, "problem": 1}, "problem"),
        ({"rating": -1, "problem": 9}, "problem types"),
        ({"kilowatts": 0}, "kW"),
        ({"kilowatts": 5000}, "kW"),
        ({"kilowatts": float("nan")}, "kW"),
        ({"comment": "x" * 2001}, "2,000"),
    ],
)
def test_bad_checkins_are_refused(store: StateStore, overrides: dict, message: str) -> None:
    with refused(match=message):
        checkin(store, **overrides)
    assert store.list_checkins("T1", "local", 1001) == []


def test_list_checkins_newest_first_per_location_and_source(store: StateStore) -> None:
    for hours in (1, 3, 2):
        checkin(store, created_at=T0 + timedelta(hours=hours), comment=f"{hours}h")
    checkin(store, location_id=2002, created_at=T0)
    checkin(store, data_source="plugshare", created_at=T0)

    listed = store.list_checkins("T1", "local", 1001)
    assert [c.comment for c in listed] == ["3h", "2h", "1h"]
    assert [c.comment for c in store.list_checkins("T1", "local", 1001, limit=2)] == ["3h", "2h"]
    assert len(store.list_checkins("T1", "plugshare", 1001)) == 1


def test_recent_checkins_for_a_page_of_cards(store: StateStore) -> None:
    for i in range(5):
        checkin(store, location_id=1, created_at=T0 + timedelta(minutes=i), comment=f"a{i}")
    checkin(store, location_id=2, created_at=T0, comment="b0")
    checkin(store, location_id=4, created_at=T0, comment="not asked for")

    recent = store.recent_checkins("T1", "local", [1, 2, 3], per_location=3)
    assert set(recent) == {1, 2, 3}
    assert [c.comment for c in recent[1]] == ["a4", "a3", "a2"]
    assert [c.comment for c in recent[2]] == ["b0"]
    assert recent[3] == []
    assert store.recent_checkins("T1", "local", []) == {}


def test_same_time_checkins_order_by_newest_id(store: StateStore) -> None:
    first = checkin(store, created_at=T0)
    second = checkin(store, created_at=T0)
    listed = store.list_checkins("T1", "local", 1001)
    assert [c.id for c in listed] == [second.id, first.id]  # type: ignore[attr-defined]


def test_members_delete_only_their_own_checkins(store: StateStore) -> None:
    mine = checkin(store, user_id="U1")
    theirs = checkin(store, user_id="U2")

    assert store.delete_checkin("T1", "U1", theirs.id) is False  # type: ignore[attr-defined]
    assert store.delete_checkin("T2", "U1", mine.id) is False  # type: ignore[attr-defined]
    assert store.delete_checkin("T1", "U1", mine.id) is True  # type: ignore[attr-defined]
    assert store.delete_checkin("T1", "U1", mine.id) is False  # type: ignore[attr-defined]
    assert [c.user_id for c in store.list_checkins("T1", "local", 1001)] == ["U2"]


def test_deleted_checkin_ids_are_not_reused(store: StateStore) -> None:
    first = checkin(store)
    store.delete_checkin("T1", "U1", first.id)  # type: ignore[attr-defined]
    second = checkin(store)
    assert second.id > first.id  # type: ignore[attr-defined]


def test_checkins_become_reviews_marked_with_their_source(store: StateStore) -> None:
    added = checkin(
        store,
        rating=-1,
        problem=Problem.IN_USE,
        comment="<!channel> both stalls taken",
        created_at=T0,
        finished_at=T0 + timedelta(minutes=30),
        kilowatts=7.2,
    )
    review = as_review(added)  # type: ignore[arg-type]
    assert review.source == WORKSPACE_SOURCE
    assert review.rating is ReviewRating.PROBLEM
    assert review.problem is Problem.IN_USE
    assert review.user == User(first_name="Ana")
    assert review.finished == T0 + timedelta(minutes=30)
    assert review.kilowatts == 7.2
    # ChargeBot's own field never leaks into PlugShare's JSON shape.
    data = review.to_plugshare_json()
    assert "source" not in data
    assert data["rating"] == -1 and data["problem"] == 2
    assert data["created_at"] == "2025-03-01T12:00:00Z"
    location = Location(id=1, name="x", latitude=0, longitude=0, reviews=[review])
    assert "source" not in location.to_plugshare_json()["reviews"][0]


def test_merge_reviews_newest_first_across_sources(store: StateStore) -> None:
    plugshare = [
        Review(rating=1, created_at="2025-03-01T13:00:00Z", comment="ps new"),
        Review(rating=0, created_at="2025-02-01T00:00:00Z", comment="ps old"),
        Review(rating=0, comment="undated"),
    ]
    checkin(store, created_at=T0, comment="ws noon")
    checkin(store, created_at=T0 + timedelta(hours=5), comment="ws evening")
    workspace = [as_review(c) for c in store.list_checkins("T1", "local", 1001)]

    merged = merge_reviews(plugshare, workspace)
    assert [r.comment for r in merged] == ["ws evening", "ps new", "ws noon", "ps old", "undated"]
    assert [r.source for r in merged][:2] == [WORKSPACE_SOURCE, None]
    assert [r.comment for r in merge_reviews(plugshare, workspace, limit=3)] == [
        "ws evening",
        "ps new",
        "ws noon",
    ]


# --- scoping -------------------------------------------------------------------------------


def test_team_a_never_sees_team_b(store: StateStore) -> None:
    store.set_preferences("TA", "U1", units="km", home=DENVER)
    store.save_place("TA", "U1", "office", FERRY)
    store.set_channel_place("TA", "C1", DENVER, set_by="U1")
    checkin(store, team="TA", location_id=7)

    # Same user id, channel id and location id in another workspace: nothing shows.
    assert store.get_preferences("TB", "U1") == Preferences()
    assert store.list_places("TB", "U1") == []
    assert store.get_place("TB", "U1", "office") is None
    assert store.get_channel_place("TB", "C1") is None
    assert store.list_checkins("TB", "local", 7) == []
    assert store.recent_checkins("TB", "local", [7]) == {7: []}
    assert store.delete_place("TB", "U1", "office") is False
    assert store.clear_channel_place("TB", "C1") is False
    about = store.about_user("TB", "U1")
    assert about.places == () and about.checkins == () and about.preferences.is_empty()

    # Writes in B leave A alone.
    store.save_place("TB", "U1", "office", CHICAGO)
    assert store.get_place("TA", "U1", "office").place == FERRY  # type: ignore[union-attr]
    assert store.forget_user("TB", "U1").places == 1
    assert store.delete_team("TB").total == 0
    assert len(store.list_checkins("TA", "local", 7)) == 1
    assert store.get_preferences("TA", "U1").units == "km"


def test_users_in_one_team_are_separate(store: StateStore) -> None:
    store.set_preferences("T1", "U1", units="km")
    store.save_place("T1", "U1", "office", FERRY)
    assert store.get_preferences("T1", "U2") == Preferences()
    assert store.list_places("T1", "U2") == []


# --- people and workspaces -----------------------------------------------------------------


def test_about_user_shows_everything_stored(store: StateStore) -> None:
    store.set_preferences("T1", "U1", connectors=[CCS], free_only=True)
    store.save_place("T1", "U1", "office", FERRY)
    store.set_channel_place("T1", "C9", DENVER, set_by="U1")
    checkin(store, created_at=T0)
    checkin(store, user_id="U2", created_at=T0)

    about = store.about_user("T1", "U1")
    assert about.preferences.connectors == (CCS,)
    assert [p.name for p in about.places] == ["office"]
    assert [c.user_id for c in about.checkins] == ["U1"]
    assert [c.channel_id for c in about.channel_places_set] == ["C9"]


def test_forget_user_deletes_everything_about_them(store: StateStore) -> None:
    store.set_preferences("T1", "U1", connectors=[CCS], home=DENVER)
    store.save_place("T1", "U1", "office", FERRY)
    store.save_place("T1", "U1", "gym", CHICAGO)
    store.set_channel_place("T1", "C1", DENVER, set_by="U1")
    checkin(store, user_id="U1")
    checkin(store, user_id="U1", location_id=5)
    checkin(store, user_id="U2")
    store.set_preferences("T1", "U2", units="km")

    forgotten = store.forget_user("T1", "U1")
    assert forgotten.preferences is True
    assert (forgotten.places, forgotten.checkins, forgotten.channel_places_unattributed) == (
        2,
        2,
        1,
    )
    about = store.about_user("T1", "U1")
    assert about.preferences.is_empty() and about.places == () and about.checkins == ()
    assert about.channel_places_set == ()
    # The channel keeps its place; other members keep their data.
    channel = store.get_channel_place("T1", "C1")
    assert channel is not None and channel.set_by is None and channel.place == DENVER
    assert [c.user_id for c in store.list_checkins("T1", "local", 1001)] == ["U2"]
    assert store.get_preferences("T1", "U2").units == "km"
    assert store.forget_user("T1", "U1").anything is False


def _installation(team: str, user: str = "UADMIN") -> Installation:
    return Installation(
        app_id="A1",
        enterprise_id=None,
        team_id=team,
        team_name=f"Team {team}",
        bot_token=f"xoxb-{team}-secret",
        bot_id="B1",
        bot_user_id="UBOT",
        bot_scopes=["commands", "chat:write"],
        user_id=user,
        installed_at=T0.timestamp(),
    )


def test_installations_live_in_the_same_database(store: StateStore) -> None:
    installations = store.installation_store(client_id="111.222")
    installations.save(_installation("T1"))

    found = installations.find_installation(enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == "xoxb-T1-secret"
    bot = installations.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_user_id == "UBOT"

    states = store.oauth_state_store(expiration_seconds=300)
    state = states.issue()
    assert states.consume(state) is True
    assert states.consume(state) is False


def test_delete_team_removes_all_workspace_data_and_installations(store: StateStore) -> None:
    installations = store.installation_store(client_id="111.222")
    for team in ("T1", "T2"):
        installations.save(_installation(team))
        store.set_preferences(team, "U1", units="km")
        store.save_place(team, "U1", "office", FERRY)
        store.set_channel_place(team, "C1", DENVER, set_by="U1")
        checkin(store, team=team)

    deleted = store.delete_team("T1")
    assert deleted.rows == {
        "user_preferences": 1,
        "saved_places": 1,
        "channel_places": 1,
        "checkins": 1,
        "slack_bots": 1,
        "slack_installations": 1,
    }
    assert installations.find_installation(enterprise_id=None, team_id="T1") is None
    assert installations.find_bot(enterprise_id=None, team_id="T1") is None
    assert store.get_preferences("T1", "U1").is_empty()
    assert store.list_checkins("T1", "local", 1001) == []
    # The other workspace is untouched.
    assert installations.find_installation(enterprise_id=None, team_id="T2") is not None
    assert store.get_preferences("T2", "U1").units == "km"
    assert len(store.list_checkins("T2", "local", 1001)) == 1
    assert store.delete_team("T1").total == 0


def test_everything_persists_across_a_restart(database_url: str) -> None:
    first = StateStore(database_url)
    first.set_preferences("T1", "U1", connectors=[CCS], units="km", home=DENVER)
    first.save_place("T1", "U1", "office", FERRY)
    first.set_channel_place("T1", "C1", CHICAGO, set_by="U1")
    added = checkin(first, created_at=T0)
    first.installation_store("111.222").save(_installation("T1"))
    first.close()

    second = StateStore(database_url)  # a new engine on the same database
    assert second.get_preferences("T1", "U1") == Preferences(
        connectors=(CCS,), units="km", home=DENVER
    )
    assert second.get_place("T1", "U1", "office").place == FERRY  # type: ignore[union-attr]
    assert second.get_channel_place("T1", "C1").place.name == CHICAGO.name  # type: ignore[union-attr]
    assert second.list_checkins("T1", "local", 1001) == [added]
    found = second.installation_store("111.222").find_installation(enterprise_id=None, team_id="T1")
    assert found is not None and found.team_name == "Team T1"
    second.close()


# --- search context ------------------------------------------------------------------------


def test_search_context_carries_the_users_defaults(store: StateStore) -> None:
    store.set_preferences(
        "T1", "U1", connectors=[CCS], units="km", free_only=True, public_only=True, home=FERRY
    )
    store.save_place("T1", "U1", "My Gym", CHICAGO)
    store.set_channel_place("T1", "C1", DENVER, set_by="U2")

    in_channel = search_context(store, "T1", "U1", "C1")
    assert in_channel.team_id == "T1" and in_channel.channel_id == "C1"
    assert in_channel.units == "km"
    assert in_channel.default_filters == Filters(
        outlets=[CCS], free_only=True, access=[Access.PUBLIC]
    )
    assert in_channel.default_place == DENVER.place
    assert in_channel.bias == DENVER.point
    assert set(in_channel.saved_places) == {"home", "gym"}
    assert in_channel.saved_places["gym"].name == CHICAGO.name

    in_dm = search_context(store, "T1", "U1", "D1")
    assert in_dm.default_place is None
    assert in_dm.bias == FERRY.point

    stranger = search_context(store, "T1", "U9", None)
    assert stranger.default_filters is None and stranger.saved_places == {}
    assert stranger.bias is None and stranger.units is None
