"""Airport codes, offline: IATA and ICAO, from a table shipped with ChargeBot (built from
``airportsdata``, :mod:`bot.geo.tables`).

A three-letter word is an airport code only when the user makes it one: typed
in capitals on its own ("SFO"), or next to the word airport ("sfo airport").
Four capitals on their own ("KDEN") are read as an ICAO code. Anything else goes
on to the geocoder, so "Ely" or "Bath" stay towns.
"""

from __future__ import annotations

import re

from bot.geo.place import Place, PlaceKind
from bot.geo.tables import AIRPORTS

SOURCE = "airport"

_ALONE = re.compile(r"^[A-Z]{3,4}$")
_WITH_WORD = re.compile(
    r"^(?:the\s+)?(?:airport\s+([a-z]{3,4})|([a-z]{3,4})\s+(?:international\s+)?(?:airport|intl))$",
    re.IGNORECASE,
)
#: Capitalised words people type in a place that happen to be airport codes
#: (USA is Concord-Padgett Regional, CCS is Caracas).
_NOT_AIRPORTS = frozenset({"USA", "UAE", "CCS", "NACS", "DCFC", "AFDC"})


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
    row = AIRPORTS.row(code)
    if row is None:
        return None
    latitude, longitude, country, name = row
    return Place(
        name=f"{name} ({code})",
        latitude=float(latitude),
        longitude=float(longitude),
        kind=PlaceKind.AIRPORT,
        source=SOURCE,
        country_code=country or None,
    )
