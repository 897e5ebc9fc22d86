"""The Slack app under test: the real pipeline, renderer, state store and server, with
doubles only at the process edge (a data source built from real AFDC rows, a fixed
geocoder, and Slack's Web API on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.penn import FixedProvider, FixedResolver, load_penn_locations
from support.redis_db import redis_url  # noqa: F401  (fixture, found by name)
from support.slack import BOT_TOKEN, SIGNING_SECRET, Harness, MockSlack, RunningApp

from bot.config import Settings, load_settings
from bot.plugshare.models import Location
from bot.search import SearchPipeline
from bot.slack.app import create_app
from bot.slack.services import services_of_app
from bot.state import StateStore


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
def state_url(tmp_path: Path) -> str:
    """A state database for the app (SQLite; ``tests/state`` covers PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'state' / 'state.sqlite3'}"


@pytest.fixture
def make_harness(slack_api: MockSlack, penn_locations: list[Location]) -> Iterator[Any]:
    started: list[RunningApp] = []
    stores: list[StateStore] = []

    def make(
        *,
        delay: float = 0.0,
        state_url: str | None = None,
        token_verification: bool = True,
        **overrides: Any,
    ) -> Harness:
        """The app; with ``state_url`` it remembers people in that database (a new store
        each time, as after a restart)."""
        settings = slack_settings(slack_api, **overrides)
        provider = FixedProvider(penn_locations, delay=delay)
        resolver = FixedResolver()
        store = StateStore(state_url, timeout=2.0) if state_url else None
        if store is not None:
            stores.append(store)
        pipeline = SearchPipeline(settings, provider, resolver, checkins=store)
        app = create_app(settings, pipeline, store=store, token_verification=token_verification)
        server = RunningApp(app)
        started.append(server)
        harness = Harness(server, slack_api, provider, resolver)
        harness.store = store
        return harness

    yield make
    for server in started:
        services_of_app(server.app).background.drain(10)
        server.close()
    for store in stores:
        store.close()


@pytest.fixture
def remembering(make_harness: Any, state_url: str) -> Harness:
    """The app with a state database."""
    return make_harness(state_url=state_url)


@pytest.fixture
def harness(make_harness: Any) -> Harness:
    return make_harness()
