"""CHARGEBOT_PROVIDER picks the data source; auto means PlugShare only with credentials."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from bot.providers import make_provider


def test_default_is_the_local_index() -> None:
    provider = make_provider(load_settings())
    try:
        assert provider.name == "local"
        assert provider.live_availability is False
    finally:
        provider.close()


def test_auto_picks_plugshare_when_credentials_are_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "key")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "secret")
    provider = make_provider(load_settings())
    try:
        assert provider.name == "plugshare"
    finally:
        provider.close()


def test_local_can_be_forced_even_with_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "key")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "secret")
    monkeypatch.setenv("CHARGEBOT_PROVIDER", "local")
    provider = make_provider(load_settings())
    try:
        assert provider.name == "local"
    finally:
        provider.close()


def test_plugshare_without_credentials_names_the_missing_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHARGEBOT_PROVIDER", "plugshare")
    with pytest.raises(ConfigError, match="PLUGSHARE_API_KEY"):
        make_provider(load_settings())


def test_unknown_provider_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARGEBOT_PROVIDER", "bing")
    with pytest.raises(ConfigError, match="CHARGEBOT_PROVIDER"):
        load_settings()
