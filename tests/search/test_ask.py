"""``chargebot ask`` end to end over the real NY index and a loopback geocoder, in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from geographiclib.geodesic import Geodesic
from slack_sdk.models.blocks import Block

from bot.cli import EXIT_ANSWER, EXIT_FAILURE, EXIT_FIX_REQUEST, main
from bot.geo.units import format_distance
from bot.geometry.bearing import compass_point

TIMES_SQUARE = (40.758077, -73.985480)


pytestmark = pytest.mark.usefixtures("ny_ask_env")


def ask(*args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args], catch_exceptions=False)


def test_json_lists_locations_by_distance_with_independent_bearings() -> None:
    result = ask("J1772 near Times Square, free only", "--format", "json")
    assert result.exit_code == EXIT_ANSWER
    data = json.loads(result.output)

    assert data["outcome"] == "results"
    params = data["query"]["parameters"]
    assert params["outlets"] == '[{"connector":2}]'
    assert params["cost"] == "false"
    assert params["access"] == "1"
    assert data["place"]["latitude"] == pytest.approx(TIMES_SQUARE[0])
    locations = data["locations"]
    assert len(locations) == 5
    last = -1.0
    for location in locations:
        geo = Geodesic.WGS84.Inverse(*TIMES_SQUARE, location["latitude"], location["longitude"])
        assert location["distance_meters"] == pytest.approx(geo["s12"], abs=1)
        assert location["compass_bearing"] == pytest.approx(geo["azi1"] % 360, abs=0.5)
        assert location["distance_meters"] >= last
        last = location["distance_meters"]
        assert any(o["connector"] == 2 for s in location["stations"] for o in s["outlets"])


def test_text_has_the_same_facts_as_the_card() -> None:
    as_json = json.loads(ask("CCS near Penn Station", "--format", "json").output)
    result = ask("CCS near Penn Station")
    assert result.exit_code == EXIT_ANSWER
    text = result.output
    assert "CCS" in text.splitlines()[0]
    assert "public" in text  # the filters in words
    for location in as_json["locations"]:
        assert location["name"] in text
        distance = format_distance(location["distance_meters"], "mi")
        assert f"{distance} {compass_point(location['compass_bearing'])}" in text


def test_blocks_are_the_slack_payload() -> None:
    result = ask("superchargers near Times Square, top 3", "--format", "blocks")
    assert result.exit_code == EXIT_ANSWER
    message = json.loads(result.output)
    assert set(message) == {"text", "blocks"}
    assert "Tesla Supercharger" in message["text"]
    header = message["blocks"][0]
    assert header["type"] == "header" and "3" in header["text"]["text"]
    for block in message["blocks"]:
        assert Block.parse(block) is not None
    assert "top 3" not in json.dumps(message["blocks"][1])  # context says filters in words


@pytest.mark.parametrize(
    ("request_text", "status", "words"),
    [
        ("help", EXIT_ANSWER, "near"),
        ("CCS, free only", EXIT_FIX_REQUEST, "Where"),
        ("CCS near Unoin Staton", EXIT_FIX_REQUEST, "Unoin Staton"),
        ("CCS near Union Station", EXIT_FIX_REQUEST, "Denver"),
        ("CCS within 500 m of 44.0,-74.4", EXIT_ANSWER, "found no CCS"),
    ],
)
def test_every_outcome_has_a_reply_and_an_exit_status(
    request_text: str, status: int, words: str
) -> None:
    result = ask(request_text)
    assert result.exit_code == status, result.output
    assert words in result.output
    assert "Traceback" not in result.output


def test_an_empty_index_exits_1_and_names_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ask("CCS near Penn Station", "--db", str(tmp_path / "empty.sqlite3"))
    assert result.exit_code == EXIT_FAILURE
    assert "chargebot data sync afdc" in result.output


def test_units_can_be_forced() -> None:
    data = json.loads(ask("CCS near Penn Station", "--units", "km", "--format", "json").output)
    assert data["query"]["units"] == "km"
    assert " km " in ask("CCS near Penn Station", "--units", "km").output


def test_the_installed_command_and_python_m_bot_agree() -> None:
    command = [sys.executable, "-m", "bot", "ask", "CCS near Times Square", "--format", "json"]
    run = subprocess.run(command, capture_output=True, text=True, env=os.environ, timeout=60)
    assert run.returncode == EXIT_ANSWER, run.stderr
    by_module = json.loads(run.stdout)
    by_command = json.loads(ask("CCS near Times Square", "--format", "json").output)
    # The second run finds the place in the geocoder cache; everything else is equal.
    assert by_module["place"].pop("source") == "nominatim"
    assert by_command["place"].pop("source") == "cache"
    assert by_module == by_command


def test_plugshare_without_credentials_is_a_message_not_a_traceback() -> None:
    result = CliRunner().invoke(main, ["ask", "CCS near Penn Station", "--provider", "plugshare"])
    assert result.exit_code == EXIT_FIX_REQUEST
    assert "PLUGSHARE_API_KEY" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("text", ["set car CCS", "set home 10036", "settings", "forget me"])
def test_a_slack_settings_command_is_explained_not_geocoded(text: str) -> None:
    # "set car CCS" was looked up as a place ("Which “set” do you mean? Sète, France...").
    for output in ("text", "json"):
        result = ask(text, "--format", output)
        assert result.exit_code == EXIT_FIX_REQUEST, result.output
        assert result.stdout == ""
        assert "/charge set car CCS" in result.stderr and "chargebot ask" in result.stderr
        assert "Which" not in result.stderr and "look up" not in result.stderr


def test_a_search_starting_with_a_settings_word_is_still_a_search() -> None:
    result = ask("my CCS near 10036", "--format", "json")
    assert result.exit_code == EXIT_ANSWER, result.output
    assert json.loads(result.stdout)["outcome"] == "results"
