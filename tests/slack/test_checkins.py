"""Workspace check-ins through the real app: the "Check in" modal, what cards show after,
the check-ins list with Delete on one's own, and the store's refusal of anyone else's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from support.penn import HOSTILE_COMMENT
from support.slack import (
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    block_actions,
    button,
    buttons,
    event_callback,
    mention,
    shown,
    view_action,
)
from support.slack_flows import (
    ask_privately,
    form_values,
    latest_view,
    open_checkin_form,
    submit_checkin,
    updates_of,
)
from support.slack_flows import (
    check_in as check_in_through_the_modal,
)

from bot.plugshare.enums import Problem, ReviewRating
from bot.render.actions import CHECK_IN, DELETE_CHECKIN, SHOW_CHECKINS
from bot.render.checkin_form import (
    CALLBACK_ID,
    COMMENT_BLOCK,
    KW_BLOCK,
    LEAVING_BLOCK,
    OUTCOME_BLOCK,
    PROBLEM_BLOCK,
)
from bot.slack.checkins import NO_TIMEZONE
from bot.state import StateUnavailable

OTHER_USER = "U0OTHER"
LOS_ANGELES = "America/Los_Angeles"


@pytest.fixture
def members(remembering: Harness) -> Harness:
    """Slack knows the driver (in Los Angeles) and a colleague; users.info answers for both."""
    remembering.slack.users[USER_ID] = {
        "id": USER_ID,
        "tz": LOS_ANGELES,
        "real_name": "Dana Driver",
        "profile": {"first_name": "Dana", "real_name": "Dana Driver"},
    }
    remembering.slack.users[OTHER_USER] = {
        "id": OTHER_USER,
        "tz": "Europe/Berlin",
        "profile": {"display_name": "Kai K"},
    }
    return remembering


def test_cards_offer_check_in_only_when_the_app_remembers(
    harness: Harness, remembering: Harness
) -> None:
    assert buttons(ask_privately(harness, "chargers near Penn Station"), CHECK_IN) == []
    offered = buttons(ask_privately(remembering, "chargers near Penn Station"), CHECK_IN)
    assert len(offered) == 5
    assert offered[0]["value"] == str(remembering.provider.locations[0].id)


def test_the_form_speaks_plugshares_check_in_vocabulary(members: Harness) -> None:
    answer = ask_privately(members, "chargers near Penn Station")
    _, form = open_checkin_form(members, button(answer, CHECK_IN))
    assert form["callback_id"] == CALLBACK_ID
    assert members.provider.locations[0].name in shown(form)
    blocks = {block.get("block_id"): block for block in form["blocks"]}
    outcomes = [o["text"]["text"] for o in blocks[OUTCOME_BLOCK]["element"]["options"]]
    assert outcomes == ["✅ Charged", "💬 Tip", "⚠️ Problem"]
    problems = [o["text"]["text"] for o in blocks[PROBLEM_BLOCK]["element"]["options"]]
    assert problems == [
        "Broken hardware",
        "In use",
        "Blocked by vehicle",
        "Could not activate",
        "Permanently closed",
    ]
    assert blocks[COMMENT_BLOCK]["element"]["multiline"] is True
    assert blocks[COMMENT_BLOCK]["element"]["max_length"] == 2000
    assert blocks[LEAVING_BLOCK]["element"]["type"] == "timepicker"
    assert blocks[KW_BLOCK]["element"]["type"] == "number_input"
    assert blocks[KW_BLOCK]["optional"] is True


def test_an_invalid_check_in_keeps_the_modal_open_with_errors_on_the_fields(
    members: Harness,
) -> None:
    view_id, form = open_checkin_form(
        members, button(ask_privately(members, "chargers near Penn Station"), CHECK_IN)
    )
    cases = [
        (form_values(None), {OUTCOME_BLOCK}),
        (form_values("-1"), {PROBLEM_BLOCK}),  # a problem needs its type
        (form_values("1", kw="0"), {KW_BLOCK}),
        (form_values("1", kw="5000"), {KW_BLOCK}),
        (form_values("1", leaving="25:99"), {LEAVING_BLOCK}),
        (form_values("1", comment="x" * 2001), {COMMENT_BLOCK}),
    ]
    for values, fields in cases:
        ack = submit_checkin(members, view_id, form, values)
        assert ack.status_code == 200
        answer = ack.json()
        assert answer["response_action"] == "errors"
        assert set(answer["errors"]) == fields
    members.settle()
    assert members.store.list_checkins(TEAM_ID, "local", members.provider.locations[0].id) == []


def test_a_check_in_is_saved_shown_in_the_modal_and_on_the_next_cards(members: Harness) -> None:
    location = members.provider.locations[0]
    view_id, form = open_checkin_form(
        members, button(ask_privately(members, "chargers near Penn Station"), CHECK_IN)
    )
    before = updates_of(members, view_id)
    ack = submit_checkin(
        members,
        view_id,
        form,
        form_values("-1", problem="2", comment=HOSTILE_COMMENT, leaving="18:30", kw="50"),
    )
    assert ack.json()["response_action"] == "update"
    assert "Saving" in shown(ack.json()["view"])

    saved = shown(latest_view(members, view_id, before))
    assert "Your check-in at" in saved and location.name in saved
    assert "Problem: In use" in saved and "in this workspace" in saved and "Dana" in saved
    assert "<!channel>" not in saved and "<@U0BOSS>" not in saved

    (checkin,) = members.store.list_checkins(TEAM_ID, "local", location.id)
    assert checkin.user_id == USER_ID and checkin.user_name == "Dana"
    assert checkin.rating is ReviewRating.PROBLEM and checkin.problem is Problem.IN_USE
    assert checkin.comment == HOSTILE_COMMENT and checkin.kilowatts == 50
    # 18:30 where the member is (Los Angeles), the nearest such moment to now.
    assert checkin.finished_at is not None
    local = checkin.finished_at.astimezone(ZoneInfo(LOS_ANGELES))
    assert (local.hour, local.minute) == (18, 30)
    assert abs(checkin.finished_at - datetime.now(UTC)) <= timedelta(hours=12, minutes=1)

    card = ask_privately(members, "chargers near Penn Station")
    words = shown(card)
    first_card = words.split(members.provider.locations[1].name.split(" - ")[0])[0]
    assert "in this workspace" in first_card and "Dana" in first_card
    assert "<!channel>" not in words and "<@U0BOSS>" not in words
    assert "&lt;!channel&gt;" in words  # shown as text, escaped like every comment
    counts = [b["text"]["text"] for b in buttons(card, SHOW_CHECKINS)]
    assert counts[0] == "Check-ins (3)"  # PlugShare's two and the workspace's one


def test_a_check_in_from_a_public_answer_redraws_that_message(members: Harness) -> None:
    before = len(members.slack.of("chat.postMessage"))
    members.server.send(event_callback(mention("chargers near Penn Station", ts="1700.000900")))
    post = members.slack.wait_method("chat.postMessage", before + 1)[-1]
    view_id, form = open_checkin_form(
        members, button(post.body, CHECK_IN), ephemeral=False, message_blocks=post.body["blocks"]
    )
    submit_checkin(members, view_id, form, form_values("1", comment="Fast and free"))
    (update,) = members.slack.wait_method("chat.update")
    assert update.body["channel"] == CHANNEL_ID
    assert update.body["ts"] == "1700000002.000001"
    words = shown(update.body)
    assert "Fast and free" in words and "in this workspace" in words


def test_without_a_time_zone_the_check_in_is_saved_without_the_leaving_time(
    remembering: Harness,
) -> None:
    # users.info does not know the member (as without the users:read scope).
    view_id, form = open_checkin_form(
        remembering, button(ask_privately(remembering, "chargers near Penn Station"), CHECK_IN)
    )
    before = updates_of(remembering, view_id)
    submit_checkin(
        remembering, view_id, form, form_values("0", comment="Tip: use stall 2", leaving="09:15")
    )
    words = shown(latest_view(remembering, view_id, before))
    assert NO_TIMEZONE in words
    (checkin,) = remembering.store.list_checkins(
        TEAM_ID, "local", remembering.provider.locations[0].id
    )
    assert checkin.finished_at is None and checkin.user_name is None


def open_list(harness: Harness, user: str = USER_ID) -> tuple[str, dict[str, Any]]:
    card = ask_privately(harness, "chargers near Penn Station", user=user)
    updated_before = len(harness.slack.of("views.update"))
    harness.server.send(
        block_actions(
            SHOW_CHECKINS,
            button(card, SHOW_CHECKINS)["value"],
            response_url=harness.slack.response_url(),
            ephemeral=True,
            user=user,
        )
    )
    update = harness.slack.wait_method("views.update", updated_before + 1)[-1]
    return update.body["view_id"], update.body["view"]


def click_delete(
    harness: Harness, view_id: str, view: dict[str, Any], value: str, user: str
) -> dict[str, Any]:
    before = updates_of(harness, view_id)
    harness.server.send(
        view_action(
            {"action_id": DELETE_CHECKIN, "type": "button", "value": value},
            {"id": view_id, "type": "modal", "private_metadata": view["private_metadata"]},
            user=user,
        )
    )
    return latest_view(harness, view_id, before)


def test_the_list_merges_both_sources_newest_first_and_deletes_only_ones_own(
    members: Harness,
) -> None:
    check_in_through_the_modal(members, "Dana's note")
    check_in_through_the_modal(members, "Kai's note", user=OTHER_USER)

    view_id, view = open_list(members)
    words = shown(view)
    order = [words.index(text) for text in ("Kai's note", "Dana's note", "Charged fine at 7 kW")]
    assert order == sorted(order)  # newest first, across sources
    assert "in this workspace" in words and "Kai" in words
    (delete,) = buttons(view, DELETE_CHECKIN)  # only on Dana's own
    mine = members.store.list_checkins(TEAM_ID, "local", members.provider.locations[0].id)
    dana = next(c for c in mine if c.user_id == USER_ID)
    kai = next(c for c in mine if c.user_id == OTHER_USER)
    assert delete["value"] == str(dana.id)

    # A forged click on someone else's check-in is refused by the store itself.
    refused = shown(click_delete(members, view_id, view, str(kai.id), USER_ID))
    assert "only delete your own" in refused
    assert "Kai's note" in refused

    deleted = click_delete(members, view_id, view, str(dana.id), USER_ID)
    assert "Deleted your check-in" in shown(deleted)
    assert "Dana's note" not in shown(deleted)
    assert buttons(deleted, DELETE_CHECKIN) == []
    remaining = members.store.list_checkins(TEAM_ID, "local", members.provider.locations[0].id)
    assert [c.user_id for c in remaining] == [OTHER_USER]

    # Kai sees a Delete button on theirs only.
    _, theirs = open_list(members, OTHER_USER)
    assert [b["value"] for b in buttons(theirs, DELETE_CHECKIN)] == [str(kai.id)]


def test_a_check_in_that_cannot_be_saved_says_why_in_the_modal(
    members: Harness, tmp_path: Any
) -> None:
    view_id, form = open_checkin_form(
        members, button(ask_privately(members, "chargers near Penn Station"), CHECK_IN)
    )
    # The database becomes unusable between opening and submitting.
    members.store.close()
    path = str(members.store._url).removeprefix("sqlite:///")
    with open(path, "r+b") as handle:
        handle.write(b"garbage" * 100)
    for suffix in ("-wal", "-shm"):
        try:
            with open(path + suffix, "r+b") as handle:
                handle.truncate(0)
        except FileNotFoundError:
            pass
    before = updates_of(members, view_id)
    submit_checkin(members, view_id, form, form_values("1", comment="lost?"))
    assert StateUnavailable.user_message in shown(latest_view(members, view_id, before))
