"""The schema is created and migrated by the Alembic scripts shipped in the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, inspect, text
from support.state_db import url_for

from bot.state import StateStore, StateUnavailable
from bot.state.database import create_state_engine
from bot.state.migrate import alembic_config, head_revision, target_metadata, upgrade

TABLES = {
    "alembic_version",
    "user_preferences",
    "saved_places",
    "channel_places",
    "checkins",
    "slack_bots",
    "slack_installations",
    "slack_oauth_states",
    "slack_events",
    "geocode_answers",
}


def test_postgresql_is_configured(tmp_path: Path) -> None:
    """The one place a run without PostgreSQL says so (every other test runs on SQLite)."""
    url = url_for("postgresql", tmp_path)
    engine = create_state_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_migrates_an_empty_database_to_head(database_url: str) -> None:
    engine = create_state_engine(database_url)
    assert inspect(engine).get_table_names() == []

    assert StateStore(database_url).migrate() == head_revision()
    assert set(inspect(engine).get_table_names()) == TABLES
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    engine.dispose()


def test_migrating_again_changes_nothing(database_url: str) -> None:
    store = StateStore(database_url)
    store.migrate()
    store.set_preferences("T1", "U1", units="km")

    assert store.migrate() == head_revision()
    assert StateStore(database_url).migrate() == head_revision()
    engine = create_state_engine(database_url)
    assert upgrade(engine) == head_revision()
    engine.dispose()
    assert store.get_preferences("T1", "U1").units == "km"


def test_first_use_migrates_without_an_explicit_call(database_url: str) -> None:
    store = StateStore(database_url)
    assert store.list_places("T1", "U1") == []
    engine = create_state_engine(database_url)
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_models_and_migrations_agree(database_url: str) -> None:
    """A model change without a migration (or a slack_sdk schema change) fails here."""
    StateStore(database_url).migrate()
    expected = MetaData()
    for metadata in target_metadata():
        for table in metadata.tables.values():
            table.to_metadata(expected)
    engine = create_state_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, expected) == []
    engine.dispose()


def test_slack_sdk_finds_its_tables_ready(database_url: str) -> None:
    StateStore(database_url).migrate()
    engine = create_state_engine(database_url)
    # What a Bolt sample would do: with our tables in place it must be a no-op.
    SQLAlchemyInstallationStore(client_id="1.2", engine=engine).create_tables()
    SQLAlchemyOAuthStateStore(expiration_seconds=60, engine=engine).create_tables()
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_downgrade_to_empty_and_back(database_url: str) -> None:
    StateStore(database_url).migrate()
    engine = create_state_engine(database_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert upgrade(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_a_database_from_a_newer_chargebot_is_unavailable_not_broken(database_url: str) -> None:
    StateStore(database_url).migrate()
    engine = create_state_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    engine.dispose()

    store = StateStore(database_url)
    with pytest.raises(StateUnavailable) as raised:
        store.get_preferences("T1", "U1")
    assert "newer" in raised.value.detail
    assert "try this again" in str(raised.value)
