"""The API key and secret never reach logs (httpx's and httpcore's included), errors or reprs."""

from __future__ import annotations

import base64
import logging
import traceback

import pytest
from support.plugshare_payloads import VENICE
from support.plugshare_server import PlugShareServer, Reply

from bot.config import load_settings
from bot.plugshare.client import PlugShareClient
from bot.plugshare.errors import PlugShareError
from bot.plugshare.filters import Filters
from bot.providers.base import ProviderError
from bot.providers.plugshare import PlugShareProvider


def _secrets(server: PlugShareServer) -> list[str]:
    token = base64.b64encode(f"{server.key}:{server.secret}".encode()).decode()
    return [server.key, server.secret, token]


def _failures(client: PlugShareClient, server: PlugShareServer) -> list[BaseException]:
    """Drive the client through success, retries and every kind of failure."""
    server.script("/locations/nearby", Reply(503), Reply(429, headers={"Retry-After": "0"}))
    client.nearby(*VENICE, count=2)
    client.location(20841)
    client.polyline([VENICE], distance_m=100)
    scripted = [
        Reply(401),
        Reply(404),
        Reply(400),
        Reply(429, headers={"Retry-After": "999"}),
        Reply(200, "<html>oops</html>", content_type="text/html"),
        Reply(200, {"unexpected": True}),
        Reply(200, {"code": 1}),
        *[Reply(502)] * 3,
    ]
    server.script("/locations/nearby", *scripted)
    errors: list[BaseException] = []
    for _ in range(len(scripted) - 2):
        with pytest.raises(PlugShareError) as caught:
            client.nearby(*VENICE)
        errors.append(caught.value)
    return errors


def test_credentials_never_reach_debug_logs_errors_or_tracebacks(
    client: PlugShareClient, server: PlugShareServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        errors = _failures(client, server)

    assert len(errors) == 8
    # The debug logs did capture the traffic: this test would see a leak if there were one.
    assert any(record.name.startswith("httpcore") for record in caplog.records)
    assert any(record.name == "httpx" for record in caplog.records)
    logged = caplog.text + "".join(repr(record.__dict__) for record in caplog.records)
    shown = "".join(
        str(error) + repr(error) + "".join(traceback.format_exception(error)) for error in errors
    )
    for secret in _secrets(server):
        assert secret not in logged
        assert secret not in shown


def test_credentials_never_reach_reprs(client: PlugShareClient, server: PlugShareServer) -> None:
    settings = load_settings()
    provider = PlugShareProvider(client)
    shown = " ".join(
        [
            repr(client),
            str(vars(client)),
            repr(provider),
            repr(settings),
            str(settings),
            str(settings.model_dump()),
            settings.model_dump_json(),
        ]
    )
    for secret in _secrets(server):
        assert secret not in shown
    assert server.url in repr(client)


def test_provider_errors_carry_no_credentials(
    client: PlugShareClient, server: PlugShareServer
) -> None:
    provider = PlugShareProvider(client)
    server.script("/locations/nearby", Reply(401))
    with pytest.raises(ProviderError) as caught:
        provider.nearby(*VENICE, filters=Filters(), radius_m=1000, count=5)
    text = (
        str(caught.value)
        + caught.value.user_message
        + "".join(traceback.format_exception(caught.value))
    )
    for secret in _secrets(server):
        assert secret not in text
