"""Acks never wait for the data source; every request ends in a message; limits and logs."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from support.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    Harness,
    direct_message,
    event_callback,
    mention,
    shown,
    slash_command,
)

from bot.slack import logs
from bot.slack.logs import LogfmtFormatter, RequestIdFilter


def test_a_data_source_taking_2_5_seconds_does_not_delay_the_ack(make_harness: Any) -> None:
    harness: Harness = make_harness(delay=2.5)
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("chargers near Penn Station", url))
    # Ordering, not timing: when the ack is back, the search has not finished.
    source_finished_before_ack = harness.provider.finished.is_set()
    assert ack.status_code == 200
    assert "Looking for" in ack.text
    assert not source_finished_before_ack
    (reply,) = harness.slack.wait_response(url)
    assert harness.provider.finished.is_set()
    assert harness.provider.events == ["search started", "search finished"]
    assert harness.provider.locations[0].name.split()[0] in shown(reply.body)


def test_events_are_acked_before_a_slow_search_finishes(make_harness: Any) -> None:
    harness: Harness = make_harness(delay=2.5)
    ack = harness.server.send(event_callback(mention("chargers near Penn Station", ts="1.1")))
    finished_before_ack = harness.provider.finished.is_set()
    assert ack.status_code == 200
    assert not finished_before_ack
    harness.slack.wait_method("chat.postMessage")


def test_an_answer_that_outlived_its_response_url_reaches_the_user_another_way(
    harness: Harness,
) -> None:
    url = harness.slack.response_url()
    harness.slack.expired.add(url.rsplit("/", 1)[1])
    harness.server.send(slash_command("chargers near Penn Station", url))
    (ephemeral,) = harness.slack.wait_method("chat.postEphemeral")
    assert ephemeral.body["user"] == "U0DRIVER"
    assert harness.provider.locations[0].name.split()[0] in shown(ephemeral.body)


def test_when_every_route_is_refused_the_answer_goes_to_the_users_dm(harness: Harness) -> None:
    url = harness.slack.response_url()
    harness.slack.expired.add(url.rsplit("/", 1)[1])
    harness.slack.errors["chat.postEphemeral"] = "not_in_channel"
    harness.server.send(slash_command("chargers near Penn Station", url))
    (dm,) = harness.slack.wait_method("chat.postMessage")
    assert dm.body["channel"] == "U0DRIVER"


class BrokenProvider:
    name = "local"
    attribution = "test"
    live_availability = False
    has_checkins = False
    power_ratings = False

    def nearby(self, *args: Any, **kwargs: Any) -> list[Any]:
        raise RuntimeError("disk on fire")

    def location(self, location_id: int) -> Any:
        raise RuntimeError("disk on fire")

    def close(self) -> None:
        pass


def test_a_search_that_fails_midway_ends_in_a_friendly_message_with_a_reference(
    harness: Harness,
) -> None:
    harness.services.pipeline.provider = BrokenProvider()
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("chargers near Penn Station", url))
    (reply,) = harness.slack.wait_response(url)
    text = shown(reply.body)
    assert "went wrong" in text or "not answering" in text
    assert "disk on fire" not in text and "Traceback" not in text
    if "went wrong" in text:
        assert ack.headers["X-Request-Id"] in text


def test_a_failed_mention_search_says_so_in_the_thread(harness: Harness) -> None:
    harness.services.pipeline.provider = BrokenProvider()
    harness.server.send(event_callback(mention("chargers near Penn Station", ts="1700.1")))
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert post.body["thread_ts"] == "1700.1"
    assert "disk on fire" not in shown(post.body)


def test_the_rate_limit_answers_clearly_and_searches_no_more(make_harness: Any) -> None:
    harness: Harness = make_harness(rate_limit_per_minute=2)
    for _ in range(2):
        url = harness.slack.response_url()
        assert (
            "Looking for"
            in harness.server.send(slash_command("chargers near Penn Station", url)).text
        )
        harness.slack.wait_response(url)
    third = harness.server.send(
        slash_command("chargers near Penn Station", harness.slack.response_url())
    )
    assert third.status_code == 200
    assert re.search(r"2 searches a minute.*try again in \d+ seconds?", third.json()["text"])
    # Someone else is not limited by it.
    other = harness.slack.response_url()
    harness.server.send(slash_command("chargers near Penn Station", other, user="U0OTHER"))
    harness.slack.wait_response(other)
    harness.settle()
    assert len(harness.provider.calls) == 3


def test_a_rate_limited_dm_gets_a_private_note(make_harness: Any) -> None:
    harness: Harness = make_harness(rate_limit_per_minute=1)
    harness.server.send(event_callback(direct_message("chargers near Penn Station", ts="1.1")))
    harness.server.send(event_callback(direct_message("chargers near Penn Station", ts="1.2")))
    (note,) = harness.slack.wait_method("chat.postEphemeral")
    assert "a minute" in note.body["text"]
    harness.settle()
    assert len(harness.slack.of("chat.postMessage")) == 1


def test_logs_carry_request_ids_but_no_secrets_or_message_text(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())  # as configure_logging does for serve
    secret_words = "chargers near Penn Station zebracorn"
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command(secret_words, url))
    harness.slack.wait_response(url)
    harness.settle()
    formatter = LogfmtFormatter()
    lines = [formatter.format(record) for record in caplog.records]
    text = "\n".join(lines)
    assert "zebracorn" not in text
    assert BOT_TOKEN not in text and SIGNING_SECRET not in text
    request_id = ack.headers["X-Request-Id"]
    mine = [line for line in lines if f"request_id={request_id}" in line]
    assert any("msg=command.received" in line for line in mine)
    assert any("msg=search.answered" in line for line in mine)  # logged by the worker thread
    assert any("msg=http.request" in line and "status=200" in line for line in mine)


def test_request_ids_are_twelve_hex_digits_and_differ_between_requests() -> None:
    ids = [logs.new_request_id() for _ in range(10_000)]
    assert all(re.fullmatch(r"[0-9a-f]{12}", rid) for rid in ids)
    assert len(set(ids)) == len(ids)


def test_waitress_says_its_queue_depth_only_when_requests_really_pile_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Waitress warns for every request that finds no idle thread; with few threads by
    design, a burst would log a line per request. Only a deep queue is said."""
    from waitress.task import ThreadedTaskDispatcher

    names = ("", "slack_bolt", "slack_sdk", "httpx", "httpcore", "urllib3", "geopy")
    loggers = [logging.getLogger(name) for name in names]
    saved = [(logger.level, list(logger.handlers)) for logger in loggers]
    queue_logger = logging.getLogger("waitress.queue")
    saved_filters = list(queue_logger.filters)
    try:
        logs.configure_logging("INFO")
        logs.configure_logging("INFO")  # configured twice (tests, reloads): one filter
        assert sum(isinstance(f, logs.DeepQueueOnly) for f in queue_logger.filters) == 1

        dispatcher = ThreadedTaskDispatcher()  # no threads: every task waits in the queue
        for _ in range(3):
            dispatcher.add_task(object())
        assert "Task queue depth" not in capsys.readouterr().err

        monkeypatch.setattr(logs, "QUEUE_WARN_DEPTH", 5)
        for _ in range(3):
            dispatcher.add_task(object())
        err = capsys.readouterr().err
        depths = re.findall(r"Task queue depth is (\d+)", err)
        assert depths == ["5", "6"]
    finally:
        for logger, (level, handlers) in zip(loggers, saved, strict=True):
            logger.handlers[:] = handlers
            logger.setLevel(level)
        queue_logger.filters[:] = saved_filters
