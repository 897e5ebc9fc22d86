"""Slack's bad moments: a 429 with Retry-After, then 200, and the answer arrives once."""

from __future__ import annotations

import logging
import time

import pytest
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from support.slack import Harness, event_callback, mention, shown, slash_command

from bot.slack.delivery import Destination, Sender
from bot.slack.logs import request_scope
from bot.slack.web_client import web_client


def test_the_apps_client_retries_rate_limits_server_and_connection_errors(
    harness: Harness,
) -> None:
    kinds = {type(h) for h in harness.server.app.client.retry_handlers}
    assert {
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
        ConnectionErrorRetryHandler,
    } <= kinds


def test_a_rate_limited_post_message_is_retried_after_retry_after_and_arrives_once(
    harness: Harness,
) -> None:
    harness.slack.rate_limited["chat.postMessage"] = 1
    harness.server.send(event_callback(mention("chargers near Penn Station", ts="1.1")))
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert [c.method for c in harness.slack.refused] == ["chat.postMessage"]
    assert harness.provider.locations[0].name.split()[0] in shown(post.body)
    # Slack said "wait 1 s": the retry came no sooner.
    assert post.at - harness.slack.refused[0].at >= 1.0
    time.sleep(1.5)  # a second copy would come within Retry-After's second
    assert len(harness.slack.of("chat.postMessage")) == 1


def test_a_rate_limited_response_url_post_is_retried_and_arrives_once(harness: Harness) -> None:
    url = harness.slack.response_url()
    harness.slack.rate_limited["response_url"] = 1
    harness.server.send(slash_command("chargers near Penn Station", url))
    (reply,) = harness.slack.wait_response(url)
    assert [c.method for c in harness.slack.refused] == ["response_url"]
    assert harness.provider.locations[0].name.split()[0] in shown(reply.body)
    assert not harness.slack.of("chat.postEphemeral")  # no fallback needed: it arrived


def test_a_message_nobody_could_take_is_logged_with_the_request_id(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    for method in ("chat.postEphemeral", "chat.postMessage"):
        harness.slack.errors[method] = "channel_not_found"
    url = harness.slack.response_url()
    harness.slack.expired.add(url.rsplit("/", 1)[1])
    sender = Sender(web_client("xoxb-test", harness.slack.api_url))
    with caplog.at_level(logging.ERROR, "bot.slack.delivery"), request_scope("feedc0ffee12"):
        delivered = sender.send(Destination.response(url, "C1", "U1"), {"text": "hello"})
    assert delivered is False
    (record,) = [r for r in caplog.records if r.getMessage() == "deliver.undeliverable"]
    assert record.request_id == "feedc0ffee12"
