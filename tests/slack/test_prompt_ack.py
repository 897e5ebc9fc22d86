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


def test_a_command_runs_on_the_http_thread_and_a_button_on_the_listener_pool(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/charge`` only acks and hands over, so it needs no thread hand-off; a button's
    listener (which may wait on the Web API after its ack) keeps Bolt's pool."""
    background = harness.services.background
    handed_over_on: list[str] = []
    submit = background.submit

    def recording_submit(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        handed_over_on.append(threading.current_thread().name)
        return submit(fn, *args, **kwargs)

    monkeypatch.setattr(background, "submit", recording_submit)
    url = harness.slack.response_url()
    assert "Looking for" in harness.server.send(slash_command("CCS near Penn Station", url)).text
    harness.slack.wait_response(url)

    clicked_on: list[str] = []

    def probe(ack: Ack) -> None:
        ack()
        clicked_on.append(threading.current_thread().name)

    harness.server.app.action("probe_thread")(probe)
    response = harness.server.send(
        block_actions(
            "probe_thread", "1", response_url=harness.slack.response_url(), ephemeral=True
        )
    )
    assert response.status_code == 200
    assert harness.services.listeners.wait_idle(10)
    assert len(handed_over_on) == 1 and handed_over_on[0].startswith("waitress")
    assert len(clicked_on) == 1 and clicked_on[0].startswith("bolt-listener")


def test_a_command_whose_listener_fails_after_its_ack_still_gets_its_ack(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Run on the HTTP thread, a failure after the ack is logged and the ack stands (Bolt's
    runner would otherwise clear the ack's response, and answer 404 three seconds later)."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("hand-over failed")

    monkeypatch.setattr(harness.services.background, "submit", broken)
    url = harness.slack.response_url()
    response = harness.server.send(slash_command("CCS near Penn Station", url))
    assert response.status_code == 200
    assert "Looking for" in response.text
    assert any(
        record.exc_info and "hand-over failed" in str(record.exc_info[1])
        for record in caplog.records
    )
