"""The state store: what ChargeBot remembers about people, channels and workspaces.

:class:`StateStore` is the one service the Slack listeners and the pipeline call. Every
method takes the Slack team id first and never reads or writes another team's rows.
Every method either does what it says or raises :class:`StateUnavailable` (the database
cannot be used now) or :class:`InvalidSetting` (a value cannot be stored; its ``rule``
says why, and ``bot.settings`` words it for people). The store is storage only: it
knows no Slack, no search and no wording.

The store connects lazily and migrates the schema on first use, so a database that is
down at start-up does not stop the app: each call tries again.

Writes are single statements or short transactions (``BEGIN IMMEDIATE`` on SQLite) and
preference updates are per-column upserts, so concurrent writers in several worker
processes never overwrite each other's changes.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from enum import Enum
from typing import Any, Literal

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot.config import Settings
from bot.control_chars import strip_control_chars
from bot.geo.place import HOME, Place, PlaceKind, place_key
from bot.geo.units import Units
from bot.plugshare.enums import Problem, ReviewRating
from bot.plugshare.filters import OutletFilter
from bot.state import models, shared_rows
from bot.state.database import (
    WRITE,
    create_state_engine,
    describe_url,
    unavailable_on_failure,
    utc_now,
)
from bot.state.errors import InvalidSetting, Rule, StateUnavailable
from bot.state.migrate import upgrade
from bot.state.oauth import InstallationStore, OAuthStateStore
from bot.state.records import (
    ChannelPlace,
    CheckIn,
    Forgotten,
    PersonalSettings,
    Preferences,
    SavedPlace,
    StoredPlace,
    TeamDeleted,
    UserData,
)
from bot.state.slack_tables import slack_metadata, team_tables

logger = logging.getLogger(__name__)

MAX_SAVED_PLACES = 25
MAX_COMMENT = 2000
MAX_KILOWATTS = 1000.0
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class _Unset(Enum):
    UNSET = "unset"


#: "Leave this preference as it is" (``None`` clears it).
UNSET = _Unset.UNSET

_SLACK_TABLES = slack_metadata()


class StateStore:
    """People's settings, saved places, channel places, check-ins and Slack installs."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self._url = url
        self._timeout = timeout
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._write_engine: Engine | None = None
        self._reads: sessionmaker[Session] | None = None
        self._writes: sessionmaker[Session] | None = None
        self._migrated = False

    @classmethod
    def from_settings(cls, settings: Settings) -> StateStore:
        return cls(settings.resolved_database_url, timeout=settings.database_timeout)

    def __repr__(self) -> str:
        return f"StateStore({describe_url(self._url)})"

    @property
    def url(self) -> str:
        """The database URL with any password masked (for logs and ``chargebot state``)."""
        return describe_url(self._url)

    # --- lifecycle ---

    def migrate(self) -> str:
        """Create or migrate the schema now; return the revision. Safe to call repeatedly."""
        with unavailable_on_failure(self._url):
            return self._ready(force_check=True)

    def close(self) -> None:
        """Close the database connections (at shutdown). The store reconnects if used again."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
            self._reset()

    def after_fork(self) -> None:
        """Call in a worker process forked after the store was used: the child opens its
        own connections and leaves the parent's alone."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose(close=False)
            self._reset()

    def _reset(self) -> None:
        self._engine = self._write_engine = None
        self._reads = self._writes = None
        self._migrated = False

    def _connect(self) -> Engine:
        """The write engine, created on first need (no connection is opened here)."""
        with self._lock:
            if self._engine is None:
                engine = create_state_engine(self._url, self._timeout)
                if engine.dialect.name not in SUPPORTED_BACKENDS:
                    engine.dispose()
                    raise StateUnavailable(
                        f"{engine.dialect.name} is not supported for the state database "
                        "(use sqlite or postgresql)"
                    )
                self._engine = engine
                self._write_engine = engine.execution_options(**{WRITE: True})
                self._reads = sessionmaker(engine, expire_on_commit=False)
                self._writes = sessionmaker(self._write_engine, expire_on_commit=False)
            assert self._write_engine is not None
            return self._write_engine

    def _ready(self, force_check: bool = False) -> str:
        """Connect and migrate (once per process unless forced); the revision when checked."""
        self._connect()
        with self._lock:
            assert self._engine is not None
            if force_check or not self._migrated:
                revision = upgrade(self._engine, timeout=self._timeout)
                self._migrated = True
                return revision
            return ""

    def _wipe_deleted(self) -> None:
        """After deleting a person's or a workspace's data, leave no copy of it in SQLite's
        write-ahead log: ``secure_delete`` zeroes the freed space in the new pages, and a
        checkpoint moves them into the file and truncates the log, whose older frames
        still held the text. (PostgreSQL's own vacuuming is the operator's to schedule.)"""
        with unavailable_on_failure(self._url):
            engine = self._connect()
            if engine.dialect.name != "sqlite":
                return
            raw = engine.raw_connection()
            try:
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                raw.close()

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Session]:
        with unavailable_on_failure(self._url):
            self._ready()
            factory = self._writes if write else self._reads
            assert factory is not None
            with factory.begin() as session:
                yield session

    # --- Slack OAuth (Bolt) ---

    def installation_store(self, client_id: str) -> InstallationStore:
        """Bolt's installation store on this database.

        Built without touching the database (an app can start while it is down); each
        operation migrates first if needed and raises :class:`StateUnavailable` on failure.
        """
        with unavailable_on_failure(self._url):
            engine = self._connect()
        return InstallationStore(client_id, engine, self._url, self._ready)

    def oauth_state_store(self, expiration_seconds: int = 600) -> OAuthStateStore:
        """Bolt's OAuth state store on this database (same behaviour as above)."""
        with unavailable_on_failure(self._url):
            engine = self._connect()
        return OAuthStateStore(expiration_seconds, engine, self._url, self._ready)

    # --- shared by every instance: event dedupe and geocode answers ---

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql`` (from the URL; no connection is opened)."""
        return make_url(self._url).get_backend_name()

    def claim_event(self, team_id: str, event_id: str, ttl_seconds: float) -> bool:
        """True for exactly one caller, in any process, per Slack event (until it expires)."""
        with self._session(write=True) as session:
            return shared_rows.claim_event(session, team_id, event_id, ttl_seconds)

    def geocode_answer(self, key: str) -> tuple[str, float] | None:
        with self._session(write=False) as session:
            return shared_rows.geocode_answer(session, key)

    def keep_geocode_answer(
        self, key: str, matches: str, stored_at: float, expires_at: float, *, forget_before: float
    ) -> None:
        with self._session(write=True) as session:
            shared_rows.keep_geocode_answer(
                session, key, matches, stored_at, expires_at, forget_before
            )

    # --- preferences ---

    def get_preferences(self, team_id: str, user_id: str) -> Preferences:
        with self._session(write=False) as session:
            return _preferences(session.get(models.UserPreferences, (team_id, user_id)))

    def set_preferences(
        self,
        team_id: str,
        user_id: str,
        *,
        connectors: Sequence[OutletFilter] | _Unset | None = UNSET,
        units: Units | _Unset | None = UNSET,
        free_only: bool | _Unset | None = UNSET,
        public_only: bool | _Unset | None = UNSET,
        home: StoredPlace | _Unset | None = UNSET,
    ) -> Preferences:
        """Change only the preferences given (``None`` clears one); return them all.

        Each call writes only its own columns in one upsert, so two workers changing
        different preferences of the same user at the same moment both succeed.
        """
        values: dict[str, Any] = {}
        if connectors is not UNSET:
            outlets = sorted(
                set(connectors or ()),
                key=lambda o: (int(o.connector), -1 if o.power is None else int(o.power)),
            )
            values["connectors"] = [o.to_plugshare() for o in outlets] or None
        if units is not UNSET:
            if units not in ("mi", "km", None):
                raise InvalidSetting(Rule.UNITS)
            values["units"] = units
        if free_only is not UNSET:
            values["free_only"] = free_only
        if public_only is not UNSET:
            values["public_only"] = public_only
        if home is not UNSET:
            columns = _place_columns(home) if home is not None else dict.fromkeys(_PLACE_FIELDS)
            values.update({f"home_{key}": value for key, value in columns.items()})
        values["updated_at"] = utc_now()
        with self._session(write=True) as session:
            _upsert(
                session, models.UserPreferences, {"team_id": team_id, "user_id": user_id}, values
            )
            session.expire_all()
            return _preferences(session.get(models.UserPreferences, (team_id, user_id)))

    def clear_preferences(self, team_id: str, user_id: str) -> bool:
        """Delete all of a user's preferences (saved places stay); ``False`` if none were set."""
        with self._session(write=True) as session:
            return bool(_delete(session, models.UserPreferences, team_id=team_id, user_id=user_id))

    # --- saved places ---

    def save_place(self, team_id: str, user_id: str, name: str, place: StoredPlace) -> SavedPlace:
        """Save (or replace, matched case-insensitively) a named place for a user."""
        display, key = _place_name(name)
        now = utc_now()
        values = {
            "name": display,
            "updated_at": now,
            **_place_columns(place, resolved="resolved_name"),
        }
        row = models.SavedPlace
        with self._session(write=True) as session:
            exists = session.scalar(
                select(row.id).where(
                    row.team_id == team_id, row.user_id == user_id, row.name_key == key
                )
            )
            if exists is None:
                count = session.scalar(
                    select(func.count()).where(row.team_id == team_id, row.user_id == user_id)
                )
                if (count or 0) >= MAX_SAVED_PLACES:
                    raise InvalidSetting(Rule.TOO_MANY_PLACES, MAX_SAVED_PLACES)
            _upsert(
                session,
                row,
                {"team_id": team_id, "user_id": user_id, "name_key": key},
                values,
                insert_only={"created_at": now},
            )
        return SavedPlace(name=display, place=_stored(place))

    def get_place(self, team_id: str, user_id: str, name: str) -> SavedPlace | None:
        with self._session(write=False) as session:
            found = session.scalar(
                select(models.SavedPlace).where(
                    models.SavedPlace.team_id == team_id,
                    models.SavedPlace.user_id == user_id,
                    models.SavedPlace.name_key == place_key(name),
                )
            )
            return _saved_place(found) if found is not None else None

    def list_places(self, team_id: str, user_id: str) -> list[SavedPlace]:
        """A user's saved places, by name."""
        with self._session(write=False) as session:
            return _list_places(session, team_id, user_id)

    def delete_place(self, team_id: str, user_id: str, name: str) -> bool:
        """Delete a saved place by name (any case); ``False`` if the user has none by that name."""
        with self._session(write=True) as session:
            found = _delete(
                session,
                models.SavedPlace,
                team_id=team_id,
                user_id=user_id,
                name_key=place_key(name),
            )
            return bool(found)

    # --- channel places ---

    def set_channel_place(
        self, team_id: str, channel_id: str, place: StoredPlace, set_by: str | None
    ) -> ChannelPlace:
        values = {
            "set_by": set_by,
            "updated_at": utc_now(),
            **_place_columns(place, resolved="resolved_name"),
        }
        with self._session(write=True) as session:
            _upsert(
                session, models.ChannelPlace, {"team_id": team_id, "channel_id": channel_id}, values
            )
        return ChannelPlace(channel_id=channel_id, place=_stored(place), set_by=set_by)

    def get_channel_place(self, team_id: str, channel_id: str) -> ChannelPlace | None:
        with self._session(write=False) as session:
            row = session.get(models.ChannelPlace, (team_id, channel_id))
            return _channel_place(row) if row is not None else None

    def clear_channel_place(self, team_id: str, channel_id: str) -> bool:
        with self._session(write=True) as session:
            return bool(
                _delete(session, models.ChannelPlace, team_id=team_id, channel_id=channel_id)
            )

    # --- check-ins ---

    def add_checkin(
        self,
        team_id: str,
        *,
        data_source: str,
        location_id: int,
        user_id: str,
        user_name: str | None,
        rating: ReviewRating | int,
        problem: Problem | int | None = None,
        comment: str | None = None,
        finished_at: datetime | None = None,
        kilowatts: float | None = None,
        created_at: datetime | None = None,
    ) -> CheckIn:
        """Store a member's check-in at a location of ``data_source`` (``Provider.name``)."""
        if created_at is not None and created_at.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")
        row = models.CheckIn(
            team_id=team_id,
            data_source=_data_source(data_source),
            location_id=int(location_id),
            user_id=user_id,
            user_name=_user_name(user_name),
            created_at=created_at or utc_now(),
            **_checkin_values(rating, problem, comment, finished_at, kilowatts),
        )
        with self._session(write=True) as session:
            session.add(row)
            session.flush()
            return _checkin(row)

    def list_checkins(
        self, team_id: str, data_source: str, location_id: int, *, limit: int | None = None
    ) -> list[CheckIn]:
        """A location's check-ins from this workspace, newest first."""
        row = models.CheckIn
        query = (
            select(row)
            .where(
                row.team_id == team_id,
                row.data_source == data_source,
                row.location_id == int(location_id),
            )
            .order_by(row.created_at.desc(), row.id.desc())
            .limit(limit)
        )
        with self._session(write=False) as session:
            return [_checkin(found) for found in session.scalars(query)]

    def recent_checkins(
        self,
        team_id: str,
        data_source: str,
        location_ids: Sequence[int],
        *,
        per_location: int = 3,
    ) -> dict[int, list[CheckIn]]:
        """The newest ``per_location`` check-ins of each location, in one query (for cards).

        Every requested id is a key; locations without check-ins map to ``[]``.
        """
        ids = sorted({int(i) for i in location_ids})
        result: dict[int, list[CheckIn]] = {i: [] for i in ids}
        if not ids or per_location <= 0:
            return result
        row = models.CheckIn
        rank = (
            func.row_number()
            .over(
                partition_by=row.location_id,
                order_by=(row.created_at.desc(), row.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            select(row, rank)
            .where(
                row.team_id == team_id,
                row.data_source == data_source,
                row.location_id.in_(ids),
            )
            .subquery()
        )
        newest = aliased(row, ranked)
        query = (
            select(newest)
            .where(ranked.c.rank <= per_location)
            .order_by(ranked.c.location_id, ranked.c.created_at.desc(), ranked.c.id.desc())
        )
        with self._session(write=False) as session:
            for found in session.scalars(query):
                result[found.location_id].append(_checkin(found))
        return result

    def delete_checkin(self, team_id: str, user_id: str, checkin_id: int) -> bool:
        """Delete a check-in if this user made it; ``False`` if it is gone or someone else's."""
        with self._session(write=True) as session:
            found = _delete(
                session, models.CheckIn, id=int(checkin_id), team_id=team_id, user_id=user_id
            )
            return bool(found)

    # --- people and workspaces ---

    def about_user(self, team_id: str, user_id: str) -> UserData:
        """Everything stored about a user in a workspace (what ``settings`` shows)."""
        checkin = models.CheckIn
        channel = models.ChannelPlace
        with self._session(write=False) as session:
            preferences = _preferences(session.get(models.UserPreferences, (team_id, user_id)))
            places = _list_places(session, team_id, user_id)
            checkins = session.scalars(
                select(checkin)
                .where(checkin.team_id == team_id, checkin.user_id == user_id)
                .order_by(checkin.created_at.desc(), checkin.id.desc())
            )
            channels = session.scalars(
                select(channel)
                .where(channel.team_id == team_id, channel.set_by == user_id)
                .order_by(channel.channel_id)
            )
            return UserData(
                preferences=preferences,
                places=tuple(places),
                checkins=tuple(_checkin(found) for found in checkins),
                channel_places_set=tuple(_channel_place(found) for found in channels),
            )

    def forget_user(self, team_id: str, user_id: str) -> Forgotten:
        """Delete everything stored about a user in a workspace (``forget me``).

        Their preferences, saved places and check-ins are deleted. Channel places they
        set stay (they belong to the channel) but no longer record who set them.
        """
        with self._session(write=True) as session:
            person = {"team_id": team_id, "user_id": user_id}
            preferences = _delete(session, models.UserPreferences, **person)
            places = _delete(session, models.SavedPlace, **person)
            checkins = _delete(session, models.CheckIn, **person)
            channels = session.execute(
                update(models.ChannelPlace)
                .where(
                    models.ChannelPlace.team_id == team_id,
                    models.ChannelPlace.set_by == user_id,
                )
                .values(set_by=None)
            )
            forgotten = Forgotten(
                preferences=bool(preferences),
                places=places,
                checkins=checkins,
                channel_places_unattributed=channels.rowcount,
            )
        self._wipe_deleted()
        return forgotten

    def delete_team(self, team_id: str) -> TeamDeleted:
        """Delete all of a workspace's data, its Slack installations and bot tokens included.

        For ``app_uninstalled`` and ``tokens_revoked`` (bot tokens) events.
        """
        rows: dict[str, int] = {}
        with self._session(write=True) as session:
            for model in (
                models.UserPreferences,
                models.SavedPlace,
                models.ChannelPlace,
                models.CheckIn,
            ):
                rows[model.__tablename__] = _delete(session, model, team_id=team_id)
            for table in team_tables(_SLACK_TABLES):
                result = session.execute(delete(table).where(table.c.team_id == team_id))
                rows[table.name] = result.rowcount
        self._wipe_deleted()
        logger.info("deleted workspace %s: %d rows", team_id, sum(rows.values()))
        return TeamDeleted(rows=rows)

    # --- searching ---

    def personal_settings(
        self, team_id: str, user_id: str, channel_id: str | None = None
    ) -> PersonalSettings:
        """What a search of this person in this channel uses, in one read
        (``bot.search.search_context`` turns it into a search context)."""
        with self._session(write=False) as session:
            preferences = _preferences(session.get(models.UserPreferences, (team_id, user_id)))
            places = _list_places(session, team_id, user_id)
            channel = (
                session.get(models.ChannelPlace, (team_id, channel_id)) if channel_id else None
            )
        return PersonalSettings(
            preferences=preferences,
            places=tuple(places),
            channel_place=_channel_place(channel).place if channel is not None else None,
        )


# --- writing ---


def _delete(session: Session, model: type[models.Base], **columns: Any) -> int:
    """Delete the rows of ``model`` whose ``columns`` have these values; how many."""
    conditions = [getattr(model, name) == value for name, value in columns.items()]
    result = session.execute(delete(model).where(*conditions))
    return int(result.rowcount)


def _upsert(
    session: Session,
    model: type[models.Base],
    keys: dict[str, Any],
    values: dict[str, Any],
    insert_only: dict[str, Any] | None = None,
) -> None:
    """Insert a row, or update only ``values``' columns of the existing one, atomically."""
    dialect: Literal["sqlite", "postgresql"] = session.get_bind().dialect.name  # type: ignore[assignment]
    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    statement = insert(model).values(**keys, **values, **(insert_only or {}))
    session.execute(
        statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={column: statement.excluded[column] for column in values},
        )
    )


_PLACE_FIELDS = ("text", "name", "latitude", "longitude", "country_code", "kind")
_PLACE_TEXT_MAX = models.PLACE_TEXT


def _place_columns(place: StoredPlace, *, resolved: str = "name") -> dict[str, Any]:
    """A place's column values (``resolved`` names the resolved-name column)."""
    text = " ".join(strip_control_chars(place.text).split())
    if not text:
        raise InvalidSetting(Rule.PLACE_EMPTY)
    if len(text) > _PLACE_TEXT_MAX:
        raise InvalidSetting(Rule.PLACE_TOO_LONG, _PLACE_TEXT_MAX)
    latitude, longitude = place.point
    if not (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    ):
        raise ValueError(f"not a point: {latitude}, {longitude}")
    country = (place.country_code or "").strip().upper()
    return {
        "text": text,
        resolved: (" ".join(strip_control_chars(place.name).split()) or text)[:_PLACE_TEXT_MAX],
        "latitude": float(place.place.latitude),
        "longitude": float(place.place.longitude),
        "country_code": country if len(country) == 2 and country.isalpha() else None,
        "kind": PlaceKind(place.kind).value,
    }


def _stored(place: StoredPlace) -> StoredPlace:
    """``place`` as the store keeps it (normalized like a row read back)."""
    columns = _place_columns(place)
    return _place(columns["text"], columns["name"], **_point_columns(columns))


def check_place_name(name: str) -> str:
    """``name`` as a saved place would be called; :class:`InvalidSetting` says what is wrong."""
    return _place_name(name)[0]


def _place_name(name: str) -> tuple[str, str]:
    display = " ".join(strip_control_chars(name).split()).strip(" \"'“”‘’")
    key = place_key(display)
    if not key:
        raise InvalidSetting(Rule.NAME_EMPTY)
    if len(display) > models.PLACE_NAME_MAX:
        raise InvalidSetting(Rule.NAME_TOO_LONG, models.PLACE_NAME_MAX)
    if key == HOME:
        raise InvalidSetting(Rule.NAME_RESERVED)
    return display, key


def _data_source(name: str) -> str:
    name = name.strip()
    if not name or len(name) > models.DATA_SOURCE_MAX:
        raise ValueError(f"bad data source name {name!r}")
    return name


def _user_name(name: str | None) -> str | None:
    name = " ".join(strip_control_chars(name or "").split())
    return name[: models.USER_NAME_MAX] or None


def _checkin_values(
    rating: ReviewRating | int,
    problem: Problem | int | None,
    comment: str | None,
    finished_at: datetime | None,
    kilowatts: float | None,
) -> dict[str, Any]:
    try:
        rating = ReviewRating(int(rating))
    except ValueError:
        raise InvalidSetting(Rule.RATING) from None
    if problem is not None:
        if rating != ReviewRating.PROBLEM:
            raise InvalidSetting(Rule.PROBLEM_NEEDS_PROBLEM_RATING)
        try:
            problem = Problem(int(problem))
        except ValueError:
            raise InvalidSetting(Rule.PROBLEM) from None
    # Text a person typed: no controls (PostgreSQL refuses a NUL) or invisible marks.
    comment = strip_control_chars(comment or "").strip() or None
    if comment is not None and len(comment) > MAX_COMMENT:
        raise InvalidSetting(Rule.COMMENT_TOO_LONG, MAX_COMMENT)
    if kilowatts is not None and not (math.isfinite(kilowatts) and 0 < kilowatts <= MAX_KILOWATTS):
        raise InvalidSetting(Rule.KILOWATTS, MAX_KILOWATTS)
    if finished_at is not None and finished_at.tzinfo is None:
        raise ValueError("finished_at must be timezone-aware")
    return {
        "rating": int(rating),
        "problem": int(problem) if problem is not None else None,
        "comment": comment,
        "finished_at": finished_at,
        "kilowatts": float(kilowatts) if kilowatts is not None else None,
    }


# --- reading ---


def _preferences(row: models.UserPreferences | None) -> Preferences:
    if row is None:
        return Preferences()
    home = None
    if row.home_latitude is not None and row.home_longitude is not None:
        home = _place(
            row.home_text or "",
            row.home_name or row.home_text or "",
            latitude=row.home_latitude,
            longitude=row.home_longitude,
            country_code=row.home_country_code,
            kind=row.home_kind or PlaceKind.ADDRESS,
        )
    return Preferences(
        connectors=tuple(OutletFilter.model_validate(o) for o in row.connectors or ()),
        units=row.units,  # type: ignore[arg-type]  # the CHECK constraint keeps it mi/km
        free_only=row.free_only,
        public_only=row.public_only,
        home=home,
    )


def _point_columns(columns: dict[str, Any]) -> dict[str, Any]:
    return {key: columns[key] for key in ("latitude", "longitude", "country_code", "kind")}


def _place(
    text: str,
    name: str,
    *,
    latitude: float,
    longitude: float,
    country_code: str | None,
    kind: str,
) -> StoredPlace:
    """The one way a stored place is made from columns (rows, and values about to be rows)."""
    return StoredPlace(
        text=text,
        place=Place(
            name=name,
            latitude=latitude,
            longitude=longitude,
            kind=PlaceKind(kind),
            country_code=country_code,
        ),
    )


def _row_place(row: models.SavedPlace | models.ChannelPlace) -> StoredPlace:
    return _place(
        row.text,
        row.resolved_name,
        latitude=row.latitude,
        longitude=row.longitude,
        country_code=row.country_code,
        kind=row.kind,
    )


def _saved_place(row: models.SavedPlace) -> SavedPlace:
    return SavedPlace(name=row.name, place=_row_place(row))


def _list_places(session: Session, team_id: str, user_id: str) -> list[SavedPlace]:
    row = models.SavedPlace
    rows = session.scalars(
        select(row).where(row.team_id == team_id, row.user_id == user_id).order_by(row.name_key)
    )
    return [_saved_place(found) for found in rows]


def _channel_place(row: models.ChannelPlace) -> ChannelPlace:
    return ChannelPlace(channel_id=row.channel_id, place=_row_place(row), set_by=row.set_by)


def _checkin(row: models.CheckIn) -> CheckIn:
    return CheckIn(
        id=row.id,
        team_id=row.team_id,
        data_source=row.data_source,
        location_id=row.location_id,
        user_id=row.user_id,
        user_name=row.user_name,
        rating=ReviewRating(row.rating),
        problem=Problem(row.problem) if row.problem is not None else None,
        comment=row.comment,
        finished_at=row.finished_at,
        kilowatts=row.kilowatts,
        created_at=row.created_at,
    )
