"""Place text -> points: typed coordinates, ZIP and airport codes, cache, geocoder, gazetteer.

Use :func:`build_resolver` once at start-up and call ``resolve(text, bias)`` per request;
every place it returns, and every place anyone else holds, is a :class:`Place`.
The resolver and geopy are imported on first use, so importing the contract types
(``bot.geo.place``) stays cheap for code that only reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.geo.place import (
    HOME,
    Place,
    PlaceKind,
    Resolution,
    ResolutionStatus,
    Resolver,
    place_key,
)

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.geo.cache import AnswerCache
    from bot.geo.resolver import PlaceResolver


def build_resolver(
    settings: Settings, *, set_up_now: bool = True, cache: AnswerCache | None = None
) -> PlaceResolver:
    """The resolver configured by ``settings``; :class:`~bot.config.ConfigError` if it can't be.

    ``set_up_now=False`` sets up the online geocoder on first use instead. ``cache``
    replaces the SQLite file beside the index (a deploy's shared database).
    """
    from bot.geo.resolver import build_resolver as build

    return build(settings, set_up_now=set_up_now, cache=cache)


def __getattr__(name: str) -> Any:
    if name == "PlaceResolver":
        from bot.geo.resolver import PlaceResolver

        return PlaceResolver
    raise AttributeError(f"module 'bot.geo' has no attribute {name!r}")


__all__ = [
    "HOME",
    "Place",
    "PlaceKind",
    "PlaceResolver",
    "Resolution",
    "ResolutionStatus",
    "Resolver",
    "build_resolver",
    "place_key",
]
