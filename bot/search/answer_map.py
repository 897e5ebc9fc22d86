"""The map picture for an answer: its place and its cards' stations, numbered as the cards."""

from __future__ import annotations

import logging

from bot.answer.answer import Answer
from bot.config import Settings
from bot.maps import MapPicture, TileSource, render_map

log = logging.getLogger(__name__)


def answer_map(answer: Answer, settings: Settings) -> MapPicture | None:
    """The PNG, or None when no tile server is configured, the answer has no stations, or
    the tile server gave no tile (a map of pins on grey helps nobody)."""
    if settings.tile_url is None or answer.place is None or not answer.locations:
        return None
    tiles = TileSource(settings.tile_url.get_secret_value())
    try:
        picture = render_map(
            (answer.place.latitude, answer.place.longitude),
            [(loc.latitude, loc.longitude) for loc in answer.locations],
            tiles,
            attribution=settings.tile_attribution,
            first=answer.page * answer.per_page + 1,
        )
    finally:
        tiles.close()
    if picture.tiles_drawn == 0:
        log.warning("map.no_tiles")
        return None
    return picture
