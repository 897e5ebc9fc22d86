"""One card per real site: an Open Charge Map location that AFDC lists too is shown once.

AFDC and OCM both list most US and Canadian sites. After every import (in the
import's transaction) this pass links each OCM location to the AFDC location of
the same site, if there is one:

- **where**: within :data:`MATCH_RADIUS_M` (50 m, geodesic) of each other;
- **what**: the same network (PlugShare id, else the network's name), or a
  similar name (:func:`similar_names`: the words that tell sites apart agree,
  rapidfuzz ``token_set_ratio`` at least :data:`NAME_SIMILARITY`) while the two
  do not name *different* networks: two networks in one garage stay two sites.

Among several AFDC candidates the one with the same network wins, then the more
similar name, then the nearer, then the lower id: the result depends on the data
only, never on the order it was imported in. Several OCM locations may link to
one AFDC site (OCM's own duplicates).

A linked OCM location leaves the search (its point leaves the R*Tree, so no
search can return it) and its check-ins, photos and credits appear on the AFDC
location, which keeps AFDC's structured ports (:mod:`bot.opendata.extras`).
Every pass starts from scratch, so a re-import that moves a station or renames it
re-decides its link.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from bot.geometry.bearing import distance_m
from bot.geometry.spherical import boxes_around, unit_vector
from bot.ocm.mapping import SOURCE as OCM
from bot.opendata.afdc_mapping import SOURCE as AFDC
from bot.records.ids import NAMESPACE_SIZE, SOURCES

MATCH_RADIUS_M: Final = 50.0
NAME_SIMILARITY: Final = 80.0
#: Words that say "charging site" rather than which site.
_GENERIC: Final = frozenset(
    [
        "ev",
        "evse",
        "charging",
        "charger",
        "chargers",
        "charge",
        "station",
        "stations",
        "electric",
        "vehicle",
        "vehicles",
        "point",
        "points",
        "car",
        "cars",
        "plug",
        "plugs",
        "the",
        "at",
        "of",
        "and",
        "a",
        "an",
        "de",
        "la",
        "le",
        "inc",
        "llc",
        "ltd",
    ]
)
_WORD: Final = re.compile(r"[a-z0-9]+")

Network = int | str


@dataclass(frozen=True)
class MergeResult:
    #: OCM locations now shown as an AFDC site.
    merged: int
    #: (OCM location id, AFDC location id, distance in meters), by OCM id.
    links: tuple[tuple[int, int, float], ...] = ()


def name_words(name: str | None) -> str:
    """A name reduced to the words that tell sites apart: lower case, no accents."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in _WORD.findall(text) if w not in _GENERIC)


def similar_names(a: str | None, b: str | None) -> float:
    """0-100: how alike two site names are once generic words are set aside."""
    left, right = name_words(a), name_words(b)
    if not left or not right:
        return 0.0
    return float(fuzz.token_set_ratio(left, right))


def _network_key(network_id: int | None, name: str | None) -> Network | None:
    if network_id is not None:
        return network_id
    words = name_words(name)
    return words or None


def _networks(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, set[Network]]:
    found: dict[int, set[Network]] = defaultdict(set)
    marks = ", ".join("?" for _ in ids)
    for location_id, network_id, name in conn.execute(
        f"SELECT DISTINCT location_id, network_id, network_name FROM stations "
        f"WHERE location_id IN ({marks})",
        ids,
    ):
        key = _network_key(network_id, name)
        if key is not None:
            found[location_id].add(key)
    return found


def _restore_points(conn: sqlite3.Connection) -> None:
    """Undo the previous pass: every linked location is searchable again."""
    rows = conn.execute(
        "SELECT l.id, l.latitude, l.longitude FROM site_links s "
        "JOIN locations l ON l.id = s.location_id"
    ).fetchall()
    conn.execute("DELETE FROM site_links")
    if not rows:
        return
    conn.executemany("DELETE FROM location_index WHERE id = ?", [(row[0],) for row in rows])
    conn.executemany(
        "INSERT INTO location_index VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, lat, lat, lng, lng, lat, lng, *unit_vector(lat, lng)) for i, lat, lng in rows],
    )


