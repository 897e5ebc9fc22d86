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
from bot.settings.commands import SavePlace, SetChannelPlace, SetHome
from bot.state import StateStore, StoredPlace, check_place_name

#: How many of an ambiguous place's candidates a reply names.
MAX_CANDIDATES = 3
GEOCODER_DOWN = "I can't look places up right now (the geocoder is not answering). Try again soon."
_TRY = "Try a street address with its city, a ZIP code or a city."


#: The commands that set a place: home, a named place, the channel's place.
Target = SetHome | SavePlace | SetChannelPlace


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
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None = None,
) -> PlaceStored:
    """Geocode the command's text and store the place it names (a channel's place in
    ``channel_id``).

    Raises :class:`NotResolved`, and the store's ``InvalidSetting`` (a saved place's name
    is checked before the geocoder is asked anything) and ``StateUnavailable``.
    """
    if isinstance(target, SavePlace):
        check_place_name(target.name)
    if isinstance(target, SetChannelPlace) and channel_id is None:
        raise ValueError("a channel place needs the channel")
    bias = search_context(store, team_id, user_id, channel_id).bias
    resolution = resolver.resolve(target.text, bias=bias)
    best = resolution.best
    if resolution.status is not ResolutionStatus.FOUND or best is None:
        raise NotResolved(target.text, resolution)
    place = StoredPlace(target.text, best)
    match target:
        case SetHome():
            home = store.set_preferences(team_id, user_id, home=place).home
            assert home is not None
            return PlaceStored(target, home)
        case SavePlace(name):
            saved = store.save_place(team_id, user_id, name, place)
            return PlaceStored(target, saved.place, saved.name)
        case SetChannelPlace():
            assert channel_id is not None
            channel = store.set_channel_place(team_id, channel_id, place, set_by=user_id)
            return PlaceStored(target, channel.place)
    raise AssertionError(f"unknown place target {target!r}")


def _mrkdwn(text: str) -> str:
    return escape_mrkdwn(truncate(text, 200))


def stored_sentence(stored: PlaceStored) -> str:
    """What was stored, in one mrkdwn sentence every surface starts with."""
    name = _mrkdwn(stored.place.name)
    match stored.target:
        case SetHome():
            return f"Home set to *{name}*."
        case SavePlace():
            return f"Saved *{_mrkdwn(stored.name or '')}*: {name}."
        case SetChannelPlace():
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
