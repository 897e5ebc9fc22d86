"""A set of location ids that costs 8 bytes an id while they come in ascending order.

An import keeps two: the ids the index already holds for the source (read in id
order), and the ids read from the file so far (to skip repeats, and to know what a
full download no longer lists). AFDC's exports list stations by id, so both stay
compact arrays searched by bisection: 24 MB for three million ids, where a Python
set takes about 200 MB. Ids that arrive out of order move the set to a plain
``set``: always correct, compact only when the order allows.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator


class IdSet:
    def __init__(self, ids: Iterable[int] = ()) -> None:
        self._ascending = array("q")
        self._set: set[int] | None = None
        for location_id in ids:
            self.add(location_id)

    def add(self, location_id: int) -> bool:
        """Add an id; False when it was already in."""
        if self._set is None:
            ascending = self._ascending
            if not ascending or location_id > ascending[-1]:
                ascending.append(location_id)
                return True
            if self._sorted_has(location_id):
                return False
            self._set = set(ascending)  # out of order: a plain set from now on
            self._ascending = array("q")
        if location_id in self._set:
            return False
        self._set.add(location_id)
        return True

    def __contains__(self, location_id: object) -> bool:
        if self._set is not None:
            return location_id in self._set
        return isinstance(location_id, int) and self._sorted_has(location_id)

    def _sorted_has(self, location_id: int) -> bool:
        i = bisect_left(self._ascending, location_id)
        return i < len(self._ascending) and self._ascending[i] == location_id

    def __len__(self) -> int:
        return len(self._set) if self._set is not None else len(self._ascending)

    def __iter__(self) -> Iterator[int]:
        return iter(self._set if self._set is not None else self._ascending)
