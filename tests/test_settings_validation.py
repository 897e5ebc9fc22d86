"""Every setting is checked at start-up, and a bad one is named (issue 12, item 7).

A database URL with a port that is not a number used to crash ``serve`` with a
ValueError; an empty ``CHARGEBOT_DB`` crashed ``ask`` with "PosixPath('.') has an
empty name". Now each stops start-up with a message naming the variable, exit 2,
without a traceback and without echoing a password.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config import ConfigError, load_settings

PASSWORD = "pw-s3cret-123"

BAD = [
    ("CHARGEBOT_DATABASE_URL", f"postgresql://bot:{PASSWORD}@db.internal:abc/chargebot"),
    ("CHARGEBOT_DATABASE_URL", f"postgresql://bot:{PASSWORD}@db.internal:99999/chargebot"),
    ("CHARGEBOT_DATABASE_URL", "not a url"),
    ("CHARGEBOT_DB", ""),
    ("CHARGEBOT_DB", "   "),
    ("CHARGEBOT_DB", "/"),
    ("CHARGEBOT_GEOCODE_CACHE", ""),
    ("CHARGEBOT_GEOCODER_USER_AGENT", " "),
    ("CHARGEBOT_GEOCODER_TIMEOUT", "inf"),
    ("PLUGSHARE_READ_TIMEOUT", "nan"),
    ("CHARGEBOT_DATABASE_TIMEOUT", "forever"),
    ("PORT", "http"),
    ("PORT", ""),
    ("CHARGEBOT_RESULTS", "0"),
    ("CHARGEBOT_LOG_LEVEL", "loud"),
]


@pytest.mark.parametrize(("name", "value"), BAD)
def test_a_bad_setting_is_named_at_load(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert name in message
    assert PASSWORD not in message
    assert "Value error," not in message  # pydantic's prefix says nothing to a person


@pytest.mark.parametrize("command", [["ask", "near 40.75,-73.99"], ["serve"], ["data", "stats"]])
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CHARGEBOT_DATABASE_URL", f"postgresql://bot:{PASSWORD}@db.internal:abc/chargebot"),
        ("CHARGEBOT_DB", ""),
    ],
)
def test_each_command_stops_with_the_name_and_exit_2(
    command: list[str], name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-abc")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "0123456789abcdef0123456789abcdef")
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert name in result.stderr
    assert PASSWORD not in result.output
    assert "Traceback" not in result.output


def test_good_values_still_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARGEBOT_DATABASE_URL", "postgresql://bot:pw@db.internal:5432/chargebot")
    monkeypatch.setenv("CHARGEBOT_DB", "~/data/stations.sqlite3")
    monkeypatch.setenv("CHARGEBOT_AFDC_API_KEY", "")
    settings = load_settings()
    assert settings.db_path.name == "stations.sqlite3"
    assert settings.afdc_api_key.get_secret_value() == "DEMO_KEY"  # empty means the default
    for url in ("sqlite:////srv/state.sqlite3", "postgres://u@h/db", "sqlite://"):
        monkeypatch.setenv("CHARGEBOT_DATABASE_URL", url)
        assert load_settings().resolved_database_url == url


def test_the_state_store_refuses_a_bad_port_as_unavailable_not_a_crash() -> None:
    from bot.state import StateStore, StateUnavailable

    store = StateStore(f"postgresql://bot:{PASSWORD}@db.internal:abc/chargebot", timeout=1.0)
    try:
        with pytest.raises(StateUnavailable) as raised:
            store.migrate()
        assert PASSWORD not in str(raised.value.detail)
    finally:
        store.close()


ODD_VALUES = ["", " ", "abc", "-1", "0", "1e309", "nan", "99999999999999999999999", "a\u202eb"]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_every_setting_loads_or_is_named_never_crashes(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each variable the Settings object reads, set to an odd value, either loads (and its
    derived values work) or stops start-up naming that variable: never another error."""
    from bot.config import Settings

    for field in Settings.model_fields.values():
        name = field.alias
        assert name, "every setting is read from one named variable"
        with monkeypatch.context() as env:
            env.setenv(name, value)
            try:
                settings = load_settings()
            except ConfigError as error:
                assert name in str(error), (name, value, str(error))
                continue
            settings.resolved_database_url  # noqa: B018 - derived values must not raise
            settings.resolved_geocode_cache_path  # noqa: B018
            settings.effective_provider  # noqa: B018
