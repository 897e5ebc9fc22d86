"""A PlugShare-shaped server on loopback and a client configured for it through Settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.plugshare_payloads import all_locations
from support.plugshare_server import AMBIGUOUS, PlugShareServer

from bot.config import load_settings
from bot.plugshare.client import PlugShareClient

ADDRESSES: dict[str, tuple[float, float] | str] = {
    "venice, ca": (33.992476, -118.4721),
    "springfield": AMBIGUOUS,
}


@pytest.fixture
def server() -> Iterator[PlugShareServer]:
    with PlugShareServer(all_locations(), addresses=ADDRESSES) as running:
        yield running


@pytest.fixture
def client(server: PlugShareServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlugShareClient]:
    """Configured the way a deployment is: environment -> Settings -> client."""
    monkeypatch.setenv("PLUGSHARE_API_URL", server.url)
    monkeypatch.setenv("PLUGSHARE_API_KEY", server.key)
    monkeypatch.setenv("PLUGSHARE_API_SECRET", server.secret)
    monkeypatch.setenv("PLUGSHARE_CONNECT_TIMEOUT", "1")
    monkeypatch.setenv("PLUGSHARE_READ_TIMEOUT", "0.5")
    # A short backoff keeps retry tests quick; Retry-After is still honoured as sent.
    with PlugShareClient.from_settings(load_settings(), backoff=0.02) as made:
        yield made
