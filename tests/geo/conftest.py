"""Fixtures for the geocoding tests: settings and resolvers aimed at the loopback Nominatim."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from support.nominatim import NominatimServer

from bot.config import Settings, load_settings
from bot.geo import PlaceResolver, build_resolver

MakeResolver = Callable[..., PlaceResolver]


@pytest.fixture
def geo_settings(nominatim: NominatimServer) -> Settings:
    return load_settings(nominatim_url=nominatim.url, geocoder_min_delay=0)


@pytest.fixture
def make_resolver(nominatim: NominatimServer) -> Iterator[MakeResolver]:
    """``make_resolver(**settings)``: a resolver on the loopback Nominatim, closed after."""
    made: list[PlaceResolver] = []

    def make(**overrides: Any) -> PlaceResolver:
        options: dict[str, Any] = {"nominatim_url": nominatim.url, "geocoder_min_delay": 0}
        options.update(overrides)
        resolver = build_resolver(load_settings(**options))
        made.append(resolver)
        return resolver

    yield make
    for resolver in made:
        resolver.close()


@pytest.fixture
def resolver(make_resolver: MakeResolver) -> PlaceResolver:
    return make_resolver()
