"""Write PlugShare-shaped locations (models, or their rows) into the index, by id."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from bot.geometry.spherical import unit_vector
from bot.opendata.extras import EXTRA_TABLES, write_extras
from bot.opendata.facets import Facets, facets_of
from bot.opendata.id_set import IdSet
from bot.opendata.packed_rtree import rebuild as rebuild_rtree
from bot.plugshare.models import Location
from bot.records.ids import NAMESPACE_SIZE, SOURCES, split_location_id

_LOCATION_COLUMNS = (
    "id, source, external_id, name, latitude, longitude, description, address, phone, url, "
    "hours, open247, access, cost, cost_description, score, icon, parking_type_name, poi_name, "
    "created_at, updated_at, outlet_mask, availability_mask, amenity_mask, has_fee, max_kw"
)
_INSERT_LOCATION = (
    f"INSERT OR REPLACE INTO locations ({_LOCATION_COLUMNS}) "
    f"VALUES ({', '.join('?' for _ in _LOCATION_COLUMNS.split(','))})"
)
_INSERT_STATION = (
    "INSERT INTO stations (id, location_id, name, network_id, network_name, network_ext_id, "
    "cost, cost_description, available, hours, manufacturer, model, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_OUTLET = (
    "INSERT INTO outlets (id, station_id, location_id, connector, power, kilowatts, volts, amps) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_AMENITY = "INSERT OR IGNORE INTO amenities (location_id, type) VALUES (?, ?)"
_INSERT_POINT = "INSERT INTO location_index VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_PENDING_POINT = "INSERT INTO temp.pending_points VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_CHILD_TABLES = ("stations", "outlets", "amenities", *EXTRA_TABLES)


def bind_none_directly() -> None:
    """Let ``sqlite3`` bind ``None`` as NULL without first looking for an adapter.

    Python 3.11's ``sqlite3`` looks for an adapter for every parameter that is not an
    exact int, float, str or bytearray, ``None`` included: two failed attribute
    lookups, each formatting an error message that is thrown away (about half a
    microsecond a parameter). An import binds a dozen ``None`` a row, millions of
    rows. An adapter registered for ``NoneType`` is found at once; ``{}.get`` returns
    ``None`` for it, which is bound as NULL exactly as before. Idempotent.
    """
    sqlite3.register_adapter(type(None), {}.get)


def timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(slots=True, eq=False)
class LocationRows:
    """One location as the index's rows: what :meth:`IndexWriter.write` inserts.

    Built from a model by :func:`rows_of`, or directly from a source's record by a
    mapping that needs no model (:func:`bot.opendata.afdc_mapping.station_rows`: an
    import of millions of AFDC stations). Extras (check-ins, photos, credits) come
    only with models.
    """

    id: int
    location: tuple[Any, ...]
    stations: list[tuple[Any, ...]]
    outlets: list[tuple[Any, ...]]
    amenities: list[tuple[int, int]]

    @property
    def point(self) -> tuple[float, ...]:
        """The ``location_index`` row, made only when inserted (a whole import packs the
        R*Tree from the ``locations`` table instead)."""
        return point_row(self.id, self.location[4], self.location[5])


def location_row(
    location_id: int,
    name: str,
    latitude: float,
    longitude: float,
    description: str | None,
    address: str | None,
    phone: str | None,
    url: str | None,
    hours: str | None,
    open247: bool | None,
    access: int,
    cost: bool,
    cost_description: str | None,
    score: float | None,
    icon: str | None,
    parking_type_name: str | None,
    poi_name: str | None,
    created_at: datetime | None,
    updated_at: datetime | None,
    facets: Facets,
) -> tuple[Any, ...]:
    """The ``locations`` row, in the table's column order."""
    source, external = split_location_id(location_id) or ("", 0)
    return (
        location_id, source, external, name, latitude, longitude, description, address, phone,
        url, hours, _bool(open247), int(access), int(cost), cost_description, score, icon,
        parking_type_name, poi_name, timestamp(created_at), timestamp(updated_at),
        facets.outlet_mask, facets.availability_mask, facets.amenity_mask,
        int(facets.has_fee), facets.max_kw,
    )  # fmt: skip


def point_row(location_id: int, latitude: float, longitude: float) -> tuple[float, ...]:
    """The ``location_index`` row: the point as a box, its coordinates and unit vector."""
    return (
        location_id, latitude, latitude, longitude, longitude, latitude, longitude,
        *unit_vector(latitude, longitude),
    )  # fmt: skip


def rows_of(location: Location) -> LocationRows:
    """A model's rows (its extras are written from the model: :func:`write_extras`)."""
    facets = facets_of(location)
    station_rows = []
    outlet_rows = []
    created: dict[object, str | None] = {}  # the ports of a site share one date
    for station in location.stations:
        network = station.network
        if station.created_at not in created:
            created[station.created_at] = timestamp(station.created_at)
        station_rows.append((
            station.id, location.id, station.name, station.effective_network_id,
            network.name if network else None, station.network_ext_id,
            int(station.cost), station.cost_description, int(station.available),
            station.hours, station.manufacturer, station.model,
            created[station.created_at],
        ))  # fmt: skip
        for outlet in station.outlets:
            outlet_rows.append((
                outlet.id, station.id, location.id, int(outlet.connector),
                _int(outlet.power), outlet.kilowatts, outlet.volts, outlet.amps,
            ))  # fmt: skip
    row = location_row(
        location.id, location.name, location.latitude, location.longitude,
        location.description, location.address, location.phone, location.url,
        location.hours, location.open247, location.access, location.cost,
        location.cost_description, location.score, location.icon,
        location.parking_type_name, location.poi_name, location.created_at,
        location.updated_at, facets,
    )  # fmt: skip
    return LocationRows(
        location.id,
        row,
        station_rows,
        outlet_rows,
        [(location.id, int(a.type)) for a in location.amenities],
    )


