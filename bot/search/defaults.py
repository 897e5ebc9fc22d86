"""Personal defaults, in one place: what a person's stored settings add to a search.

Pure functions, no I/O of their own. Three steps:

1. :func:`search_context` reads a person's stored settings through the
   :class:`DefaultsSource` protocol (``bot.state.StateStore`` is one) and
   2. :func:`personal_context` turns them into :class:`~bot.search.SearchContext` fields:
   units, the default filters, the saved places by :func:`~bot.geo.place_key` (``HOME``
   for home), the channel's place as the default place, and the bias point (an explicit
   one, else the channel's place, else home: in a channel set up for the Denver office
   "Union Station" should mean Denver's, whoever asks).
3. :func:`apply_defaults` (the pipeline, right after parsing) merges them with what the
   request said. The request always wins: "J1772 near office" ignores the car's CCS, and
   default connectors are named in a note so nobody wonders why only CCS stations appear.
   "near home" and "near my office", which the parser reports as ignored, become the
   saved places.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.answer.request import SearchContext
from bot.geo.place import HOME, Place, place_key
from bot.geo.units import Units
from bot.plugshare.enums import Access, connector_label
from bot.plugshare.filters import Filters, OutletFilter

__all__ = [
    "HOME",
    "AppliedDefaults",
    "DefaultsSource",
    "apply_defaults",
    "default_filters",
    "personal_context",
    "place_key",
    "search_context",
]

_ALL_ACCESS = [Access.PUBLIC, Access.RESTRICTED, Access.RESIDENTIAL]


# --- what is stored, as this module reads it (``bot.state`` records satisfy these) -------


class StoredPlaceLike(Protocol):
    """A place as a person set it: the text they typed and the :class:`Place` it is."""

    @property
    def place(self) -> Place: ...


class SavedPlaceLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def place(self) -> StoredPlaceLike: ...


class PreferencesLike(Protocol):
    @property
    def connectors(self) -> Sequence[OutletFilter]: ...
    @property
    def units(self) -> Units | None: ...
    @property
    def free_only(self) -> bool | None: ...
    @property
    def public_only(self) -> bool | None: ...
    @property
    def home(self) -> StoredPlaceLike | None: ...


class StoredDefaults(Protocol):
    """Everything stored that a search of this person in this channel uses."""

    @property
    def preferences(self) -> PreferencesLike: ...
    @property
    def places(self) -> Sequence[SavedPlaceLike]: ...
    @property
    def channel_place(self) -> StoredPlaceLike | None: ...


class DefaultsSource(Protocol):
    """Where stored settings are read (``bot.state.StateStore``). It may raise its own
    "unavailable" error; the caller decides what a search does without them."""

    def personal_settings(
        self, team_id: str, user_id: str, channel_id: str | None
    ) -> StoredDefaults: ...


# --- stored settings -> search context ------------------------------------------------------


def search_context(
    source: DefaultsSource,
    team_id: str,
    user_id: str,
    channel_id: str | None = None,
    base: SearchContext | None = None,
) -> SearchContext:
    """The search context with this person's defaults and this channel's place."""
    stored = source.personal_settings(team_id, user_id, channel_id)
    base = base or SearchContext(team_id=team_id, user_id=user_id, channel_id=channel_id)
    return personal_context(
        base,
        preferences=stored.preferences,
        channel_place=stored.channel_place,
        saved_places=stored.places,
    )


def default_filters(preferences: PreferencesLike) -> Filters | None:
    """The filters a person's settings ask for, or ``None`` when they ask for none."""
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
    preferences: PreferencesLike | None = None,
    channel_place: StoredPlaceLike | None = None,
    saved_places: Sequence[SavedPlaceLike] = (),
) -> SearchContext:
    """``base`` with the person's settings added; values already in ``base`` win."""
    saved: dict[str, Place] = {}
    home = preferences.home if preferences is not None else None
    if home is not None:
        saved[HOME] = home.place
    for named in saved_places:
        saved.setdefault(place_key(named.name), named.place.place)
    saved.update(base.saved_places)

    bias = base.bias
    if bias is None and channel_place is not None:
        bias = channel_place.place.point
    if bias is None and home is not None:
        bias = home.place.point

    return dataclasses.replace(
        base,
        default_place=base.default_place
        or (channel_place.place if channel_place is not None else None),
        bias=bias,
        units=base.units or (preferences.units if preferences is not None else None),
        default_filters=base.default_filters
        or (default_filters(preferences) if preferences is not None else None),
        saved_places=saved,
    )


# --- the request and the defaults, merged -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppliedDefaults:
    """What a search uses once personal defaults are merged with the request."""

    filters: Filters
    #: A place to use without geocoding: the saved place the text named, or the default
    #: place when the text names none. ``None``: geocode the text's place as usual.
    place: Place | None
    #: Plain text for ``Answer.notes`` (the renderer escapes it like all user text).
    notes: tuple[str, ...]
    #: The parser's ignored words minus those that named a saved place ("near home").
    ignored: tuple[str, ...] = ()


# The parser reports "near home" and "near my office" as ignored words: it cannot know
# them. Saved places can; these are the markers such a phrase may start with.
_MARKER = re.compile(r"^(?:near|around|by|at|in|close\s+to|next\s+to|to|of|from)\s+", re.I)


def _saved(text: str, context: SearchContext) -> tuple[str, Place] | None:
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
    place: Place | None = None
    named: tuple[str, Place] | None = None
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
        whose = "the asker's" if context.others_settings else "your"
        label = f"{whose} home" if key == HOME else f"{whose} saved place “{written}”"
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
        whose = "the asker's" if context.others_settings else "your"
        notes.append(f"Using {whose} settings: {' · '.join(applied)}.{hint}")
    merged = filters.model_copy(update=changes) if changes else filters
    # model_copy skips validation; re-validate so the canonical order holds.
    return AppliedDefaults(
        Filters.model_validate(merged.model_dump()), place, tuple(notes), tuple(remaining)
    )
