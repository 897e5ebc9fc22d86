"""Stream the station items of a (possibly very large) JSON file, one at a time.

The full AFDC download is hundreds of megabytes of JSON; ijson parses it
incrementally so memory stays flat. A file that breaks off or turns invalid part
way yields one invalid record at the item where it broke; the items before it
still count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import ijson

from bot.opendata.records import Record, RowInvalid, RowSkipped


class _CountingReader:
    """Reports bytes read, for the progress bar."""

    def __init__(self, stream: BinaryIO, progress: Callable[[int], None] | None) -> None:
        self._stream = stream
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        if self._progress is not None and chunk:
            self._progress(len(chunk))
        return chunk


def read_items(
    stream: BinaryIO,
    prefix: str,
    progress: Callable[[int], None] | None,
    mapper: Callable[[Any], Any],
) -> Iterator[Record]:
    """Records for every item under ``prefix``, each mapped by ``mapper`` to a Location."""
    position = 0
    items = ijson.items(_CountingReader(stream, progress), prefix, use_float=True)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as error:
            reason = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
            yield Record(
                position + 1,
                invalid=f"the JSON breaks off or is invalid here ({reason or 'incomplete'}); "
                "nothing after it was read",
            )
            return
        position += 1
        if not isinstance(item, dict):
            yield Record(position, invalid="not a JSON object")
            continue
        try:
            location = mapper(item)
        except RowSkipped as skip:
            yield Record(position, skipped=skip.reason, withdrawn_id=skip.withdrawn_id)
        except RowInvalid as error:
            yield Record(position, invalid=error.reason)
        else:
            yield Record(position, location=location)
