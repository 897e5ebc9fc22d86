"""Nominatim's policy, one request per second, holds for the whole process under load."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from support.nominatim import NominatimServer

from bot.geo import PlaceResolver, ResolutionStatus

MakeResolver = Callable[..., PlaceResolver]
PLACES = [
    "Barstow", "Yonkers", "Times Square", "Ferry Building", "Grand Central",
    "Brooklyn", "Zürich HB", "São Paulo", "King's Cross", "Penn Station",
]  # fmt: skip


def test_requests_from_many_threads_and_resolvers_are_spaced_by_min_delay(
    make_resolver: MakeResolver, nominatim: NominatimServer, tmp_path: Path
) -> None:
    min_delay = 0.25
    # Two resolvers (separate caches, so nothing is shared but the geocoder's endpoint),
    # ten threads released together, each with a different place.
    resolvers = [
        make_resolver(
            geocoder_min_delay=min_delay,
            geocoder_timeout=10,
            geocode_cache_path=tmp_path / f"cache-{n}.sqlite3",
        )
        for n in range(2)
    ]
    start = threading.Barrier(len(PLACES))
    outcomes: dict[str, ResolutionStatus] = {}

    def ask(n: int) -> None:
        start.wait()
        outcomes[PLACES[n]] = resolvers[n % 2].resolve(PLACES[n]).status

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(PLACES))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == dict.fromkeys(PLACES, ResolutionStatus.FOUND)
    arrivals = sorted(r.at for r in nominatim.searches)
    assert len(arrivals) == len(PLACES)
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert min(gaps) >= min_delay, gaps


def test_a_caller_that_cannot_get_a_turn_in_time_falls_back(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    # With a 5 s spacing and a 0.5 s patience, the second caller doesn't queue for long:
    # it gets the offline answer and says why.
    resolver = make_resolver(geocoder_min_delay=5.0, geocoder_timeout=0.5)
    assert not resolver.resolve("Yonkers").approximate
    busy = resolver.resolve("Barstow")
    assert busy.approximate and busy.best is not None and busy.best.name == "Barstow, CA, USA"
    assert "it is busy with other requests" in busy.notes[0]
    assert nominatim.search_count == 1


def test_cache_hits_are_not_rate_limited(
    make_resolver: MakeResolver, nominatim: NominatimServer
) -> None:
    resolver = make_resolver(geocoder_min_delay=5.0, geocoder_timeout=0.5)
    resolver.resolve("Yonkers")
    for _ in range(20):
        resolution = resolver.resolve("Yonkers")
        assert resolution.best is not None and resolution.best.source == "cache"
    assert nominatim.search_count == 1
