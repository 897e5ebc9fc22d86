"""Slack's assistant view through Bolt's Assistant: suggested prompts from saved places
and the car, a status line while the answer is prepared, answers in the thread; with the
scope missing or the feature off, answers are exactly as before."""

from __future__ import annotations

import json
from typing import Any

from support.slack import (
    DM_CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    MockSlack,
    direct_message,
    event_callback,
    shown,
    slash_command,
)
from support.slack_flows import ask_privately

THREAD = "1700000000.000700"


def thread_started() -> dict[str, Any]:
    return {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": USER_ID,
            "context": {"channel_id": "C0GENERAL", "team_id": TEAM_ID, "enterprise_id": None},
            "channel_id": DM_CHANNEL_ID,
            "thread_ts": THREAD,
        },
        "event_ts": "1700000000.000701",
    }


def test_a_new_thread_suggests_prompts_from_places_and_car(
    remembering: Harness, slack_api: MockSlack
) -> None:
    ask_privately(remembering, "set car CCS")
    ask_privately(remembering, "set home Penn Station")
    ask_privately(remembering, "save office = Penn Station")
    assert remembering.server.send(event_callback(thread_started())).status_code == 200
    (call,) = slack_api.wait_method("assistant.threads.setSuggestedPrompts")
    assert call.body["channel_id"] == DM_CHANNEL_ID
    assert call.body["thread_ts"] == THREAD
    prompts = call.body["prompts"]
    prompts = prompts if isinstance(prompts, list) else json.loads(prompts)
    messages = [p["message"] for p in prompts]
    assert 1 <= len(messages) <= 4
    assert messages[0] == "CCS near home"
    assert "free CCS near office" in messages
    welcome = [c for c in slack_api.of("chat.postMessage") if c.body.get("thread_ts") == THREAD]
    assert welcome and "a place, and what matters" in welcome[0].body["text"]


def test_without_settings_the_prompts_are_examples(harness: Harness, slack_api: MockSlack) -> None:
    harness.server.send(event_callback(thread_started()))
    (call,) = slack_api.wait_method("assistant.threads.setSuggestedPrompts")
    prompts = call.body["prompts"]
    prompts = prompts if isinstance(prompts, list) else json.loads(prompts)
    assert prompts[0]["message"] == "CCS near Union Station"


def test_a_message_in_the_thread_shows_a_status_then_the_answer(
    harness: Harness, slack_api: MockSlack
) -> None:
    event = direct_message("CCS near Union Station", ts="1700000000.000800", thread_ts=THREAD)
    assert harness.server.send(event_callback(event)).status_code == 200
    (status,) = slack_api.wait_method("assistant.threads.setStatus")
    assert status.body["status"] == "Searching near Union Station…"
    assert status.body["thread_ts"] == THREAD
    (answer,) = slack_api.wait_method("chat.postMessage")
    assert answer.body["thread_ts"] == THREAD
    assert answer.at > status.at
    assert "CCS" in shown(answer.body)


def test_a_missing_scope_only_loses_the_status(harness: Harness, slack_api: MockSlack) -> None:
    slack_api.errors["assistant.threads.setStatus"] = "missing_scope"
    event = direct_message("CCS near Union Station", ts="1700000000.000900", thread_ts=THREAD)
    assert harness.server.send(event_callback(event)).status_code == 200
    (answer,) = slack_api.wait_method("chat.postMessage")
    assert answer.body["thread_ts"] == THREAD
    assert "CCS" in shown(answer.body)


def test_with_the_feature_off_a_dm_is_answered_as_before(
    harness: Harness, slack_api: MockSlack
) -> None:
    event = direct_message("CCS near Union Station", ts="1700000000.001000")
    assert harness.server.send(event_callback(event)).status_code == 200
    (answer,) = slack_api.wait_method("chat.postMessage")
    assert answer.body.get("thread_ts") is None
    harness.settle()
    assert [c.method for c in slack_api.calls if c.method.startswith("assistant.")] == []


def test_a_thread_event_without_its_thread_is_dropped(
    harness: Harness, slack_api: MockSlack
) -> None:
    event = {"type": "assistant_thread_started", "event_ts": "1700000000.000702"}
    assert harness.server.send(event_callback(event)).status_code == 200
    harness.settle()
    assert slack_api.calls == []


def test_only_events_are_put_to_the_assistants_listeners(
    harness: Harness, slack_api: MockSlack, monkeypatch: Any
) -> None:
    from slack_bolt import Assistant

    asked: list[str] = []
    process = Assistant.process

    def counting(self: Assistant, **kwargs: Any) -> Any:
        asked.append(str(kwargs["req"].body.get("type")))
        return process(self, **kwargs)

    monkeypatch.setattr(Assistant, "process", counting)
    url = slack_api.response_url()
    assert harness.server.send(slash_command("CCS near Union Station", url)).status_code == 200
    slack_api.wait_response(url)
    assert asked == []
    assert harness.server.send(event_callback(thread_started())).status_code == 200
    slack_api.wait_method("assistant.threads.setSuggestedPrompts")
    assert asked == ["event_callback"]
