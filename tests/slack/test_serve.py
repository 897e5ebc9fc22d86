"""``chargebot serve``: credentials are checked first, with messages that say where to look."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any
from urllib.parse import parse_qsl

import pytest
from click.testing import CliRunner
from slack_sdk.socket_mode.request import SocketModeRequest
from support.slack import BOT_TOKEN, SIGNING_SECRET, Harness, slash_command

from bot.cli import main
from bot.config import ConfigError, load_settings
from bot.slack import server
from bot.slack.credentials import ServeMode, check_credentials
from bot.slack.logs import current_request_id


def test_http_mode_needs_the_bot_token_and_the_signing_secret() -> None:
    settings = load_settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET)
    assert check_credentials(settings) is ServeMode.HTTP


def test_socket_mode_is_chosen_when_an_app_token_is_set() -> None:
    settings = load_settings(slack_bot_token=BOT_TOKEN, slack_app_token="xapp-1-A0-1-abc")
    assert check_credentials(settings) is ServeMode.SOCKET


@pytest.mark.parametrize(
    ("overrides", "names", "where"),
    [
        ({}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"], "OAuth & Permissions"),
        ({"slack_bot_token": "xoxp-user-token"}, ["SLACK_BOT_TOKEN"], "OAuth & Permissions"),
        (
            {"slack_bot_token": BOT_TOKEN, "slack_signing_secret": "not-a-secret"},
            ["SLACK_SIGNING_SECRET"],
            "Basic Information > App Credentials",
        ),
        (
            {"slack_bot_token": BOT_TOKEN, "slack_app_token": "xoxb-wrong-kind"},
            ["SLACK_APP_TOKEN"],
            "App-Level Tokens",
        ),
    ],
)
def test_a_missing_or_malformed_credential_is_named_with_where_to_find_it(
    overrides: dict[str, str], names: list[str], where: str
) -> None:
    settings = load_settings(**overrides)
    with pytest.raises(ConfigError) as raised:
        check_credentials(settings)
    message = str(raised.value)
    for name in names:
        assert name in message
    assert where in message
    assert "https://api.slack.com/apps" in message
    for value in overrides.values():
        assert value not in message  # never echo a credential


def test_serve_stops_with_the_message_and_exit_status_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-123")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "SLACK_SIGNING_SECRET is not set" in result.output
    assert "xoxb-123" not in result.output


def test_serving_switches_threads_within_a_millisecond_and_restores_the_interval(
    harness: Harness,
) -> None:
    """While ``serve`` runs, a thread waiting for the interpreter lock gets it within
    1 ms (not Python's 5 ms), and the interval is put back when serving stops."""
    before = sys.getswitchinterval()
    seen: list[float] = []

    def run() -> None:
        seen.append(sys.getswitchinterval())
        raise KeyboardInterrupt  # as SIGTERM or Ctrl-C end serving

    server._run_until_stopped(harness.server.app, run, lambda: None)
    assert seen == [server.SWITCH_INTERVAL_S] and server.SWITCH_INTERVAL_S <= 0.001 < before
    assert sys.getswitchinterval() == before


def test_socket_mode_binds_a_request_id_for_the_listener_and_its_hand_over(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over Socket Mode no HTTP layer binds a request id; the handler binds one for each
    envelope, so the listener's logs and the search it hands over carry it."""
    background = harness.services.background
    ids: list[str | None] = []
    submit = background.submit

    def recording_submit(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        ids.append(current_request_id())
        return submit(fn, *args, **kwargs)

    monkeypatch.setattr(background, "submit", recording_submit)
    sent: list[Any] = []

    class Connection:
        logger = logging.getLogger("test.socket_mode")

        def send_socket_mode_response(self, response: Any) -> None:
            sent.append(response)

    handler = server.socket_mode_handler(harness.server.app, "xapp-1-A0-1-abc")
    try:
        url = harness.slack.response_url()
        body = slash_command("CCS near Penn Station", url).body.decode()
        envelope = SocketModeRequest(
            type="slash_commands", envelope_id="e1", payload=dict(parse_qsl(body))
        )
        handler.handle(Connection(), envelope)
        harness.slack.wait_response(url)
    finally:
        handler.close()
    assert len(sent) == 1 and "Looking for" in json.dumps(sent[0].payload)
    assert len(ids) == 1 and ids[0] is not None
    assert current_request_id() is None  # the scope ended with the envelope
