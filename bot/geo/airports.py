"""Airport codes, offline, from the ``airportsdata`` package (IATA and ICAO tables).

A three-letter word is an airport code only when the user makes it one: typed
in capitals on its own ("SFO"), or next to the word airport ("sfo airport").
Four capitals on their own ("KDEN") are read as an ICAO code. Anything else goes
on to the geocoder, so "Ely" or "Bath" stay towns.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from bot.geo.place import Place, PlaceKind

SOURCE = "airport"

_ALONE = re.compile(r"^[A-Z]{3,4}$")
_WITH_WORD = re.compile(
    r"^(?:the\s+)?(?:airport\s+([a-z]{3,4})|([a-z]{3,4})\s+(?:international\s+)?(?:airport|intl))$",
    re.IGNORECASE,
)
#: Capitalised words people type in a place that happen to be airport codes
#: (USA is Concord-Padgett Regional, CCS is Caracas).
_NOT_AIRPORTS = frozenset({"USA", "UAE", "CCS", "NACS", "DCFC", "AFDC"})

_tables: dict[str, dict[str, dict[str, Any]]] = {}
_tables_lock = threading.Lock()


def lookup(text: str) -> Place | None:
    """A candidate when ``text`` is a known IATA or ICAO code as described above, else ``None``."""
    if _ALONE.match(text):
        code = text
        if code in _NOT_AIRPORTS:
            return None
    else:
        match = _WITH_WORD.match(text)
        if match is None:
            return None
        code = (match[1] or match[2]).upper()
    entry = _table("IATA" if len(code) == 3 else "ICAO").get(code)
    if entry is None:
        return None
    return Place(
        name=f"{entry['name']} ({code})",
        latitude=float(entry["lat"]),
        longitude=float(entry["lon"]),
        kind=PlaceKind.AIRPORT,
        source=SOURCE,
        country_code=(entry.get("country") or None),
    )


def _table(code_type: str) -> dict[str, dict[str, Any]]:
    table = _tables.get(code_type)
    if table is None:
        with _tables_lock:
            table = _tables.get(code_type)
            if table is None:
                # Imported here: the tables take ~0.1 s each to load, paid once and only if used.
                import airportsdata

                table = airportsdata.load(code_type)
                _tables[code_type] = table
    return table
