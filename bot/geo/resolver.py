"""The place resolver: offline first, then the cache, then the online geocoder.

Order, each step answering only when it knows:

1. coordinates typed by the user (malformed ones are refused with the reason);
2. a US ZIP code, then an airport code (offline package data);
3. the persistent cache of earlier online answers;
4. the online geocoder (geopy; Nominatim by default), whose answer is cached;
5. when the geocoder can't answer: an expired cached answer, else the offline
   gazetteer of cities (``approximate``), else UNAVAILABLE.

``resolve`` never raises: every failure is a :class:`Resolution` whose notes say,
in words for the user, what happened and what to type instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings
from bot.geo import airports, coordinates, gazetteer, postal
from bot.geo.ambiguity import decide
from bot.geo.cache import AnswerCache, GeocodeCache
from bot.geo.deferred import DeferredGeocoder, OnlineFailure
from bot.geo.match import Match
from bot.geo.place import Resolution, ResolutionStatus
from bot.geo.text import MAX_PLACE_LENGTH, clean, normalize

if TYPE_CHECKING:
    from bot.geo.online import OnlineGeocoder

log = logging.getLogger(__name__)


class PlaceResolver:
    def __init__(
        self, online: OnlineGeocoder | DeferredGeocoder, cache: AnswerCache | None
    ) -> None:
        self.online = online
        self.cache = cache

    def resolve(self, text: str, bias: tuple[float, float] | None = None) -> Resolution:
        """Candidates for ``text`` best-first; ``bias`` (lat, lng) picks among far-apart ones."""
        query = clean(text or "")
        try:
            return self._resolve(query, _valid_bias(bias))
        except Exception:
            log.exception("resolving a place failed unexpectedly")
            return Resolution(
                ResolutionStatus.UNAVAILABLE,
                query,
                notes=(f"Something went wrong looking up '{query}'. Please try again.",),
            )

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> PlaceResolver:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _resolve(self, query: str, bias: tuple[float, float] | None) -> Resolution:
        if not query:
            return _refused(query, "Tell me a place: an address, a city, a ZIP or coordinates.")
        if len(query) > MAX_PLACE_LENGTH:
            return _refused(
                query[:40] + "…", "That place is too long to look up: try a shorter name."
            )

        typed = coordinates.parse(query)
        if isinstance(typed, coordinates.CoordinateError):
            return _refused(query, typed.message)
        if typed is not None:
            return Resolution(ResolutionStatus.FOUND, query, candidates=(typed,))

        zip_code = postal.lookup(query)
        if isinstance(zip_code, postal.UnknownZip):
            return _refused(query, zip_code.message)
        offline = zip_code or airports.lookup(query)
        if offline is not None:
            return Resolution(ResolutionStatus.FOUND, query, candidates=(offline,))

        region = _region(bias)
        key = self._cache_key(query, region)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None and cached.fresh:
            return decide(query, cached.matches, bias)

        unknown_zip = postal.unknown_number(query)
        try:
            matches = self.online.search(query, region)
        except OnlineFailure as failure:
            stale = cached.matches if cached is not None else ()
            if unknown_zip and not stale:
                # The offline cities can't hold a number: say what it is not.
                return _refused(query, postal.unknown_number_note(unknown_zip, failure.reason))
            return self._fallback(query, bias, failure.reason, stale)
        except ConfigError as error:  # a deferred geocoder whose settings can't work
            log.error("the geocoder cannot be set up: %s", error)
            return Resolution(
                ResolutionStatus.UNAVAILABLE,
                query,
                notes=(
                    f"I couldn't look up '{query}': the geocoder isn't set up right ({error}). "
                    "Send a ZIP code, an airport code or coordinates instead.",
                ),
            )
        if self.cache is not None:
            self.cache.put(key, matches)
        if unknown_zip and not matches:
            return _refused(query, postal.unknown_number_note(unknown_zip))
        return decide(query, matches, bias)

    def _fallback(
        self,
        query: str,
        bias: tuple[float, float] | None,
        reason: str,
        stale: Sequence[Match],
    ) -> Resolution:
        service = "the geocoding service"
        if stale:
            # An older answer from the geocoder itself: as precise, perhaps outdated.
            return decide(query, stale, bias)
        answer = gazetteer.search(query)
        if not answer.matches:
            return Resolution(
                ResolutionStatus.UNAVAILABLE,
                query,
                notes=(
                    f"I couldn't look up '{query}': {service} isn't answering ({reason}), and "
                    "it isn't a city I know offline. Try again in a minute, or send a ZIP "
                    "code, an airport code or coordinates.",
                ),
            )
        if answer.within:
            note = (
                f"I couldn't look up '{query}' exactly: {service} isn't answering ({reason}), "
                "so I'm using the centre of the city instead. Results may be less precise."
            )
        else:
            note = (
                f"{service.capitalize()} isn't answering ({reason}), so '{query}' comes from "
                "my offline list of cities. Results may be less precise."
            )
        return decide(query, answer.matches, bias, approximate=True, notes=(note,))

    def _cache_key(self, query: str, region: tuple[int, int] | None) -> str:
        where = f"{region[0]},{region[1]}" if region is not None else "-"
        return f"{self.online.service}|{where}|{normalize(query)}"


def build_resolver(
    settings: Settings, *, set_up_now: bool = True, cache: AnswerCache | None = None
) -> PlaceResolver:
    """The resolver configured by ``settings``; :class:`~bot.config.ConfigError` if it can't be.

    ``set_up_now=False`` leaves the online geocoder (geopy) until a request needs it:
    for a one-shot process, whose request may never need it. ``cache`` replaces the
    SQLite file beside the index (a deploy's shared database).
    """
    online = DeferredGeocoder(settings)
    if set_up_now:
        online.set_up()
    return PlaceResolver(online, cache or GeocodeCache(settings.resolved_geocode_cache_path))


def _refused(query: str, message: str) -> Resolution:
    return Resolution(ResolutionStatus.NOT_FOUND, query, notes=(message,))


def _valid_bias(bias: tuple[float, float] | None) -> tuple[float, float] | None:
    if bias is None:
        return None
    try:
        lat, lng = float(bias[0]), float(bias[1])
    except (TypeError, ValueError, IndexError):
        return None
    return (lat, lng) if -90 <= lat <= 90 and -180 <= lng <= 180 else None


def _region(bias: tuple[float, float] | None) -> tuple[int, int] | None:
    """The bias rounded to whole degrees (~100 km): the cache key and the preferred area."""
    return None if bias is None else (round(bias[0]), round(bias[1]))
