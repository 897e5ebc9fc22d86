"""The Slack app under test: the real pipeline, renderer and server, with doubles only
at the process edge (a data source built from real AFDC rows, and a fixed geocoder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.penn import FixedProvider, FixedResolver, load_penn_locations
from support.slack import BOT_TOKEN, SIGNING_SECRET, Harness, MockSlack, RunningApp

from bot.config import Settings, load_settings
from bot.plugshare.models import Location
from bot.search import SearchPipeline
from bot.slack.app import create_app
from bot.slack.services import services_of_app


@pytest.fixture(scope="session")
def penn_locations(shared_data: Path) -> list[Location]:
    return load_penn_locations(shared_data)


@pytest.fixture
def slack_api() -> Iterator[MockSlack]:
    mock = MockSlack()
    try:
        yield mock
    finally:
        mock.close()


def slack_settings(slack_api: MockSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": slack_api.api_url,
        "http_threads": 8,
        "search_workers": 4,
        "rate_limit_per_minute": 0,
        **overrides,
    }
    return load_settings(**values)


@pytest.fixture
def make_harness(slack_api: MockSlack, penn_locations: list[Location]) -> Iterator[Any]:
    started: list[RunningApp] = []

    def make(*, delay: float = 0.0, **overrides: Any) -> Harness:
        settings = slack_settings(slack_api, **overrides)
        provider = FixedProvider(penn_locations, delay=delay)
        resolver = FixedResolver()
        pipeline = SearchPipeline(settings, provider, resolver)
        server = RunningApp(create_app(settings, pipeline))
        started.append(server)
        return Harness(server, slack_api, provider, resolver)

    yield make
    for server in started:
        services_of_app(server.app).background.drain(10)
        server.close()


@pytest.fixture
def harness(make_harness: Any) -> Harness:
    return make_harness()
