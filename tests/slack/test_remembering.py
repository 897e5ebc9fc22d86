"""What the app remembers, end to end: it survives a restart, stays inside its workspace,
and is deleted when a member asks or the workspace uninstalls the app."""

from __future__ import annotations

from typing import Any

from support.slack import (
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    event_callback,
)
from support.slack_flows import ask_privately, check_in, said

from bot.geo import Place
from bot.state import StoredPlace

TEAM_B = "T0OTHERCO"
PLACE = StoredPlace(
    "Penn Station", Place("Penn Station, New York, NY, USA", 40.7506, -73.9935, country_code="US")
)


def first_card(harness: Harness, answer: dict[str, Any]) -> str:
    """The words of the answer's first card (up to the second location's name)."""
    second = harness.provider.locations[1].name.split(" - ")[0]
    return said(answer).split(second)[0]


def test_settings_places_and_check_ins_survive_a_restart(make_harness: Any, state_url: str) -> None:
    first: Harness = make_harness(state_url=state_url)
    ask_privately(first, "set car CCS")
    ask_privately(first, "save office = Penn Station")
    ask_privately(first, "set channel place Penn Station")
    check_in(first, "Worked at 50 kW")

    # A new app process: a new store on the same database file.
    second: Harness = make_harness(state_url=state_url)
    assert second.store is not first.store
    answer = ask_privately(second, "chargers near office")
    words = said(answer)
    assert "Using your settings: CCS" in words
    assert "Searching near your saved place “office”" in words
    assert "Worked at 50 kW" in first_card(second, answer)
    assert "You named no place" in said(ask_privately(second, "CCS chargers"))
    assert "*office*" in said(ask_privately(second, "places"))


def test_one_workspace_never_sees_anothers_places_settings_or_check_ins(
    remembering: Harness,
) -> None:
    # Team A: a car, a saved place, a channel place and a check-in.
    ask_privately(remembering, "set car CCS")
    ask_privately(remembering, "save office = Penn Station")
    ask_privately(remembering, "set channel place Penn Station")
    check_in(remembering, "Team A only")
    in_a = ask_privately(remembering, "chargers near office")
    assert "Team A only" in first_card(remembering, in_a)
    assert "Using your settings" in said(in_a)

    # Team B: the same user and channel ids, another workspace.
    in_b = ask_privately(remembering, "chargers near office", team=TEAM_B)
    words = said(in_b)
    assert "Team A only" not in words
    assert "in this workspace" not in words
    assert "Using your settings" not in words
    assert "saved place" not in words
    assert "You named no place" not in said(ask_privately(remembering, "CCS chargers", team=TEAM_B))
    assert "no saved places" in said(ask_privately(remembering, "places", team=TEAM_B))
    settings_b = said(ask_privately(remembering, "settings", team=TEAM_B))
    assert "Check-ins: 0" in settings_b and "Saved places: none" in settings_b
    # Team B's own check-in stays in team B.
    check_in(remembering, "Team B only", team=TEAM_B)
    assert "Team B only" not in said(ask_privately(remembering, "chargers near Penn Station"))


def test_forget_me_deletes_a_members_settings_places_and_check_ins(remembering: Harness) -> None:
    ask_privately(remembering, "set units km")
    ask_privately(remembering, "save office = Penn Station")
    check_in(remembering, "Remember this?")
    check_in(remembering, "A colleague's", user="U0COLLEAGUE")
    reply = said(ask_privately(remembering, "forget me"))
    assert "I deleted your settings, 1 saved place and 1 check-in" in reply
    after = said(ask_privately(remembering, "settings"))
    assert "Units: automatic" in after and "Saved places: none" in after
    answer = ask_privately(remembering, "chargers near Penn Station")
    assert "Remember this?" not in said(answer)
    assert "A colleague's" in said(answer)  # only theirs is gone
    assert "nothing stored" in said(ask_privately(remembering, "forget me"))


def seed(harness: Harness, team: str) -> None:
    store = harness.store
    store.set_preferences(team, USER_ID, units="km", home=PLACE)
    store.save_place(team, USER_ID, "office", PLACE)
    store.set_channel_place(team, CHANNEL_ID, PLACE, set_by=USER_ID)
    store.add_checkin(team, data_source="local", location_id=1, user_id=USER_ID,
                      user_name="Dana", rating=1)  # fmt: skip


def kept(harness: Harness, team: str) -> bool:
    store = harness.store
    data = store.about_user(team, USER_ID)
    return bool(
        not data.preferences.is_empty()
        or data.places
        or data.checkins
        or store.get_channel_place(team, CHANNEL_ID)
        or store.list_checkins(team, "local", 1)
    )


def test_uninstalling_deletes_the_workspaces_data_and_only_its(remembering: Harness) -> None:
    seed(remembering, TEAM_ID)
    seed(remembering, TEAM_B)
    response = remembering.server.send(event_callback({"type": "app_uninstalled"}, team=TEAM_ID))
    assert response.status_code == 200
    remembering.settle()
    assert not kept(remembering, TEAM_ID)
    assert kept(remembering, TEAM_B)


def test_a_revoked_bot_token_deletes_the_workspaces_data(remembering: Harness) -> None:
    seed(remembering, TEAM_ID)
    seed(remembering, TEAM_B)
    # Only user tokens revoked: ChargeBot has none, so nothing is deleted.
    users_only = {"type": "tokens_revoked", "tokens": {"oauth": ["U0SOMEONE"], "bot": []}}
    remembering.server.send(event_callback(users_only, team=TEAM_B))
    remembering.settle()
    assert kept(remembering, TEAM_B)

    bot = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0CHARGEBOT"]}}
    assert remembering.server.send(event_callback(bot, team=TEAM_B)).status_code == 200
    remembering.settle()
    assert not kept(remembering, TEAM_B)
    assert kept(remembering, TEAM_ID)
