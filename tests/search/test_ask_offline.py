"""``chargebot ask`` on a machine with no network: the geocoder and router are closed
loopback ports (``tests/conftest.py``), the index is the real NY export. What the terminal
says must be true for the terminal and useful without the online services."""

from __future__ import annotations

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
