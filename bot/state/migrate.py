"""Create and migrate the state database: Alembic's ``upgrade head``, run from code.

The migration scripts live in ``bot/state/migrations/versions`` inside the package,
so an installed ChargeBot can always bring its database up to date. Several worker
processes may start at once: each checks the revision first (cheap, no lock), and
only when behind takes the write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory
transaction lock on PostgreSQL) and migrates in that one transaction; the others
wait, then find the database already at head.

To add a migration: change ``bot/state/models.py``, then from the repository root run
``python -m bot.state.migrate revision "what changed"`` against a scratch database at
head, review the generated script, and run ``pytest tests/state``.
"""

from __future__ import annotations

import sys
import time
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, exc, text

from bot.state.database import WRITE
from bot.state.errors import StateUnavailable
from bot.state.models import Base
from bot.state.slack_tables import slack_metadata

SCRIPT_LOCATION = "bot.state:migrations"
#: Key of the PostgreSQL advisory lock that serializes migrations ("CBST").
_PG_LOCK_KEY = 0x43425354


def target_metadata() -> list[MetaData]:
    """Everything the migrations must produce: ChargeBot's models and slack_sdk's tables."""
    return [Base.metadata, slack_metadata()]


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    known = {script.revision for script in _scripts().walk_revisions()}
    if revision not in known:
        raise StateUnavailable(
            f"the state database is at revision {revision}, which this ChargeBot does not "
            "know: it was migrated by a newer version; upgrade ChargeBot"
        )


def upgrade(engine: Engine, timeout: float = 5.0) -> str:
    """Bring the database to the newest schema; return the revision it is now at.

    Database errors propagate as SQLAlchemy errors (callers wrap them); a database
    migrated by a newer ChargeBot raises :class:`StateUnavailable`.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return _upgrade(engine)
        except exc.OperationalError as error:
            # SQLite answers "locked" at once, without its busy timeout, when waiting could
            # deadlock (documented for sqlite3_busy_handler); that can happen while several
            # processes open a brand-new file and switch it to WAL. Migrating is one
            # transaction, so trying again is safe.
            busy = "locked" in str(error.orig) or "busy" in str(error.orig)
            if engine.dialect.name != "sqlite" or not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _upgrade(engine: Engine) -> str:
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
    _check_known(current)
    if current == head:
        return head
    with engine.execution_options(**{WRITE: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        # Another process may have migrated while we waited for the lock.
        _check_known(current_revision(connection))
        command.upgrade(alembic_config(connection), "head")
    return head


def _main(argv: list[str]) -> int:
    """Developer entry point: ``python -m bot.state.migrate revision "message"``."""
    from bot.config import load_settings
    from bot.state.database import create_state_engine

    if len(argv) != 2 or argv[0] != "revision":
        print('usage: python -m bot.state.migrate revision "message"', file=sys.stderr)
        return 2
    settings = load_settings()
    engine = create_state_engine(settings.resolved_database_url, settings.database_timeout)
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=argv[1], autogenerate=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
