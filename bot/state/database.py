"""Connecting to the state database: SQLite by default, PostgreSQL by changing the URL.

SQLite is tuned for several worker processes sharing one file: WAL (readers never
block the writer), a busy timeout (a writer waits for the lock instead of failing),
foreign keys on, and every write transaction opened with ``BEGIN IMMEDIATE`` so two
writers queue for the lock up front instead of one failing half-way when it upgrades
a read lock. Reads use a plain ``BEGIN`` and never wait for writers.

Every database failure a deployment can cause (bad URL, missing driver, server down,
file locked, read-only or not a database) is turned into :class:`StateUnavailable`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from bot.state.errors import StateUnavailable

#: Execution option that marks a connection's transactions as writes (``BEGIN IMMEDIATE``).
WRITE = "chargebot_write"


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zones: values are stored as naive UTC and read back as aware UTC.
    PostgreSQL stores ``timestamp with time zone``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _normalize_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        # The text may contain a password: say only what is wrong with it.
        raise StateUnavailable(
            "CHARGEBOT_DATABASE_URL is not a database URL "
            "(expected e.g. sqlite:////path/state.sqlite3 or postgresql://user@host/db)"
        ) from None
    # Heroku-style postgres:// and plain postgresql:// default to psycopg2 in SQLAlchemy;
    # ChargeBot ships psycopg 3 (the ``postgres`` extra).
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe_url(url: str) -> str:
    """The URL for logs and messages, password masked (also when it does not parse)."""
    try:
        return _normalize_url(url).render_as_string(hide_password=True)
    except StateUnavailable:
        return "(unparseable CHARGEBOT_DATABASE_URL)"


def create_state_engine(url: str, timeout: float = 5.0) -> Engine:
    """An engine for ``url``; raises :class:`StateUnavailable` for a URL that cannot work.

    Creating the engine does not connect: a database that is down is noticed on first use.
    """
    parsed = _normalize_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, timeout)
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql":
            connect_args["connect_timeout"] = max(1, math.ceil(timeout))
        return create_engine(
            parsed, pool_pre_ping=True, pool_timeout=timeout, connect_args=connect_args
        )
    except exc.NoSuchModuleError:
        raise StateUnavailable(
            f"no SQLAlchemy dialect for {parsed.drivername!r} in CHARGEBOT_DATABASE_URL"
        ) from None
    except ImportError as error:
        hint = " (pip install 'chargebot[postgres]')" if "psycopg" in str(error) else ""
        raise StateUnavailable(
            f"the database driver for {parsed.drivername!r} is not installed{hint}"
        ) from None


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    uri = str(url.query.get("uri", "")).lower() in ("true", "1")
    if not in_memory and not uri:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StateUnavailable(
                f"cannot create the directory for the SQLite state file: {error.strerror}"
            ) from None
    engine = create_engine(
        url,
        connect_args={"timeout": timeout, "check_same_thread": False},
        # One shared connection, or each new connection would see its own empty database.
        poolclass=StaticPool if in_memory else None,
    )
    busy_ms = int(timeout * 1000)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; transactions are begun explicitly below so
        # that writes can say IMMEDIATE (SQLAlchemy's documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # Deleted rows ("forget me") are overwritten, not just unlinked.
            cursor.execute("PRAGMA secure_delete = ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
                # Safe with WAL: a power cut may lose the last commits, never corrupt.
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# Errors that mean "the database cannot be used now", as opposed to a bug in a query.
_UNAVAILABLE = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.InternalError,
    exc.TimeoutError,
    exc.NoSuchModuleError,
)


def _is_unavailable(error: BaseException) -> bool:
    if isinstance(error, _UNAVAILABLE):
        return True
    # "file is not a database" and similar arrive as the generic DatabaseError.
    return type(error) is exc.DatabaseError


def _scrub(text: str, url: URL) -> str:
    if url.password:
        text = text.replace(str(url.password), "***")
    # Drop the SQL and parameters SQLAlchemy appends: they may hold user text.
    text = re.split(r"\n\[SQL:|\n\(Background on this error", text)[0]
    return " ".join(text.split())


@contextmanager
def unavailable_on_failure(url: str) -> Iterator[None]:
    """Turn a failure to use the database into :class:`StateUnavailable` (with a safe detail)."""
    try:
        yield
    except StateUnavailable:
        raise
    except exc.SQLAlchemyError as error:
        if not _is_unavailable(error):
            raise
        parsed = _normalize_url(url)
        original = getattr(error, "orig", None) or error
        detail = _scrub(f"{type(original).__name__}: {error}", parsed)
        raise StateUnavailable(f"{describe_url(url)}: {detail}") from None
    except ImportError as error:
        raise StateUnavailable(f"database driver missing: {error.name}") from None


def utc_now() -> datetime:
    return datetime.now(UTC)
