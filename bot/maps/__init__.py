"""A map image for an answer (``CHARGEBOT_TILE_URL``): tiles from an XYZ server, pins by Pillow.

``bot.search.answer_map.answer_map`` draws one for an answer; this package knows only
points, tiles and pixels.
"""

from __future__ import annotations

from .picture import MapPicture, render_map
from .tiles import TileSource

__all__ = ["MapPicture", "TileSource", "render_map"]