def _candidates(
    conn: sqlite3.Connection, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """AFDC locations within MATCH_RADIUS_M: (id, distance)."""
    low, high = SOURCES[AFDC] * NAMESPACE_SIZE, (SOURCES[AFDC] + 1) * NAMESPACE_SIZE
    found = []
    for min_lat, max_lat, west, east in boxes_around(latitude, longitude, MATCH_RADIUS_M):
        for location_id, lat, lng in conn.execute(
            "SELECT id, latitude, longitude FROM location_index WHERE max_lat >= ? AND "
            "min_lat <= ? AND max_lng >= ? AND min_lng <= ? AND id > ? AND id < ?",
            (min_lat, max_lat, west, east, low, high),
        ):
            distance = distance_m(latitude, longitude, lat, lng)
            if distance <= MATCH_RADIUS_M:
                found.append((location_id, distance))
    return found


def _best(
    ocm_id: int,
    name: str,
    candidates: list[tuple[int, float]],
    names: dict[int, str],
    networks: dict[int, set[Network]],
) -> tuple[int, float] | None:
    mine = networks.get(ocm_id, set())
    ranked = []
    for afdc_id, distance in candidates:
        theirs = networks.get(afdc_id, set())
        same = bool(mine & theirs)
        conflict = bool(mine) and bool(theirs) and not same
        similarity = similar_names(name, names[afdc_id])
        if same or (similarity >= NAME_SIMILARITY and not conflict):
            ranked.append(((not same, -similarity, distance, afdc_id), afdc_id, distance))
    if not ranked:
        return None
    _, afdc_id, distance = min(ranked)
    return afdc_id, distance


def _holds_source(conn: sqlite3.Connection, source: str) -> bool:
    """Whether the index holds a location of ``source``: a range of ids, not a scan of
    every location (millions, after an import of the whole world)."""
    low = SOURCES[source] * NAMESPACE_SIZE
    query = "SELECT EXISTS (SELECT 1 FROM locations WHERE id > ? AND id < ?)"
    return conn.execute(query, (low, low + NAMESPACE_SIZE)).fetchone()[0] == 1


def merge_sites(conn: sqlite3.Connection) -> MergeResult:
    """Link OCM locations to the AFDC locations of the same sites (in the caller's transaction)."""
    _restore_points(conn)
    if not _holds_source(conn, OCM) or not _holds_source(conn, AFDC):
        return MergeResult(0)
    links: list[tuple[int, int, float]] = []
    pending: list[tuple[int, str, list[tuple[int, float]]]] = []
    rows = conn.execute(
        "SELECT id, name, latitude, longitude FROM locations WHERE source = ? ORDER BY id", (OCM,)
    ).fetchall()
    for ocm_id, name, latitude, longitude in rows:
        candidates = _candidates(conn, latitude, longitude)
        if candidates:
            pending.append((ocm_id, name, candidates))
    for start in range(0, len(pending), 200):
        chunk = pending[start : start + 200]
        ids = sorted({i for ocm_id, _, cands in chunk for i in (ocm_id, *(c for c, _ in cands))})
        marks = ", ".join("?" for _ in ids)
        names = dict(conn.execute(f"SELECT id, name FROM locations WHERE id IN ({marks})", ids))
        networks = _networks(conn, ids)
        for ocm_id, name, candidates in chunk:
            best = _best(ocm_id, name, candidates, names, networks)
            if best is not None:
                links.append((ocm_id, best[0], best[1]))
    conn.executemany(
        "INSERT INTO site_links (location_id, site_id, distance_m) VALUES (?, ?, ?)", links
    )
    conn.executemany("DELETE FROM location_index WHERE id = ?", [(link[0],) for link in links])
    return MergeResult(len(links), tuple(links))
