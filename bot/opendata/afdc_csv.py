"""Read AFDC CSV exports (full and minimal) row by row into records.

Columns are found by title, so the export's 60-, 70- and 75-column variants all
read the same way; titles are renamed to the AFDC API's snake_case names that
:mod:`bot.opendata.afdc_mapping` expects. Each line is decoded as UTF-8; a line
that is not (a file re-saved by a spreadsheet as Windows-1252) is decoded as
Windows-1252 and counted, so one odd accent never costs a row.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import BinaryIO, Final

from bot.opendata.afdc_mapping import map_station
from bot.opendata.formats import BOM
from bot.opendata.records import Record, RowInvalid, RowSkipped

#: Export titles whose API name is not simply the title in snake_case.
_RENAMED: Final = {"EV DC Fast Count": "ev_dc_fast_num"}


def api_name(title: str) -> str:
    title = title.strip()
    return _RENAMED.get(title) or title.lower().replace(" ", "_")


class DecodeLog:
    """Line numbers that were not UTF-8 (read as Windows-1252)."""

    def __init__(self) -> None:
        self.fallback_lines: list[int] = []


def _lines(
    stream: BinaryIO, progress: Callable[[int], None] | None, log: DecodeLog
) -> Iterator[str]:
    for number, raw in enumerate(stream, 1):
        if progress is not None:
            progress(len(raw))
        if number == 1:
            raw = raw.removeprefix(BOM)
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            log.fallback_lines.append(number)
            yield raw.decode("cp1252", errors="replace")


def read_csv(
    stream: BinaryIO, progress: Callable[[int], None] | None, log: DecodeLog
) -> Iterator[Record]:
    reader = csv.reader(_lines(stream, progress, log))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    names = [api_name(title) for title in header]
    previous_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Record(previous_line + 1, invalid=f"unreadable CSV ({error})")
            previous_line = reader.line_num
            continue
        start, previous_line = previous_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            what = "truncated" if len(row) < len(names) else "too long"
            yield Record(
                start, invalid=f"{what}: {len(row)} fields where the header has {len(names)}"
            )
            continue
        try:
            location = map_station(dict(zip(names, row, strict=True)))
        except RowSkipped as skip:
            yield Record(start, skipped=skip.reason, withdrawn_id=skip.withdrawn_id)
        except RowInvalid as error:
            yield Record(start, invalid=error.reason)
        else:
            yield Record(start, location=location)
