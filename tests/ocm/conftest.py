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
    """A short backoff keeps the failure tests quick. The read timeout leaves room for a
    loaded 2-core CI machine (0.5 s once timed out a reply the server had sent);
    ``test_a_slow_server_times_out`` uses a shorter one of its own."""
    with OcmClient(
        server.key, base_url=server.url, timeout=httpx.Timeout(3.0, connect=1.0), backoff=0.02
    ) as made:
        yield made
