"""The answer's map: tiles from a loopback XYZ server, pins where the stations are.

Pixel positions are checked against an independent Web Mercator formula (asinh∘tan),
not the module's own arithmetic.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from support.loopback_api import closed_port
from support.tiles import TILE_COLOUR, TileServer

from bot.cli import EXIT_ANSWER, main
from bot.maps import TileSource, render_map
from bot.maps.picture import PIN_COLOUR, PLACE_COLOUR

PENN = (40.750568, -73.993519)
PINS = [(40.748395, -73.9937), (40.749073, -73.990032), (40.7561, -74.0027)]


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    with TileServer() as server:
        yield server


def expected_pixel(
    point: tuple[float, float], zoom: int, points: list[tuple[float, float]]
) -> tuple[float, float]:
    def world(lat: float, lon: float) -> tuple[float, float]:
        scale = 256 * 2**zoom
        x = (lon + 180) / 360 * scale
        y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * scale
        return x, y

    xs, ys = zip(*(world(*p) for p in points), strict=True)
    x, y = world(*point)
    return x - (max(xs) + min(xs)) / 2 + 400, y - (max(ys) + min(ys)) / 2 + 250


def close_to(colour: tuple[int, ...], wanted: tuple[int, int, int], slack: int = 30) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour[:3], wanted, strict=True))


def test_pins_land_on_the_stations_pixels(
    tile_server: TileServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")  # httpx itself is kept quiet (logs.py)
    source = TileSource(tile_server.template)
    try:
        picture = render_map(PENN, PINS, source, attribution="© test tiles")
    finally:
        source.close()
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG"
    assert image.size == (800, 500)
    assert picture.tiles_drawn == len(tile_server.tiles_asked()) >= 6
    assert {z for z, _, _ in tile_server.tiles_asked()} == {picture.zoom}
    points = [PENN, *PINS]
    # The closest zoom that fits: one more would not.
    assert 12 <= picture.zoom <= 17
    for number, pin in enumerate(PINS):
        x, y = expected_pixel(pin, picture.zoom, points)
        assert picture.pins[number] == pytest.approx((x, y), abs=1)
        assert 0 <= x < 800 and 0 <= y < 500
        # Inside the pin's disc, clear of its white number.
        assert close_to(image.getpixel((round(x) - 8, round(y))), PIN_COLOUR)
    px, py = expected_pixel(PENN, picture.zoom, points)
    assert close_to(image.getpixel((round(px), round(py))), PLACE_COLOUR)
    assert close_to(image.getpixel((5, 5)), TILE_COLOUR, slack=2)  # the tiles are drawn
    # The key travels in the tile URL, never into a log line.
    assert all("key=tile-secret-key" in r.raw_query for r in tile_server.requests)
    assert "tile-secret-key" not in caplog.text


def test_pins_are_numbered_like_the_cards_on_later_pages(tile_server: TileServer) -> None:
    source = TileSource(tile_server.template)
    try:
        first = render_map(PENN, PINS, source)
        later = render_map(PENN, PINS, source, first=6)
    finally:
        source.close()
    assert first.pins == later.pins
    assert first.png != later.png  # the numbers differ


def test_an_unreachable_tile_server_draws_nothing_and_raises_nothing() -> None:
    source = TileSource(f"http://127.0.0.1:{closed_port()}/{{z}}/{{x}}/{{y}}.png")
    try:
        picture = render_map(PENN, PINS, source)
    finally:
        source.close()
    assert picture.tiles_drawn == 0


def test_chargebot_ask_writes_the_map(
    ny_ask_env: None, tile_server: TileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARGEBOT_TILE_URL", tile_server.template)
    out = tmp_path / "out.png"
    result = CliRunner().invoke(
        main, ["ask", "CCS near Penn Station", "--map", str(out)], catch_exceptions=False
    )
    assert result.exit_code == EXIT_ANSWER
    assert "Map written to" in result.stderr
    image = Image.open(out)
    assert image.size == (800, 500)
    cards = [
        line for line in result.stdout.splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}
    ]
    assert len(cards) == 5
    assert tile_server.tiles_asked()


def test_without_a_tile_server_there_is_no_map_and_no_error(
    ny_ask_env: None, tmp_path: Path
) -> None:
    out = tmp_path / "out.png"
    result = CliRunner().invoke(
        main, ["ask", "CCS near Penn Station", "--map", str(out)], catch_exceptions=False
    )
    assert result.exit_code == EXIT_ANSWER
    assert not out.exists()
    assert "CHARGEBOT_TILE_URL" in result.stderr


def test_an_unreachable_tile_server_says_how_to_see_why(
    ny_ask_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The terminal shows no log unless asked: "see the log" pointed at nothing.
    monkeypatch.setenv(
        "CHARGEBOT_TILE_URL", f"http://127.0.0.1:{closed_port()}/{{z}}/{{x}}/{{y}}.png"
    )
    out = tmp_path / "out.png"
    result = CliRunner().invoke(
        main, ["ask", "CCS near Penn Station", "--map", str(out)], catch_exceptions=False
    )
    assert result.exit_code == EXIT_ANSWER
    assert not out.exists()
    assert "No map" in result.stderr and "chargebot -v ask" in result.stderr
    assert "see the log" not in result.stderr


def test_a_tile_url_without_a_template_is_refused_without_echoing_its_key() -> None:
    from bot.config import ConfigError, load_settings

    with pytest.raises(ConfigError) as refused:
        load_settings(tile_url="https://tiles.example.com/map.png?key=SECRET-KEY-1")
    assert "CHARGEBOT_TILE_URL" in str(refused.value)
    assert "{z}, {x} and {y}" in str(refused.value)
    assert "SECRET-KEY-1" not in str(refused.value)
    settings = load_settings(tile_url="https://t.example.com/{z}/{x}/{y}.png?key=SECRET-KEY-1")
    assert "SECRET-KEY-1" not in repr(settings)
