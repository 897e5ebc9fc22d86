"""A command's text is parsed once: in the ack only when it might ask for help (the ack
must know, to answer help at once without "Looking for…"), else where it is answered."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from support.slack import Harness, slash_command

import bot.search.pipeline
import bot.slack.text
from bot.query import parse_query


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Parses counted by where they happen: in the ack (``ack``) or in the search."""
    counted: Counter[str] = Counter()

    def counting(where: str) -> Any:
        def parse(text: Any) -> Any:
            counted[where] += 1
            return parse_query(text)

        return parse

    monkeypatch.setattr(bot.slack.text, "parse_query", counting("ack"))
    monkeypatch.setattr(bot.search.pipeline, "parse_query", counting("search"))
    return counted


def test_a_search_is_parsed_once_after_its_ack(harness: Harness, parses: Counter[str]) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command("CCS near Penn Station", url))
    assert "Looking for CCS near Penn Station" in ack.text
    harness.slack.wait_response(url)
    harness.settle()
    assert parses == Counter({"search": 1})


@pytest.mark.parametrize("text", ["help", "", "hi there!"])
def test_help_is_parsed_once_in_the_ack_and_answered_at_once(
    harness: Harness, parses: Counter[str], text: str
) -> None:
    url = harness.slack.response_url()
    ack = harness.server.send(slash_command(text, url))
    assert ack.status_code == 200
    assert "Looking for" not in ack.text
    (reply,) = harness.slack.wait_response(url)
    assert reply.body["replace_original"] is False
    harness.settle()
    assert parses == Counter({"ack": 1})
    assert harness.provider.calls == []


def test_a_text_cut_to_what_the_parser_reads_is_parsed_once_in_the_ack(
    harness: Harness, parses: Counter[str]
) -> None:
    url = harness.slack.response_url()
    text = "chargers near Penn Station " + "and also free please " * 100
    harness.server.send(slash_command(text, url))
    harness.slack.wait_response(url)
    harness.settle()
    # Its query carries the cut, which the answer mentions (test_commands.py).
    assert parses == Counter({"ack": 1})
