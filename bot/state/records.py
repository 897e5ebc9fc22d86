"""What the state store hands out: small immutable values, never ORM objects.

Listeners, the pipeline and renderers read these; none of them needs a database session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.geo.place import Place, PlaceKind
from bot.geo.units import Units
from bot.plugshare.enums import Problem, ReviewRating
from bot.plugshare.filters import OutletFilter

#: ``Review.source`` of check-ins members made in Slack (PlugShare's own reviews: ``None``).


__all__ = [
    "ChannelPlace",
    "CheckIn",
    "Forgotten",
    "PersonalSettings",
    "Preferences",
    "SavedPlace",
    "StoredPlace",
    "TeamDeleted",
    "UserData",
]


@dataclass(frozen=True, slots=True)
class StoredPlace:
    """A place as a person set it: the text they typed and the place it was geocoded to,
    once, when they set it."""

    text: str  # what the user typed: "1 Market St, San Francisco"
    place: Place  # what it resolved to: "1 Market Street, San Francisco, CA, USA"

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def latitude(self) -> float:
        return self.place.latitude

    @property
    def longitude(self) -> float:
        return self.place.longitude

    @property
    def kind(self) -> PlaceKind:
        return self.place.kind

    @property
    def country_code(self) -> str | None:
        return self.place.country_code

    @property
    def point(self) -> tuple[float, float]:
        return self.place.point


@dataclass(frozen=True, slots=True)
class Preferences:
    """A user's defaults. Empty/``None`` means "not set" (ChargeBot's defaults apply)."""

    connectors: tuple[OutletFilter, ...] = ()
    units: Units | None = None
    free_only: bool | None = None
    #: ``True``: public only. ``False``: every access type, restricted and residential
    #: included. ``None``: the pipeline's default (public).
    public_only: bool | None = None
    home: StoredPlace | None = None

    def is_empty(self) -> bool:
        return self == Preferences()


@dataclass(frozen=True, slots=True)
class SavedPlace:
    name: str  # as the user wrote it: "Office"
    place: StoredPlace


@dataclass(frozen=True, slots=True)
class ChannelPlace:
    channel_id: str
    place: StoredPlace
    set_by: str | None  # Slack user id; None once that user asked to be forgotten


@dataclass(frozen=True, slots=True)
class PersonalSettings:
    """What a search of one person in one channel uses (``bot.search.search_context``)."""

    preferences: Preferences
    places: tuple[SavedPlace, ...]
    channel_place: StoredPlace | None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A workspace member's check-in, in PlugShare's review vocabulary (``bot.search.checkins``
    reads it as a ``Review``)."""

    id: int
    team_id: str
    data_source: str
    location_id: int
    user_id: str
    user_name: str | None
    rating: ReviewRating
    problem: Problem | None
    comment: str | None
    finished_at: datetime | None  # "leaving at"
    kilowatts: float | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class UserData:
    """Everything stored about one user in one workspace (``settings`` shows it)."""

    preferences: Preferences
    places: tuple[SavedPlace, ...]
    checkins: tuple[CheckIn, ...]  # newest first
    channel_places_set: tuple[ChannelPlace, ...]


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What ``forget_user`` deleted."""

    preferences: bool
    places: int
    checkins: int
    #: Channel places they had set: kept for the channel, no longer attributed to them.
    channel_places_unattributed: int

    @property
    def anything(self) -> bool:
        return bool(
            self.preferences or self.places or self.checkins or self.channel_places_unattributed
        )


@dataclass(frozen=True, slots=True)
class TeamDeleted:
    """Rows deleted per table by ``delete_team``."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())
