"""An XYZ tile server on loopback: every tile a generated PNG of one flat colour."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image

from support.loopback_api import LoopbackApi, RecordedRequest

TILE_COLOUR = (214, 232, 206)
_TILE = re.compile(r"^/tiles/(\d+)/(\d+)/(\d+)\.png$")


def tile_png(colour: tuple[int, int, int] = TILE_COLOUR) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(buffer, format="PNG")
    return buffer.getvalue()


class TileServer(LoopbackApi):
    """Serves ``/tiles/{z}/{x}/{y}.png``; ``template`` is the URL to configure."""

    def __init__(self) -> None:
        super().__init__()
        self._png = tile_png()

    @property
    def template(self) -> str:
        return f"{self.url}/tiles/{{z}}/{{x}}/{{y}}.png?key=tile-secret-key"

    def tiles_asked(self) -> list[tuple[int, int, int]]:
        found = [_TILE.match(r.path) for r in self.requests]
        return [(int(m[1]), int(m[2]), int(m[3])) for m in found if m]

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        if _TILE.match(request.path):
            return 200, self._png
        return 404, {"error": "Not Found"}
