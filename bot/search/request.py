"""What a search is asked: the request (small enough to ride in a button) and its context."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from bot.geo.place import Candidate, PlaceKind
from bot.geo.units import Units
from bot.plugshare.filters import Filters


class PlaceChoice(BaseModel):
    """A place already resolved (a chosen candidate), carried in button values."""

    model_config = ConfigDict(frozen=True)

    name: str
    latitude: float
    longitude: float
    kind: PlaceKind = PlaceKind.ADDRESS
    country_code: str | None = None

    @classmethod
    def from_candidate(cls, candidate: Candidate) -> PlaceChoice:
        return cls(
            name=candidate.name,
            latitude=candidate.latitude,
            longitude=candidate.longitude,
            kind=candidate.kind,
            country_code=candidate.country_code,
        )

    def to_candidate(self) -> Candidate:
        return Candidate(
            name=self.name,
            latitude=self.latitude,
            longitude=self.longitude,
            kind=self.kind,
            source="chosen",
            country_code=self.country_code,
        )


class Refinement(BaseModel):
    """Changes a user made with the Refine controls; ``None`` leaves the text's choice."""

    model_config = ConfigDict(frozen=True)

    connector: str | None = None  # a connector word the parser knows ("CCS", "J1772", "any")
    #: The search radius; on a route, the corridor width each side of the road.
    radius_m: float | None = Field(None, gt=0)
    #: The car's range, on a route (stops are planned for it).
    range_m: float | None = Field(None, gt=0)
    free_only: bool | None = None
    available_only: bool | None = None


class SearchRequest(BaseModel):
    """Everything needed to (re)run one search. Small enough to ride in a button value."""

    model_config = ConfigDict(frozen=True)

    text: str
    place: PlaceChoice | None = None  # skip geocoding: the user already chose
    page: int = Field(0, ge=0)
    refine: Refinement | None = None
    units: Units | None = None  # explicit override (``--units``, a user's preference)


@dataclass
class SearchContext:
    """Who asks and where, with their personal defaults (``bot.state``)."""

    team_id: str | None = None
    user_id: str | None = None
    channel_id: str | None = None
    #: Default place when the text names none (a channel's place, say).
    default_place: PlaceChoice | None = None
    #: Point that ambiguous place names are resolved toward (home, channel place).
    bias: tuple[float, float] | None = None
    units: Units | None = None
    #: Filter defaults from the user's settings (their car's connectors, free only, public
    #: only). Applied field by field where the request says nothing, before the pipeline's
    #: own defaults: ``bot.state.defaults.apply_defaults``.
    default_filters: Filters | None = None
    #: The user's saved places (and ``home``) by name key (``bot.state.defaults.place_key``),
    #: so "CCS near office" needs no geocoding.
    saved_places: dict[str, PlaceChoice] = field(default_factory=dict)
