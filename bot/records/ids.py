"""How index ids are derived, so that they stay the same across re-imports.

Check-ins, saved results and Slack buttons refer to a location by its id, so a
location must keep its id when its source is imported again (a newer AFDC
export, a nightly sync) and even when the index file is deleted and rebuilt.
Ids are therefore *computed* from the record's source and the source's own
identifier, never handed out by SQLite:

- location id = ``namespace(source) * 10**9 + external id``. AFDC station ``12345``
  is location ``12345`` (namespace 0); PlugShare location ``12345`` imported from a
  JSON file is location ``1_000_012_345`` (namespace 1), and Open Charge Map POI
  ``12345`` is location ``2_000_012_345`` (namespace 2), so they never collide.
- station id = ``location id * 1000 + n`` for the location's n-th station (n < 1000).
- outlet id = ``station id * 100 + k`` for the station's k-th outlet (k < 100).

A location's stations and outlets are therefore ranges of ids, and searches read them
as such (:mod:`bot.opendata.hydrate`).

The largest id (an outlet of an OCM location) stays below 2**53, so every id
survives a round trip through JSON and JavaScript (Slack button values).
"""

from __future__ import annotations

from typing import Final

SOURCES: Final[dict[str, int]] = {"afdc": 0, "plugshare": 1, "ocm": 2}
NAMESPACE_SIZE: Final = 10**9
MAX_STATIONS_PER_LOCATION: Final = 1000
MAX_OUTLETS_PER_STATION: Final = 100


class IdOutOfRange(ValueError):
    """A source identifier or a count does not fit the id scheme."""


def location_id(source: str, external_id: int) -> int:
    if not 0 < external_id < NAMESPACE_SIZE:
        raise IdOutOfRange(f"ID {external_id} is not a whole number from 1 to 999,999,999")
    return SOURCES[source] * NAMESPACE_SIZE + external_id


def split_location_id(location: int) -> tuple[str, int] | None:
    """``(source, external id)`` for a location id, or ``None`` if it cannot be one of ours."""
    namespace, external = divmod(location, NAMESPACE_SIZE)
    for source, number in SOURCES.items():
        if number == namespace and external > 0:
            return source, external
    return None


def station_id(location: int, ordinal: int) -> int:
    if not 0 <= ordinal < MAX_STATIONS_PER_LOCATION:
        raise IdOutOfRange(f"more than {MAX_STATIONS_PER_LOCATION - 1} charging ports at one site")
    return location * MAX_STATIONS_PER_LOCATION + ordinal


def outlet_id(station: int, ordinal: int) -> int:
    if not 0 <= ordinal < MAX_OUTLETS_PER_STATION:
        raise IdOutOfRange(f"more than {MAX_OUTLETS_PER_STATION - 1} outlets on one station")
    return station * MAX_OUTLETS_PER_STATION + ordinal
