"""The one pipeline: text -> SearchQuery -> place -> locations -> Answer.

Every surface (slash command, mention, DM, button, terminal) builds a
:class:`SearchRequest`, calls :meth:`SearchPipeline.answer`, and hands the
:class:`Answer` to a renderer. Nothing here knows about Slack.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.config import Settings
from bot.geo.place import Candidate, PlaceKind, ResolutionStatus, Resolver
from bot.plugshare.enums import Access, Availability
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters
from bot.plugshare.models import Location
from bot.providers.base import IndexEmpty, Provider, ProviderError
from bot.query import SearchQuery, parse_query
from bot.render.units import format_distance, units_for

log = logging.getLogger(__name__)

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
    query: SearchQuery | None = None
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
    live_availability: bool = False
    units: Units = "mi"
    page: int = 0
    per_page: int = 5
    has_more: bool = False
    #: A user-facing explanation for SOURCE_DOWN / INDEX_EMPTY / PLACE_NOT_FOUND.
    message: str | None = None


# --- the pipeline -----------------------------------------------------------------------

#: Radii tried in turn when the user gave none: widen only when nothing is found.
DEFAULT_RADII_M: tuple[float, ...] = (5_000.0, 15_000.0, MAX_RADIUS_M)
#: Most cards one reply holds; Slack's 50-block limit leaves room for about ten.
MAX_PER_PAGE = 10
#: Availability values open data can answer without live status (unknown, offline).
_STATIC_AVAILABILITY = frozenset({Availability.UNKNOWN, Availability.OFFLINE})


class SearchPipeline:
    """Parser, resolver and provider joined into one call: :meth:`answer`.

    Thread-safe: the Slack app calls one pipeline from many worker threads.
    """

    def __init__(self, settings: Settings, provider: Provider, resolver: Resolver) -> None:
        self.settings = settings
        self.provider = provider
        self.resolver = resolver
        self._details: ThreadPoolExecutor | None = None
        self._details_lock = threading.Lock()

    def close(self) -> None:
        if self._details is not None:
            self._details.shutdown(wait=False, cancel_futures=True)
        self.provider.close()

    def answer(
        self, request: SearchRequest | str, context: SearchContext | None = None
    ) -> Answer:
        if isinstance(request, str):
            request = SearchRequest(text=request)
        context = context or SearchContext()
        query = parse_query(request.text)
        answer = Answer(
            outcome=Outcome.HELP,
            request=request,
            query=query,
            source=self.provider.name,
            attribution=self.provider.attribution,
            live_availability=self.provider.live_availability,
            page=request.page,
        )
        if query.is_help and request.place is None:
            return answer

        filters = self._filters(query, request, context, answer.notes)
        answer.filters = filters
        answer.per_page = self._per_page(query, context, answer.notes)
        answer.notes.extend(_query_notes(query))

        place = self._place(query, request, context, answer)
        if place is None:
            return answer
        answer.place = place
        answer.units = request.units or context.units or units_for(
            place.country_code, self.settings.units
        )
        self._search(answer, place)
        return answer

    # -- steps ----------------------------------------------------------------------------

    def _filters(
        self,
        query: SearchQuery,
        request: SearchRequest,
        context: SearchContext,
        notes: list[str],
    ) -> Filters:
        filters = query.filters.model_copy(deep=True)
        defaults = context.default_filters
        if defaults is not None:
            if not filters.outlets and defaults.outlets:
                filters.outlets = list(defaults.outlets)
                names = ", ".join(o.label for o in defaults.outlets)
                notes.append(f"Using your car's connectors ({names}).")
            filters.free_only = filters.free_only or defaults.free_only
            if not filters.access and defaults.access:
                filters.access = list(defaults.access)
        refine = request.refine
        if refine is not None:
            if refine.connector is not None:
                word = refine.connector.strip()
                filters.outlets = [] if word.lower() in {"", "any"} else parse_query(
                    word
                ).filters.outlets
            if refine.radius_m is not None:
                filters.radius_m = min(refine.radius_m, MAX_RADIUS_M)
            if refine.free_only is not None:
                filters.free_only = refine.free_only
            if refine.available_only is not None:
                filters.availability = [Availability.AVAILABLE] if refine.available_only else []
        if not filters.access:
            filters.access = [Access.PUBLIC]
        if (
            not self.provider.live_availability
            and filters.availability
            and not set(filters.availability) <= _STATIC_AVAILABILITY
        ):
            asked = " or ".join(a.label.lower() for a in filters.availability)
            filters.availability = []
            notes.append(
                f"Live availability isn't in {self.provider.name} data, so I couldn't check"
                f" for “{asked}”: these are all matching stations."
            )
        return filters

    def _per_page(self, query: SearchQuery, context: SearchContext, notes: list[str]) -> int:
        wanted = query.filters.count or self.settings.results_per_page
        if wanted > MAX_PER_PAGE:
            notes.append(f"I show {MAX_PER_PAGE} at a time; use “More results” for the rest.")
        return min(wanted, MAX_PER_PAGE)

    def _place(
        self,
        query: SearchQuery,
        request: SearchRequest,
        context: SearchContext,
        answer: Answer,
    ) -> Candidate | None:
        if request.place is not None:
            return request.place.to_candidate()
        if not query.place:
            if context.default_place is not None:
                return context.default_place.to_candidate()
            answer.outcome = Outcome.NO_PLACE
            return None
        resolution = self.resolver.resolve(query.place, bias=context.bias)
        answer.notes.extend(resolution.notes)
        if resolution.status is ResolutionStatus.FOUND and resolution.best is not None:
            if resolution.approximate:
                answer.notes.append(
                    "The map service didn't answer, so I placed "
                    f"“{query.place}” at {resolution.best.name}: distances are approximate."
                )
            return resolution.best
        if resolution.status is ResolutionStatus.AMBIGUOUS:
            answer.outcome = Outcome.AMBIGUOUS_PLACE
            answer.candidates = list(resolution.candidates)
            return None
        answer.outcome = Outcome.PLACE_NOT_FOUND
        if resolution.status is ResolutionStatus.UNAVAILABLE:
            answer.message = (
                f"I couldn't reach the map service to find “{query.place}”, and I don't know"
                " it offline. Try a ZIP code, an airport code or coordinates."
            )
        else:
            answer.message = f"I couldn't find “{query.place}”. Try adding a city or a ZIP code."
        return None

    def _search(self, answer: Answer, place: Candidate) -> None:
        filters = answer.filters
        wanted = (answer.page + 1) * answer.per_page + 1  # one extra tells "more results"
        radii = (
            (min(filters.radius_m, MAX_RADIUS_M),)
            if filters.radius_m is not None
            else DEFAULT_RADII_M
        )
        try:
            for radius in radii:
                found = self.provider.nearby(
                    place.latitude, place.longitude, filters, radius, min(wanted, MAX_COUNT)
                )
                answer.radius_m = radius
                if found:
                    break
        except IndexEmpty as error:
            answer.outcome = Outcome.INDEX_EMPTY
            answer.message = error.user_message
            return
        except ProviderError as error:
            log.warning("provider %s failed: %s", self.provider.name, type(error).__name__)
            answer.outcome = Outcome.SOURCE_DOWN
            answer.message = error.user_message
            return
        if radii[0] != answer.radius_m and found:
            answer.notes.append(
                f"Nothing within {format_distance(radii[0], answer.units)}, so I looked"
                f" up to {format_distance(answer.radius_m, answer.units)}."
            )
        start = answer.page * answer.per_page
        answer.locations = found[start : start + answer.per_page]
        answer.has_more = len(found) > start + answer.per_page
        answer.outcome = Outcome.RESULTS if answer.locations else Outcome.NOTHING_FOUND
        if answer.locations and self.provider.has_checkins:
            answer.locations = self._with_details(answer.locations)

    def _with_details(self, locations: list[Location]) -> list[Location]:
        """Reviews and photos from the single-location endpoint, within a deadline.

        Detail calls run concurrently (bounded by ``CHARGEBOT_DETAIL_CONCURRENCY``); a
        location whose details miss ``CHARGEBOT_DETAIL_DEADLINE`` keeps what the nearby
        search returned, so one slow call never delays the answer past the deadline.
        """
        pool = self._detail_pool()
        futures = {pool.submit(self.provider.location, loc.id): i for i, loc in enumerate(locations)}
        done, pending = wait(futures, timeout=self.settings.detail_deadline)
        for future in pending:
            future.cancel()
        merged = list(locations)
        for future in done:
            index = futures[future]
            if future.exception() is not None:
                continue
            detail: Location = future.result()
            merged[index] = locations[index].model_copy(
                update={"reviews": detail.reviews, "photos": detail.photos}
            )
        return merged

    def _detail_pool(self) -> ThreadPoolExecutor:
        with self._details_lock:
            if self._details is None:
                self._details = ThreadPoolExecutor(
                    max_workers=self.settings.detail_concurrency,
                    thread_name_prefix="details",
                )
            return self._details


def _query_notes(query: SearchQuery) -> list[str]:
    notes = [f"Did you mean {s}?" for s in query.suggestions]
    if query.ignored:
        words = ", ".join(f"“{word}”" for word in query.ignored)
        notes.append(f"I ignored {words}.")
    return notes


def build_pipeline(settings: Settings) -> SearchPipeline:
    """The pipeline with the provider and geocoder the settings choose."""
    from bot.geo import build_resolver
    from bot.providers import make_provider

    return SearchPipeline(settings, make_provider(settings), build_resolver(settings))
