"""Import one station file into the index: detect its format, map every row, upsert.

The whole import is one transaction: a reader of the index sees the old data or
the new, never half of each, and an import that fails part way leaves the index
as it was. Rows are written in batches with ``executemany``.

Re-importing a source updates rather than duplicates: a location's id is derived
from its source and the source's id (:mod:`bot.records.ids`), so the same
station always lands on the same row. A row that is skipped (another fuel, a
planned station) or invalid (bad coordinates, a truncated line) is counted with
its reason and line; it never stops the import.

A *broken file* is another matter: one that breaks off (JSON that ends early, a
CSV whose unterminated last line may be cut), holds fewer items than it
announces, or has a line or item far beyond any station's size
(:mod:`bot.opendata.limits`). Its readers raise
:class:`~bot.opendata.limits.BrokenFile` and the import changes nothing at all:
no station is added, updated or removed, and :class:`IncompleteFile` says why.
Removal (``prune``) therefore only ever follows a file read completely to its
end. Every source's sync downloads to a file and imports it here, so the rule
holds for each of them.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bot.ocm.mapping import SOURCE as OCM
from bot.ocm.mapping import MappingNotes
from bot.opendata.afdc_csv import DecodeLog, read_csv
from bot.opendata.afdc_mapping import SOURCE as AFDC
from bot.opendata.afdc_mapping import station_rows
from bot.opendata.formats import BOM, Detected, FileFormat, ImportFailed, detect, open_binary
from bot.opendata.id_set import IdSet
from bot.opendata.json_items import read_items
from bot.opendata.limits import BrokenFile
from bot.opendata.ocm_files import (
    OCM_FORMATS,
    map_record,
    poi_mapper,
    read_ocm_folder,
    read_ocm_stream,
)
from bot.opendata.plugshare_json import SOURCE as PLUGSHARE
from bot.opendata.plugshare_json import map_location
from bot.opendata.schema import IndexDamaged, IndexUnreadable, leave_wal, open_for_write
from bot.opendata.sites import merge_sites
from bot.opendata.store import IndexWriter, timestamp
from bot.records.outcome import Mapped, Record

_BATCH: Final = 2000
#: Allocations between the garbage collector's passes over new objects during an import.
_GC_FIRST_THRESHOLD: Final = 100_000
#: A full sync removes stations the source no longer lists, unless it lists fewer
#: than this share of what the index holds (a partial download must not empty it).
PRUNE_MIN_SHARE: Final = 0.5

#: Invalid rows kept with their reason (the rest are only counted), so a huge file of
#: bad rows cannot fill memory with reasons.
_MAX_INVALID_KEPT: Final = 10_000

Progress = Callable[[int], None]


class IncompleteFile(ImportFailed):
    """A broken file (see the module docstring); nothing in the index was changed."""

    def __init__(self, origin: str, position: str, reason: str) -> None:
        super().__init__(
            f"{origin} is incomplete or broken at {position}: {reason}. "
            "Nothing in the index was changed."
        )
        self.position = position
        self.reason = reason


@dataclass
class ImportReport:
    origin: str
    format: str
    source: str
    imported: int = 0
    updated: int = 0
    removed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    #: (line or item number, reason)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    #: Invalid rows beyond those kept in ``invalid``.
    invalid_unlisted: int = 0
    notes: list[str] = field(default_factory=list)
    position_word: str = "item"
    #: Sites listed by two sources that the index now shows once (after this import).
    merged: int = 0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def invalid_total(self) -> int:
        return len(self.invalid) + self.invalid_unlisted

    def add_invalid(self, position: int, reason: str) -> None:
        if len(self.invalid) < _MAX_INVALID_KEPT:
            self.invalid.append((position, reason))
        else:
            self.invalid_unlisted += 1

    def summary_lines(self, max_invalid: int = 20) -> list[str]:
        lines = [
            f"{self.origin}: {self.format}",
            f"  imported {self.imported:,} new locations, updated {self.updated:,}"
            + (f", removed {self.removed:,}" if self.removed else ""),
        ]
        if self.skipped:
            lines.append(f"  skipped {self.skipped_total:,}:")
            lines.extend(f"    {n:,} {reason}" for reason, n in self.skipped.most_common())
        if self.invalid:
            lines.append(f"  invalid {self.invalid_total:,}:")
            for position, reason in self.invalid[:max_invalid]:
                lines.append(f"    {self.position_word} {position}: {reason}")
            if self.invalid_total > max_invalid:
                lines.append(f"    ... and {self.invalid_total - max_invalid:,} more")
        lines.extend(f"  note: {note}" for note in self.notes)
        return lines


def _source(detected: Detected) -> str:
    if detected.format in OCM_FORMATS:
        return OCM
    return PLUGSHARE if detected.format is FileFormat.PLUGSHARE_JSON else AFDC


def _position_word(detected: Detected) -> str:
    if detected.format is FileFormat.OCM_FOLDER:
        return "file"
    if detected.format is FileFormat.OCM_JSON_LINES or detected.format.name.endswith("CSV"):
        return "line"
    return "item"


def _records(
    path: Path,
    detected: Detected,
    progress: Progress | None,
    log: DecodeLog,
    notes: MappingNotes,
) -> tuple[str, Iterator[Record]]:
    """The file's source and its records (the file is opened when reading starts)."""
    source = _source(detected)

    def generate() -> Iterator[Record]:
        if detected.format is FileFormat.OCM_FOLDER:
            yield from read_ocm_folder(path, progress, poi_mapper(notes))
            return
        with open_binary(path) as stream:
            try:
                if detected.format in (FileFormat.AFDC_CSV, FileFormat.AFDC_MIN_CSV):
                    yield from read_csv(stream, progress, log, station_rows)
                elif source == OCM:
                    if stream.read(len(BOM)) != BOM:
                        stream.seek(0)
                    yield from read_ocm_stream(stream, detected, progress, poi_mapper(notes))
                else:
                    if stream.read(len(BOM)) != BOM:
                        stream.seek(0)
                    mapper = map_location if source == PLUGSHARE else station_rows
                    yield from read_items(
                        stream, detected.items_prefix, progress, mapper, detected.announced
                    )
            except OSError as error:
                raise ImportFailed(
                    f"{path} could not be read to the end: {error.strerror or error}."
                ) from None

    return source, generate()


