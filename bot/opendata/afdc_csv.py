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
from bot.opendata.limits import MAX_LINE_BYTES, BrokenFile, size_text
from bot.records.outcome import Mapped, Record, map_record

#: Export titles whose API name is not simply the title in snake_case.
_RENAMED: Final = {"EV DC Fast Count": "ev_dc_fast_num"}


def api_name(title: str) -> str:
    title = title.strip()
    return _RENAMED.get(title) or title.lower().replace(" ", "_")


class DecodeLog:
    """Line numbers that were not UTF-8 (read as Windows-1252)."""

    def __init__(self) -> None:
        self.fallback_lines: list[int] = []


class _Lines:
    """The file's lines, decoded, each at most MAX_LINE_BYTES long.

    ``last`` is the final row's text once its last line has been read without a line
    break after it: only then can it have been cut off (a cut anywhere else breaks a
    row). ``row_text`` collects the lines of the row being read; the reader of rows
    clears it after each row.
    """

    def __init__(
        self, stream: BinaryIO, progress: Callable[[int], None] | None, log: DecodeLog
    ) -> None:
        self._stream = stream
        self._progress = progress
        self._log = log
        self.last: str | None = None
        self.row_text: list[str] = []

    def __iter__(self) -> Iterator[str]:
        number = 0
        while raw := self._stream.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise BrokenFile(
                    number,
                    f"line {number:,} is longer than {size_text(MAX_LINE_BYTES)}, far beyond "
                    "any station row; this is not a station export",
                )
            if self._progress is not None:
                self._progress(len(raw))
            if number == 1:
                raw = raw.removeprefix(BOM)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self._log.fallback_lines.append(number)
                text = raw.decode("cp1252", errors="replace")
            self.row_text.append(text)
            if not raw.endswith(b"\n"):
                self.last = "".join(self.row_text)
            yield text


def _truncated(line: int, why: str) -> BrokenFile:
    return BrokenFile(
        line,
        f"the file looks truncated: its last line (line {line:,}) has no line break after it "
        f"and {why}. If the file is complete, end it with a line break and import it again",
    )


class _LastRowCheck:
    """Whether a final line without a line break is provably whole.

    A cut can fall inside the last field and leave a well-formed row with a wrong
    value: ID 156541 cut to 15654 is a valid, false station. So the unterminated
    last row is accepted only when it is well-formed and its end is certain: its
    last field is quoted (the closing quote was read), or the file's IDs ascend
    (AFDC's exports are sorted by ID) and its ID continues the order, which a cut
    ID, being shorter, cannot.
    """

    def __init__(self, names: list[str]) -> None:
        self._id_column = names.index("id") if "id" in names else None
        self._previous: int | None = None
        self._ascending = True

    def see(self, row: list[str]) -> None:
        if self._id_column is None or not self._ascending:
            return
        try:
            current = int(row[self._id_column])
        except (ValueError, IndexError):
            self._ascending = False
            return
        if self._previous is not None and current <= self._previous:
            self._ascending = False
        self._previous = current

    def check(self, line: int, text: str, row: list[str], width: int) -> None:
        """``text``: the row as read (its lines); raises BrokenFile unless provably whole."""
        try:
            list(csv.reader([text], strict=True))
        except csv.Error:
            raise _truncated(line, "ends inside a quoted field") from None
        if len(row) != width:
            raise _truncated(line, f"holds {len(row)} of the header's {width} fields")
        if text.rstrip().endswith('"'):
            return
        before = self._previous
        self.see(row)
        if self._id_column is None or not self._ascending or before is None:
            raise _truncated(line, "nothing shows that its last field is complete")


def read_csv(
    stream: BinaryIO,
    progress: Callable[[int], None] | None,
    log: DecodeLog,
    mapper: Callable[[dict[str, str]], Mapped] = map_station,
) -> Iterator[Record]:
    """The file's rows as records: ``mapper``'s locations (models, or an import's index
    rows: :func:`~bot.opendata.afdc_mapping.station_rows`), or why not."""
    lines = _Lines(stream, progress, log)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    names = [api_name(title) for title in header]
    lines.row_text.clear()
    last_row = _LastRowCheck(names)
    previous_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if lines.last is not None:
                raise _truncated(previous_line + 1, f"cannot be read ({error})") from None
            yield Record(previous_line + 1, invalid=f"unreadable CSV ({error})")
            lines.row_text.clear()
            previous_line = reader.line_num
            continue
        start, previous_line = previous_line + 1, reader.line_num
        lines.row_text.clear()
        if not "".join(row).strip():  # only blank cells
            continue
        if lines.last is not None:
            last_row.check(start, lines.last, row, len(names))
        else:
            last_row.see(row)
        if len(row) != len(names):
            what = "truncated" if len(row) < len(names) else "too long"
            yield Record(
                start, invalid=f"{what}: {len(row)} fields where the header has {len(names)}"
            )
            continue
        yield map_record(start, mapper, dict(zip(names, row, strict=True)))
