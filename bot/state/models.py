"""The state tables as SQLAlchemy ORM models. Every row belongs to one Slack team.

The schema is created and changed only by the Alembic migrations in
``bot/state/migrations``; a test checks that these models and the migrations agree.
Places are stored geocoded once, when set: the user's text, the resolved name, the
point, the country code and the kind of place (so a saved city searches like a city).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Float,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.state.database import UTCDateTime

#: Slack ids (team, user, channel) are short; slack_sdk's own tables use 32.
SLACK_ID = 32
PLACE_TEXT = 500
PLACE_NAME_MAX = 40
USER_NAME_MAX = 80
DATA_SOURCE_MAX = 40
#: Slack's event ids ("Ev0123ABCD") are short; room to spare.
EVENT_ID_MAX = 64

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    # Named constraints, so migrations can alter them by name on every backend.
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UserPreferences(Base):
    """One user's defaults in one workspace. ``None`` in a column means "not set"."""

    __tablename__ = "user_preferences"

    team_id: Mapped[str] = mapped_column(String(SLACK_ID), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(SLACK_ID), primary_key=True)
    #: PlugShare outlet descriptors, e.g. ``[{"connector": 13}, {"connector": 6, "power": 1}]``.
    connectors: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    units: Mapped[str | None] = mapped_column(String(2))
    free_only: Mapped[bool | None]
    public_only: Mapped[bool | None]
    home_text: Mapped[str | None] = mapped_column(String(PLACE_TEXT))
    home_name: Mapped[str | None] = mapped_column(String(PLACE_TEXT))
    home_latitude: Mapped[float | None] = mapped_column(Float)
    home_longitude: Mapped[float | None] = mapped_column(Float)
    home_country_code: Mapped[str | None] = mapped_column(String(2))
    home_kind: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("units IN ('mi', 'km')", name="units"),)


class StoredPlaceColumns:
    """A place as a person set it (``records.StoredPlace``): the text they typed and the
    place it was geocoded to."""

    text: Mapped[str] = mapped_column(String(PLACE_TEXT))
    resolved_name: Mapped[str] = mapped_column(String(PLACE_TEXT))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(20))


class SavedPlace(StoredPlaceColumns, Base):
    """A place a user named (``office``), usable in requests: ``CCS near office``."""

    __tablename__ = "saved_places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID))
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    name: Mapped[str] = mapped_column(String(PLACE_NAME_MAX))
    #: ``name`` case-folded: one "Office" per user, found as "office".
    name_key: Mapped[str] = mapped_column(String(PLACE_NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("team_id", "user_id", "name_key"),)


class ChannelPlace(StoredPlaceColumns, Base):
    """A channel's default place (and the point ambiguous places there lean toward)."""

    __tablename__ = "channel_places"

    team_id: Mapped[str] = mapped_column(String(SLACK_ID), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(SLACK_ID), primary_key=True)
    #: Who set it; cleared when that user asks to be forgotten.
    set_by: Mapped[str | None] = mapped_column(String(SLACK_ID))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CheckIn(Base):
    """A workspace member's check-in at a location, in PlugShare's review vocabulary."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID))
    #: The provider the location id belongs to (``Provider.name``: ``local``, ``plugshare``).
    data_source: Mapped[str] = mapped_column(String(DATA_SOURCE_MAX))
    location_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    #: The member's display first name when they checked in (never a mention).
    user_name: Mapped[str | None] = mapped_column(String(USER_NAME_MAX))
    #: PlugShare review rating: 1 charged, 0 tip, -1 problem.
    rating: Mapped[int] = mapped_column(SmallInteger)
    #: PlugShare problem type 1-5, only with rating -1.
    problem: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    #: "Leaving at": when the member plans to leave (PlugShare's ``finished``).
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kilowatts: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("rating IN (-1, 0, 1)", name="rating"),
        CheckConstraint(
            "problem IS NULL OR (rating = -1 AND problem BETWEEN 1 AND 5)", name="problem"
        ),
        CheckConstraint("kilowatts IS NULL OR kilowatts > 0", name="kilowatts"),
        Index(None, "team_id", "data_source", "location_id", "created_at"),
        Index(None, "team_id", "user_id"),
        # Never reuse a deleted check-in's id: a stale "delete" button must not hit a new one.
        {"sqlite_autoincrement": True},
    )


class SlackEvent(Base):
    """A Slack event one instance took: the first to insert its row answers it, so a
    retry or a redelivery that reaches any instance is answered once. Rows expire
    (Slack stops retrying within the hour) and are deleted when expired. Not a
    person's data: only ids and a time."""

    __tablename__ = "slack_events"

    team_id: Mapped[str] = mapped_column(String(SLACK_ID), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(EVENT_ID_MAX), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class GeocodeAnswer(Base):
    """What the online geocoder answered for a query (in PostgreSQL, shared by every
    instance; ``bot.geo.cache`` keeps the same in a SQLite file otherwise). Public map
    data, keyed by the normalised query, not by who asked."""

    __tablename__ = "geocode_answers"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    #: JSON list of matches, best first; ``[]`` means "not found".
    matches: Mapped[str] = mapped_column(Text)
    #: Unix seconds, as ``bot.geo.cache`` keeps them.
    stored_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
