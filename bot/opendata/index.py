"""Read access to the station index for searches, safe to share between threads."""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from bot.opendata.hydrate import load_locations
from bot.opendata.nearby import Hit, nearest
from bot.opendata.schema import open_for_read, read_error
from bot.opendata.stats import SourceAge, source_ages
from bot.plugshare import trusted
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location

if TYPE_CHECKING:
    from bot.geometry.line import RouteLine

P = ParamSpec("P")
R = TypeVar("R")


#: How much of the index file a search connection maps into memory (address space, not
#: memory: pages come from the OS's page cache either way). Mapped pages are read without
#: a system call each; at 1M stations nearby search took about a tenth less time.
MMAP_BYTES = 1 << 34


def _reads(
    method: Callable[Concatenate[StationIndex, P], R],
) -> Callable[Concatenate[StationIndex, P], R]:
    """One read transaction per call, and SQLite errors become IndexUnreadable
    (IndexDamaged for a corrupt file).

    A search reads the R*Tree, then the locations it found: in one transaction both see
    the same snapshot, even when a sync commits in between (it would otherwise find a
    location the next statement no longer has), and the file is locked once per search,
    not once per statement (each lock is several system calls).
    """

    @functools.wraps(method)
    def reading(self: StationIndex, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            conn = self.connection()
            if conn is None or conn.in_transaction:
                return method(self, *args, **kwargs)
            conn.execute("BEGIN")
            try:
                return method(self, *args, **kwargs)
            finally:
                conn.execute("COMMIT")  # only read: nothing to roll back
        except sqlite3.Error as error:
            raise read_error(self.path, error) from None

    return reading


class StationIndex:
    """The index file at ``path``, opened read-only, one connection per thread.

    A missing file reads as an empty index; a file that appears later (the first
    ``chargebot data sync``) is picked up by the next call.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    def connection(self) -> sqlite3.Connection | None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_for_read(self.path)
            if conn is None:
                return None
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @_reads
    def is_empty(self) -> bool:
        conn = self.connection()
        if conn is None:
            return True
        return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM locations)").fetchone()[0] == 1

    @_reads
    def has_power_ratings(self) -> bool:
        """Whether any location has an outlet with a known kW (AFDC API data does; CSV never)."""
        conn = self.connection()
        if conn is None:
            return False
        query = "SELECT EXISTS (SELECT 1 FROM locations WHERE max_kw IS NOT NULL)"
        return conn.execute(query).fetchone()[0] == 1

    @_reads
    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        conn = self.connection()
        if conn is None:
            return []
        return _located(conn, nearest(conn, latitude, longitude, filters, radius_m, count))

    @_reads
    def nearby_page(
        self,
        latitude: float,
        longitude: float,
        filters: Filters,
        radius_m: float,
        start: int,
        count: int,
    ) -> tuple[list[Location], int]:
        """Locations for the ``start``-th to the ``start + count``-th nearest (built for those
        only), and how many were found up to one past the last of them."""
        conn = self.connection()
        if conn is None:
            return [], 0
        start, count = max(int(start), 0), max(int(count), 0)
        hits = nearest(conn, latitude, longitude, filters, radius_m, start + count + 1)
        return _located(conn, hits[start : start + count]), len(hits)

    @_reads
    def along(
        self, line: RouteLine, filters: Filters, corridor_m: float, count: int
    ) -> list[Location]:
        """Up to ``count`` locations within ``corridor_m`` of the line, in route order."""
        from bot.opendata.corridor import even_spread, within_corridor  # with the first route

        conn = self.connection()
        if conn is None or count <= 0:
            return []
        hits = even_spread(within_corridor(conn, line, filters, corridor_m), count)
        found = load_locations(conn, [hit.location_id for hit in hits])
        return [found[hit.location_id] for hit in hits if hit.location_id in found]

    @_reads
    def location(self, location_id: int) -> Location | None:
        conn = self.connection()
        if conn is None:
            return None
        return load_locations(conn, [location_id]).get(location_id)

    @_reads
    def source_ages(self) -> list[SourceAge]:
        conn = self.connection()
        return source_ages(conn) if conn is not None else []

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


def _located(conn: sqlite3.Connection, hits: list[Hit]) -> list[Location]:
    """The hits' locations, with their distance and bearing, in the hits' order."""
    found = load_locations(conn, [hit.location_id for hit in hits])
    results = []
    for hit in hits:
        location = found.get(hit.location_id)
        if location is not None:  # both reads see one snapshot: missing only if inconsistent
            trusted.assign(location, distance_meters=hit.distance_m, compass_bearing=hit.bearing)
            results.append(location)
    return results
