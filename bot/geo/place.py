"""What resolving a place produces: candidates best-first, and how sure we are.

This is the contract between ``bot/geo`` and the search pipeline.
"""

from __future__ import annotations

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
class Candidate:
    """One place the text may mean."""

    name: str  # display name, e.g. "Union Station, Denver, CO, USA"
    latitude: float
    longitude: float
    kind: PlaceKind
    #: Which resolver produced it: "coordinates", "zip", "airport", "cache", "nominatim", ...
    source: str
    country_code: str | None = None  # ISO 3166-1 alpha-2, upper case, when known

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


class ResolutionStatus(StrEnum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"  # several far-apart candidates and nothing to choose between them
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"  # the online geocoder failed and the offline fallback knew nothing


@dataclass(frozen=True, slots=True)
class Resolution:
    status: ResolutionStatus
    query: str
    candidates: tuple[Candidate, ...] = ()
    #: True when the answer came from a coarser fallback (the offline gazetteer) because
    #: the online geocoder was unreachable, timed out or refused.
    approximate: bool = False
    #: Sentences for the user saying what happened and what to type instead ("I couldn't
    #: find 'Unoin Staton' — try adding a city ..."). Plain text that quotes the user's
    #: words: escape before putting into mrkdwn.
    notes: tuple[str, ...] = field(default=())

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class Resolver(Protocol):
    def resolve(self, text: str, bias: tuple[float, float] | None = None) -> Resolution:
        """Candidates for ``text`` best-first. ``bias`` (lat, lng) picks among far-apart ones."""
        ...
