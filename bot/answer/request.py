"""What a search is asked: the request (small enough to ride in a button) and its context."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from bot.geo.place import Place
from bot.geo.units import Units
from bot.plugshare.filters import Filters


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
    place: Place | None = None  # skip geocoding: the user already chose
    page: int = Field(0, ge=0)
    refine: Refinement | None = None
    units: Units | None = None  # explicit override (``--units``, a user's preference)
    #: The member whose settings (car, free only, saved places) the answer used. A click
    #: by someone else on a shared answer reruns it with these, not the clicker's.
    owner: str | None = Field(None, max_length=32)

    @field_serializer("place")
    def _place_without_source(self, place: Place | None) -> dict[str, Any] | None:
        # Which geocoder found a place does not matter once it is chosen: keep buttons small.
        if place is None:
            return None
        return {k: v for k, v in dataclasses.asdict(place).items() if k != "source"}


@dataclass
class SearchContext:
    """Who asks and where, with their personal defaults (``bot.search.defaults``)."""

    team_id: str | None = None
    user_id: str | None = None
    channel_id: str | None = None
    #: Default place when the text names none (a channel's place, say).
    default_place: Place | None = None
    #: Point that ambiguous place names are resolved toward (home, channel place).
    bias: tuple[float, float] | None = None
    units: Units | None = None
    #: Filter defaults from the user's settings (their car's connectors, free only, public
    #: only). Applied field by field where the request says nothing, before the pipeline's
    #: own defaults: ``bot.search.defaults.apply_defaults``.
    default_filters: Filters | None = None
    #: The user's saved places (and ``home``) by name key (``bot.geo.place_key``),
    #: so "CCS near office" needs no geocoding.
    saved_places: dict[str, Place] = field(default_factory=dict)
    #: The stored settings could not be read (the state database is down): the search runs
    #: without them, without the workspace's check-ins, and the answer says so.
    settings_unavailable: bool = False
    #: The defaults are another member's (the asker of a shared answer someone else is
    #: paging or refining): notes say "the asker's", not "your".
    others_settings: bool = False
