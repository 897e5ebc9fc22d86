"""Personal defaults: what a user's settings add to a search. Pure functions, no I/O.

Two steps, one on each side of the pipeline's parser:

1. :func:`personal_context` (the listener, via ``StateStore.search_context``) turns the
   stored settings into :class:`~bot.search.SearchContext` fields: units, the default
   filters, the saved places, the channel's place as the default place, and the bias
   point (an explicit one, else the channel's place, else home: in a channel set up for
   the Denver office "Union Station" should mean Denver's, whoever asks).
2. :func:`apply_defaults` (the pipeline, right after parsing, before its own defaults and
   before any Refine changes) merges them with what the request said:
   ``apply_defaults(query.place, query.filters, context, query.ignored)``. The request
   always wins: "J1772 near office" ignores the car's CCS, and default connectors are
   named in a note so nobody wonders why only CCS stations appear. "near home" and
   "near my office", which the parser reports as ignored, become the saved places.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.plugshare.enums import Access, connector_label
from bot.plugshare.filters import Filters
from bot.search import PlaceChoice, SearchContext
from bot.state.records import Preferences, SavedPlace, StoredPlace

#: The saved-place key of the user's home place ("CCS near home").
HOME = "home"
_ALL_ACCESS = [Access.PUBLIC, Access.RESTRICTED, Access.RESIDENTIAL]
_PLACE_FILLER = re.compile(r"^(?:my|the|our)\s+")
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'“”‘’.,;:!?()]+|[\s\"'“”‘’.,;:!?()]+$")


def place_key(name: str) -> str:
    """How a place name is looked up: "My Office!" and "office" are the same place."""
    key = _EDGE_PUNCTUATION.sub("", " ".join(name.split()).casefold())
    return _PLACE_FILLER.sub("", key)


def default_filters(preferences: Preferences) -> Filters | None:
    """The filters a user's settings ask for, or ``None`` when they ask for none."""
    access: list[Access] = []
    if preferences.public_only is True:
        access = [Access.PUBLIC]
    elif preferences.public_only is False:
        # Every access type, listed: unlike an empty list, this stops the pipeline
        # from adding its "public unless asked" default.
        access = list(_ALL_ACCESS)
    filters = Filters(
        outlets=list(preferences.connectors),
        free_only=bool(preferences.free_only),
        access=access,
    )
    return None if filters.is_empty() else filters


def personal_context(
    base: SearchContext,
    *,
    preferences: Preferences | None = None,
    channel_place: StoredPlace | None = None,
    saved_places: Sequence[SavedPlace] = (),
) -> SearchContext:
    """``base`` with the user's settings added; values already in ``base`` win."""
    preferences = preferences or Preferences()
    saved: dict[str, PlaceChoice] = {}
    if preferences.home is not None:
        saved[HOME] = preferences.home.to_choice()
    for place in saved_places:
        saved.setdefault(place_key(place.name), place.place.to_choice())
    saved.update(base.saved_places)

    bias = base.bias
    if bias is None and channel_place is not None:
        bias = channel_place.point
    if bias is None and preferences.home is not None:
        bias = preferences.home.point

    return dataclasses.replace(
        base,
        default_place=base.default_place
        or (channel_place.to_choice() if channel_place is not None else None),
        bias=bias,
        units=base.units or preferences.units,
        default_filters=base.default_filters or default_filters(preferences),
        saved_places=saved,
    )


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
