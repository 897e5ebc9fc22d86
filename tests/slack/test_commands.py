"""``/charge``: an immediate "Looking for…" ack, then the answer through the response URL."""

from __future__ import annotations

from support.slack import Harness, button, buttons, shown, slash_command

from bot.plugshare.enums import Connector
from bot.render.actions import CHOOSE_PLACE, SHARE
from bot.slack.text import MAX_REQUEST_CHARS


def test_slash_command_acks_with_looking_for_then_replaces_it_with_the_answer(
    harness: Harness,
) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("CCS near Penn Station", url))

    assert ack.status_code == 200
    interim = ack.json()
    assert interim["response_type"] == "ephemeral"
    assert "🔎 Looking for CCS near Penn Station…" in interim["text"]

    (reply,) = harness.slack.wait_response(url)
    assert reply.body["replace_original"] is True
    assert reply.body["response_type"] == "ephemeral"
    ccs = [
        location.name
        for location in harness.provider.locations
        if any(outlet.connector is Connector.CCS for outlet in location.outlets)
    ]
    others = [location.name for location in harness.provider.locations if location.name not in ccs]
    words = shown(reply.body)
    assert ccs[0] in words
    assert others[0] not in words  # only CCS stations are listed
    # The private answer can be shared with the channel.
    assert button(reply.body, SHARE)["value"]


def test_help_and_an_empty_command_answer_with_help_and_search_nothing(harness: Harness) -> None:
    for text in ("", "help"):
        url = harness.slack.response_url()
        ack = harness.server.send(slash_command(text, url))
        assert ack.status_code == 200
        assert "Looking for" not in ack.text
        (reply,) = harness.slack.wait_response(url)
        assert reply.body["replace_original"] is False  # nothing was shown to replace
        assert reply.body["response_type"] == "ephemeral"
        assert shown(reply.body)
        assert "/charge" in shown(reply.body) or "charge" in reply.body["text"].lower()
    assert harness.provider.calls == []


def test_any_command_name_configured_for_the_app_works(harness: Harness) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("chargers near Penn Station", url, command="/ev"))
    assert "Looking for" in ack.text
    harness.slack.wait_response(url)
    assert len(harness.provider.calls) >= 1


def test_slack_markup_in_the_text_is_read_as_plain_words(harness: Harness) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(
        slash_command("chargers near Penn Station &amp; <@U0OTHER> <#C0123|nyc>", url)
    )
    assert "<@U0OTHER>" not in ack.text
    harness.slack.wait_response(url)
    assert harness.resolver.queries
    for query in harness.resolver.queries:
        assert "<@" not in query and "&amp;" not in query


def test_the_looking_for_message_escapes_what_the_user_typed(harness: Harness) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("CCS near *Penn* <!channel> @here", url))
    text = ack.json()["text"]
    assert "<!channel>" not in text
    assert "@here" not in text
    assert "*Penn*" not in text
    harness.slack.wait_response(url)


def test_a_request_longer_than_the_parser_reads_is_cut_and_still_answered(
    harness: Harness,
) -> None:
    url = harness.slack.response_url()
    text = "chargers near Penn Station " + "and also free please " * 2000  # ~40,000 characters
    ack = harness.server.send(slash_command(text, url))
    assert ack.status_code == 200
    assert len(ack.json()["text"]) < 300
    (reply,) = harness.slack.wait_response(url)
    assert f"first {MAX_REQUEST_CHARS:,} characters" in shown(reply.body) + reply.body["text"]


def test_an_ambiguous_place_offers_the_candidates_as_buttons(harness: Harness) -> None:
    url = harness.slack.response_url()
    harness.server.send(slash_command("CCS near Springfield", url))
    (reply,) = harness.slack.wait_response(url)
    choices = buttons(reply.body, CHOOSE_PLACE)
    assert len(choices) == 2
    assert harness.provider.calls == []
