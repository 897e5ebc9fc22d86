"""One PNG for an answer: the place, and numbered pins matching the cards, on tiles.

The zoom is the closest at which the place and every pin fit inside the picture with a
margin; the picture is centred on the middle of them. Pins are drawn with Pillow: a
circle whose centre is the station's exact pixel, its card number in white.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from .mercator import TILE_SIZE, world_pixel
from .tiles import TileSource

WIDTH = 800
HEIGHT = 500
#: Room kept around the outermost pins, in pixels.
MARGIN = 40
MIN_ZOOM = 2
MAX_ZOOM = 17
PIN_RADIUS = 11
PIN_COLOUR = (204, 31, 47)
PLACE_RADIUS = 8
PLACE_COLOUR = (29, 110, 214)
#: Shown where a tile could not be fetched.
MISSING_TILE = (226, 226, 222)

Point = tuple[float, float]  # (latitude, longitude)


@dataclass(frozen=True)
class MapPicture:
    png: bytes
    zoom: int
    #: Pixel of each pin's centre, in card order (pin 1 first); the place's pixel.
    pins: list[tuple[int, int]]
    place: tuple[int, int]
    #: How many tiles drew; 0 means the tile server gave nothing.
    tiles_drawn: int


def choose_zoom(points: list[Point], width: int, height: int) -> int:
    """The closest zoom at which every point fits inside the picture's margins."""
    for zoom in range(MAX_ZOOM, MIN_ZOOM - 1, -1):
        xs, ys = zip(*(world_pixel(lat, lon, zoom) for lat, lon in points), strict=True)
        if max(xs) - min(xs) <= width - 2 * MARGIN and max(ys) - min(ys) <= height - 2 * MARGIN:
            return zoom
    return MIN_ZOOM


def render_map(
    place: Point,
    pins: list[Point],
    tiles: TileSource,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    attribution: str = "",
    first: int = 1,
) -> MapPicture:
    """The picture; pins are numbered from ``first`` (the cards' numbers on a later page)."""
    points = [place, *pins]
    zoom = choose_zoom(points, width, height)
    xs, ys = zip(*(world_pixel(lat, lon, zoom) for lat, lon in points), strict=True)
    centre_x = (max(xs) + min(xs)) / 2
    centre_y = (max(ys) + min(ys)) / 2
    left = centre_x - width / 2
    top = centre_y - height / 2

    first_x, first_y = math.floor(left / TILE_SIZE), math.floor(top / TILE_SIZE)
    last_x = math.floor((left + width - 1) / TILE_SIZE)
    last_y = math.floor((top + height - 1) / TILE_SIZE)
    wanted = [(zoom, x, y) for y in range(first_y, last_y + 1) for x in range(first_x, last_x + 1)]
    image = Image.new("RGB", (width, height), MISSING_TILE)
    drawn = 0
    for (_, x, y), tile in zip(wanted, tiles.tiles(wanted), strict=True):
        if tile is not None:
            image.paste(tile, (round(x * TILE_SIZE - left), round(y * TILE_SIZE - top)))
            drawn += 1

    draw = ImageDraw.Draw(image)

    def at(point: Point) -> tuple[int, int]:
        x, y = world_pixel(point[0], point[1], zoom)
        return round(x - left), round(y - top)

    place_px = at(place)
    _circle(draw, place_px, PLACE_RADIUS, PLACE_COLOUR)
    font = _font(13)
    pin_pixels = [at(pin) for pin in pins]
    # The farthest pin first, so the nearest (number 1) ends on top.
    for number, pixel in reversed(list(enumerate(pin_pixels, start=first))):
        _circle(draw, pixel, PIN_RADIUS, PIN_COLOUR)
        draw.text(pixel, str(number), fill="white", font=font, anchor="mm")
    if attribution:
        small = _font(11)
        box = draw.textbbox((width - 4, height - 3), attribution, font=small, anchor="rd")
        draw.rectangle((box[0] - 3, box[1] - 2, box[2] + 3, box[3] + 2), fill=(255, 255, 255))
        draw.text((width - 4, height - 3), attribution, fill=(60, 60, 60), font=small, anchor="rd")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return MapPicture(buffer.getvalue(), zoom, pin_pixels, place_px, drawn)


def _circle(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int, colour) -> None:  # type: ignore[no-untyped-def]
    x, y = centre
    draw.ellipse((x - radius - 2, y - radius - 2, x + radius + 2, y + radius + 2), fill="white")
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)
