"""Multi-step Slack flows for the state tests: ask privately, check in through the modal."""

from __future__ import annotations

from typing import Any

from bot.render.actions import CHECK_IN
from bot.render.checkin_form import (
    CALLBACK_ID,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    KW_ACTION,
    KW_BLOCK,
    LEAVING_ACTION,
    LEAVING_BLOCK,
    OUTCOME_ACTION,
    OUTCOME_BLOCK,
    PROBLEM_ACTION,
    PROBLEM_BLOCK,
)
from support.slack import (
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    block_actions,
    button,
    shown,
    slash_command,
    view_submission,
)


def ask_privately(
    harness: Harness,
    text: str,
    *,
    user: str = USER_ID,
    team: str = TEAM_ID,
    channel: str = CHANNEL_ID,
) -> dict[str, Any]:
    """``/charge text``; the message that replaced "Looking for…" (or answered a command)."""
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command(text, url, user=user, team=team, channel=channel))
    assert ack.status_code == 200
    (reply,) = harness.slack.wait_response(url)
    return reply.body


def said(message: dict[str, Any]) -> str:
    return shown(message) + "\n" + str(message.get("text", ""))


def form_values(
    outcome: str | None = "1",
    *,
    problem: str | None = None,
    comment: str | None = None,
    leaving: str | None = None,
    kw: str | None = None,
) -> dict[str, Any]:
    """A check-in modal's ``state.values`` as Slack sends them on submission."""

    def select(value: str | None) -> dict[str, Any]:
        return {"selected_option": {"value": value} if value is not None else None}

    return {
        OUTCOME_BLOCK: {OUTCOME_ACTION: {"type": "radio_buttons", **select(outcome)}},
        PROBLEM_BLOCK: {PROBLEM_ACTION: {"type": "static_select", **select(problem)}},
        COMMENT_BLOCK: {COMMENT_ACTION: {"type": "plain_text_input", "value": comment}},
        LEAVING_BLOCK: {LEAVING_ACTION: {"type": "timepicker", "selected_time": leaving}},
        KW_BLOCK: {KW_ACTION: {"type": "number_input", "value": kw}},
    }


def updates_of(harness: Harness, view_id: str) -> int:
    return sum(1 for c in harness.slack.of("views.update") if c.body["view_id"] == view_id)


def latest_view(harness: Harness, view_id: str, count_before: int) -> dict[str, Any]:
    """The view the app put in modal ``view_id`` after its ``count_before``-th update."""
    harness.slack.wait_for(
        lambda calls: (
            sum(c.method == "views.update" and c.body.get("view_id") == view_id for c in calls)
            > count_before
        )
    )
    updates = [c for c in harness.slack.of("views.update") if c.body["view_id"] == view_id]
    return updates[-1].body["view"]


def open_checkin_form(
    harness: Harness,
    element: dict[str, Any],
    *,
    ephemeral: bool = True,
    message_blocks: list[dict[str, Any]] | None = None,
    user: str = USER_ID,
    team: str = TEAM_ID,
) -> tuple[str, dict[str, Any]]:
    """Click "Check in"; the form's view id and view, once the app filled the modal."""
    opened_before = len(harness.slack.of("views.open"))
    updated_before = len(harness.slack.of("views.update"))
    harness.server.send(
        block_actions(
            CHECK_IN,
            element["value"],
            response_url=harness.slack.response_url(),
            ephemeral=ephemeral,
            message_ts="1700000002.000001",
            message_blocks=message_blocks,
            user=user,
            team=team,
        )
    )
    opened = harness.slack.wait_method("views.open", opened_before + 1)[-1]
    assert "Loading" in shown(opened.body["view"])  # at once, within the trigger's 3 s
    update = harness.slack.wait_method("views.update", updated_before + 1)[-1]
    assert update.body["view_id"] == opened.answer["view"]["id"]
    return update.body["view_id"], update.body["view"]


def submit_checkin(
    harness: Harness,
    view_id: str,
    form: dict[str, Any],
    values: dict[str, Any],
    *,
    user: str = USER_ID,
    team: str = TEAM_ID,
) -> Any:
    return harness.server.send(
        view_submission(
            CALLBACK_ID, form["private_metadata"], values, user=user, team=team, view_id=view_id
        )
    )


def check_in(
    harness: Harness,
    comment: str,
    *,
    user: str = USER_ID,
    team: str = TEAM_ID,
    outcome: str = "1",
) -> dict[str, Any]:
    """Check in at the first location of an answer, through the modal; the saved view."""
    answer = ask_privately(harness, "chargers near Penn Station", user=user, team=team)
    view_id, form = open_checkin_form(harness, button(answer, CHECK_IN), user=user, team=team)
    before = updates_of(harness, view_id)
    submit_checkin(
        harness, view_id, form, form_values(outcome, comment=comment), user=user, team=team
    )
    return latest_view(harness, view_id, before)
