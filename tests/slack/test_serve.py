"""``chargebot serve``: credentials are checked first, with messages that say where to look."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
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


needs_two_cpus = pytest.mark.skipif(
    not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="pinning to one CPU needs Linux and two CPUs to choose from",
)


@needs_two_cpus
def test_the_servers_threads_run_on_one_cpu_and_the_cpus_are_put_back(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``serve`` starts its HTTP threads on one CPU (searches run in the search process,
    on any); afterwards the calling thread may run anywhere again."""
    allowed = os.sched_getaffinity(0)
    seen: dict[str, set[int]] = {}
    harness_threads = set(threading.enumerate())

    def run_until_stopped(app: Any, run: Any, close: Any) -> None:
        for thread in set(threading.enumerate()) - harness_threads:
            if thread.name.startswith("waitress") and thread.native_id is not None:
                seen[thread.name] = os.sched_getaffinity(thread.native_id)
        seen["serving"] = os.sched_getaffinity(0)
        close()

    monkeypatch.setattr(server, "_run_until_stopped", run_until_stopped)
    server.serve_http(harness.server.app, "127.0.0.1", 0, 3)
    assert len(seen) == 4  # three HTTP threads and the one that serves
    (cpus,) = {frozenset(cpus) for cpus in seen.values()}
    assert len(cpus) == 1 and cpus <= allowed
    assert os.sched_getaffinity(0) == allowed


@needs_two_cpus
def test_one_cpu_is_not_chosen_when_turned_off_or_when_there_is_only_one() -> None:
    allowed = os.sched_getaffinity(0)
    with server.acks_on_one_cpu(False) as cpu:
        assert cpu is None and os.sched_getaffinity(0) == allowed
    only = min(allowed)
    os.sched_setaffinity(0, {only})
    try:
        with server.acks_on_one_cpu(True) as cpu:
            assert cpu is None and os.sched_getaffinity(0) == {only}
    finally:
        os.sched_setaffinity(0, allowed)
    with server.acks_on_one_cpu(True) as cpu:
        assert cpu in allowed and os.sched_getaffinity(0) == {cpu}
    assert os.sched_getaffinity(0) == allowed


def test_the_setting_turns_it_off() -> None:
    from bot.config import load_settings

    assert load_settings().http_one_cpu is True
    assert load_settings(http_one_cpu=False).http_one_cpu is False


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


ALLOWED = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
Claim = tuple[int, Any]


@pytest.fixture
def claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Claim]]:
    """Claims a CPU as one more instance on this machine would (claims in ``tmp_path``);
    every claim still held is let go at the end."""
    monkeypatch.setattr(server, "CPU_CLAIMS_DIR", tmp_path)
    held: list[Any] = []

    def claim_one() -> Claim:
        cpu, handle = server._claim_cpu(ALLOWED)
        if handle is not None:
            held.append(handle)
        return cpu, handle

    yield claim_one
    for handle in held:
        handle.close()


@needs_two_cpus
def test_instances_on_one_machine_take_cpus_no_other_has_claimed(
    claim: Callable[[], Claim],
) -> None:
    claims = [claim() for _ in ALLOWED]  # one instance after another
    assert sorted(cpu for cpu, _ in claims) == ALLOWED
    assert all(handle is not None for _, handle in claims)
    extra_cpu, extra_handle = claim()  # more instances than CPUs
    assert extra_cpu in ALLOWED and extra_handle is None
    freed_cpu, freed_handle = claims.pop()
    assert freed_handle is not None
    freed_handle.close()  # that instance stopped
    cpu, handle = claim()
    assert cpu == freed_cpu and handle is not None


@needs_two_cpus
def test_serving_holds_its_claim_until_it_stops(claim: Callable[[], Claim]) -> None:
    with server.acks_on_one_cpu(True) as cpu:
        others = [claim() for _ in range(len(ALLOWED) - 1)]
        assert cpu not in {other for other, _ in others}
        for _, handle in others:
            assert handle is not None
            handle.close()
    after = [claim() for _ in ALLOWED]
    assert sorted(c for c, _ in after) == ALLOWED  # every CPU free again
    assert all(handle is not None for _, handle in after)


@needs_two_cpus
def test_without_visible_claims_instances_still_spread_over_the_cpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As between containers, each with its own temporary folder (here: none writable)."""
    monkeypatch.setattr(server, "CPU_CLAIMS_DIR", tmp_path / "not-there")
    picks = [server._claim_cpu(ALLOWED) for _ in range(200)]
    assert all(handle is None for _, handle in picks)
    assert {cpu for cpu, _ in picks} == set(ALLOWED)
