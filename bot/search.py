"""The one pipeline: text -> SearchQuery -> place -> locations -> Answer.

Every surface (slash command, mention, DM, button, terminal) builds a
:class:`SearchRequest`, calls :meth:`SearchPipeline.answer`, and hands the
:class:`Answer` to a renderer. Nothing here knows about Slack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.geo.place import Candidate, PlaceKind
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location

Units = Literal["mi", "km"]


class Outcome(StrEnum):
    RESULTS = "results"
    NOTHING_FOUND = "nothing_found"
    HELP = "help"
    NO_PLACE = "no_place"
    PLACE_NOT_FOUND = "place_not_found"
    AMBIGUOUS_PLACE = "ambiguous_place"
    SOURCE_DOWN = "source_down"
    INDEX_EMPTY = "index_empty"


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


class Refinement(BaseModel):
    """Changes a user made with the Refine controls; ``None`` leaves the text's choice."""

    model_config = ConfigDict(frozen=True)

    connector: str | None = None  # a connector word the parser knows ("CCS", "J1772", "any")
    radius_m: float | None = Field(None, gt=0)
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


@dataclass
class Answer:
    outcome: Outcome
    request: SearchRequest
    #: The parsed query (``bot.query.SearchQuery``); ``None`` only if parsing was skipped.
    query: object | None = None
    place: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    #: The filters actually applied, defaults included.
    filters: Filters = field(default_factory=Filters)
    radius_m: float = 0.0
    #: Notes for the user: ignored words, widened radius, less precise place, no live status.
    notes: list[str] = field(default_factory=list)
    source: str = ""
    attribution: str = ""
    #: Whether the source reports live station status. When False the renderers say so
    #: once per answer, so the pipeline need not add a note for it.
    live_availability: bool = False
    #: Decided by the pipeline with ``bot.render.units.units_for``.
    units: Units = "mi"
    page: int = 0
    per_page: int = 5
    has_more: bool = False
    #: A user-facing explanation for SOURCE_DOWN / INDEX_EMPTY / PLACE_NOT_FOUND.
    message: str | None = None
