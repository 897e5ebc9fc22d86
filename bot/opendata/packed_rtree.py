"""Build the ``location_index`` R*Tree in one pass, packed, from the ``locations`` table.

SQLite inserts into an R*Tree one row at a time, choosing a leaf, splitting and
reinserting as it goes: 20-60 µs a row, more as the tree grows (a million
stations took longer to index than to map). A whole import instead rebuilds the tree
the way bulk loaders do (Sort-Tile-Recursive packing, Leutenegger et al. 1997): the
points sorted into vertical slices by longitude, each slice sorted by latitude and
cut into full leaves, then the same for each level above, until one root. The nodes
are written straight into the R*Tree's own tables (``%_node``, ``%_rowid``,
``%_parent``) in SQLite's format (``%_rowid`` last, in id order), so the result is an
ordinary R*Tree that later updates (sync, ``remove``) change the usual way;
``rtreecheck()`` accepts it (``tests/opendata/test_packed_rtree.py``).

SQLite's format (``ext/rtree/rtree.c``): a node is a blob of the tree's node size
(fixed when the table was made; read from the root), starting with the tree's depth
(root only, 16 bits) and its number of cells (16 bits), then the cells, each a 64-bit
id (a location id in a leaf, a child node's number above) and, per dimension, a
minimum and a maximum as 32-bit floats, all big-endian. A leaf point's coordinates
are rounded outward to 32-bit floats exactly as SQLite rounds them on insert, so the
search's bound on node error (:data:`bot.opendata.nearby._NODE_ERROR`) holds alike.
The root is node 1. ``%_rowid`` says which leaf holds each id (and stores the
auxiliary columns); ``%_parent`` gives every other node's parent.

Memory stays bounded: SQLite sorts the points (on disk, ``temp_store = FILE``),
Python holds one slice of them at a time, and only the nodes' boxes above the leaves
(one node in 51) are kept in memory.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from array import array
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Final, TypeVar

from bot.geometry.spherical import unit_vector

TABLE: Final = "location_index"
_HEADER = struct.Struct(">HH")
_CELL = struct.Struct(">q4f")
#: SQLite's own nudges when a double has no 32-bit float on the wanted side.
_TOWARDS: Final = 1.0 - 1.0 / 8388608.0
_AWAY: Final = 1.0 + 1.0 / 8388608.0

T = TypeVar("T")
Box = tuple[float, float, float, float]  # min_lat, max_lat, min_lng, max_lng (32-bit values)


def _float32(values: Sequence[float]) -> list[float]:
    """Each value as the nearest 32-bit float (what a C ``(float)`` cast gives)."""
    return array("f", values).tolist()


def _down(values: Sequence[float]) -> list[float]:
    """32-bit floats not above the values (SQLite's ``rtreeValueDown``)."""
    near = _float32(values)
    nudged = _float32([d * (_AWAY if d < 0 else _TOWARDS) for d in values])
    return [f if f <= d else n for f, n, d in zip(near, nudged, values, strict=True)]


def _up(values: Sequence[float]) -> list[float]:
    """32-bit floats not below the values (SQLite's ``rtreeValueUp``)."""
    near = _float32(values)
    nudged = _float32([d * (_TOWARDS if d < 0 else _AWAY) for d in values])
    return [f if f >= d else n for f, n, d in zip(near, nudged, values, strict=True)]


def _node_blob(depth: int, cells: list[bytes], size: int) -> bytes:
    data = _HEADER.pack(depth, len(cells)) + b"".join(cells)
    return data + bytes(size - len(data))


def _even_runs(items: list[T], capacity: int) -> Iterator[list[T]]:
    """``items`` cut into the fewest runs of at most ``capacity``, sizes within one."""
    runs = max(1, math.ceil(len(items) / capacity))
    base, extra = divmod(len(items), runs)
    start = 0
    for run in range(runs):
        end = start + base + (1 if run < extra else 0)
        yield items[start:end]
        start = end


class _Nodes:
    """Numbers and writes nodes; node 1 is kept for the root."""

    def __init__(self, conn: sqlite3.Connection, size: int) -> None:
        self.conn = conn
        self.size = size
        self.next_number = 2

    def number(self) -> int:
        number, self.next_number = self.next_number, self.next_number + 1
        return number

    def write(self, number: int, depth: int, cells: list[bytes]) -> None:
        self.conn.execute(
            f"INSERT INTO {TABLE}_node (nodeno, data) VALUES (?, ?)",
            (number, _node_blob(depth, cells, self.size)),
        )

    def adopt(self, parent: int, children: Sequence[int]) -> None:
        self.conn.executemany(
            f"INSERT INTO {TABLE}_parent (nodeno, parentnode) VALUES (?, ?)",
            [(child, parent) for child in children],
        )


class _Level:
    """The nodes of one level, compact (a million points make 20,000 leaves): their
    numbers, and their boxes as 32-bit floats (which they are: no rounding)."""

    def __init__(self) -> None:
        self.numbers = array("q")
        self.boxes = array("f")

    def __len__(self) -> int:
        return len(self.numbers)

    def add(self, number: int, box: Box) -> None:
        self.numbers.append(number)
        self.boxes.extend(box)

    def box(self, index: int) -> Box:
        b = self.boxes
        return b[4 * index], b[4 * index + 1], b[4 * index + 2], b[4 * index + 3]

    def cells(self, indexes: Sequence[int]) -> list[bytes]:
        return [_CELL.pack(self.numbers[i], *self.box(i)) for i in indexes]


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        max(b[1] for b in boxes),
        min(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _leaf(nodes: _Nodes, number: int, run: list[tuple[int, float, float]]) -> Box:
    """Write one leaf of points (and their ``%_rowid`` rows); its box."""
    ids = [p[0] for p in run]
    lats = [p[1] for p in run]
    lngs = [p[2] for p in run]
    low_lat, high_lat, low_lng, high_lng = _down(lats), _up(lats), _down(lngs), _up(lngs)
    boxes = zip(ids, low_lat, high_lat, low_lng, high_lng, strict=True)
    cells = [_CELL.pack(*cell) for cell in boxes]
    nodes.write(number, 0, cells)
    nodes.conn.executemany(
        f"INSERT INTO {_LEAF_ROWS} VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(i, number, lat, lng, *unit_vector(lat, lng)) for i, lat, lng in run],
    )
    if not run:
        return 0.0, 0.0, 0.0, 0.0
    return min(low_lat), max(high_lat), min(low_lng), max(high_lng)


def _by_latitude(point: tuple[int, float, float]) -> tuple[float, float, int]:
    return point[1], point[2], point[0]


def _leaves(
    nodes: _Nodes, points: Iterator[tuple[int, float, float]], total: int, capacity: int
) -> _Level:
    """The leaves, from points sorted by longitude: slices of about the square root of
    the number of leaves, each sorted by latitude and cut into full leaves."""
    leaves = math.ceil(total / capacity)
    per_slice = math.ceil(math.sqrt(leaves)) * capacity
    level = _Level()
    while part := list(islice(points, per_slice)):
        part.sort(key=_by_latitude)
        for run in _even_runs(part, capacity):
            number = nodes.number()
            level.add(number, _leaf(nodes, number, run))
    return level


def _level(nodes: _Nodes, below: _Level, capacity: int) -> _Level:
    """One level of inner nodes over ``below`` (the same packing, on box centres)."""
    parents = math.ceil(len(below) / capacity)
    per_slice = math.ceil(math.sqrt(parents)) * capacity
    boxes = below.boxes
    by_lng = sorted(range(len(below)), key=lambda i: (boxes[4 * i + 2] + boxes[4 * i + 3], i))
    above = _Level()
    for start in range(0, len(by_lng), per_slice):
        part = sorted(
            by_lng[start : start + per_slice], key=lambda i: (boxes[4 * i] + boxes[4 * i + 1], i)
        )
        for group in _even_runs(part, capacity):
            number = nodes.number()
            nodes.write(number, 0, below.cells(group))
            nodes.adopt(number, [below.numbers[i] for i in group])
            above.add(number, _union([below.box(i) for i in group]))
    return above


#: Where the leaves' ``%_rowid`` rows wait, in the order the leaves are written (by place),
#: to go into ``%_rowid`` in id order at the end: appended to its B-tree instead of
#: inserted at random places in it, which took about a third of a rebuild's time.
_LEAF_ROWS: Final = "temp.packed_rtree_rows"

#: The locations a search may return: all but those shown as another source's site
#: (:mod:`bot.opendata.sites`, whose pass keeps their points out of the R*Tree).
_SEARCHABLE = "FROM locations WHERE id NOT IN (SELECT location_id FROM site_links)"


def rebuild(conn: sqlite3.Connection) -> int:
    """Replace the R*Tree's content with a packed tree of every searchable location.

    Runs inside the caller's transaction. Returns the number of points indexed.
    """
    size_row = conn.execute(f"SELECT length(data) FROM {TABLE}_node WHERE nodeno = 1").fetchone()
    if size_row is None:
        raise sqlite3.DatabaseError(f"{TABLE} has no root node")
    size = int(size_row[0])
    capacity = (size - _HEADER.size) // _CELL.size
    total = int(conn.execute(f"SELECT count(*) {_SEARCHABLE}").fetchone()[0])
    for table in ("node", "rowid", "parent"):
        conn.execute(f"DELETE FROM {TABLE}_{table}")
    conn.execute(f"DROP TABLE IF EXISTS {_LEAF_ROWS}")
    conn.execute(f"CREATE TABLE {_LEAF_ROWS} (id, nodeno, a0, a1, a2, a3, a4)")
    try:
        _pack(conn, _Nodes(conn, size), total, capacity)
        conn.execute(
            f"INSERT INTO {TABLE}_rowid (rowid, nodeno, a0, a1, a2, a3, a4) "
            f"SELECT * FROM {_LEAF_ROWS} ORDER BY id"
        )
    finally:
        conn.execute(f"DROP TABLE IF EXISTS {_LEAF_ROWS}")
    return total


def _pack(conn: sqlite3.Connection, nodes: _Nodes, total: int, capacity: int) -> None:
    # SQLite's sorter holds every row before it returns the first, so writing the
    # R*Tree's tables while this statement is read is safe.
    points = iter(conn.execute(f"SELECT id, latitude, longitude {_SEARCHABLE} ORDER BY longitude"))
    if total <= capacity:
        _leaf(nodes, 1, list(points))  # the root is the only leaf: depth 0
        return
    level = _leaves(nodes, points, total, capacity)
    depth = 1
    while len(level) > capacity:
        level = _level(nodes, level, capacity)
        depth += 1
    everything = range(len(level))
    nodes.write(1, depth, level.cells(everything))
    nodes.adopt(1, [level.numbers[i] for i in everything])
