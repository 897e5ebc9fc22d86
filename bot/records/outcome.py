"""What an importer reads from one row (CSV) or item (JSON) of a file."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol, TypeVar


class RowSkipped(Exception):
    """A well-formed row that does not belong in the index (another fuel, planned, ...)."""

    def __init__(self, reason: str, *, withdrawn_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        #: A location this row says is no longer open (it is removed if indexed).
        self.withdrawn_id = withdrawn_id


class RowInvalid(Exception):
    """A row that cannot be read; ``reason`` says what is wrong with it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Mapped(Protocol):
    """What a mapper makes of a row: a location (a model, or the index's rows for one)."""

    @property
    def id(self) -> int: ...


class Record(NamedTuple):
    """One row or item: a location to index, or why not (a tuple: cheap to make, millions
    of times an import)."""

    #: 1-based line number of the row's first line (CSV) or item number (JSON).
    position: int
    location: Mapped | None = None
    skipped: str | None = None
    invalid: str | None = None
    withdrawn_id: int | None = None


T = TypeVar("T")


def map_record(position: int, mapper: Callable[[T], Mapped], raw: T) -> Record:
    """What ``mapper`` makes of one row or item: its location, or why not."""
    try:
        location = mapper(raw)
    except RowSkipped as skip:
        return Record(position, skipped=skip.reason, withdrawn_id=skip.withdrawn_id)
    except RowInvalid as error:
        return Record(position, invalid=error.reason)
    return Record(position, location=location)