def import_file(
    path: Path,
    db_path: Path,
    *,
    progress: Progress | None = None,
    prune: bool = False,
    origin: str | None = None,
) -> ImportReport:
    """Import ``path`` into the index at ``db_path``. Raises ImportFailed with a clear message.

    ``prune`` (for a full download of a source) also removes that source's
    locations the file no longer lists.
    """
    path = Path(path)
    detected = detect(path, origin)
    log = DecodeLog()
    notes = MappingNotes()
    source, records = _records(path, detected, progress, log, notes)
    report = ImportReport(
        origin=origin or str(path),
        format=detected.description,
        source=source,
        position_word=_position_word(detected),
    )
    _write(db_path, records, report, prune)
    report.notes.extend(notes.lines())
    if log.fallback_lines:
        first = ", ".join(str(n) for n in log.fallback_lines[:5])
        more = "..." if len(log.fallback_lines) > 5 else ""
        report.notes.append(
            f"{len(log.fallback_lines):,} lines were not UTF-8 and were read as "
            f"Windows-1252 (lines {first}{more})"
        )
    return report


def import_pois(
    pois: Iterable[Any],
    db_path: Path,
    *,
    origin: str,
    prune: bool = False,
) -> ImportReport:
    """Import Open Charge Map POIs (parsed JSON objects, e.g. API pages) into the index.

    The same path as :func:`import_file`: one transaction, the same mapping, the same
    skip and invalid counts (``item`` N is the N-th POI given). ``prune`` (only for
    a complete download of everything the index holds from OCM) also removes OCM
    locations the POIs no longer include. An exception raised by ``pois`` itself
    (a failed download) rolls the import back: the index stays as it was.
    """
    notes = MappingNotes()
    mapper = poi_mapper(notes)
    records = (map_record(position, poi, mapper) for position, poi in enumerate(pois, start=1))
    report = ImportReport(origin=origin, format="Open Charge Map POIs", source=OCM)
    _write(db_path, records, report, prune)
    report.notes.extend(notes.lines())
    return report


