"""US ZIP codes, offline, from a table shipped with ChargeBot (:mod:`bot.geo.tables`).

A bare five-digit number (or ZIP+4) is read as a US ZIP code when the data knows
it; an unknown one goes on to the online geocoder, which may know it as another
country's postcode. "ZIP 12345" says what it is, so an unknown one is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.geo.place import Place, PlaceKind
from bot.geo.tables import US_ZIPS

SOURCE = "zip"

_BARE = re.compile(r"^(\d{5})(?:-\d{4})?$")
_LABELLED = re.compile(
    r"^(?:us\s+)?(?:zip|zip\s*code|zipcode|postal\s*code|postcode)\s*[:#]?\s*(\d{5})(?:-\d{4})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class UnknownZip:
    """The user said it is a ZIP code, and no US ZIP code has that number."""

    message: str


def lookup(text: str) -> Place | UnknownZip | None:
    """A candidate for a known ZIP; :class:`UnknownZip` for a labelled unknown one; else None."""
    bare = _BARE.match(text)
    labelled = None if bare else _LABELLED.match(text)
    match = bare or labelled
    if match is None:
        return None
    candidate = _zip_candidate(match[1])
    if candidate is None and labelled:
        return UnknownZip(f"{match[1]} isn't a US ZIP code I know: check it, or add a city.")
    return candidate


def unknown_number(text: str) -> str | None:
    """The five digits of a bare number shaped like a ZIP code that no US ZIP code has.

    It still goes to the online geocoder (another country's postcode, say); when that
    can't place it either, :func:`unknown_number_note` says why in words.
    """
    bare = _BARE.match(text)
    return bare[1] if bare and _zip_candidate(bare[1]) is None else None


def unknown_number_note(number: str, unavailable: str | None = None) -> str:
    """What to say when an unknown ZIP-shaped number could not be placed at all.

    ``unavailable`` is why the online geocoder could not be asked ("it can't be reached").
    """
    elsewhere = (
        f"the geocoding service isn't answering ({unavailable}) to look for it as another"
        " country's postcode"
        if unavailable
        else "the geocoder doesn't know it as another country's postcode either"
    )
    return (
        f"{number} isn't a US ZIP code I know, and {elsewhere}. Check the number, or send"
        " a city, an address, an airport code or coordinates."
    )


@lru_cache(maxsize=4096)
def _zip_candidate(zip_code: str) -> Place | None:
    row = US_ZIPS.row(zip_code)
    if row is None:
        return None  # unknown, or military (APO/FPO), which carry no position
    latitude, longitude, place = row
    return Place(
        name=f"{zip_code} ({place})" if place else zip_code,
        latitude=float(latitude),
        longitude=float(longitude),
        kind=PlaceKind.POSTAL_CODE,
        source=SOURCE,
        country_code="US",
    )
