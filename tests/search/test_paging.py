"""Pages: each is the next slice of one nearest-first list, and only that page is built."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from support.nominatim import NominatimServer

from bot.config import Settings, load_settings
from bot.geo import build_resolver
from bot.opendata import index as index_module
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.providers import make_provider
from bot.providers.base import NearbyPage, nearby_page
from bot.providers.local import LocalProvider
from bot.search import SearchPipeline, SearchRequest

TIMES_SQUARE = (40.758, -73.9855)


@pytest.fixture
def settings(ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path) -> Settings:
    return load_settings(db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3")


@pytest.fixture
def pipeline(settings: Settings) -> Iterator[SearchPipeline]:
    pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
    yield pipeline
    pipeline.close()


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many locations each read of the index built."""
    sizes: list[int] = []
    real = index_module.load_locations

    def counting(conn: object, ids: Sequence[int]) -> dict[int, Location]:
        sizes.append(len(ids))
        return real(conn, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module, "load_locations", counting)
    return sizes


def test_page_ten_is_the_eleventh_slice_and_only_it_is_built(
    pipeline: SearchPipeline, ny_provider: LocalProvider, built: list[int]
) -> None:
    text = "chargers near 40.758,-73.9855 within 20 mi"
    everything = ny_provider.nearby(*TIMES_SQUARE, pipeline.answer(text).filters, 32_187, 200)
    assert len(everything) == 200
    built.clear()
    for page in (0, 3, 10):
        answer = pipeline.answer(SearchRequest(text=text, page=page))
        per_page = answer.per_page
        expected = everything[page * per_page : (page + 1) * per_page]
        assert [loc.id for loc in answer.locations] == [loc.id for loc in expected]
        assert [loc.distance_meters for loc in answer.locations] == pytest.approx(
            [loc.distance_meters for loc in expected]
        )
        assert answer.has_more
        assert built and max(built) <= per_page  # never the pages before it
        built.clear()


def test_the_last_page_says_there_is_no_more(pipeline: SearchPipeline, built: list[int]) -> None:
    text = "CHAdeMO near 40.758,-73.9855 within 1 mi"
    first = pipeline.answer(text)
    total = len(first.locations)
    pages = []
    page = 0
    while True:
        answer = pipeline.answer(SearchRequest(text=text, page=page))
        pages.append(answer)
        if not answer.has_more:
            break
        page += 1
    found = [loc.id for answer in pages for loc in answer.locations]
    assert len(found) == len(set(found)) >= total
    assert all(len(a.locations) == a.per_page for a in pages[:-1])


class _SlicingOnly:
    """A provider without ``nearby_page`` (as PlugShare's): the page comes from a slice."""

    def __init__(self, inner: LocalProvider) -> None:
        self.inner = inner
        self.counts: list[int] = []

    def nearby(
        self, latitude: float, longitude: float, filters: Filters, radius_m: float, count: int
    ) -> list[Location]:
        self.counts.append(count)
        return self.inner.nearby(latitude, longitude, filters, radius_m, count)


def test_a_provider_without_pages_is_sliced_the_same(ny_provider: LocalProvider) -> None:
    slicing = _SlicingOnly(ny_provider)
    for start, count in ((0, 5), (20, 5), (45, 10)):
        sliced = nearby_page(slicing, *TIMES_SQUARE, Filters(), 10_000, start, count)  # type: ignore[arg-type]
        paged = ny_provider.nearby_page(*TIMES_SQUARE, Filters(), 10_000, start, count)
        assert isinstance(paged, NearbyPage)
        assert [loc.id for loc in sliced.locations] == [loc.id for loc in paged.locations]
        assert sliced.found == paged.found == start + count + 1
    assert slicing.counts == [6, 26, 56]
