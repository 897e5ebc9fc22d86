"""The persistent cache: hits make no request, answers expire, files survive restarts,
and several threads and processes share one file safely."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from support.nominatim import NominatimServer

from bot.config import load_settings
from bot.geo import PlaceResolver, ResolutionStatus
from bot.geo.cache import FOUND_TTL_S, NOT_FOUND_TTL_S, GeocodeCache
from bot.geo.match import Match
from bot.geo.online import make_geocoder
from bot.geo.place import Place, PlaceKind
from bot.geo.resolver import PlaceResolver as Resolver

MakeResolver = Callable[..., PlaceResolver]
DAY = 24 * 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_resolver(nominatim: NominatimServer, tmp_path: Path, clock: Clock):
    settings = load_settings(nominatim_url=nominatim.url, geocoder_min_delay=0)
    resolver = Resolver(make_geocoder(settings), GeocodeCache(tmp_path / "geo.db", clock=clock))
    yield resolver
    resolver.close()


def test_a_cached_place_makes_no_request(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    first = resolver.resolve("Ferry Building")
    spellings = ("Ferry Building", "ferry building", " Ferry  Building ", "FERRY BUILDING?")
    again = [resolver.resolve(text) for text in spellings]
    assert nominatim.search_count == 1
    for resolution in again:
        assert resolution.status is ResolutionStatus.FOUND
        assert resolution.best is not None and first.best is not None
        assert resolution.best.point == first.best.point
        assert resolution.best.name == first.best.name
        assert resolution.best.source == "cache"


def test_ambiguity_survives_the_cache(resolver: PlaceResolver, nominatim: NominatimServer) -> None:
    first = resolver.resolve("Union Station")
    cached = resolver.resolve("Union Station")
    assert nominatim.search_count == 1
    assert cached.status is ResolutionStatus.AMBIGUOUS
    assert [c.name for c in cached.candidates] == [c.name for c in first.candidates]


def test_not_found_is_cached_too(resolver: PlaceResolver, nominatim: NominatimServer) -> None:
    assert resolver.resolve("Unoin Staton").status is ResolutionStatus.NOT_FOUND
    assert resolver.resolve("Unoin Staton").status is ResolutionStatus.NOT_FOUND
    assert nominatim.search_count == 1


def test_the_bias_region_is_part_of_the_key(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolver.resolve("Union Station")
    resolver.resolve("Union Station", bias=(39.70, -105.05))  # Denver area
    resolver.resolve("Union Station", bias=(39.80, -104.90))  # same region: cached
    resolver.resolve("Union Station", bias=(34.05, -118.25))  # Los Angeles: asked again
    assert nominatim.search_count == 3
    # A cached region answer still honours the exact bias point.
    near_la = resolver.resolve("Union Station", bias=(34.1, -118.2))
    assert near_la.best is not None and near_la.best.name.startswith("Los Angeles")
    assert nominatim.search_count == 3


def test_found_answers_keep_30_days(
    timed_resolver: PlaceResolver, nominatim: NominatimServer, clock: Clock
) -> None:
    timed_resolver.resolve("Barstow")
    clock.now += FOUND_TTL_S - 60
    assert timed_resolver.resolve("Barstow").best.source == "cache"  # type: ignore[union-attr]
    assert nominatim.search_count == 1
    clock.now += 120
    assert timed_resolver.resolve("Barstow").best.source == "nominatim"  # type: ignore[union-attr]
    assert nominatim.search_count == 2
    assert FOUND_TTL_S == 30 * DAY


def test_not_found_answers_keep_one_day(
    timed_resolver: PlaceResolver, nominatim: NominatimServer, clock: Clock
) -> None:
    timed_resolver.resolve("Unoin Staton")
    clock.now += NOT_FOUND_TTL_S - 60
    timed_resolver.resolve("Unoin Staton")
    assert nominatim.search_count == 1
    clock.now += 120
    timed_resolver.resolve("Unoin Staton")
    assert nominatim.search_count == 2
    assert NOT_FOUND_TTL_S == DAY


def test_the_cache_survives_a_restart(
    make_resolver: MakeResolver, nominatim: NominatimServer, tmp_path: Path
) -> None:
    path = tmp_path / "kept" / "geocode.sqlite3"
    first = make_resolver(geocode_cache_path=path)
    first.resolve("Times Square")
    first.close()
    second = make_resolver(geocode_cache_path=path)
    assert second.resolve("Times Square").best.source == "cache"  # type: ignore[union-attr]
    assert nominatim.search_count == 1


def test_the_default_cache_sits_beside_the_station_index(
    make_resolver: MakeResolver, tmp_path: Path
) -> None:
    make_resolver().resolve("Barstow")
    # conftest puts CHARGEBOT_DB in tmp_path; the cache defaults to its folder
    assert (tmp_path / "geocode-cache.sqlite3").is_file()


def test_offline_answers_are_not_cached(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    # A gazetteer fallback is a stand-in: next time the geocoder should be asked again.
    resolver = make_resolver(geocoder_backoff=0)
    nominatim.fail(503)
    assert resolver.resolve("Barstow").approximate
    nominatim.recover()
    again = resolver.resolve("Barstow")
    assert not again.approximate and again.best is not None
    assert again.best.source == "nominatim"
    assert nominatim.search_count == 2


def test_an_unusable_cache_file_does_not_stop_geocoding(
    make_resolver: MakeResolver, nominatim: NominatimServer, tmp_path: Path
) -> None:
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_bytes(b"this is not an SQLite file" * 100)
    resolver = make_resolver(geocode_cache_path=bad)
    assert resolver.resolve("Barstow").status is ResolutionStatus.FOUND
    assert resolver.resolve("Barstow").status is ResolutionStatus.FOUND
    assert nominatim.search_count == 2  # no cache, but answers all the same


def test_many_threads_share_one_cache(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    resolver = make_resolver()
    places = ["Barstow", "Yonkers", "Times Square", "Ferry Building", "Grand Central"]
    for place in places:
        resolver.resolve(place)
    results: list[str] = []
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(40):
                resolution = resolver.resolve(places[(i + offset) % len(places)])
                assert resolution.best is not None
                results.append(resolution.best.source)
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == ["cache"] * 320
    assert nominatim.search_count == len(places)


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bot.geo.cache import GeocodeCache
    from bot.geo.match import Match
    from bot.geo.place import Place, PlaceKind

    cache = GeocodeCache(Path(sys.argv[1]))
    worker = int(sys.argv[2])
    for i in range(60):
        point = Place(f"w{worker} p{i}", worker, i, PlaceKind.CITY, "nominatim")
        cache.put(f"k{worker}-{i}", [Match(point, 0.5)])
        cache.put("shared", [Match(point, 0.5)])
        assert cache.get(f"k{worker}-{i}").matches[0].candidate.name == f"w{worker} p{i}"
    cache.close()
    """
)


