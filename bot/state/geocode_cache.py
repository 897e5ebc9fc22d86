"""The geocode cache in the state database, for deploys on PostgreSQL: every instance
benefits from every lookup (``bot.geo.cache`` keeps the same answers in a local
SQLite file otherwise). Same freshness rules; a database that is down is logged and
treated as an empty cache, so geocoding goes on without it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from bot.geo.cache import STALE_KEEP_S, CachedAnswer, decode, encode, ttl_for
from bot.geo.match import Match
from bot.state.errors import StateUnavailable
from bot.state.store import StateStore

log = logging.getLogger(__name__)


class StateGeocodeCache:
    def __init__(self, store: StateStore, *, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock

    def get(self, key: str) -> CachedAnswer | None:
        try:
            row = self.store.geocode_answer(key)
        except StateUnavailable as error:
            log.warning("geocode_cache.unavailable", extra={"detail": error.detail})
            return None
        return decode(row[0], row[1], self._clock()) if row is not None else None

    def put(self, key: str, matches: Sequence[Match]) -> None:
        now = self._clock()
        try:
            self.store.keep_geocode_answer(
                key, encode(matches), now, now + ttl_for(matches), forget_before=now - STALE_KEEP_S
            )
        except StateUnavailable as error:
            log.warning("geocode_cache.unavailable", extra={"detail": error.detail})

    def close(self) -> None:
        """The store is closed by its owner."""
