"""Personal defaults merged with what a request said. Pure functions, no I/O.

The listener builds a :class:`~bot.search.request.SearchContext` from the user's stored
settings (``bot.state``); right after parsing, the pipeline merges it with the request
with :func:`apply_defaults`. The request always wins: "J1772 near office" ignores the
car's CCS, and default connectors are named in a note so nobody wonders why only CCS
stations appear. "near home" and "near my office", which the parser reports as ignored,
become the saved places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.plugshare.enums import Access, connector_label
from bot.plugshare.filters import Filters
from bot.search.request import PlaceChoice, SearchContext

#: The saved-place key of the user's home place ("CCS near home").
HOME = "home"
_PLACE_FILLER = re.compile(r"^(?:my|the|our)\s+")
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'“”‘’.,;:!?()]+|[\s\"'“”‘’.,;:!?()]+$")


def place_key(name: str) -> str:
    """How a place name is looked up: "My Office!" and "office" are the same place."""
    key = _EDGE_PUNCTUATION.sub("", " ".join(name.split()).casefold())
    return _PLACE_FILLER.sub("", key)


@dataclass(frozen=True, slots=True)
class AppliedDefaults:
    """What a search uses once personal defaults are merged with the request."""

    filters: Filters
    #: A place to use without geocoding: the saved place the text named, or the default
    #: place when the text names none. ``None``: geocode the text's place as usual.
    place: PlaceChoice | None
    #: Plain text for ``Answer.notes`` (the renderer escapes it like all user text).
    notes: tuple[str, ...]
    #: The parser's ignored words minus those that named a saved place ("near home").
    ignored: tuple[str, ...] = ()


# The parser reports "near home" and "near my office" as ignored words: it cannot know
# them. Saved places can; these are the markers such a phrase may start with.
_MARKER = re.compile(r"^(?:near|around|by|at|in|close\s+to|next\s+to|to|of|from)\s+", re.I)


def _saved(text: str, context: SearchContext) -> tuple[str, PlaceChoice] | None:
    key = place_key(text)
    place = context.saved_places.get(key)
    return (key, place) if place is not None else None


def apply_defaults(
    place_text: str | None,
    filters: Filters,
    context: SearchContext,
    ignored: Sequence[str] = (),
) -> AppliedDefaults:
    """Merge the user's defaults with what the parsed request asked for.

    ``place_text``, ``filters`` and ``ignored`` are the parser's (``SearchQuery.place``,
    ``.filters`` and ``.ignored``). A saved place is used when the text names it (also as
    an ignored "near home" / "near my office"); the default place when the text names
    none. Connectors apply only when the request names none; free only and an access
    default only when the request leaves them unset.
    """
    notes: list[str] = []
    remaining = list(ignored)
    place: PlaceChoice | None = None
    named: tuple[str, PlaceChoice] | None = None
    if place_text:
        named = _saved(place_text, context)
        written = place_text.strip()
    else:
        for phrase in ignored:
            written = _MARKER.sub("", phrase.strip())
            named = _saved(written, context)
            if named is not None:
                remaining.remove(phrase)
                break
    if named is not None:
        key, place = named
        label = "your home" if key == HOME else f"your saved place “{written}”"
        notes.append(f"Searching near {label}: {place.name}.")
    elif not place_text and context.default_place is not None:
        place = context.default_place
        notes.append(f"You named no place, so I searched near {place.name}.")

    defaults = context.default_filters
    if defaults is None:
        return AppliedDefaults(filters, place, tuple(notes), tuple(remaining))

    changes: dict[str, object] = {}
    applied: list[str] = []
    if defaults.outlets and not filters.outlets:
        changes["outlets"] = defaults.outlets
        names = [connector_label(o.connector, o.power) for o in defaults.outlets]
        applied.append(" or ".join(names))
    if defaults.free_only and not filters.free_only:
        changes["free_only"] = True
        applied.append("free only")
    if defaults.access and not filters.access:
        changes["access"] = defaults.access
        if defaults.access == [Access.PUBLIC]:
            applied.append("public only")
    if applied:
        hint = " Name a connector to search for others." if "outlets" in changes else ""
        notes.append(f"Using your settings: {' · '.join(applied)}.{hint}")
    merged = filters.model_copy(update=changes) if changes else filters
    # model_copy skips validation; re-validate so the canonical order holds.
    return AppliedDefaults(
        Filters.model_validate(merged.model_dump()), place, tuple(notes), tuple(remaining)
    )
