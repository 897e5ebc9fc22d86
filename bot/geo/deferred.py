"""The online geocoder, set up when a request first needs it.

geopy and its geocoders take about 40 ms and 5 MB to import. A one-shot
``chargebot ask`` with a ZIP, an airport, coordinates or a cached place never
calls the geocoder, so it should not pay for it; a long-running ``chargebot serve``
sets it up at start (:meth:`DeferredGeocoder.set_up`), so a bad geocoder setting
stops it there, naming the variable.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from bot.geo.match import Match

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.geo.online import OnlineGeocoder


class OnlineFailure(Exception):
    """The geocoder gave no answer; ``reason`` completes "I couldn't use the geocoder: ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DeferredGeocoder:
    """Stands in for :class:`~bot.geo.online.OnlineGeocoder` until its first search."""

    def __init__(self, settings: Settings) -> None:
        self.service = settings.geocoder
        self._settings = settings
        self._geocoder: OnlineGeocoder | None = None
        self._lock = threading.Lock()

    def set_up(self) -> OnlineGeocoder:
        """The geocoder, set up now if not yet; ConfigError when the settings can't work."""
        with self._lock:
            if self._geocoder is None:
                from bot.geo.online import make_geocoder

                self._geocoder = make_geocoder(self._settings)
            return self._geocoder

    def search(self, query: str, region: tuple[int, int] | None) -> list[Match]:
        return self.set_up().search(query, region)
