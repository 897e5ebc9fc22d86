"""Mentions answer in a thread, DMs in the conversation; other messages are ignored;
Slack's retries and redeliveries never produce a second reply."""

from __future__ import annotations

from typing import Any

from support.slack import (
    BOT_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    Harness,
    direct_message,
    event_callback,
    mention,
    shown,
)


def test_a_mention_is_answered_in_a_thread_under_it(harness: Harness) -> None:
    ack = harness.server.send(
        event_callback(mention("chargers near Penn Station", ts="1700.000100"))
    )
    assert ack.status_code == 200
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["thread_ts"] == "1700.000100"
    assert harness.provider.locations[0].name.split()[0] in shown(post.body)
    assert "Share in channel" not in shown(post.body)  # already visible to everyone


def test_a_mention_inside_a_thread_is_answered_in_that_thread(harness: Harness) -> None:
    event = mention("chargers near Penn Station", ts="1700.000300", thread_ts="1700.000200")
    harness.server.send(event_callback(event))
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert post.body["thread_ts"] == "1700.000200"


def test_the_bot_mention_is_removed_before_parsing(harness: Harness) -> None:
    harness.server.send(event_callback(mention("help", ts="1700.000400")))
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert harness.provider.calls == []  # "<@bot> help" is a request for help
    assert BOT_USER_ID not in shown(post.body)


def test_a_dm_is_answered_in_the_conversation(harness: Harness) -> None:
    harness.server.send(
        event_callback(direct_message("chargers near Penn Station", ts="1700.000500"))
    )
    (post,) = harness.slack.wait_method("chat.postMessage")
    assert post.body["channel"] == DM_CHANNEL_ID
    assert "thread_ts" not in post.body
    assert harness.provider.locations[0].name.split()[0] in shown(post.body)


def test_bot_messages_edits_deletions_and_other_subtypes_are_ignored(harness: Harness) -> None:
    ignored = [
        direct_message("chargers near Penn Station", ts="1.1", bot_id="B0OTHER"),
        direct_message("chargers near Penn Station", ts="1.2", user=BOT_USER_ID, bot_id=BOT_ID),
        direct_message("chargers near Penn Station", ts="1.3", subtype="bot_message"),
        direct_message("chargers near Penn Station", ts="1.4", subtype="message_changed"),
        direct_message("", ts="1.5", subtype="message_deleted"),
        direct_message("chargers near Penn Station", ts="1.6", subtype="file_share"),
        direct_message("chargers near Penn Station", ts="1.7", edited={"user": "U", "ts": "1.7"}),
        {**direct_message("chargers near Penn Station", ts="1.8"), "channel_type": "channel"},
        mention("chargers near Penn Station", ts="1.9", bot_id="B0OTHER"),
    ]
    for event in ignored:
        assert harness.server.send(event_callback(event)).status_code == 200
    harness.settle()
    assert harness.slack.of("chat.postMessage") == []
    assert harness.provider.calls == []


def test_a_retry_of_an_event_is_not_answered_twice(make_harness: object) -> None:
    harness: Harness = make_harness(delay=0.5)  # type: ignore[operator]
    request = event_callback(
        mention("chargers near Penn Station", ts="1700.000600"), event_id="Ev0RETRY"
    )
    assert harness.server.send(request).status_code == 200
    # Slack retries while the first delivery is still being answered, and again later.
    for attempt in ("1", "2"):
        retry = harness.server.send(
            request, headers={"X-Slack-Retry-Num": attempt, "X-Slack-Retry-Reason": "http_timeout"}
        )
        assert retry.status_code == 200
    harness.slack.wait_method("chat.postMessage")
    harness.settle()
    assert len(harness.slack.of("chat.postMessage")) == 1
    assert len(harness.provider.calls) == 1


def test_a_dm_that_arrives_as_message_and_as_mention_is_answered_once(harness: Harness) -> None:
    ts = "1700.000700"
    dm = direct_message(f"<@{BOT_USER_ID}> CCS near Penn Station", ts=ts)
    as_mention = {**mention("chargers near Penn Station", ts=ts), "channel": DM_CHANNEL_ID}
    harness.server.send(event_callback(dm))
    harness.server.send(event_callback(as_mention))
    harness.slack.wait_method("chat.postMessage")
    harness.settle()
    assert len(harness.slack.of("chat.postMessage")) == 1


def test_app_home_publishes_the_home_tab_with_the_data_source(harness: Harness) -> None:
    event = {"type": "app_home_opened", "user": "U0DRIVER", "channel": "D0HOME", "tab": "home"}
    harness.server.send(event_callback(event))
    (publish,) = harness.slack.wait_method("views.publish")
    assert publish.body["user_id"] == "U0DRIVER"
    view = publish.body["view"]
    assert view["type"] == "home"
    words = shown(view)
    assert "/charge" in words
    assert "Alternative Fuels Data Center" in words
    assert "no live availability" in words


def test_opening_the_messages_tab_publishes_nothing(harness: Harness) -> None:
    event = {"type": "app_home_opened", "user": "U0DRIVER", "channel": "D0HOME", "tab": "messages"}
    harness.server.send(event_callback(event))
    harness.settle()
    assert harness.slack.of("views.publish") == []


def test_a_mention_and_a_dm_get_a_reaction_at_once_while_the_search_runs(
    make_harness: Any,
) -> None:
    harness: Harness = make_harness(delay=2.0)
    harness.server.send(event_callback(mention("chargers near Penn Station", ts="1700.000900")))
    (reaction,) = harness.slack.wait_method("reactions.add")
    # The feedback came before the (2 s) search had finished.
    assert not harness.provider.finished.is_set()
    assert reaction.body["channel"] == CHANNEL_ID
    assert reaction.body["timestamp"] == "1700.000900" and reaction.body["name"] == "eyes"
    harness.server.send(event_callback(direct_message("CCS near Penn Station", ts="1700.000901")))
    harness.slack.wait_method("reactions.add", 2)
    harness.slack.wait_method("chat.postMessage", 2)
