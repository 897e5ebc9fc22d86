"""What a search answers: the outcome, the place, the locations and notes for the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.answer.checked import HoursAndPrices
from bot.answer.request import SearchRequest, Units
from bot.geo.place import Place
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.query import SearchQuery

if TYPE_CHECKING:  # a route's modules load with the first route (bot.search.trip)
    from bot.answer.trip import Trip

#: Most cards one reply holds; Slack's 50-block limit leaves room for about ten.
MAX_PER_PAGE = 10


class Outcome(StrEnum):
    RESULTS = "results"
    NOTHING_FOUND = "nothing_found"
    HELP = "help"
    NO_PLACE = "no_place"
    PLACE_NOT_FOUND = "place_not_found"
    AMBIGUOUS_PLACE = "ambiguous_place"
    SOURCE_DOWN = "source_down"
    INDEX_EMPTY = "index_empty"
    #: A route request that cannot be searched as asked (same place twice, too long, no
    #: road); ``message`` says why and what to type instead.
    BAD_ROUTE = "bad_route"


@dataclass
class Answer:
    outcome: Outcome
    request: SearchRequest
    query: SearchQuery | None = None
    place: Place | None = None
    candidates: list[Place] = field(default_factory=list)
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
    #: Decided by the pipeline with ``bot.geo.units.units_for``.
    units: Units = "mi"
    page: int = 0
    per_page: int = 5
    has_more: bool = False
    #: More was asked for than one page holds (``top 50``): :data:`MAX_PER_PAGE` are
    #: shown and each surface says how to see the next page, in its own words.
    capped: bool = False
    #: A user-facing explanation for SOURCE_DOWN / INDEX_EMPTY / PLACE_NOT_FOUND / BAD_ROUTE.
    message: str | None = None
    #: Opening hours and prices read for "open now", "cheapest", "under 30 cents/kWh".
    checks: HoursAndPrices | None = None
    #: A search along a route: the road, the stations in order along it, the stops.
    trip: Trip | None = None
