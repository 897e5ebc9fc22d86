"""Personal defaults: what a user's settings add to a search. Pure functions, no I/O.

Two steps, one on each side of the pipeline's parser:

1. :func:`personal_context` (the listener, via ``StateStore.search_context``) turns the
   stored settings into :class:`~bot.search.SearchContext` fields: units, the default
   filters, the saved places, the channel's place as the default place, and the bias
   point (an explicit one, else the channel's place, else home: in a channel set up for
   the Denver office "Union Station" should mean Denver's, whoever asks).
2. :func:`bot.search.defaults.apply_defaults` (the pipeline, right after parsing)
   merges them with what the request said.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from bot.plugshare.enums import Access
from bot.plugshare.filters import Filters
from bot.search.defaults import HOME, place_key
from bot.search.request import PlaceChoice, SearchContext
from bot.state.records import Preferences, SavedPlace, StoredPlace

_ALL_ACCESS = [Access.PUBLIC, Access.RESTRICTED, Access.RESIDENTIAL]


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
