"""The router client, set up at the first route a request asks for.

The client brings httpx (about 10 ms and 5 MB to import). A one-shot
``chargebot ask`` with no route in it never needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.routing.client import Router
    from bot.routing.route import Route


class DeferredRouter:
    """Stands in for :class:`~bot.routing.client.Router` until its first route."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._router: Router | None = None
        self._lock = threading.Lock()

    def set_up(self) -> Router:
        with self._lock:
            if self._router is None:
                from bot.routing.client import Router

                self._router = Router.from_settings(self._settings)
            return self._router

    def route(self, waypoints: Sequence[tuple[float, float]]) -> Route:
        return self.set_up().route(waypoints)

    def close(self) -> None:
        with self._lock:
            if self._router is not None:
                self._router.close()
