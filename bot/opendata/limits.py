"""How large a station file's parts may be, and what a broken file raises.

Real rows are small: an AFDC export row is under 2 kB, an API item a few kB, a
PlugShare location with its reviews some tens of kB. The caps sit far above
that and far below memory, so a file with a 2 GB line (or JSON item) is refused
as soon as the cap is passed, while it streams, instead of being read whole.
"""

from __future__ import annotations

from typing import Final

#: The longest physical line a CSV station file may have.
MAX_LINE_BYTES: Final = 1 << 20
#: The most bytes a JSON file may spend on one item (or on its head, before the first).
MAX_ITEM_BYTES: Final = 4 << 20


def size_text(size: int) -> str:
    return f"{size >> 20} MB" if size >= 1 << 20 else f"{size >> 10} kB"


class BrokenFile(Exception):
    """The file as a whole cannot be trusted: it breaks off, holds less than it announces,
    or has a part far beyond any station's size. Readers raise it; the importer then
    changes nothing and reports ``reason`` at ``position`` (a line or item number)."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason
