"""When the geocoder is slow, failing, refusing or gone: offline fallback, never an exception."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.nominatim import NominatimServer, dead_url

from bot.config import load_settings
from bot.geo import PlaceKind, PlaceResolver, ResolutionStatus, build_resolver
from bot.geo.cache import FOUND_TTL_S, GeocodeCache
from bot.geo.online import make_geocoder
from bot.geo.resolver import PlaceResolver as Resolver
from bot.geometry.bearing import distance_m

MakeResolver = Callable[..., PlaceResolver]
BARSTOW = (34.89859, -117.02282)  # GeoNames' point for the city
DENVER = (39.73915, -104.9847)


def assert_barstow_from_the_gazetteer(resolution, reason: str) -> None:  # type: ignore[no-untyped-def]
    assert resolution.status is ResolutionStatus.FOUND
    assert resolution.approximate
    best = resolution.best
    assert best.name == "Barstow, CA, USA"
    assert best.kind is PlaceKind.CITY and best.source == "gazetteer"
    assert distance_m(*best.point, *BARSTOW) < 100
    assert resolution.notes == (
        f"The geocoding service isn't answering ({reason}), so 'Barstow' comes from my "
        "offline list of cities. Results may be less precise.",
    )


def test_a_timeout_falls_back_to_the_gazetteer(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    # No answer until the geocoder has given up: a time-out however loaded the machine.
    given_up = nominatim.hold()
    resolver = make_resolver(geocoder_timeout=0.3)
    try:
        resolution = resolver.resolve("Barstow")
    finally:
        given_up.set()
    assert_barstow_from_the_gazetteer(resolution, "it didn't answer in time")
    assert nominatim.wait_for_searches(1)
    assert nominatim.search_count == 1


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (500, "it had an error"),
        (502, "it had an error"),
        (503, "it didn't answer in time"),  # geopy reads 503 and 504 as time-outs
        (504, "it didn't answer in time"),
        (403, "it refused our requests"),
    ],
)
def test_server_errors_fall_back_to_the_gazetteer(
    make_resolver: MakeResolver, nominatim: NominatimServer, status: int, reason: str
) -> None:
    nominatim.fail(status)
    assert_barstow_from_the_gazetteer(make_resolver().resolve("Barstow"), reason)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<html>Please log in to the hotel Wi-Fi</html>", "it had an error"),
        ('[{"display_name": "no coordinates here"}]', "it sent an answer I couldn't read"),
        ('{"unexpected": "shape"}', "it sent an answer I couldn't read"),
    ],
)
def test_an_answer_that_is_not_nominatims_falls_back(
    make_resolver: MakeResolver, nominatim: NominatimServer, body: str, reason: str
) -> None:
    nominatim.garble(body)
    assert_barstow_from_the_gazetteer(make_resolver().resolve("Barstow"), reason)


def test_a_reset_connection_falls_back(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.reset_connections()
    assert_barstow_from_the_gazetteer(make_resolver().resolve("Barstow"), "it can't be reached")
    assert nominatim.search_count == 1


def test_an_unreachable_geocoder_falls_back(tmp_path: Path) -> None:
    settings = load_settings(nominatim_url=dead_url(), geocoder_min_delay=0)
    with build_resolver(settings) as resolver:
        assert_barstow_from_the_gazetteer(resolver.resolve("Barstow"), "it can't be reached")


def test_a_place_inside_a_city_falls_back_to_the_city_centre(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.fail(500)
    resolution = make_resolver().resolve("Union Station Denver CO")
    assert resolution.status is ResolutionStatus.FOUND and resolution.approximate
    assert resolution.best is not None and resolution.best.name == "Denver, CO, USA"
    assert distance_m(*resolution.best.point, *DENVER) < 1_000
    assert "I couldn't look up 'Union Station Denver CO' exactly" in resolution.notes[0]
    assert "centre of the city" in resolution.notes[0]


def test_the_gazetteer_is_honest_about_ambiguity_too(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.fail(500)
    resolver = make_resolver(geocoder_backoff=0)
    springfield = resolver.resolve("Springfield")
    assert springfield.status is ResolutionStatus.AMBIGUOUS and springfield.approximate
    assert {c.name for c in springfield.candidates} >= {
        "Springfield, MO, USA",
        "Springfield, MA, USA",
        "Springfield, IL, USA",
    }
    narrowed = resolver.resolve("Springfield, IL")
    assert narrowed.status is ResolutionStatus.FOUND
    assert narrowed.best is not None and narrowed.best.name == "Springfield, IL, USA"
    biased = resolver.resolve("Springfield", bias=(42.1, -72.6))
    assert biased.best is not None and biased.best.name == "Springfield, MA, USA"


def test_unavailable_when_nothing_offline_knows_the_place(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.fail(500)
    resolution = make_resolver().resolve("Ferry Building")
    assert resolution.status is ResolutionStatus.UNAVAILABLE
    assert resolution.candidates == ()
    assert resolution.notes == (
        "I couldn't look up 'Ferry Building': the geocoding service isn't answering "
        "(it had an error), and it isn't a city I know offline. Try again in a minute, "
        "or send a ZIP code, an airport code or coordinates.",
    )


def test_offline_resolvers_work_while_the_geocoder_is_down(tmp_path: Path) -> None:
    settings = load_settings(nominatim_url=dead_url(), geocoder_min_delay=0)
    with build_resolver(settings) as resolver:
        for text in ("40.7580,-73.9855", "10036", "SFO", "KDEN"):
            resolution = resolver.resolve(text)
            assert resolution.status is ResolutionStatus.FOUND and not resolution.approximate


def test_after_a_failure_the_geocoder_is_left_alone_for_the_backoff(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    given_up = nominatim.hold()
    resolver = make_resolver(geocoder_timeout=0.3, geocoder_backoff=60)
    try:
        resolver.resolve("Barstow")
        # Later questions don't each wait out a time-out: straight to the fallback.
        for text in ("Albany", "Buffalo", "Yonkers"):
            resolution = resolver.resolve(text)
            assert resolution.approximate
            assert "it didn't answer in time" in resolution.notes[0]
    finally:
        given_up.set()
    assert nominatim.wait_for_searches(1)
    assert nominatim.search_count == 1


def test_with_no_backoff_the_next_question_asks_again(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.fail(500)
    resolver = make_resolver(geocoder_backoff=0)
    assert resolver.resolve("Barstow").approximate
    nominatim.recover()
    recovered = resolver.resolve("Yonkers")
    assert not recovered.approximate and recovered.best is not None
    assert recovered.best.source == "nominatim"
    assert nominatim.search_count == 2


def test_a_429_is_respected_for_its_retry_after(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    nominatim.fail(429, retry_after=120)
    resolver = make_resolver(geocoder_backoff=0)  # 429 holds off regardless
    first = resolver.resolve("Barstow")
    assert first.approximate
    assert "it asked us to slow down" in first.notes[0]
    nominatim.recover()
    for text in ("Albany", "Buffalo"):
        assert resolver.resolve(text).approximate
    assert nominatim.search_count == 1


def test_other_resolvers_in_the_process_respect_the_hold_too(
    make_resolver: MakeResolver, nominatim: NominatimServer, tmp_path: Path
) -> None:
    nominatim.fail(429)
    make_resolver().resolve("Barstow")
    other = make_resolver(geocode_cache_path=tmp_path / "other.sqlite3")
    assert other.resolve("Yonkers").approximate
    assert nominatim.search_count == 1


def test_an_expired_answer_beats_the_gazetteer_while_the_geocoder_is_down(
    nominatim: NominatimServer, tmp_path: Path
) -> None:
    now = [1_700_000_000.0]
    settings = load_settings(nominatim_url=nominatim.url, geocoder_min_delay=0)
    cache = GeocodeCache(tmp_path / "geo.sqlite3", clock=lambda: now[0])
    with Resolver(make_geocoder(settings), cache) as resolver:
        fresh = resolver.resolve("Ferry Building")
        now[0] += FOUND_TTL_S + 3600
        nominatim.fail(500)
        stale = resolver.resolve("Ferry Building")
    assert stale.status is ResolutionStatus.FOUND and not stale.approximate
    assert stale.best is not None and fresh.best is not None
    assert stale.best.point == fresh.best.point and stale.best.source == "cache"
    assert nominatim.search_count == 2  # it did try the geocoder first


@pytest.mark.parametrize("text", ["", "   ", "\n", "x" * 500])
def test_empty_or_absurd_text_gets_a_message_not_a_request(
    resolver: PlaceResolver, nominatim: NominatimServer, text: str
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert resolution.notes and resolution.notes[0]
    assert nominatim.search_count == 0


@pytest.mark.parametrize("bias", [(91.0, 0.0), (0.0, 181.0), (float("nan"), 0.0)])
def test_an_invalid_bias_is_ignored(resolver: PlaceResolver, bias: tuple[float, float]) -> None:
    resolution = resolver.resolve("Union Station", bias=bias)
    assert resolution.status is ResolutionStatus.AMBIGUOUS
