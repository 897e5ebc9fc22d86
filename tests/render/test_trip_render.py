"""The route card in Slack, the terminal and JSON, from real answers (NY index, loopback
geocoder and router), and `chargebot ask` along a route."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from support.block_kit import check_message
from support.nominatim import NominatimServer
from support.osrm import RouterServer

from bot.cli import EXIT_ANSWER, EXIT_FIX_REQUEST, main
from bot.render.data import render_json
from bot.render.slack import render_message
from bot.render.text import render_text
from bot.search import Answer, SearchPipeline

TRIP = "CCS from Buffalo to New York City, range 150 mi"


@pytest.fixture
def answer(trip_pipeline: SearchPipeline) -> Answer:
    return trip_pipeline.answer(TRIP)


def _texts(blocks: list[dict]) -> list[str]:  # type: ignore[type-arg]
    found = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            found.append(text["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                found.append(element["text"])
    return found


def test_the_slack_card_leads_with_the_trip_then_stops_then_more(answer: Answer) -> None:
    message = render_message(answer, ephemeral=True)
    assert check_message(message) == []
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header"
    header = blocks[0]["text"]["text"]
    assert "Buffalo → New York City · 41" in header and " mi · 6 h " in header
    texts = _texts(blocks)
    stops_at = next(
        i
        for i, t in enumerate(texts)
        if t.startswith("*") and "stops for a 150 mi range (15% reserve)" in t
    )
    more_at = texts.index("*More along the route*")
    assert stops_at < more_at
    trip = answer.trip
    assert trip is not None
    cards = [t for t in texts if " of 41" in t and "off the road" in t]
    assert len(cards) == len(trip.stops) + len(trip.more or [])
    assert "route by OSRM" in " ".join(texts)


def test_directions_drive_the_whole_trip_through_the_stops(answer: Answer) -> None:
    footer = render_message(answer)["blocks"][-1]
    buttons = {b["action_id"]: b for b in footer["elements"]}
    assert {"directions", "refine", "more_results"} <= set(buttons)
    url = buttons["directions"]["url"]
    query = parse_qs(urlsplit(url).query)
    trip = answer.trip
    assert trip is not None
    assert query["origin"] == [f"{trip.origin.latitude:.6f},{trip.origin.longitude:.6f}"]
    assert query["destination"] == [
        f"{trip.destination.latitude:.6f},{trip.destination.longitude:.6f}"
    ]
    stops = [f"{s.location.latitude:.6f},{s.location.longitude:.6f}" for s in trip.stops]
    assert query["waypoints"] == ["|".join(stops)]
    assert query["travelmode"] == ["driving"]


def test_the_terminal_prints_the_same(answer: Answer) -> None:
    text = render_text(answer)
    lines = text.splitlines()
    assert lines[0].startswith("Buffalo → New York City · 41")
    assert "stops for a 150 mi range (15% reserve):" in text
    assert text.index("stops for a 150 mi range") < text.index("More along the route:")
    assert "Directions for the whole trip: https://www.google.com/maps/dir/?" in text
    assert " of 41" in text and "off the road, on the " in text


def test_json_carries_the_route_as_geojson(answer: Answer) -> None:
    data = json.loads(json.dumps(render_json(answer)))
    route = data["route"]
    geometry = route["geometry"]
    assert geometry["type"] == "Feature"
    assert geometry["geometry"]["type"] == "LineString"
    coordinates = geometry["geometry"]["coordinates"]
    assert len(coordinates) > 500
    assert coordinates[0] == pytest.approx([-78.878392, 42.886717], abs=1e-5)  # lng, lat
    assert route["engine"] == "OSRM" and route["straight_line"] is False
    along = [entry["along_m"] for entry in route["along"]]
    assert along == sorted(along)
    assert route["plan"]["complete"] is True
    assert [s["location_id"] for s in route["plan"]["stops"]] == [
        loc["id"] for loc in data["locations"][: len(route["plan"]["stops"])]
    ]


def test_the_straight_line_is_never_called_the_road(
    trip_pipeline: SearchPipeline, router_env: RouterServer
) -> None:
    router_env.fail(502)
    answer = trip_pipeline.answer("CCS from Buffalo to Albany")
    text = render_text(answer)
    assert "in a straight line" in text.splitlines()[0]
    assert "straight line, not the road" in text
    assert " h " not in text.splitlines()[0]
    message = render_message(answer)
    assert check_message(message) == []
    assert "in a straight line" in message["blocks"][0]["text"]["text"]


@pytest.mark.parametrize(
    "text",
    ["CCS from Buffalo to Buffalo", "CCS from Buffalo to São Paulo", "CCS on my way to Albany"],
)
def test_bad_trips_read_as_one_sentence_with_a_suggestion(
    trip_pipeline: SearchPipeline, text: str
) -> None:
    answer = trip_pipeline.answer(text)
    assert answer.message
    assert answer.message in render_text(answer)
    message = render_message(answer)
    assert check_message(message) == []
    assert "Traceback" not in json.dumps(message)


def test_ask_along_a_route(
    ny_index: Path,
    nominatim_env: NominatimServer,
    router_env: RouterServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHARGEBOT_DB", str(ny_index))
    monkeypatch.setenv("CHARGEBOT_GEOCODE_CACHE", str(tmp_path / "geocode.sqlite3"))
    runner = CliRunner()
    result = runner.invoke(main, ["ask", TRIP, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == EXIT_ANSWER
    assert json.loads(result.output)["route"]["geometry"]["geometry"]["type"] == "LineString"
    result = runner.invoke(main, ["ask", "CCS from Buffalo to Buffalo"], catch_exceptions=False)
    assert result.exit_code == EXIT_FIX_REQUEST
    assert "same place" in result.output


HOSTILE = "<!channel> <@U123> <http://evil|x> *_~` &amp; @here <b>x</b> " * 40


def test_hostile_names_and_places_never_ping_or_break_the_route_card(
    trip_pipeline: SearchPipeline,
) -> None:
    from dataclasses import replace

    answer = trip_pipeline.answer(TRIP)
    assert answer.trip is not None and answer.query is not None and answer.query.route
    for location in answer.locations:
        location.name = HOSTILE
        location.address = HOSTILE
    # The user's own words name the ends in the header.
    answer.query.route = replace(answer.query.route, origin=HOSTILE, destination=HOSTILE)
    answer.trip.origin = replace(answer.trip.origin, name=HOSTILE)
    message = render_message(answer, ephemeral=True, checkins_enabled=True)
    assert check_message(message) == []
    dumped = json.dumps(message)
    assert "<!channel>" not in dumped and "<@U123>" not in dumped
    text = render_text(answer)
    assert "\x1b" not in text
    assert render_json(answer)["route"]["origin"]["name"] == HOSTILE  # data, not markup
