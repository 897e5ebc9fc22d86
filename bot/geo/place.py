"""What a place is, and what resolving text into places produces.

:class:`Place` is ChargeBot's one place type: a geocoder's candidate, the place a person
chose from a "which one?" list (carried in button values), a saved or channel place
(``bot.state.StoredPlace`` keeps it with the text the person typed) and the place an
answer searched near are all a ``Place``. This module is the contract between
``bot/geo``, the search pipeline, the renderers and the state store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class PlaceKind(StrEnum):
    COORDINATES = "coordinates"
    POSTAL_CODE = "postal_code"
    AIRPORT = "airport"
    CITY = "city"
    ADDRESS = "address"  # a street address or a point of interest


@dataclass(frozen=True, slots=True)
class Place:
    """A named point: one place a text may mean, or one a person chose or saved."""

    name: str  # display name, e.g. "Union Station, Denver, CO, USA"
    latitude: float
    longitude: float
    kind: PlaceKind = PlaceKind.ADDRESS
    #: Which resolver produced it: "coordinates", "zip", "airport", "cache", "nominatim",
    #: ...; "chosen" for a place a person picked; "" when it does not matter (stored).
    source: str = field(default="", compare=False)
    country_code: str | None = None  # ISO 3166-1 alpha-2, upper case, when known

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


#: The saved-place key of a person's home place ("CCS near home").
HOME = "home"
_PLACE_FILLER = re.compile(r"^(?:my|the|our)\s+")
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'“”‘’.,;:!?()]+|[\s\"'“”‘’.,;:!?()]+$")


def place_key(name: str) -> str:
    """How a place name is looked up: "My Office!" and "office" are the same place."""
    key = _EDGE_PUNCTUATION.sub("", " ".join(name.split()).casefold())
    return _PLACE_FILLER.sub("", key)


class ResolutionStatus(StrEnum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"  # several far-apart candidates and nothing to choose between them
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"  # the online geocoder failed and the offline fallback knew nothing


@dataclass(frozen=True, slots=True)
class Resolution:
    status: ResolutionStatus
    query: str
    candidates: tuple[Place, ...] = ()
    #: True when the answer came from a coarser fallback (the offline gazetteer) because
    #: the online geocoder was unreachable, timed out or refused.
    approximate: bool = False
    #: Sentences for the user saying what happened and what to type instead ("I couldn't
    #: find 'Unoin Staton' — try adding a city ..."). Plain text that quotes the user's
    #: words: escape before putting into mrkdwn.
    notes: tuple[str, ...] = field(default=())

    @property
    def best(self) -> Place | None:
        return self.candidates[0] if self.candidates else None


class Resolver(Protocol):
    def resolve(self, text: str, bias: tuple[float, float] | None = None) -> Resolution:
        """Candidates for ``text`` best-first. ``bias`` (lat, lng) picks among far-apart ones."""
        ...
