"""The whole product, as a workspace uses it on its first day: nothing stands in but Slack.

The real local index (the New York AFDC export), geopy's Nominatim geocoder against a
Nominatim-compatible server on loopback, the real pipeline and renderer, the real Bolt
app under its production server, signed requests in, a mock Slack Web API out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic
from support.nominatim import NominatimServer
from support.slack import MockSlack, RunningApp, event_callback, mention, shown, slash_command

from bot.geo.units import format_distance
from bot.geometry.bearing import compass_point
from bot.providers.local import LocalProvider
from bot.render.actions import DIRECTIONS, MORE_RESULTS
from bot.render.escape import escape_mrkdwn
from bot.search import build_pipeline
from bot.slack.app import create_app

from .conftest import slack_settings

TIMES_SQUARE = (40.758077, -73.985480)


@pytest.fixture
def app(
    slack_api: MockSlack, ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path
) -> Iterator[RunningApp]:
    settings = slack_settings(
        slack_api, db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3"
    )
    pipeline = build_pipeline(settings)
    running = RunningApp(create_app(settings, pipeline))
    try:
        yield running
    finally:
        running.close()
        pipeline.close()


def nearest_j1772(ny_index: Path, count: int) -> list[tuple[str, float, float]]:
    """The answer worked out independently: every J1772 location, geodesic from the place."""
    provider = LocalProvider(ny_index)
    try:
        everything = provider.index.nearby(*TIMES_SQUARE, _j1772(), 5_000, 500)
    finally:
        provider.close()
    measured = []
    for location in everything:
        geo = Geodesic.WGS84.Inverse(*TIMES_SQUARE, location.latitude, location.longitude)
        measured.append((location.name, geo["s12"], geo["azi1"] % 360))
    return sorted(measured, key=lambda item: item[1])[:count]


def _j1772() -> object:
    from bot.plugshare.filters import Filters, OutletFilter

    return Filters(outlets=[OutletFilter(connector=2)], access=[1])


def test_a_slash_command_is_answered_with_the_nearest_real_stations(
    app: RunningApp, slack_api: MockSlack, ny_index: Path, nominatim_env: NominatimServer
) -> None:
    url = slack_api.response_url()
    ack = app.send(slash_command("J1772 near Times Square", url))
    assert ack.status_code == 200
    assert "Looking for J1772 near Times Square" in ack.json()["text"]

    (reply,) = slack_api.wait_response(url)
    words = shown(reply.body)
    assert "Times Square" in reply.body["blocks"][0]["text"]["text"]
    expected = nearest_j1772(ny_index, 5)
    positions = []
    for name, meters, bearing in expected:
        assert f"{format_distance(meters, 'mi')} {compass_point(bearing)}" in words
        positions.append(words.index(escape_mrkdwn(name)))
    assert positions == sorted(positions)  # nearest first
    actions = {
        element["action_id"]
        for block in reply.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }
    assert DIRECTIONS in actions and MORE_RESULTS in actions
    assert [q for q in nominatim_env.queries() if "Times Square" in q]


def test_a_mention_is_answered_in_its_thread(app: RunningApp, slack_api: MockSlack) -> None:
    event = mention("any free J1772 within 2 miles of Times Square?", ts="1700000000.000100")
    assert app.send(event_callback(event)).status_code == 200
    (post,) = slack_api.wait_method("chat.postMessage")
    assert post.body["thread_ts"] == "1700000000.000100"
    # Free only, as PlugShare means it: a station whose cost is unknown is kept, and said.
    assert "free or cost unknown" in shown(post.body) and "Cost unknown" in shown(post.body)
    assert "within 2 mi" in shown(post.body)


def test_a_trip_is_answered_along_the_road_with_the_stops_first(
    slack_api: MockSlack,
    ny_index: Path,
    nominatim_env: NominatimServer,
    router_env: object,
    tmp_path: Path,
) -> None:
    """Search along a route: the loopback OSRM draws the Thruway, the real index is searched."""
    settings = slack_settings(
        slack_api, db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3"
    )
    pipeline = build_pipeline(settings)
    running = RunningApp(create_app(settings, pipeline))
    try:
        url = slack_api.response_url()
        text = "CCS from Buffalo to New York City, range 150 mi"
        assert running.send(slash_command(text, url)).status_code == 200
        (reply,) = slack_api.wait_response(url)
    finally:
        running.close()
        pipeline.close()
    header = reply.body["blocks"][0]["text"]["text"]
    assert "Buffalo → New York City" in header and " h " in header
    words = shown(reply.body)
    assert words.index("stops for a 150 mi range") < words.index("More along the route")
    assert "off the road, on the" in words
    directions = [
        element["url"]
        for block in reply.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == DIRECTIONS and "origin=" in element.get("url", "")
    ]
    assert len(directions) == 1 and "waypoints=" in directions[0]
