"""Settings commands through the real app: typed after ``/charge``, in a DM or to a mention,
answered in the same place, and used by the searches that follow."""

from __future__ import annotations

from typing import Any

import pytest
from support.penn import PENN
from support.slack import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    direct_message,
    event_callback,
    mention,
    shown,
    slash_command,
)

from bot.plugshare.enums import Connector
from bot.search.pipeline import SETTINGS_UNAVAILABLE_NOTE
from bot.settings import SETTINGS_HELP
from bot.state import StateUnavailable

_ts = iter(range(1, 1_000_000))


def via_command(harness: Harness, text: str, *, channel: str = CHANNEL_ID) -> dict[str, Any]:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command(text, url, channel=channel))
    assert ack.status_code == 200
    (reply,) = harness.slack.wait_response(url)
    return reply.body


def via_dm(harness: Harness, text: str) -> dict[str, Any]:
    before = len(harness.slack.of("chat.postMessage"))
    harness.server.send(event_callback(direct_message(text, ts=f"1800.{next(_ts):06d}")))
    post = harness.slack.wait_method("chat.postMessage", before + 1)[-1]
    assert post.body["channel"] == DM_CHANNEL_ID
    return post.body


def via_mention(harness: Harness, text: str) -> dict[str, Any]:
    """A settings command in a channel: answered to the member alone, in the mention's
    thread (``chat.postEphemeral``), never to the channel."""
    before = len(harness.slack.of("chat.postEphemeral"))
    ts = f"1900.{next(_ts):06d}"
    harness.server.send(event_callback(mention(text, ts=ts)))
    post = harness.slack.wait_method("chat.postEphemeral", before + 1)[-1]
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["user"] == USER_ID
    assert post.body["thread_ts"] == ts  # in a thread under the mention
    return post.body


SURFACES = {"command": via_command, "dm": via_dm}


def said(message: dict[str, Any]) -> str:
    return shown(message) + "\n" + message.get("text", "")


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_every_settings_command_is_carried_out_and_answered_where_it_was_typed(
    remembering: Harness, surface: str
) -> None:
    ask = SURFACES[surface]
    store = remembering.store

    assert "Saved your car's connectors: *J1772 or CCS*" in said(
        ask(remembering, "set car CCS J1772")
    )
    assert {o.connector for o in store.get_preferences(TEAM_ID, USER_ID).connectors} == {
        Connector.CCS,
        Connector.J1772,
    }
    assert "Cleared your connectors" in said(ask(remembering, "clear car"))
    assert store.get_preferences(TEAM_ID, USER_ID).connectors == ()

    assert "kilometres" in said(ask(remembering, "set units km"))
    assert store.get_preferences(TEAM_ID, USER_ID).units == "km"
    assert "miles" in said(ask(remembering, "set units to mi"))
    assert "automatic again" in said(ask(remembering, "set units auto"))
    assert store.get_preferences(TEAM_ID, USER_ID).units is None

    assert "Free only: *on*" in said(ask(remembering, "set free only on"))
    assert "Free only: *off*" in said(ask(remembering, "set free only off"))
    assert "Public only: *off*" in said(ask(remembering, "set public only off"))
    assert store.get_preferences(TEAM_ID, USER_ID).public_only is False
    assert "Public only: *on*" in said(ask(remembering, "set public only on"))

    assert "Home set to *Penn Station, New York, NY, USA*" in said(
        ask(remembering, "set home 1 Market St, San Francisco")
    )
    home = store.get_preferences(TEAM_ID, USER_ID).home
    assert home is not None and home.point == (PENN.latitude, PENN.longitude)
    assert "Cleared your home place" in said(ask(remembering, "clear home"))

    assert "Saved *office*" in said(ask(remembering, "save office = 1 Market St, San Francisco"))
    assert "*office*" in said(ask(remembering, "places"))
    assert "Deleted your saved place *office*" in said(ask(remembering, "delete place office"))
    assert "no saved places" in said(ask(remembering, "places"))

    channel_reply = said(ask(remembering, "set channel place Penn Station"))
    assert "channel's place is now" in channel_reply
    channel = CHANNEL_ID if surface == "command" else DM_CHANNEL_ID
    assert store.get_channel_place(TEAM_ID, channel) is not None
    assert "Cleared this channel's place" in said(ask(remembering, "clear channel place"))

    ask(remembering, "set units km")
    settings = said(ask(remembering, "settings"))
    assert "*Your settings*" in settings and "Units: km" in settings
    assert "Cleared your settings" in said(ask(remembering, "clear settings"))
    assert store.get_preferences(TEAM_ID, USER_ID).is_empty()

    ask(remembering, "save gym = Penn Station")
    assert "I deleted 1 saved place" in said(ask(remembering, "forget me"))
    assert store.list_places(TEAM_ID, USER_ID) == []

    invalid = said(ask(remembering, "set units furlongs"))
    assert "Units are `km`, `mi` or `auto`" in invalid

    assert remembering.provider.calls == []  # no settings command searched


