"""The one pipeline: text -> SearchQuery -> place -> locations -> Answer.

Every surface (slash command, mention, DM, button, terminal) builds a
:class:`SearchRequest`, calls :meth:`SearchPipeline.answer`, and hands the
:class:`Answer` to a renderer. Nothing here knows about Slack.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.answer.answer import MAX_PER_PAGE, Answer, Outcome
from bot.answer.request import Refinement, SearchContext, SearchRequest
from bot.config import Settings
from bot.geo.place import Place, ResolutionStatus, Resolver
from bot.geo.units import METERS_PER_MILE, Units, format_distance, units_for
from bot.plugshare.enums import Access, Availability
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters
from bot.plugshare.models import Location
from bot.providers.base import IndexEmpty, NearbyPage, Provider, ProviderError, nearby_page
from bot.query import SearchQuery, outlets_for, parse_query
from bot.search.checkins import CheckinsStore, with_recent
from bot.search.credits import answer_attribution
from bot.search.defaults import apply_defaults
from bot.search.hours_prices import asks_hours_or_prices, check
from bot.search.hours_prices import notes as hours_price_notes

if TYPE_CHECKING:
    from bot.geo.cache import AnswerCache
    from bot.search.trip import RouteSource

log = logging.getLogger(__name__)


#: Radii tried in turn when the user gave none, widening only when nothing is found:
#: round numbers in the units the answer is written in, up to PlugShare's 50 km.
DEFAULT_RADII_M: dict[Units, tuple[float, ...]] = {
    "mi": (3 * METERS_PER_MILE, 10 * METERS_PER_MILE, MAX_RADIUS_M),
    "km": (5_000.0, 15_000.0, MAX_RADIUS_M),
}
#: Workspace check-ins read per location: the newest few show on a card, and the card's
#: "Check-ins (N)" button counts them (the list it opens reads them all).
WORKSPACE_CHECKINS_PER_LOCATION = 25
#: Said under the answer when the workspace's check-ins could not be read.
CHECKINS_UNAVAILABLE_NOTE = (
    "I couldn't read this workspace's check-ins just now, so the cards show only the data source's."
)
#: Candidates read when hours or prices are checked on the results ("open now",
#: "cheapest"): no provider filters on them, so the pipeline filters and orders these.
CHECKED_CANDIDATES = 100
#: Said when a trip asks "open now" or "cheapest": stops are planned by distance alone.
ROUTE_UNCHECKED_NOTE = (
    "Opening hours and prices are checked around a place, not yet along a route:"
    " these stations are by the road, whatever their hours and price."
)
#: Said under the answer when the person's stored settings could not be read.
SETTINGS_UNAVAILABLE_NOTE = (
    "Your saved settings are unavailable right now, so I searched without them."
)
#: Which ``Place.source`` a place has when the person chose it (or saved it).
CHOSEN = "chosen"
#: Availability values open data can answer without live status (unknown, offline).
_STATIC_AVAILABILITY = frozenset({Availability.UNKNOWN, Availability.OFFLINE})


class SearchPipeline:
    """Parser, resolver and provider joined into one call: :meth:`answer`.

    Thread-safe: the Slack app calls one pipeline from many worker threads.

    ``checkins`` (optional) adds a workspace's own check-ins to the locations found,
    when the context names the workspace (``SearchContext.team_id``).
    """

    def __init__(
        self,
        settings: Settings,
        provider: Provider,
        resolver: Resolver,
        *,
        checkins: CheckinsStore | None = None,
        clock: Callable[[], datetime] | None = None,
        router: RouteSource | None = None,
    ) -> None:
        self.settings = settings
        #: "Now" for "open now" (tests pass a fixed moment).
        self.clock = clock or (lambda: datetime.now(UTC))
        self.provider = provider
        self.resolver = resolver
        self.checkins = checkins
        #: The routing engine for searches along a route (None: the straight line only).
        self.router = router
        self._details: ThreadPoolExecutor | None = None
        self._details_lock = threading.Lock()

    def start_first_fill(self) -> bool:
        """Fill an empty local index in the background (``chargebot serve`` start-up).

        Only a provider over an index can (``fill_in_background``); meanwhile it
        answers "the station list is loading". True when a fill started.
        """
        start = getattr(self.provider, "fill_in_background", None)
        return bool(start is not None and start(self.settings))

    def close(self) -> None:
        if self._details is not None:
            self._details.shutdown(wait=False, cancel_futures=True)
        self.provider.close()
        if self.router is not None:
            self.router.close()

    def answer(
        self,
        request: SearchRequest | str,
        context: SearchContext | None = None,
        *,
        query: SearchQuery | None = None,
    ) -> Answer:
        """The answer to ``request``; ``query`` is its text already parsed (by a listener
        that needed to know whether it asks for help), so it is not parsed again."""
        if isinstance(request, str):
            request = SearchRequest(text=request)
        context = context or SearchContext()
        answer = self._answer(request, context, query or parse_query(request.text))
        if context.settings_unavailable:
            # The same database keeps settings and check-ins: neither was read.
            answer.notes.append(SETTINGS_UNAVAILABLE_NOTE)
            if answer.locations:
                answer.notes.append(CHECKINS_UNAVAILABLE_NOTE)
        return answer

    def _answer(self, request: SearchRequest, context: SearchContext, query: SearchQuery) -> Answer:
        answer = Answer(
            outcome=Outcome.HELP,
            request=request,
            query=query,
            source=self.provider.name,
            attribution=answer_attribution(self.provider, []),
            live_availability=self.provider.live_availability,
            page=request.page,
        )
        if query.is_help and request.place is None:
            return answer

        if query.route is not None:
            return self._trip(answer, query, context)

        applied = apply_defaults(query.place, query.filters, context, query.ignored)
        answer.notes.extend(applied.notes)
        answer.filters = self._filters(applied.filters, request.refine, answer.notes)
        answer.per_page = self._per_page(query)
        answer.notes.extend(_query_notes(query, applied.ignored))

        place = self._place(query, request, applied.place, context, answer)
        if place is None:
            return answer
        answer.place = place
        answer.units = (
            request.units or context.units or units_for(place.country_code, self.settings.units)
        )
        self._search(answer, place)
        answer.attribution = answer_attribution(self.provider, answer.locations)
        if answer.locations and context.team_id and not context.settings_unavailable:
            self._with_workspace_checkins(answer, context.team_id)
        return answer

    # -- steps ----------------------------------------------------------------------------

    def _trip(self, answer: Answer, query: SearchQuery, context: SearchContext) -> Answer:
        """A search along a route (:mod:`bot.search.trip`)."""
        # Loaded with the first route: a search around a place needs no routing modules.
        from bot.search.trip import answer_trip, refresh_locations

        assert query.route is not None
        # Saved places are the trip's ends only when named; filter defaults apply as usual.
        filters_only = replace(context, default_place=None, saved_places={})
        applied = apply_defaults(None, query.filters, filters_only, query.ignored)
        answer.notes.extend(applied.notes)
        answer.filters = self._filters(applied.filters, _without_radius(answer.request.refine),
                                       answer.notes)  # fmt: skip
        answer.per_page = self._per_page(query)
        answer.notes.extend(_query_notes(query, applied.ignored))
        if asks_hours_or_prices(query):
            answer.notes.append(ROUTE_UNCHECKED_NOTE)
        answer_trip(
            answer,
            query.route,
            provider=self.provider,
            resolver=self.resolver,
            router=self.router,
            context=context,
            default_units=lambda country: units_for(country, self.settings.units),
        )
        answer.attribution = answer_attribution(self.provider, answer.locations)
        if answer.locations and context.team_id and not context.settings_unavailable:
            self._with_workspace_checkins(answer, context.team_id)
            refresh_locations(answer, answer.locations)
        return answer

    def _filters(self, asked: Filters, refine: Refinement | None, notes: list[str]) -> Filters:
        """The request's filters, changed by Refine, with the pipeline's own defaults."""
        changes: dict[str, object] = {}
        if refine is not None:
            if refine.connector is not None:
                outlets = outlets_for(refine.connector)
                if outlets is not None:
                    changes["outlets"] = outlets
            if refine.radius_m is not None:
                changes["radius_m"] = min(refine.radius_m, MAX_RADIUS_M)
            if refine.free_only is not None:
                changes["free_only"] = refine.free_only
            if refine.available_only is not None:
                changes["availability"] = [Availability.AVAILABLE] if refine.available_only else []
        if not asked.access:
            changes["access"] = [Access.PUBLIC]
        availability = changes.get("availability", asked.availability)
        if (
            not self.provider.live_availability
            and availability
            and not set(availability) <= _STATIC_AVAILABILITY  # type: ignore[arg-type]
        ):
            wanted = " or ".join(Availability(a).label.lower() for a in availability)  # type: ignore[union-attr]
            changes["availability"] = []
            notes.append(
                "Live availability isn't in open data, so I couldn't check for"
                f" “{wanted}”: these are all stations that match the rest."
            )
        if asked.min_power_kw is not None and not self.provider.power_ratings:
            changes["min_power_kw"] = None
            notes.append(
                "This station data has no power ratings, so I couldn't check for"
                f" {asked.min_power_kw:g} kW or more: these are all stations that match the rest."
            )
        # Validate the merged filters so canonical order and bounds hold.
        return Filters.model_validate({**asked.model_dump(), **changes})

    def _per_page(self, query: SearchQuery) -> int:
        return min(query.filters.count or self.settings.results_per_page, MAX_PER_PAGE)

    def _place(
        self,
        query: SearchQuery,
        request: SearchRequest,
        known: Place | None,
        context: SearchContext,
        answer: Answer,
    ) -> Place | None:
        """The chosen place, a saved or default place, or the text's place geocoded."""
        if request.place is not None:
            return dataclasses.replace(request.place, source=CHOSEN)
        if known is not None:
            return dataclasses.replace(known, source=CHOSEN)
        if not query.place:
            answer.outcome = Outcome.NO_PLACE
            return None
        resolution = self.resolver.resolve(query.place, bias=context.bias)
        if resolution.status is ResolutionStatus.FOUND and resolution.best is not None:
            answer.notes.extend(resolution.notes)
            return resolution.best
        if resolution.status is ResolutionStatus.AMBIGUOUS and resolution.candidates:
            # The reply itself asks "which one?"; the resolver's note would say it twice.
            answer.outcome = Outcome.AMBIGUOUS_PLACE
            answer.candidates = list(resolution.candidates)
            return None
        answer.outcome = Outcome.PLACE_NOT_FOUND
        answer.message = " ".join(resolution.notes) or None
        return None

    def _search(self, answer: Answer, place: Place) -> None:
        filters = answer.filters
        start = answer.page * answer.per_page
        wanted = start + answer.per_page + 1  # one extra tells "more results"
        asked_radius = filters.radius_m
        if asked_radius is not None and asked_radius > MAX_RADIUS_M:
            answer.notes.append(
                f"I can search at most {format_distance(MAX_RADIUS_M, answer.units)} around a"
                " place, so I searched that far."
            )
        radii = (
            (min(asked_radius, MAX_RADIUS_M),)
            if asked_radius is not None
            else DEFAULT_RADII_M[answer.units]
        )
        # Widen when nothing is found; when the user asked for a number of stations
        # ("10 closest"), widen until there are that many.
        enough = start + answer.per_page if filters.count is not None else 1
        first_found: int | None = None
        # Only the page shown is built (and, for a provider with nothing cheaper, sliced).
        page_size = max(min(wanted, MAX_COUNT) - start - 1, 0)
        checking = asks_hours_or_prices(answer.query)
        try:
            for radius in radii:
                if checking:
                    page = self._checked_page(answer, place, radius, start, page_size)
                else:
                    page = nearby_page(
                        self.provider,
                        place.latitude,
                        place.longitude,
                        filters,
                        radius,
                        start,
                        page_size,
                    )
                answer.radius_m = radius
                if first_found is None:
                    first_found = page.found
                if page.found >= enough:
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
        if answer.radius_m != radii[0] and page.found:
            within = format_distance(radii[0], answer.units)
            reach = format_distance(answer.radius_m, answer.units)
            answer.notes.append(
                f"Nothing within {within}, so I looked up to {reach}."
                if not first_found
                else f"Only {first_found} within {within}, so I looked up to {reach}."
            )
        answer.locations = page.locations[: answer.per_page]
        answer.has_more = page.found > start + answer.per_page
        if answer.checks is not None and answer.query is not None:
            answer.notes.extend(hours_price_notes(answer.checks, answer.query, answer.locations))
        # Each surface says how to see the next page (a button, ``--page``).
        answer.capped = answer.has_more and (filters.count or 0) > MAX_PER_PAGE
        answer.outcome = Outcome.RESULTS if answer.locations else Outcome.NOTHING_FOUND
        if answer.locations and self.provider.has_checkins:
            answer.locations = self._with_details(answer.locations)

    def _checked_page(
        self, answer: Answer, place: Place, radius: float, start: int, size: int
    ) -> NearbyPage:
        """A page of the candidates that pass the hours and price checks, in their order.

        No provider filters on hours or price, so up to :data:`CHECKED_CANDIDATES` nearest
        are read and checked, then the page is cut from what is kept.
        """
        assert answer.query is not None
        wanted = min(max(start + size + 1, CHECKED_CANDIDATES), MAX_COUNT)
        candidates = nearby_page(
            self.provider, place.latitude, place.longitude, answer.filters, radius, 0, wanted
        ).locations
        kept, answer.checks = check(
            candidates, answer.query, place.latitude, place.longitude, self.clock()
        )
        return NearbyPage(kept[start : start + size], len(kept))

    def _with_details(self, locations: list[Location]) -> list[Location]:
        """Reviews and photos from the single-location endpoint, within a deadline.

        Detail calls run concurrently (bounded by ``CHARGEBOT_DETAIL_CONCURRENCY``); a
        location whose details miss ``CHARGEBOT_DETAIL_DEADLINE`` keeps what the nearby
        search returned, so one slow call never delays the answer past the deadline.
        """
        pool = self._detail_pool()
        futures = {
            pool.submit(self.provider.location, loc.id): i for i, loc in enumerate(locations)
        }
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

    def _with_workspace_checkins(self, answer: Answer, team_id: str) -> None:
        """Merge the workspace's check-ins into each location's reviews, newest first.

        Check-ins are an addition: if they cannot be read the answer goes out without
        them, with a note, never as a failed search.
        """
        if self.checkins is None:
            return
        try:
            answer.locations = with_recent(
                self.checkins,
                team_id,
                self.provider.name,
                answer.locations,
                per_location=WORKSPACE_CHECKINS_PER_LOCATION,
            )
        except Exception as error:
            log.warning("workspace check-ins unavailable: %s", type(error).__name__)
            answer.notes.append(CHECKINS_UNAVAILABLE_NOTE)

    def _detail_pool(self) -> ThreadPoolExecutor:
        with self._details_lock:
            if self._details is None:
                self._details = ThreadPoolExecutor(
                    max_workers=self.settings.detail_concurrency,
                    thread_name_prefix="details",
                )
            return self._details


