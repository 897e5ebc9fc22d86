"""The persistent geocode cache: what the online geocoder answered, kept in SQLite.

Found places are kept :data:`FOUND_TTL_S` (30 days), "not found" :data:`NOT_FOUND_TTL_S`
(1 day, since the name may be a typo the user fixes, or a place newly mapped).
An expired answer is not served as fresh, but is kept a while longer: when the
geocoder is down, yesterday's answer beats the gazetteer's city centre.

One file is shared by every thread (one connection behind a lock) and every
process (WAL journal, busy timeout). A cache that cannot be read or written is
logged and treated as empty: geocoding goes on without it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.geo.match import Match
from bot.geo.place import Place, PlaceKind

log = logging.getLogger(__name__)

FOUND_TTL_S = 30 * 24 * 3600.0
NOT_FOUND_TTL_S = 24 * 3600.0
#: How long past expiry an answer is kept for use while the geocoder is down.
STALE_KEEP_S = 30 * 24 * 3600.0
BUSY_TIMEOUT_MS = 5_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key        TEXT PRIMARY KEY,
    matches    TEXT NOT NULL,   -- JSON list, best first; [] means "not found"
    stored_at  REAL NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID
"""


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    matches: tuple[Match, ...]  # empty: the geocoder found nothing
    fresh: bool


class AnswerCache(Protocol):
    """Where online answers are kept: this SQLite file, or the state database
    (``bot.state.geocode_cache``) when that is PostgreSQL."""

    def get(self, key: str) -> CachedAnswer | None: ...

    def put(self, key: str, matches: Sequence[Match]) -> None: ...

    def close(self) -> None: ...


def ttl_for(matches: Sequence[Match]) -> float:
    """How long an answer stays fresh: found places a month, "not found" a day."""
    return FOUND_TTL_S if matches else NOT_FOUND_TTL_S


def encode(matches: Sequence[Match]) -> str:
    return json.dumps([match_to_json(m) for m in matches], ensure_ascii=False)


def decode(text: str, expires_at: float, now: float) -> CachedAnswer | None:
    """A stored answer, or None when it cannot be read (logged; treated as a miss)."""
    try:
        matches = tuple(match_from_json(item) for item in json.loads(text))
    except (ValueError, KeyError, TypeError):
        log.warning("geocode cache: unreadable entry ignored")
        return None
    return CachedAnswer(matches, fresh=expires_at > now)


class GeocodeCache:
    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def get(self, key: str) -> CachedAnswer | None:
        try:
            with self._lock:
                row = (
                    self._connect()
                    .execute("SELECT matches, expires_at FROM answers WHERE key = ?", (key,))
                    .fetchone()
                )
        except sqlite3.Error as error:
            log.warning("geocode cache %s unreadable, ignoring it: %s", self.path, error)
            return None
        if row is None:
            return None
        return decode(row[0], row[1], self._clock())

    def put(self, key: str, matches: Sequence[Match]) -> None:
        now = self._clock()
        ttl = ttl_for(matches)
        payload = encode(matches)
        try:
            with self._lock:
                connection = self._connect()
                with connection:
                    connection.execute(
                        "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                        (key, payload, now, now + ttl),
                    )
        except sqlite3.Error as error:
            log.warning("geocode cache %s unwritable, answer not kept: %s", self.path, error)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _connect(self) -> sqlite3.Connection:
        # A connection must not cross a fork: a child process opens its own.
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            with connection:
                connection.execute(_SCHEMA)
                connection.execute(
                    "DELETE FROM answers WHERE expires_at < ?", (self._clock() - STALE_KEEP_S,)
                )
        except sqlite3.Error:
            connection.close()
            raise
        self._connection, self._pid = connection, os.getpid()
        return connection


def match_to_json(match: Match) -> dict[str, object]:
    c = match.candidate
    return {
        "name": c.name,
        "lat": c.latitude,
        "lng": c.longitude,
        "kind": c.kind.value,
        "cc": c.country_code,
        "importance": match.importance,
    }


def match_from_json(item: dict[str, object]) -> Match:
    importance = item.get("importance")
    return Match(
        Place(
            name=str(item["name"]),
            latitude=float(item["lat"]),  # type: ignore[arg-type]
            longitude=float(item["lng"]),  # type: ignore[arg-type]
            kind=PlaceKind(item["kind"]),
            source="cache",
            country_code=str(item["cc"]) if item.get("cc") else None,
        ),
        importance=float(importance) if importance is not None else None,  # type: ignore[arg-type]
    )
