"""Setting a place, on every surface (``/charge set home``, a mention, a DM, App Home):
one flow, geocode then store, and the sentences that say how it went.

The text is geocoded leaning toward the person's own places (their channel's, their
home), and stored with what they typed: a ``bot.state.StoredPlace``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.geo.place import Resolution, ResolutionStatus, Resolver
from bot.render.escape import escape_mrkdwn, escape_plain, truncate
from bot.search.defaults import search_context
from bot.state import StateStore, StoredPlace, check_place_name

#: How many of an ambiguous place's candidates a reply names.
MAX_CANDIDATES = 3
GEOCODER_DOWN = "I can't look places up right now (the geocoder is not answering). Try again soon."
_TRY = "Try a street address with its city, a ZIP code or a city."


@dataclass(frozen=True, slots=True)
class Home:
    """The person's home place."""


@dataclass(frozen=True, slots=True)
class Saved:
    """One of the person's named places ("office")."""

    name: str


@dataclass(frozen=True, slots=True)
class ChannelOf:
    """A channel's place, the default for requests there."""

    channel_id: str


Target = Home | Saved | ChannelOf


@dataclass(frozen=True, slots=True)
class PlaceStored:
    target: Target
    place: StoredPlace
    #: The saved place's name as stored (``Saved`` only).
    name: str | None = None


class NotResolved(Exception):
    """The text names no one place: not found, ambiguous, or the geocoder is down."""

    def __init__(self, text: str, resolution: Resolution) -> None:
        super().__init__(resolution.status.value)
        self.text = text
        self.resolution = resolution


def set_place(
    store: StateStore,
    resolver: Resolver,
    target: Target,
    text: str,
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None = None,
) -> PlaceStored:
    """Geocode ``text`` and store it as ``target``.

    Raises :class:`NotResolved`, and the store's ``InvalidSetting`` (a saved place's name
    is checked before the geocoder is asked anything) and ``StateUnavailable``.
    """
    if isinstance(target, Saved):
        check_place_name(target.name)
    bias = search_context(store, team_id, user_id, channel_id).bias
    resolution = resolver.resolve(text, bias=bias)
    best = resolution.best
    if resolution.status is not ResolutionStatus.FOUND or best is None:
        raise NotResolved(text, resolution)
    place = StoredPlace(text, best)
    match target:
        case Home():
            home = store.set_preferences(team_id, user_id, home=place).home
            assert home is not None
            return PlaceStored(target, home)
        case Saved(name):
            saved = store.save_place(team_id, user_id, name, place)
            return PlaceStored(target, saved.place, saved.name)
        case ChannelOf(channel):
            channel_place = store.set_channel_place(team_id, channel, place, set_by=user_id)
            return PlaceStored(target, channel_place.place)
    raise AssertionError(f"unknown place target {target!r}")


def _mrkdwn(text: str) -> str:
    return escape_mrkdwn(truncate(text, 200))


def stored_sentence(stored: PlaceStored) -> str:
    """What was stored, in one mrkdwn sentence every surface starts with."""
    name = _mrkdwn(stored.place.name)
    match stored.target:
        case Home():
            return f"Home set to *{name}*."
        case Saved():
            return f"Saved *{_mrkdwn(stored.name or '')}*: {name}."
        case ChannelOf():
            return f"This channel's place is now *{name}*."
    raise AssertionError(f"unknown place target {stored.target!r}")


def not_resolved(error: NotResolved, *, plain: bool = False) -> str:
    """Why the text named no place: mrkdwn quoting the text for a reply, or ``plain``
    words for a form field (Slack shows them as typed)."""
    resolution = error.resolution
    if resolution.status is ResolutionStatus.UNAVAILABLE:
        return GEOCODER_DOWN
    escape: Callable[[str], str] = escape_plain if plain else escape_mrkdwn
    if resolution.status is ResolutionStatus.AMBIGUOUS:
        options = "; ".join(escape(c.name) for c in resolution.candidates[:MAX_CANDIDATES])
        if plain:
            said = f"That could be several places ({options}). Add the city or state."
            return truncate(said, 300)
        return (
            f"“{escape(error.text)}” could be several places ({options}). Add the city or "
            "state, e.g. `Union Station, Denver`."
        )
    if plain:
        return f"I couldn't find that place. {_TRY}"
    return f"I couldn't find “{escape(error.text)}”. {_TRY}"
