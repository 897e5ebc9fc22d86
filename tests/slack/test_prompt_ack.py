"""Acks leave as soon as a listener calls ``ack()`` (``bot/slack/prompt_ack.py``): Bolt's
runner never waits out its 10 ms poll, and what a listener does after its ack still runs
after the response has gone."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest
from slack_bolt import Ack
from slack_bolt.listener import thread_runner
from support.slack import Harness, block_actions, slash_command


@pytest.fixture
def bolt_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every ``time.sleep`` Bolt's listener runner makes while it waits for an ack."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    monkeypatch.setattr(thread_runner, "time", SimpleNamespace(time=time.time, sleep=sleep))
    return slept


def test_a_command_is_acked_without_bolt_polling_for_the_ack(
    harness: Harness, bolt_sleeps: list[float]
) -> None:
    for text in ("CCS near Penn Station", "help", "set units km"):
        url = harness.slack.response_url()
        ack = harness.server.send(slash_command(text, url))
        assert ack.status_code == 200
        harness.slack.wait_response(url)
    url = harness.slack.response_url()
    assert "Looking for" in harness.server.send(slash_command("chargers near Penn", url)).text
    assert bolt_sleeps == []


def test_work_after_the_ack_runs_after_the_response_has_gone(harness: Harness) -> None:
    responded = threading.Event()
    seen: list[bool] = []

    def probe(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        # Released by the test once it holds the HTTP response; had the response waited
        # for this listener to finish, the wait would run out first.
        seen.append(responded.wait(5))

    harness.server.app.action("probe_after_ack")(probe)
    url = harness.slack.response_url()
    response = harness.server.send(
        block_actions("probe_after_ack", "1", response_url=url, ephemeral=True)
    )
    responded.set()
    assert response.status_code == 200
    assert harness.services.listeners.wait_idle(10)
    assert seen == [True]


def test_a_listener_that_fails_before_its_ack_still_gets_bolts_error_response(
    harness: Harness,
) -> None:
    def broken(ack: Ack) -> None:
        raise RuntimeError("broken before ack")

    harness.server.app.action("probe_broken")(broken)
    url = harness.slack.response_url()
    response = harness.server.send(
        block_actions("probe_broken", "1", response_url=url, ephemeral=True)
    )
    assert response.status_code == 500
