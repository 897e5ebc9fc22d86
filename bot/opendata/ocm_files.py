"""Read Open Charge Map files into records: a POI list, the one-per-line export, a folder.

Every shape streams: a JSON list and the full export (one POI object per line,
hundreds of MB for the world) are parsed item by item with ijson, so memory stays
flat; a folder of ``OCM-<ID>.json`` files is read one small file at a time.

A list or a line-per-POI file that breaks off is a *broken file*
(:class:`~bot.opendata.limits.BrokenFile`): the import changes nothing. In a
folder each file is one POI, so a truncated or unreadable file is one malformed
POI: it is skipped and counted with its name and reason, and the rest import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from bot.ocm.mapping import MappingNotes, map_poi
from bot.opendata.formats import Detected, FileFormat, ocm_files
from bot.opendata.json_items import read_items
from bot.opendata.limits import MAX_ITEM_BYTES, size_text
from bot.records.outcome import Record, RowInvalid, RowSkipped

OCM_FORMATS = frozenset({FileFormat.OCM_JSON, FileFormat.OCM_JSON_LINES, FileFormat.OCM_FOLDER})

Progress = Callable[[int], None]


def poi_mapper(notes: MappingNotes) -> Callable[[Any], Any]:
    """The mapping an import applies to each POI (a file is a snapshot: not ``live``)."""
    return partial(map_poi, notes=notes)


def map_record(position: int, item: Any, mapper: Callable[[Any], Any], where: str = "") -> Record:
    """One POI (already parsed) -> a record; ``where`` prefixes the reason (a file name)."""
    if not isinstance(item, dict):
        return Record(position, invalid=f"{where}not a JSON object")
    try:
        location = mapper(item)
    except RowSkipped as skip:
        return Record(position, skipped=skip.reason, withdrawn_id=skip.withdrawn_id)
    except RowInvalid as error:
        return Record(position, invalid=f"{where}{error.reason}")
    return Record(position, location=location)


def read_ocm_stream(
    stream: BinaryIO,
    detected: Detected,
    progress: Progress | None,
    mapper: Callable[[Any], Any],
) -> Iterator[Record]:
    if detected.format is FileFormat.OCM_JSON:
        yield from read_items(stream, "item", progress, mapper)
    else:
        yield from read_items(stream, "", progress, mapper, multiple_values=True)


def _file_items(path: Path) -> list[Any]:
    """The POIs of one export file (one object, or a list); ValueError saying why not."""
    size = path.stat().st_size
    if size > MAX_ITEM_BYTES:
        raise ValueError(f"larger than {size_text(MAX_ITEM_BYTES)}, far beyond any POI")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # A string or value that runs to the end of the file: the file was cut.
        if error.msg.startswith("Unterminated") or error.pos >= len(text.rstrip()):
            raise ValueError("the JSON breaks off (a truncated file)") from None
        raise ValueError(f"not valid JSON ({error.msg} at character {error.pos})") from None
    return data if isinstance(data, list) else [data]


def read_ocm_folder(
    folder: Path, progress: Progress | None, mapper: Callable[[Any], Any]
) -> Iterator[Record]:
    """Records for every POI in the folder's ``OCM-*.json`` files; position = file number."""
    for number, path in enumerate(ocm_files(folder), start=1):
        name = path.relative_to(folder).as_posix()
        try:
            items = _file_items(path)
        except OSError as error:
            yield Record(number, invalid=f"{name}: cannot be read ({error.strerror or error})")
            continue
        except ValueError as error:
            yield Record(number, invalid=f"{name}: {error}")
            continue
        finally:
            if progress is not None:
                progress(1)
        if not items:
            yield Record(number, invalid=f"{name}: holds no POI")
        for item in items:
            yield map_record(number, item, mapper, f"{name}: ")
