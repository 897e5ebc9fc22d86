"""An OCM-shaped server on loopback serving every real record, and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.ocm_server import OcmServer, load_pois

from bot.ocm.client import OcmClient


@pytest.fixture
def server() -> Iterator[OcmServer]:
    with OcmServer(load_pois("ocm-sample.json", "ocm-andorra.json")) as running:
        yield running


@pytest.fixture
def client(server: OcmServer) -> Iterator[OcmClient]:
    """Short timeouts and backoff keep the failure tests quick."""
    with OcmClient(
        server.key, base_url=server.url, timeout=httpx.Timeout(0.5, connect=1.0), backoff=0.02
    ) as made:
        yield made
