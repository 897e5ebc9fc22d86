"""Stream the station items of a (possibly very large) JSON file, one at a time.

The full AFDC download is hundreds of megabytes of JSON; ijson parses it
incrementally so memory stays flat. A file that breaks off or turns invalid part
way, holds fewer items than it announces, or spends more than
:data:`~bot.opendata.limits.MAX_ITEM_BYTES` on one item raises
:class:`~bot.opendata.limits.BrokenFile`: such a file is never half imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import ijson

from bot.opendata.limits import MAX_ITEM_BYTES, BrokenFile, size_text
from bot.records.outcome import Record, map_record


class ItemTooLarge(Exception):
    """More than the cap was read without a complete item (raised from ``read``)."""


class CappedReader:
    """Reports bytes read (for the progress bar) and refuses to read far past an item.

    ``mark()`` starts a new allowance of ``cap`` bytes; ijson reads in small chunks,
    so at most ``cap`` plus one chunk is ever buffered for one item.
    """

    def __init__(
        self,
        stream: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cap: int = MAX_ITEM_BYTES,
    ) -> None:
        self._stream = stream
        self._progress = progress
        self._cap = cap
        self._read = 0
        self._mark = 0

    def mark(self) -> None:
        self._mark = self._read

    def read(self, size: int = -1) -> bytes:
        if self._read - self._mark > self._cap:
            raise ItemTooLarge()
        chunk = self._stream.read(size if size >= 0 else 64 * 1024)
        self._read += len(chunk)
        if self._progress is not None and chunk:
            self._progress(len(chunk))
        return chunk


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:120] if text else "incomplete"


def read_items(
    stream: BinaryIO,
    prefix: str,
    progress: Callable[[int], None] | None,
    mapper: Callable[[Any], Any],
    announced: int | None = None,
    *,
    multiple_values: bool = False,
) -> Iterator[Record]:
    """Records for every item under ``prefix``, each mapped by ``mapper`` to a Location.

    ``announced``: the item count the file itself states (AFDC's ``total_results``).
    ``multiple_values``: the file is a sequence of top-level values (``prefix`` "":
    one JSON object per line, as OCM's full export), not one document.
    """
    position = 0
    reader = CappedReader(stream, progress)
    items = ijson.items(reader, prefix, use_float=True, multiple_values=multiple_values)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except ItemTooLarge:
            raise BrokenFile(
                position + 1,
                f"item {position + 1:,} is larger than {size_text(MAX_ITEM_BYTES)}, far beyond "
                "any station; this is not a station file",
            ) from None
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as error:
            raise BrokenFile(
                position + 1, f"the JSON breaks off or is invalid ({_reason(error)})"
            ) from None
        reader.mark()
        position += 1
        if not isinstance(item, dict):
            yield Record(position, invalid="not a JSON object")
            continue
        yield map_record(position, mapper, item)
    if announced is not None and position != announced:
        raise BrokenFile(position, f"it announced {announced:,} stations but holds {position:,}")