#: A whole import rebuilds the R*Tree packed (:mod:`bot.opendata.packed_rtree`) when
#: it brings at least this share of the points already indexed: a rebuild costs a few
#: µs a point of the whole index, an insert tens of µs a point it brings.
REBUILD_SHARE: Final = 0.25


class IndexWriter:
    """Batches of locations into an open write connection (the caller owns the transaction).

    ``points_last`` (a whole import) holds the R*Tree's points back until
    :meth:`finish`, which either rebuilds the tree packed from the ``locations`` table
    (a fresh index, or an import that brings at least :data:`REBUILD_SHARE` of the
    points already there) or inserts the points held back in one sorted statement. The
    caller must call :meth:`finish` before committing.
    """

    def __init__(self, conn: sqlite3.Connection, *, points_last: bool = False) -> None:
        self.conn = conn
        bind_none_directly()
        self._insert_point: str | None = _INSERT_POINT
        self._points_last = points_last
        self._indexed = 0
        if points_last:
            self._indexed = conn.execute("SELECT count(*) FROM locations").fetchone()[0]
            # A fresh index is always rebuilt: its points need not be held anywhere.
            self._insert_point = None
            if self._indexed:
                self._insert_point = _INSERT_PENDING_POINT
                conn.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS pending_points (id INTEGER PRIMARY KEY, "
                    "min_lat, max_lat, min_lng, max_lng, latitude, longitude, x, y, z)"
                )
        self._written = 0

    def finish(self) -> None:
        """Index the points held back (``points_last``)."""
        if not self._points_last:
            return
        if self._insert_point is None or self._written >= REBUILD_SHARE * self._indexed:
            rebuild_rtree(self.conn)
        else:
            # Replaced locations' old points first (their ids are among those held back).
            self.conn.execute(
                "DELETE FROM location_index WHERE id IN (SELECT id FROM temp.pending_points)"
            )
            self.conn.execute(
                "INSERT INTO location_index SELECT * FROM temp.pending_points "
                "ORDER BY CAST((latitude + 90) * 2 AS INTEGER), longitude"
            )
        self.close()

    def close(self) -> None:
        """Stop holding points back (after :meth:`finish`, or an error). Idempotent."""
        if not self._points_last:
            return
        self._points_last = False
        self._insert_point = _INSERT_POINT
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("DROP TABLE IF EXISTS temp.pending_points")

    def existing_ids(self, source: str) -> IdSet:
        # The source's range of ids (bot.records.ids): read in id order, no scan of the
        # other sources' locations.
        low = SOURCES[source] * NAMESPACE_SIZE
        rows = self.conn.execute(
            "SELECT id FROM locations WHERE id > ? AND id < ? ORDER BY id",
            (low, low + NAMESPACE_SIZE),
        )
        return IdSet(row[0] for row in rows)

    def remove(self, ids: Iterable[int]) -> int:
        keys = [(i,) for i in ids]
        if not keys:
            return 0
        self._delete_children(keys)
        before = self.conn.total_changes
        self.conn.executemany("DELETE FROM locations WHERE id = ?", keys)
        return self.conn.total_changes - before

    def _delete_children(self, keys: list[tuple[int]]) -> None:
        for table in _CHILD_TABLES:
            self.conn.executemany(f"DELETE FROM {table} WHERE location_id = ?", keys)
        if not self._points_last:  # else finish() replaces the points
            self.conn.executemany("DELETE FROM location_index WHERE id = ?", keys)

    def write(
        self, locations: Sequence[Location | LocationRows], replacing: Iterable[int] = ()
    ) -> None:
        """Insert ``locations``; ``replacing`` lists the ids among them already indexed."""
        self._delete_children([(i,) for i in replacing])
        location_rows = []
        station_rows: list[tuple[Any, ...]] = []
        outlet_rows: list[tuple[Any, ...]] = []
        amenity_rows: list[tuple[int, int]] = []
        models = []
        all_rows = []
        for location in locations:
            if isinstance(location, Location):
                models.append(location)
                rows = rows_of(location)
            else:
                rows = location
            all_rows.append(rows)
            location_rows.append(rows.location)
            station_rows += rows.stations
            if rows.outlets:
                outlet_rows += rows.outlets
            if rows.amenities:
                amenity_rows += rows.amenities
        self.conn.executemany(_INSERT_LOCATION, location_rows)
        self.conn.executemany(_INSERT_STATION, station_rows)
        if outlet_rows:
            self.conn.executemany(_INSERT_OUTLET, outlet_rows)
        if amenity_rows:
            self.conn.executemany(_INSERT_AMENITY, amenity_rows)
        if self._insert_point is not None:
            self.conn.executemany(self._insert_point, [rows.point for rows in all_rows])
        self._written += len(location_rows)
        if models:
            write_extras(self.conn, models)
