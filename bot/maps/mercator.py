"""Web Mercator pixel arithmetic for XYZ ("slippy map") tiles, as every tile server uses."""

from __future__ import annotations

import math

TILE_SIZE = 256
#: Web Mercator is undefined at the poles; tiles stop at this latitude.
MAX_LATITUDE = 85.05112878


def world_pixel(latitude: float, longitude: float, zoom: int) -> tuple[float, float]:
    """The point's position in pixels on the whole world's image at ``zoom``."""
    latitude = max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude))
    scale = TILE_SIZE * 2**zoom
    x = (longitude + 180.0) / 360.0 * scale
    sin = math.sin(math.radians(latitude))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y
