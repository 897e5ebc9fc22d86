"""A database that cannot be used raises one typed error with a message for users,
never leaks its password, and the store recovers when the database comes back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.geo import Place
from bot.search import SearchContext, search_context
from bot.settings import parse_command, run_command
from bot.state import StateStore, StateUnavailable, StoredPlace

PLACE = StoredPlace(
    "Denver Union Station",
    Place("Denver Union Station", 39.752959, -104.999929, country_code="US"),
)
SECRET = "s3cret-Pa55"


def assert_unavailable(store: StateStore) -> StateUnavailable:
    with pytest.raises(StateUnavailable) as raised:
        store.set_preferences("T1", "U1", units="km")
    error = raised.value
    assert str(error) == StateUnavailable.user_message
    assert "Searches still work" in str(error)
    for text in (str(error), error.detail, repr(store), store.url):
        assert SECRET not in text
    return error


def test_a_string_that_is_not_a_url(tmp_path: Path) -> None:
    error = assert_unavailable(StateStore(f"not a url {SECRET}"))
    assert "CHARGEBOT_DATABASE_URL" in error.detail


def test_an_unknown_database_kind() -> None:
    error = assert_unavailable(StateStore(f"nosuchdb://admin:{SECRET}@db.example/state"))
    assert "nosuchdb" in error.detail


def test_a_database_driver_that_is_not_installed() -> None:
    error = assert_unavailable(StateStore(f"mysql://admin:{SECRET}@127.0.0.1/state"))
    assert "not installed" in error.detail


def test_an_unreachable_postgresql_server() -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    store = StateStore(f"postgresql://chargebot:{SECRET}@127.0.0.1:1/state", timeout=2)
    error = assert_unavailable(store)
    assert "127.0.0.1" in error.detail
    assert "***" in error.detail or "chargebot" in error.detail
    assert SECRET not in repr(store)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is not a database\n" * 100)
    error = assert_unavailable(StateStore(f"sqlite:///{path}"))
    assert "not a database" in error.detail


def test_a_directory_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a directory should be")
    error = assert_unavailable(StateStore(f"sqlite:///{blocker}/state/state.sqlite3"))
    assert "directory" in error.detail


def test_a_read_only_database_refuses_writes_but_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    StateStore(f"sqlite:///{path}").set_preferences("T1", "U1", units="mi")

    read_only = StateStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.get_preferences("T1", "U1").units == "mi"
    error = assert_unavailable(read_only)
    assert "readonly" in error.detail


def test_a_locked_database_times_out_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = StateStore(f"sqlite:///{path}", timeout=0.2)
    store.set_preferences("T1", "U1", units="mi")

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        error = assert_unavailable(store)
        assert "locked" in error.detail
        # WAL: readers are not blocked by the writer.
        assert store.get_preferences("T1", "U1").units == "mi"
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert store.set_preferences("T1", "U1", units="km").units == "km"


def test_settings_commands_reply_instead_of_raising(resolver: object) -> None:
    store = StateStore(f"postgresql://chargebot:{SECRET}@127.0.0.1:1/state", timeout=1)
    for text in ("set units km", "settings", "save gym = Denver Union Station", "forget me"):
        command = parse_command(text)
        assert command is not None
        reply = run_command(command, store, resolver, team_id="T1", user_id="U1", channel_id="C1")  # type: ignore[arg-type]
        assert reply == StateUnavailable.user_message


def test_searches_go_on_without_personal_defaults() -> None:
    """The pattern listeners follow: no defaults, the context says why (the pipeline adds
    the note: tests/slack/test_settings_commands.py), the search still runs."""
    store = StateStore(f"postgresql://chargebot:{SECRET}@127.0.0.1:1/state", timeout=1)
    try:
        context = search_context(store, "T1", "U1", "C1")
    except StateUnavailable:
        context = SearchContext(
            team_id="T1", user_id="U1", channel_id="C1", settings_unavailable=True
        )
    assert context.default_filters is None and context.saved_places == {}
    assert context.settings_unavailable


def test_the_database_password_stays_out_of_settings_reprs() -> None:
    settings = load_settings(CHARGEBOT_DATABASE_URL=f"postgresql://u:{SECRET}@db/state")
    assert SECRET not in repr(settings)
    assert settings.resolved_database_url == f"postgresql://u:{SECRET}@db/state"
    assert SECRET not in repr(StateStore.from_settings(settings))


def test_bolt_stores_can_be_built_while_the_database_is_down(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the database cannot be migrated yet
    store = StateStore(f"sqlite:///{path}", timeout=0.2)
    installations = store.installation_store(client_id="111.222")
    states = store.oauth_state_store(expiration_seconds=60)
    try:
        with pytest.raises(StateUnavailable):
            installations.find_installation(enterprise_id=None, team_id="T1")
        with pytest.raises(StateUnavailable):
            states.issue()
        assert states.consume("any") is False
    finally:
        other.execute("ROLLBACK")
        other.close()

    # The database is back: the same objects migrate it and work.
    assert installations.find_installation(enterprise_id=None, team_id="T1") is None
    assert states.consume(states.issue()) is True


def test_bolt_stores_report_an_unreachable_server() -> None:
    store = StateStore(f"postgresql://chargebot:{SECRET}@127.0.0.1:1/state", timeout=1)
    installations = store.installation_store(client_id="111.222")
    with pytest.raises(StateUnavailable) as raised:
        installations.find_bot(enterprise_id=None, team_id="T1")
    assert SECRET not in raised.value.detail