def test_a_settings_command_in_a_mention_is_answered_in_its_thread(remembering: Harness) -> None:
    reply = via_mention(remembering, "set channel place Penn Station")
    assert "This channel's place is now *Penn Station" in said(reply)
    assert remembering.store.get_channel_place(TEAM_ID, CHANNEL_ID) is not None


def test_settings_in_a_channel_are_shown_to_the_member_alone(remembering: Harness) -> None:
    via_mention(remembering, "set home Penn Station")
    settings = said(via_mention(remembering, "settings"))
    assert "*Your settings*" in settings and "Penn Station" in settings
    assert "places" in said(via_mention(remembering, "places"))
    # Nothing of it was posted to the channel.
    assert remembering.slack.of("chat.postMessage") == []


def test_a_slash_settings_command_is_acked_empty_and_answered_privately(
    remembering: Harness,
) -> None:
    url = remembering.slack.response_url()
    ack = remembering.server.send(slash_command("set units km", url))
    assert ack.status_code == 200
    assert "Looking for" not in ack.text
    (reply,) = remembering.slack.wait_response(url)
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body["replace_original"] is False


def test_searches_use_the_defaults_the_commands_set(remembering: Harness) -> None:
    via_command(remembering, "set car CCS")
    via_command(remembering, "save office = Penn Station, New York")
    queries = list(remembering.resolver.queries)
    answer = said(via_command(remembering, "chargers near office"))
    assert remembering.resolver.queries == queries  # the saved place needs no geocoding
    assert "Using your settings: CCS" in answer
    assert "Searching near your saved place “office”" in answer
    ccs = {
        location.name
        for location in remembering.provider.locations
        if any(outlet.connector is Connector.CCS for outlet in location.outlets)
    }
    others = [loc.name for loc in remembering.provider.locations if loc.name not in ccs]
    assert others[0] not in answer
    # A request that names a connector overrides the car.
    assert "Using your settings" not in said(via_command(remembering, "J1772 near office"))


def test_a_channel_place_is_the_default_place_there(remembering: Harness) -> None:
    via_command(remembering, "set channel place Penn Station")
    answer = said(via_command(remembering, "CCS chargers"))
    assert "You named no place, so I searched near Penn Station" in answer
    # In another channel nothing was set: no place, no search.
    elsewhere = said(via_command(remembering, "CCS chargers", channel="C0OTHER"))
    assert "You named no place" not in elsewhere


def test_help_lists_the_settings_commands(remembering: Harness) -> None:
    help_text = said(via_command(remembering, "help"))
    assert "set car CCS J1772" in help_text
    assert SETTINGS_HELP.split("\n")[0] in help_text


def test_without_a_store_settings_commands_say_so_and_help_does_not_offer_them(
    harness: Harness,
) -> None:
    reply = said(via_command(harness, "set units km"))
    assert "doesn't keep settings" in reply
    assert "set car CCS J1772" not in said(via_command(harness, "help"))


def test_a_database_that_is_down_gets_a_clear_reply_and_searches_still_work(
    make_harness: Any, tmp_path: Any
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database, just bytes " * 200)
    harness: Harness = make_harness(state_url=f"sqlite:///{garbage}")

    assert StateUnavailable.user_message in said(via_command(harness, "set units km"))
    assert StateUnavailable.user_message in said(via_dm(harness, "save office = Penn Station"))

    answer = via_command(harness, "chargers near Penn Station")
    words = said(answer)
    assert harness.provider.locations[0].name.split(" - ")[0] in words
    assert SETTINGS_UNAVAILABLE_NOTE in words
    assert "Check in" in words  # the cards still offer it (saving says if it fails)
