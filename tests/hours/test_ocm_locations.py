"""OCM POIs imported into the local index: access comments with hours are read from the
location (they are mapped into its description), and OCM station links unfurl from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.hours import location_hours
from bot.opendata.importer import import_file
from bot.prices import location_price
from bot.providers.links import linked_location
from bot.providers.local import LocalProvider


@pytest.fixture(scope="module")
def provider(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalProvider]:
    db = tmp_path_factory.mktemp("ocm-hours") / "ocm.sqlite3"
    import_file(shared_data / "ocm" / "ocm-sample.json", db)
    import_file(shared_data / "ocm" / "ocm-andorra.json", db)
    provider = LocalProvider(db)
    yield provider
    provider.close()


def test_ocm_hours_in_access_comments_are_read(provider: LocalProvider) -> None:
    found = {}
    for location in provider.index.nearby(49.6, 6.1, _any(), 200_000, 500):  # Luxembourg
        hours = location_hours(location)
        if hours is not None:
            found[location.id] = hours
    assert found, "the Luxembourg POIs with opening hours in their access comments"
    for hours in found.values():
        assert not hours.is_always_open
        assert hours.days[6] == () or hours.days[5] == ()  # closed some weekend day


def test_ocm_prices_are_read_in_their_currency(provider: LocalProvider) -> None:
    prices = [
        p
        for loc in provider.index.nearby(42.5, 1.55, _any(), 50_000, 500)  # Andorra
        if (p := location_price(loc))
    ]
    assert prices and {currency for _, currency in prices} <= {"€", ""}


def test_an_ocm_link_unfurls_from_the_local_index(provider: LocalProvider) -> None:
    location = linked_location(provider, "https://openchargemap.org/site/poi/details/16596")
    assert location is not None and location.name == "Kringlan"
    assert linked_location(provider, "https://openchargemap.org/site/poi/details/1") is None


def _any() -> object:
    from bot.plugshare.filters import Filters

    return Filters()