def _write(db_path: Path, records: Iterable[Record], report: ImportReport, prune: bool) -> None:
    """Records into the index, in one transaction; then the sites both sources list are merged."""
    try:
        conn = open_for_write(db_path)
    except IndexUnreadable as error:
        raise ImportFailed(str(error)) from None
    try:
        _bulk_pragmas(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            with _old_objects_frozen():
                _import_records(conn, records, report, prune)
            report.merged = merge_sites(conn).merged
            conn.execute(
                "INSERT INTO imports (source, format, origin, finished_at, imported, updated, "
                "removed, skipped, invalid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (report.source, report.format, report.origin, timestamp(datetime.now(UTC)),
                 report.imported, report.updated, report.removed, report.skipped_total,
                 report.invalid_total),
            )  # fmt: skip
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        leave_wal(conn)
    except BrokenFile as broken:
        where = f"{report.position_word} {broken.position:,}"
        raise IncompleteFile(report.origin, where, broken.reason) from None
    except sqlite3.Error as error:
        if isinstance(error, sqlite3.DatabaseError) and "malformed" in str(error):
            raise ImportFailed(str(IndexDamaged(db_path, error))) from None
        raise ImportFailed(f"Writing the station index {db_path} failed: {error}.") from None
    finally:
        conn.close()


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Keep the garbage collector off the objects that existed before, and run it rarely.

    An import builds and drops millions of small objects, none in reference cycles
    (reference counting frees them): each batch lives long enough to reach the oldest
    generation, and every so often a full pass walks all of the process's objects
    (modules, pydantic's schemas), while the youngest generation is walked every 700
    allocations: together about a tenth of an import's time. Frozen, the old objects
    are skipped; a larger first threshold keeps the passes rare. Cycles are still
    collected, so memory stays bounded whatever the file holds.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], _GC_FIRST_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _bulk_pragmas(conn: sqlite3.Connection) -> None:
    # One big transaction in WAL mode: NORMAL sync is crash-safe there, and a larger
    # page cache keeps the R*Tree's upper levels and the indexes in memory during the
    # load (20 MB: the rest of the file is read back from the OS's cache, and an import
    # of millions of stations stays within about 120 MB).
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -20000")
    # Temporary tables and sorts on disk: what a statement over millions of rows sorts
    # (a GROUP BY, say) must not land in memory.
    conn.execute("PRAGMA temp_store = FILE")


def _import_records(
    conn: sqlite3.Connection, records: Iterable[Record], report: ImportReport, prune: bool
) -> None:
    writer = IndexWriter(conn, points_last=True)
    try:
        _load(writer, records, report, prune)
    finally:
        writer.close()


def _load(
    writer: IndexWriter, records: Iterable[Record], report: ImportReport, prune: bool
) -> None:
    existing = writer.existing_ids(report.source)
    seen = IdSet()  # compact while the file lists ids in order, as AFDC's do
    withdrawn: set[int] = set()
    batch: list[Mapped] = []

    def flush() -> None:
        replacing = [loc.id for loc in batch if loc.id in existing] if existing else []
        writer.write(batch, replacing)
        report.updated += len(replacing)
        report.imported += len(batch) - len(replacing)
        batch.clear()

    for record in records:
        if record.invalid is not None:
            report.add_invalid(record.position, record.invalid)
        elif record.skipped is not None:
            report.skipped[record.skipped] += 1
            if record.withdrawn_id is not None:
                withdrawn.add(record.withdrawn_id)
        elif record.location is not None:
            if not seen.add(record.location.id):
                report.skipped["repeats an ID already read in this file"] += 1
                continue
            batch.append(record.location)
            if len(batch) >= _BATCH:
                flush()
    flush()
    writer.finish()
    gone = {i for i in withdrawn if i in existing and i not in seen}
    if prune:
        missing = [i for i in existing if i not in seen and i not in gone]
        if len(seen) >= PRUNE_MIN_SHARE * len(existing):
            gone.update(missing)
        elif missing:
            report.notes.append(
                f"kept {len(missing):,} locations the download no longer lists: it held "
                f"{len(seen):,} stations, under half of the {len(existing):,} indexed"
            )
    report.removed = writer.remove(sorted(gone))
