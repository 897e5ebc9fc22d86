"""Settings: PlugShare's variables read from the environment and .env, bad values stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.plugshare.client import PlugShareClient


def test_defaults() -> None:
    settings = load_settings()
    assert str(settings.plugshare_api_url) == "https://api.plugshare.com/"
    assert settings.plugshare_api_key is None and settings.plugshare_api_secret is None
    assert (settings.plugshare_connect_timeout, settings.plugshare_read_timeout) == (3.0, 10.0)
    assert not settings.has_plugshare_credentials
    assert settings.effective_provider == "local"


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_URL", "https://plugshare.example.test/v3")
    monkeypatch.setenv("PLUGSHARE_API_KEY", "env-key")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "env-secret")
    monkeypatch.setenv("PLUGSHARE_CONNECT_TIMEOUT", "1.5")
    monkeypatch.setenv("PLUGSHARE_READ_TIMEOUT", "20")

    settings = load_settings()

    assert str(settings.plugshare_api_url) == "https://plugshare.example.test/v3"
    assert settings.plugshare_api_key is not None
    assert settings.plugshare_api_key.get_secret_value() == "env-key"
    assert (settings.plugshare_connect_timeout, settings.plugshare_read_timeout) == (1.5, 20.0)
    assert settings.effective_provider == "plugshare"


def test_dotenv_file_in_the_working_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tests/conftest.py runs every test in its own empty tmp_path.
    (tmp_path / ".env").write_text(
        "PLUGSHARE_API_KEY=dotenv-key\n"
        "PLUGSHARE_API_SECRET=dotenv-secret\n"
        "PLUGSHARE_READ_TIMEOUT=4\n"
        "PLUGSHARE_CONNECT_TIMEOUT=2\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PLUGSHARE_CONNECT_TIMEOUT", "1")  # the environment wins over .env

    settings = load_settings()

    assert settings.plugshare_api_secret is not None
    assert settings.plugshare_api_secret.get_secret_value() == "dotenv-secret"
    assert (settings.plugshare_connect_timeout, settings.plugshare_read_timeout) == (1.0, 4.0)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PLUGSHARE_API_URL", "not a url"),
        ("PLUGSHARE_API_URL", "api.plugshare.com"),
        ("PLUGSHARE_API_URL", "ftp://api.plugshare.com"),
        ("PLUGSHARE_CONNECT_TIMEOUT", "-1"),
        ("PLUGSHARE_CONNECT_TIMEOUT", "0"),
        ("PLUGSHARE_READ_TIMEOUT", "-0.5"),
        ("PLUGSHARE_READ_TIMEOUT", "ten"),
    ],
)
def test_a_bad_value_fails_at_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert f"{variable}:" in str(caught.value)
    assert str(caught.value).count("\n  ") == 1  # only the bad variable is named


def test_a_bad_value_in_dotenv_is_named_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PLUGSHARE_READ_TIMEOUT=-3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="PLUGSHARE_READ_TIMEOUT"):
        load_settings()


def test_credentials_in_the_url_are_refused_without_repeating_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLUGSHARE_API_URL", "https://k3y:s3cr3t@api.plugshare.com")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "PLUGSHARE_API_URL" in message and "PLUGSHARE_API_SECRET" in message
    assert "s3cr3t" not in message and "k3y" not in message


def test_secrets_are_masked_in_reprs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "visible-key-123")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "visible-secret-456")
    settings = load_settings()
    for shown in (repr(settings), str(settings), str(settings.model_dump())):
        assert "visible-key-123" not in shown and "visible-secret-456" not in shown


@pytest.mark.parametrize("missing", ["PLUGSHARE_API_KEY", "PLUGSHARE_API_SECRET"])
def test_the_client_needs_both_credentials(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "key")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "secret")
    monkeypatch.setenv(missing, "")
    with pytest.raises(ConfigError, match="PLUGSHARE_API_KEY and PLUGSHARE_API_SECRET"):
        PlugShareClient.from_settings(load_settings())


def test_the_client_uses_the_configured_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # The timeouts are exercised against a slow server in tests/plugshare/test_client_failures.py.
    monkeypatch.setenv("PLUGSHARE_API_URL", "https://plugshare.example.test")
    monkeypatch.setenv("PLUGSHARE_API_KEY", "key")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "secret")

    with PlugShareClient.from_settings(load_settings()) as client:
        assert client.base_url == "https://plugshare.example.test/"
