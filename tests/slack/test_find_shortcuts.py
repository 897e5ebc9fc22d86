"""The "Find chargers" global shortcut, its form prefilled from settings and answered in
the person's DM; "Find chargers near this" on a message takes its text as the place."""

from __future__ import annotations

import json
from typing import Any

from support.slack import (
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    MockSlack,
    form,
    shown,
    view_submission,
)
from support.slack_flows import ask_privately

from bot.render.find_form import (
    CALLBACK_ID,
    CONNECTORS_ACTION,
    CONNECTORS_BLOCK,
    OPTIONS_ACTION,
    OPTIONS_BLOCK,
    PLACE_ACTION,
    PLACE_BLOCK,
    RADIUS_ACTION,
    RADIUS_BLOCK,
)


def shortcut(callback_id: str) -> Any:
    payload = {
        "type": "shortcut",
        "token": "deprecated-verification-token",
        "action_ts": "1700000000.000400",
        "team": {"id": TEAM_ID, "domain": "chargebot-test"},
        "user": {"id": USER_ID, "username": "driver", "team_id": TEAM_ID},
        "is_enterprise_install": False,
        "callback_id": callback_id,
        "trigger_id": "1337.44.trigger",
    }
    return form({"payload": json.dumps(payload)})


def message_shortcut(text: str) -> Any:
    payload = {
        "type": "message_action",
        "token": "deprecated-verification-token",
        "action_ts": "1700000000.000500",
        "team": {"id": TEAM_ID, "domain": "chargebot-test"},
        "user": {"id": USER_ID, "username": "driver", "team_id": TEAM_ID},
        "channel": {"id": CHANNEL_ID, "name": "general"},
        "callback_id": "find_chargers_near_message",
        "trigger_id": "1337.45.trigger",
        "message_ts": "1700000000.000100",
        "message": {"type": "message", "user": "U0OTHER", "ts": "1700000000.000100", "text": text},
        "response_url": "https://hooks.slack.com/app/T0/1/x",
    }
    return form({"payload": json.dumps(payload)})


def opened_form(slack_api: MockSlack) -> dict[str, Any]:
    (call,) = slack_api.wait_method("views.open")
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def test_the_global_shortcut_opens_a_form_prefilled_from_settings(
    remembering: Harness, slack_api: MockSlack
) -> None:
    ask_privately(remembering, "set car CCS")
    ask_privately(remembering, "set home Penn Station")
    response = remembering.server.send(shortcut("find_chargers"))
    assert response.status_code == 200
    view = opened_form(slack_api)
    assert view["callback_id"] == CALLBACK_ID
    assert view["title"]["text"] == "Find chargers"
    assert block(view, PLACE_BLOCK)["element"]["initial_value"] == "home"
    chosen = block(view, CONNECTORS_BLOCK)["element"]["initial_options"]
    assert [o["value"] for o in chosen] == ["CCS"]
    labels = [o["value"] for o in block(view, OPTIONS_BLOCK)["element"]["options"]]
    assert labels == ["free_only", "open_now"]
    assert {b.get("block_id") for b in view["blocks"]} >= {RADIUS_BLOCK}


def test_without_settings_the_form_starts_empty(harness: Harness, slack_api: MockSlack) -> None:
    harness.server.send(shortcut("find_chargers"))
    view = opened_form(slack_api)
    element = block(view, PLACE_BLOCK)["element"]
    assert "initial_value" not in element
    assert "initial_options" not in block(view, CONNECTORS_BLOCK)["element"]


def submitted(place: str, connectors: list[str], radius: str | None, options: list[str]) -> Any:
    values = {
        PLACE_BLOCK: {PLACE_ACTION: {"type": "plain_text_input", "value": place}},
        CONNECTORS_BLOCK: {
            CONNECTORS_ACTION: {
                "type": "multi_static_select",
                "selected_options": [{"value": c} for c in connectors],
            }
        },
        RADIUS_BLOCK: {
            RADIUS_ACTION: {
                "type": "static_select",
                "selected_option": {"value": radius} if radius else None,
            }
        },
        OPTIONS_BLOCK: {
            OPTIONS_ACTION: {
                "type": "checkboxes",
                "selected_options": [{"value": o} for o in options],
            }
        },
    }
    return view_submission(CALLBACK_ID, "", values)


def test_the_form_is_answered_in_the_persons_dm(harness: Harness, slack_api: MockSlack) -> None:
    response = harness.server.send(
        submitted("Penn Station", ["CCS", "J1772"], "3219", ["free_only", "open_now"])
    )
    assert response.status_code == 200
    assert response.text in ("", "{}") or "errors" not in response.text
    (post,) = slack_api.wait_method("chat.postMessage")
    assert post.body["channel"] == USER_ID  # the app's DM with the person
    words = shown(post.body)
    assert "Penn" in words
    assert "free only" in words
    assert "within 2 mi" in words
    assert harness.resolver.queries[-1] == "Penn Station"


def test_an_empty_place_keeps_the_form_open_with_a_hint(
    harness: Harness, slack_api: MockSlack
) -> None:
    response = harness.server.send(submitted("   ", [], None, []))
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert "Type a place" in body["errors"][PLACE_BLOCK]
    harness.settle()
    assert slack_api.of("chat.postMessage") == []


def test_the_message_shortcut_takes_the_messages_place(
    harness: Harness, slack_api: MockSlack
) -> None:
    harness.server.send(message_shortcut("Lunch at Union Station? See you there :wave:"))
    view = opened_form(slack_api)
    assert block(view, PLACE_BLOCK)["element"]["initial_value"] == "Union Station"


def test_the_message_shortcut_on_a_trip_takes_its_destination(
    harness: Harness, slack_api: MockSlack
) -> None:
    harness.server.send(message_shortcut("Driving from Albany to Penn Station tomorrow"))
    view = opened_form(slack_api)
    assert block(view, PLACE_BLOCK)["element"]["initial_value"] == "Penn Station"


def test_the_message_shortcut_on_a_bare_address(harness: Harness, slack_api: MockSlack) -> None:
    harness.server.send(message_shortcut("<@U0BOSS> 350 5th Ave, New York"))
    view = opened_form(slack_api)
    place = block(view, PLACE_BLOCK)["element"]["initial_value"]
    assert "350 5th Ave" in place and "<@" not in place