def test_several_processes_share_one_cache_file(tmp_path: Path) -> None:
    path = tmp_path / "shared-cache.sqlite3"
    workers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(n)], stderr=subprocess.PIPE)
        for n in range(3)
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=60)
        assert worker.returncode == 0, stderr.decode()
    cache = GeocodeCache(path)
    for n in range(3):
        for i in range(60):
            answer = cache.get(f"k{n}-{i}")
            assert answer is not None and answer.fresh
            assert answer.matches[0].candidate.name == f"w{n} p{i}"
            assert answer.matches[0].candidate.point == (n, i)
    shared = cache.get("shared")
    assert shared is not None and shared.matches[0].candidate.name.endswith("p59")
    cache.close()


def test_cache_round_trips_every_field(tmp_path: Path) -> None:
    cache = GeocodeCache(tmp_path / "c.sqlite3")
    candidate = Place("Zürich HB, Zürich, Switzerland", 47.378177, 8.540212,
                          PlaceKind.ADDRESS, "nominatim", "CH")  # fmt: skip
    cache.put("k", [Match(candidate, 0.55), Match(candidate, None)])
    answer = cache.get("k")
    assert answer is not None
    first, second = answer.matches
    assert first.candidate == Place(
        "Zürich HB, Zürich, Switzerland", 47.378177, 8.540212, PlaceKind.ADDRESS, "cache", "CH"
    )
    assert first.importance == 0.55 and second.importance is None
    cache.close()