def _without_radius(refine: Refinement | None) -> Refinement | None:
    """On a route, Refine's radius is the corridor, not a filter."""
    if refine is None or refine.radius_m is None:
        return refine
    return refine.model_copy(update={"radius_m": None})


def _query_notes(query: SearchQuery, ignored: Sequence[str]) -> list[str]:
    notes = [
        f"I read “{s.written}” as {s.meant}."
        if s.applied
        else f"Did you mean {s.meant}? I didn't use “{s.written}”."
        for s in query.suggestions
    ]
    if ignored:
        words = ", ".join(f"“{word}”" for word in ignored)
        notes.append(f"I ignored {words}.")
    if query.truncated:
        notes.append("Your message was long, so I read only its first 1,000 characters.")
    return notes


def build_pipeline(
    settings: Settings,
    *,
    checkins: CheckinsStore | None = None,
    one_shot: bool = False,
    geocode_cache: AnswerCache | None = None,
) -> SearchPipeline:
    """The pipeline with the provider and geocoder the settings choose.

    ``one_shot`` (a process answering one request, ``chargebot ask``) sets up the online
    geocoder and the router only if the request needs them; otherwise a bad geocoder
    setting fails here. ``geocode_cache``: where online answers are kept, if not the
    SQLite file beside the index.
    """
    from bot.geo import build_resolver
    from bot.providers import make_provider

    router: RouteSource
    if one_shot:
        from bot.routing.deferred import DeferredRouter

        router = DeferredRouter(settings)
    else:
        from bot.routing.client import Router

        router = Router.from_settings(settings)
    return SearchPipeline(
        settings,
        make_provider(settings),
        build_resolver(settings, set_up_now=not one_shot, cache=geocode_cache),
        checkins=checkins,
        router=router,
    )
