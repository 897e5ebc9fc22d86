"""``chargebot ask`` on a machine with no network: the geocoder and router are closed
loopback ports (``tests/conftest.py``), the index is the real NY export. What the terminal
says must be true for the terminal and useful without the online services."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import EXIT_ANSWER, EXIT_FIX_REQUEST, main


@pytest.fixture(autouse=True)
def _environment(ny_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARGEBOT_DB", str(ny_index))
    monkeypatch.setenv("CHARGEBOT_GEOCODE_CACHE", str(tmp_path / "geocode.sqlite3"))


def ask(*args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args], catch_exceptions=False)


def test_an_unknown_zip_is_named_as_not_a_us_zip_code() -> None:
    result = ask("J1772 near 99999")
    assert result.exit_code == EXIT_FIX_REQUEST
    assert "99999 isn't a US ZIP code I know" in result.output
    assert "Check the number, or send a city" in result.output
    # Not the advice to send a ZIP code, which it just did.
    assert "send a ZIP" not in result.output
    assert "Traceback" not in result.output


def test_markup_in_a_request_is_ignored_plainly_without_a_far_fetched_guess() -> None:
    result = ask("<script>alert(1)</script> near 10036")
    assert result.exit_code == EXIT_ANSWER
    assert "stations near 10036" in result.output.splitlines()[0]
    assert "Note: I ignored “alert(1)”." in result.output
    assert "Did you mean" not in result.output


def test_a_trip_with_the_same_place_at_both_ends_says_so_and_each_note_once() -> None:
    result = ask("CCS between Albany NY and Albany NY")
    assert result.exit_code == EXIT_FIX_REQUEST
    assert result.output.count("The trip starts and ends at the same place (Albany") == 1
    offline = "so 'Albany NY' comes from my offline list of cities"
    assert result.output.count(offline) == 1, result.output


def test_more_than_a_page_tells_the_terminal_how_to_see_the_next_page() -> None:
    first = ask("J1772 near 10036 top 50")
    assert first.exit_code == EXIT_ANSWER
    assert "More results" not in first.output  # a Slack button the terminal doesn't have
    assert "Note: I show 10 at a time; add --page 2 to the command for the next page." in (
        first.output
    )
    assert first.output.rstrip().endswith(
        "More stations match: add --page 2 to the command for the next page."
    )
    assert "\n10. " in first.output and "\n11. " not in first.output

    second = ask("J1772 near 10036 top 50", "--page", "2")
    assert second.exit_code == EXIT_ANSWER
    assert "\n11. " in second.output and "\n20. " in second.output
    assert "\n1. " not in second.output
    assert "add --page 3" in second.output
    cards = [line for line in first.output.splitlines() if re.match(r"\d+\. ", line)]
    assert len(cards) == 10
    assert not any(card.split(". ", 1)[1] in second.output for card in cards)


def test_the_json_and_slack_payload_each_say_it_in_their_own_terms() -> None:
    data = json.loads(ask("J1772 near 10036 top 50", "--format", "json").output)
    assert data["has_more"] and data["query"]["per_page"] == 10
    assert "I show 10 at a time; add --page 2 to the command for the next page." in data["notes"]
    blocks = ask("J1772 near 10036 top 50", "--format", "blocks").output
    assert "I show 10 at a time; use “More results” for the rest." in blocks
    assert '"text": "More results"' in blocks
