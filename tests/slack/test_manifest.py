"""manifest.yml creates the app ChargeBot serves: the same command, events and features."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.slack import Harness, direct_message, event_callback, mention, slash_command

from bot.slack.listeners.events import SUBSCRIBED
from bot.slack.oauth import BOT_SCOPES, REDIRECT_PATH

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_declares_the_bot_the_command_and_app_home(manifest: dict[str, Any]) -> None:
    features = manifest["features"]
    assert features["bot_user"]["display_name"]
    (command,) = features["slash_commands"]
    assert command["command"] == "/charge"
    assert command["description"] and command["usage_hint"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True


def test_manifest_subscribes_to_exactly_the_events_the_app_handles(
    manifest: dict[str, Any],
) -> None:
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == set(SUBSCRIBED)


def test_every_scope_is_the_minimum_and_justified_by_a_comment(manifest: dict[str, Any]) -> None:
    scopes = manifest["oauth_config"]["scopes"]["bot"]
    assert set(scopes) == {
        "commands",
        "app_mentions:read",
        "chat:write",
        "im:history",
        "reactions:write",
        "users:read",
        "files:write",
        "links:read",
        "links:write",
        "assistant:write",
    }
    # An OAuth install asks for exactly the manifest's scopes.
    assert set(BOT_SCOPES) == set(scopes)
    text = MANIFEST.read_text(encoding="utf-8")
    for scope in scopes:
        assert re.search(rf"^\s*- {re.escape(scope)} # \w+", text, re.MULTILINE), scope
    assert "socket_mode_enabled: false" in text  # says how to switch to HTTP mode
    assert text.count("# request_url: https://YOUR-HOST/slack/events") == 2
    # ...and how to turn on installs in many workspaces.
    assert f"#   - https://YOUR-HOST{REDIRECT_PATH}" in text


def _event(kind: str) -> dict[str, Any]:
    if kind == "message.im":
        return direct_message("help", ts="1.1")
    if kind == "app_mention":
        return mention("help", ts="1.2")
    if kind == "tokens_revoked":
        return {"type": kind, "tokens": {"oauth": [], "bot": ["U0CHARGEBOT"]}}
    if kind == "app_uninstalled":
        return {"type": kind}
    return {"type": kind, "user": "U0DRIVER", "tab": "home", "channel": "D0HOME"}


def test_the_app_answers_every_event_and_command_the_manifest_sends(
    manifest: dict[str, Any], harness: Harness
) -> None:
    for kind in manifest["settings"]["event_subscriptions"]["bot_events"]:
        assert harness.server.send(event_callback(_event(kind))).status_code == 200, kind
    # An event the manifest does not subscribe to is not handled at all.
    unhandled = {"type": "reaction_added", "user": "U0DRIVER", "reaction": "zap"}
    assert harness.server.send(event_callback(unhandled)).status_code == 404
    (command,) = manifest["features"]["slash_commands"]
    url = harness.slack.response_url()
    ack = harness.server.send(
        slash_command("chargers near Penn Station", url, command=command["command"])
    )
    assert "Looking for" in ack.text
    harness.slack.wait_response(url)
