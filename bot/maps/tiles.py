"""Tiles from an XYZ tile server over ChargeBot's HTTP discipline (bot.http_client).

The template may hold a key, so it is never logged: the client logs paths only, and
errors name the tile by z/x/y.
"""

from __future__ import annotations

import io
import logging
from concurrent.futures import ThreadPoolExecutor

import httpx
from PIL import Image, UnidentifiedImageError

from bot.http_client import ApiClient, RetryPolicy, ServiceError

from .mercator import TILE_SIZE

log = logging.getLogger(__name__)

#: Most tiles fetched at once for one map: polite to a shared tile server.
CONCURRENT_TILES = 4


class TileSource:
    """One tile server: ``tile(z, x, y)`` returns the tile image, or None when it failed."""

    def __init__(self, template: str, *, timeout: float = 5.0) -> None:
        self._template = template
        self._client = ApiClient(
            "the tile server",
            timeout=httpx.Timeout(timeout),
            retry=RetryPolicy(max_retries=1, backoff=0.2, max_retry_wait=2.0),
            headers={"Accept": "image/png,image/*"},
            logger=log,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._client.close()

    def tile(self, z: int, x: int, y: int) -> Image.Image | None:
        count = 2**z
        if not 0 <= y < count:
            return None
        url = self._template.format(z=z, x=x % count, y=y, s="a")
        try:
            with self._client.stream("GET", url) as response:
                body = response.read()
            image = Image.open(io.BytesIO(body))
            image.load()
        except (ServiceError, UnidentifiedImageError, OSError) as error:
            log.warning("map tile %d/%d/%d unavailable: %s", z, x, y, type(error).__name__)
            return None
        if image.size != (TILE_SIZE, TILE_SIZE):
            image = image.resize((TILE_SIZE, TILE_SIZE))
        return image.convert("RGB")

    def tiles(self, wanted: list[tuple[int, int, int]]) -> list[Image.Image | None]:
        with ThreadPoolExecutor(max_workers=CONCURRENT_TILES, thread_name_prefix="tiles") as pool:
            return list(pool.map(lambda key: self.tile(*key), wanted))
