"""The index file: PlugShare's schema in SQLite tables, plus an R*Tree over the locations.

Tables (one row per PlugShare object; ids are derived, see :mod:`bot.records.ids`):

- ``locations``: the location fields drivers see, ``source`` and ``external_id``
  (the record's id in its source; the primary key is derived from the two, so it
  is unique per source without an index of its own), and *facets*: a few
  per-location summaries of its stations and outlets, computed at import
  (:mod:`bot.opendata.facets`), so a search evaluates most filters without
  touching the child tables.
- ``stations``, ``outlets`` (both carry ``location_id``), ``amenities``.
- ``location_index``: an R*Tree of the location points. Its auxiliary columns
  hold the exact coordinates (the box corners are 32-bit floats, rounded outward)
  and the point on the unit sphere (``x, y, z``), whose squared chord to the search
  point SQLite can order by with plain arithmetic (:mod:`bot.opendata.nearby`).
- ``imports``: one row per completed import, for ``chargebot data stats``.
- ``reviews``, ``photos``: check-ins and photos (Open Charge Map's comments and
  media); ``credits``: a location's credits beyond its source's own (another data
  provider's licence); ``site_links``: a location of one source that is the same
  site as another source's (:mod:`bot.opendata.sites`), shown as that one.

Writers open the file with :func:`open_for_write` (creates it and its folder);
searches open it read-only with :func:`open_for_read`, which never creates a file.

Imports run in WAL mode (searches keep reading the old data meanwhile) and switch
the finished file back to a plain journal, so a copy of it needs no side files.
An index in a read-only folder (an image built with the index inside) that is
still in WAL mode is opened *immutable*: SQLite cannot create its ``-shm`` file
there, and nothing can change the file anyway. Reads that find the file damaged
raise :class:`IndexDamaged`, whose message is one sentence with the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path
from typing import Final

SCHEMA_VERSION: Final = 2
#: What each version added, run (idempotently) on an index of an older version when an
#: import opens it; readers of an older index find the tables missing and do without.
_ADDED: Final = {
    2: """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    location_id INTEGER NOT NULL,
    external_id INTEGER,
    rating INTEGER NOT NULL,
    problem INTEGER,
    comment TEXT,
    user_id INTEGER,
    user_name TEXT,
    created_at TEXT
);
CREATE INDEX IF NOT EXISTS reviews_location ON reviews (location_id);
CREATE TABLE IF NOT EXISTS photos (
    id INTEGER PRIMARY KEY,
    location_id INTEGER NOT NULL,
    external_id INTEGER,
    url TEXT NOT NULL,
    thumbnail TEXT,
    caption TEXT,
    user_id INTEGER,
    created_at TEXT
);
CREATE INDEX IF NOT EXISTS photos_location ON photos (location_id);
CREATE TABLE IF NOT EXISTS credits (
    location_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (location_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_links (
    location_id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL,
    distance_m REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS site_links_site ON site_links (site_id);
""",
}

_DDL: Final = """
CREATE TABLE IF NOT EXISTS locations (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    description TEXT,
    address TEXT,
    phone TEXT,
    url TEXT,
    hours TEXT,
    open247 INTEGER,
    access INTEGER NOT NULL,
    cost INTEGER NOT NULL,
    cost_description TEXT,
    score REAL,
    icon TEXT,
    parking_type_name TEXT,
    poi_name TEXT,
    created_at TEXT,
    updated_at TEXT,
    outlet_mask INTEGER NOT NULL,
    availability_mask INTEGER NOT NULL,
    amenity_mask INTEGER NOT NULL,
    has_fee INTEGER NOT NULL,
    max_kw REAL
);
CREATE TABLE IF NOT EXISTS stations (
    id INTEGER PRIMARY KEY,
    location_id INTEGER NOT NULL,
    name TEXT,
    network_id INTEGER,
    network_name TEXT,
    network_ext_id TEXT,
    cost INTEGER NOT NULL,
    cost_description TEXT,
    available INTEGER NOT NULL,
    hours TEXT,
    manufacturer TEXT,
    model TEXT,
    created_at TEXT
);
CREATE INDEX IF NOT EXISTS stations_location ON stations (location_id);
CREATE TABLE IF NOT EXISTS outlets (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL,
    location_id INTEGER NOT NULL,
    connector INTEGER NOT NULL,
    power INTEGER,
    kilowatts REAL,
    volts REAL,
    amps REAL
);
CREATE INDEX IF NOT EXISTS outlets_location ON outlets (location_id);
CREATE TABLE IF NOT EXISTS amenities (
    location_id INTEGER NOT NULL,
    type INTEGER NOT NULL,
    PRIMARY KEY (location_id, type)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS location_index USING rtree(
    id, min_lat, max_lat, min_lng, max_lng, +latitude, +longitude, +x, +y, +z
);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    origin TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    imported INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    invalid INTEGER NOT NULL
);
""" + "".join(_ADDED.values())


class IndexUnreadable(Exception):
    """The index file cannot be used; the message says what to do about it."""


class IndexDamaged(IndexUnreadable):
    """The index file is corrupt; rebuilding it is the fix."""

    def __init__(self, path: Path, error: Exception) -> None:
        super().__init__(
            f"The station index at {path} is damaged ({error}), so delete that file, then "
            "rebuild it with chargebot data sync afdc or by importing the station file again."
        )


#: SQLite's words for a file whose content is broken (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGED = ("malformed", "not a database", "corrupt")


def read_error(path: Path, error: sqlite3.Error) -> IndexUnreadable:
    """What a failed read of the index at ``path`` means, for the person who asked."""
    text = str(error)
    if any(word in text for word in _DAMAGED):
        return IndexDamaged(path, error)
    if "unable to open" in text and not _writable_folder(path):
        return IndexUnreadable(
            f"The station index at {path} cannot be opened in its read-only folder ({text})."
        )
    return IndexUnreadable(f"The station index at {path} cannot be read ({text}).")


def _writable_folder(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


def _read_only_folder_error(path: Path) -> IndexUnreadable:
    return IndexUnreadable(
        f"Cannot write the station index at {path}: it is in a read-only folder. "
        "Build the index in a writable folder (e.g. while building the image), then copy it in."
    )


def _check_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.OperationalError as error:
        raise read_error(path, error) from None
    except sqlite3.DatabaseError as error:
        if "malformed" in str(error):
            raise IndexDamaged(path, error) from None
        raise IndexUnreadable(f"{path} is not a station index ({error}).") from None
    if version > SCHEMA_VERSION:
        raise IndexUnreadable(
            f"{path} was written by a newer ChargeBot (index format {version}); "
            "upgrade ChargeBot or point CHARGEBOT_DB at another file."
        )
    return int(version)


def open_for_write(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the index for an import. Autocommit; callers BEGIN."""
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if error.errno == errno.EROFS:
            raise _read_only_folder_error(path) from None
        raise IndexUnreadable(f"Cannot open the station index at {path}: {error}") from None
    if not _writable_folder(path):
        raise _read_only_folder_error(path)
    try:
        # A writer may be handed from the thread that opened it to another (one
        # statement at a time on the connection).
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise IndexUnreadable(f"Cannot open the station index at {path}: {error}") from None
    try:
        version = _check_version(conn, path)
        if version == 0:
            has_tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if has_tables:
                raise IndexUnreadable(
                    f"{path} is an SQLite file but not a station index; "
                    "point CHARGEBOT_DB (or --db) at another file."
                )
            # WAL lets the bot keep answering from the old data while an import runs.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(f"BEGIN; {_DDL} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                added = "".join(_ADDED[v] for v in range(version + 1, SCHEMA_VERSION + 1))
                conn.executescript(
                    f"BEGIN; {added} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                )
    except sqlite3.OperationalError as error:
        conn.close()
        if "readonly" in str(error):
            raise _read_only_folder_error(path) from None
        raise read_error(path, error) from None
    except sqlite3.DatabaseError as error:
        conn.close()
        if "malformed" in str(error):
            raise IndexDamaged(path, error) from None
        raise IndexUnreadable(f"{path} is not a station index ({error}).") from None
    except IndexUnreadable:
        conn.close()
        raise
    return conn


def create_tables(conn: sqlite3.Connection) -> None:
    """The index's tables on an open connection (a throwaway in-memory index, say)."""
    conn.executescript(f"{_DDL} PRAGMA user_version = {SCHEMA_VERSION};")


def leave_wal(conn: sqlite3.Connection) -> None:
    """Switch a finished index back to a plain journal, so it needs no side files.

    Not possible while a search holds the file open; then it stays in WAL mode,
    which :func:`open_for_read` handles too.
    """
    conn.execute("PRAGMA busy_timeout = 200")
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA journal_mode = DELETE")


def _connect_read_only(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    # Queries stay on the opening thread; only close() may come from another.
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def open_for_read(path: Path) -> sqlite3.Connection | None:
    """Open an existing index read-only; ``None`` when there is no index file yet."""
    path = Path(path).expanduser()
    if not path.is_file():
        return None
    # A WAL-mode file in a read-only folder cannot get its -shm file: open it immutable.
    attempts = (False, True) if not _writable_folder(path) else (False,)
    for immutable in attempts:
        try:
            conn = _connect_read_only(path, immutable)
        except sqlite3.Error as error:
            raise IndexUnreadable(f"Cannot open the station index at {path}: {error}") from None
        try:
            version = _check_version(conn, path)
        except IndexDamaged:
            conn.close()
            raise
        except IndexUnreadable:
            conn.close()
            if immutable or len(attempts) == 1:
                raise
            continue
        break
    if version == 0:
        conn.close()
        return None
    return conn
