"""Online geocoding through geopy's real Nominatim client, over HTTP to the loopback server."""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import combinations

import pytest
from support.nominatim import NominatimServer

from bot.config import ConfigError, load_settings
from bot.geo import PlaceKind, PlaceResolver, ResolutionStatus, build_resolver
from bot.geometry.bearing import distance_m

MakeResolver = Callable[..., PlaceResolver]

DENVER_UNION = (39.752959, -104.999929)
LA_UNION = (34.056177, -118.236778)
CHICAGO_UNION = (41.878684, -87.639443)
WORCESTER_UNION = (42.261478, -71.794812)
BOULDER = (40.0150, -105.2705)


def near(point: tuple[float, float], expected: tuple[float, float], within_m: float = 500) -> bool:
    return distance_m(*point, *expected) <= within_m


@pytest.mark.parametrize(
    ("text", "name", "kind", "country", "point"),
    [
        ("Ferry Building", "Ferry Building, San Francisco, CA, USA", PlaceKind.ADDRESS, "US",
         (37.795490, -122.393738)),
        ("1 Market St, San Francisco", "1 Market Street, San Francisco, CA, USA",
         PlaceKind.ADDRESS, "US", (37.793945, -122.394786)),
        ("Barstow", "Barstow, CA, USA", PlaceKind.CITY, "US", (34.895798, -117.017281)),
        ("Times Square", "Times Square, New York, NY, USA", PlaceKind.ADDRESS, "US",
         (40.758077, -73.985480)),
        ("Penn Station", "Pennsylvania Station, New York, NY, USA", PlaceKind.ADDRESS, "US",
         (40.750568, -73.993519)),
        ("Grand Central", "Grand Central Terminal, New York, NY, USA", PlaceKind.ADDRESS, "US",
         (40.752726, -73.977229)),
        ("Albany", "Albany, NY, USA", PlaceKind.CITY, "US", (42.651167, -73.754968)),
        ("Buffalo", "Buffalo, NY, USA", PlaceKind.CITY, "US", (42.886717, -78.878392)),
        ("Brooklyn", "Brooklyn, New York, NY, USA", PlaceKind.CITY, "US",
         (40.650104, -73.949582)),
        ("Yonkers", "Yonkers, NY, USA", PlaceKind.CITY, "US", (40.931210, -73.898747)),
        ("Zürich HB", "Zürich HB, Zürich, Switzerland", PlaceKind.ADDRESS, "CH",
         (47.378177, 8.540212)),
        ("Zurich HB", "Zürich HB, Zürich, Switzerland", PlaceKind.ADDRESS, "CH",
         (47.378177, 8.540212)),
        ("São Paulo", "São Paulo, Brazil", PlaceKind.CITY, "BR", (-23.550651, -46.633382)),
        ("King's Cross", "London King's Cross, London, United Kingdom", PlaceKind.ADDRESS, "GB",
         (51.530881, -0.123845)),
        ("Paris", "Paris, France", PlaceKind.CITY, "FR", (48.858890, 2.320041)),
    ],
)  # fmt: skip
def test_finds_places_with_kind_country_and_a_short_label(
    resolver: PlaceResolver,
    nominatim: NominatimServer,
    text: str,
    name: str,
    kind: PlaceKind,
    country: str,
    point: tuple[float, float],
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.FOUND, resolution
    best = resolution.best
    assert best is not None
    assert best.name == name
    assert best.kind is kind
    assert best.country_code == country
    assert best.source == "nominatim"
    assert near(best.point, point, within_m=1)
    assert not resolution.approximate
    assert nominatim.queries() == [text]


def test_asks_nominatim_as_its_policy_and_our_needs_say(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    resolver = make_resolver(geocoder_user_agent="ChargeBot-test/1.0 (ops@example.org)")
    resolver.resolve("Ferry Building")
    (request,) = nominatim.searches
    assert request.user_agent == "ChargeBot-test/1.0 (ops@example.org)"
    assert request.params == {
        "q": "Ferry Building",
        "format": "json",
        "limit": "10",  # several candidates (exactly_one=False), to see ambiguity
        "addressdetails": "1",  # the country code and the short label
        "accept-language": "en",
    }


def test_not_found_says_what_to_try(resolver: PlaceResolver, nominatim: NominatimServer) -> None:
    resolution = resolver.resolve("Unoin Staton")
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert resolution.candidates == ()
    assert resolution.notes == (
        "I couldn't find 'Unoin Staton' — try adding a city or state, "
        "or send a ZIP code, an airport code or coordinates.",
    )
    assert nominatim.search_count == 1


def test_far_apart_candidates_of_equal_standing_are_ambiguous(resolver: PlaceResolver) -> None:
    resolution = resolver.resolve("Union Station")
    assert resolution.status is ResolutionStatus.AMBIGUOUS
    names = [c.name for c in resolution.candidates]
    assert names == [
        "Chicago Union Station, Chicago, IL, USA",
        "Dallas Union Station, Dallas, TX, USA",
        "Denver Union Station, Denver, CO, USA",
        "Hartford Union Station, Hartford, CT, USA",
        "Indianapolis Union Station, Indianapolis, IN, USA",
    ]
    for a, b in combinations(resolution.candidates, 2):
        assert distance_m(*a.point, *b.point) > 50_000
    assert "'Union Station' could be several places" in resolution.notes[0]


def test_comparable_cities_of_one_name_are_ambiguous(resolver: PlaceResolver) -> None:
    resolution = resolver.resolve("Springfield")
    assert resolution.status is ResolutionStatus.AMBIGUOUS
    assert [c.name for c in resolution.candidates] == [
        "Springfield, IL, USA",
        "Springfield, MA, USA",
        "Springfield, MO, USA",
    ]


def test_a_clearly_more_prominent_place_is_not_ambiguous(resolver: PlaceResolver) -> None:
    # Penn Station: New York's, not Baltimore's or Newark's; Paris: France, not Texas.
    for text, country, state in (("Penn Station", "US", "NY"), ("Paris", "FR", None)):
        resolution = resolver.resolve(text)
        assert resolution.status is ResolutionStatus.FOUND
        assert resolution.best is not None and resolution.best.country_code == country
        if state:
            assert f", {state}, USA" in resolution.best.name
        # the others stay available, best first
        assert len(resolution.candidates) > 1


@pytest.mark.parametrize(
    "text",
    [
        "Union Station, Denver",
        "Union Station Denver CO",
        "union station ,  denver",
        "Denver Union Station",
        "Union Station, Denver, Colorado, USA",
    ],
)
def test_text_that_disambiguates_resolves_directly(
    resolver: PlaceResolver, nominatim: NominatimServer, text: str
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.FOUND
    assert resolution.best is not None
    assert resolution.best.name == "Denver Union Station, Denver, CO, USA"
    assert near(resolution.best.point, DENVER_UNION, within_m=1)
    assert nominatim.search_count == 1


@pytest.mark.parametrize(
    ("bias", "expected"),
    [(BOULDER, DENVER_UNION), ((34.1478, -118.1445), LA_UNION), ((41.85, -87.65), CHICAGO_UNION)],
)
def test_a_bias_point_picks_the_nearest_candidate(
    resolver: PlaceResolver, bias: tuple[float, float], expected: tuple[float, float]
) -> None:
    resolution = resolver.resolve("Union Station", bias=bias)
    assert resolution.status is ResolutionStatus.FOUND
    assert resolution.best is not None
    assert near(resolution.best.point, expected, within_m=1)
    assert len(resolution.candidates) > 1  # the rest remain, for "not this one?"


def test_a_bias_point_outweighs_prominence(resolver: PlaceResolver) -> None:
    # Portland, Oregon is the more prominent, but a Mainer means theirs.
    assert resolver.resolve("Portland").best.name == "Portland, OR, USA"  # type: ignore[union-attr]
    biased = resolver.resolve("Portland", bias=(43.6615, -70.2553))
    assert biased.best is not None and biased.best.name == "Portland, ME, USA"


def test_the_bias_asks_nominatim_to_prefer_the_area(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    # Worcester's Union Station is 15th of 15: not among the ten results without a hint.
    unbiased = resolver.resolve("Union Station")
    assert all(not near(c.point, WORCESTER_UNION, 1) for c in unbiased.candidates)
    biased = resolver.resolve("Union Station", bias=(42.27, -71.80))
    assert biased.best is not None and near(biased.best.point, WORCESTER_UNION, within_m=1)
    viewbox = nominatim.searches[-1].params["viewbox"]
    west, south, east, north = (float(v) for v in viewbox.split(","))
    assert west < -71.80 < east and south < 42.27 < north
    assert "bounded" not in nominatim.searches[-1].params  # a preference, not a fence


def test_candidates_are_distinct_places(resolver: PlaceResolver) -> None:
    # Buffalo's Exchange St station is 400 m from the city's centre point: one place.
    resolution = resolver.resolve("Buffalo")
    assert len(resolution.candidates) >= 2
    for a, b in combinations(resolution.candidates, 2):
        assert distance_m(*a.point, *b.point) > 1_000


def test_self_hosted_nominatim_under_a_path(nominatim: NominatimServer) -> None:
    for url, place in (
        (f"{nominatim.url}/nominatim/", "Barstow"),
        (f"{nominatim.url}/nominatim/search", "Yonkers"),  # a pasted search URL works too
    ):
        settings = load_settings(nominatim_url=url, geocoder_min_delay=0)
        with build_resolver(settings) as resolver:
            assert resolver.resolve(place).status is ResolutionStatus.FOUND
    assert [r.path for r in nominatim.searches] == ["/nominatim/search", "/nominatim/search"]


def test_unknown_geocoder_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="CHARGEBOT_GEOCODER: 'nominatum' is not a geopy"):
        build_resolver(load_settings(geocoder="nominatum"))


def test_a_service_that_needs_a_key_says_so() -> None:
    with pytest.raises(ConfigError, match="CHARGEBOT_GEOCODER_API_KEY: the 'opencage' geocoder"):
        build_resolver(load_settings(geocoder="opencage"))


def test_a_service_that_needs_a_server_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARGEBOT_NOMINATIM_URL")
    with pytest.raises(ConfigError, match="CHARGEBOT_NOMINATIM_URL: the 'pelias' geocoder needs"):
        build_resolver(load_settings(geocoder="pelias"))


def test_the_nominatim_url_is_not_sent_to_a_hosted_service(
    nominatim: NominatimServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(geocoder="opencage", geocoder_api_key="k", nominatim_url=nominatim.url)
    with build_resolver(settings) as resolver:
        assert "api.opencagedata.com" in resolver.online.set_up().endpoint
    assert "CHARGEBOT_NOMINATIM_URL is ignored" in caplog.text


def test_another_geopy_service_gets_the_key_and_the_logs_never_do(
    nominatim: NominatimServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk-live-5f3a9c1e"
    settings = load_settings(
        geocoder="pelias",  # a self-hostable service that takes an API key
        geocoder_api_key=secret,
        nominatim_url=nominatim.url,
        geocoder_min_delay=0,
    )
    caplog.set_level(logging.DEBUG)
    with build_resolver(settings) as resolver:
        resolution = resolver.resolve("Barstow")
    # Our loopback server speaks only Nominatim, so Pelias's request fails: offline answer.
    assert resolution.status is ResolutionStatus.FOUND and resolution.approximate
    (request,) = nominatim.requests
    assert request.path == "/v1/search"
    assert request.params["api_key"] == secret
    assert "/v1/search" in caplog.text  # geopy did log the URL...
    assert secret not in caplog.text  # ...without the key
    assert secret not in repr(settings)
