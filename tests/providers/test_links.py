"""Which station a source's page URL names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.ocm_server import OcmServer, load_pois

from bot.config import load_settings
from bot.providers import make_provider
from bot.providers.base import Provider
from bot.providers.links import StationLink, linked_location, provider_id, station_link


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.plugshare.com/location/12345", StationLink("plugshare", 12345)),
        ("https://plugshare.com/location/12345/", StationLink("plugshare", 12345)),
        ("https://www.plugshare.com/?locationId=777", StationLink("plugshare", 777)),
        ("https://openchargemap.org/site/poi/details/16596", StationLink("ocm", 16596)),
        ("https://map.openchargemap.io/?id=16596", StationLink("ocm", 16596)),
        ("https://afdc.energy.gov/stations#/station/358788", StationLink("afdc", 358788)),
        ("https://afdc.energy.gov/stations/#/station/358788", StationLink("afdc", 358788)),
        ("https://afdc.energy.gov/stations#/find/nearest", None),
        ("https://www.plugshare.com/location/abc", None),
        ("https://plugshare.com.evil.example/location/1", None),
        ("javascript:alert(1)//plugshare.com/location/1", None),
        ("https://www.plugshare.com/location/0", None),
        ("https://www.plugshare.com/location/99999999999", None),
        ("https://example.com/location/12", None),
    ],
)
def test_station_links(url: str, link: StationLink | None) -> None:
    assert station_link(url) == link


class _Provider:
    def __init__(self, name: str) -> None:
        self.name = name


def test_each_provider_answers_for_the_links_it_can_hold() -> None:
    local, plugshare = _Provider("local"), _Provider("plugshare")
    assert provider_id(local, StationLink("afdc", 12)) == 12  # type: ignore[arg-type]
    assert provider_id(local, StationLink("plugshare", 12)) == 1_000_000_012  # type: ignore[arg-type]
    assert provider_id(local, StationLink("ocm", 12)) == 2_000_000_012  # type: ignore[arg-type]
    assert provider_id(plugshare, StationLink("plugshare", 12)) == 12  # type: ignore[arg-type]
    assert provider_id(plugshare, StationLink("afdc", 12)) is None  # type: ignore[arg-type]
    ocm = _Provider("ocm")
    assert provider_id(ocm, StationLink("ocm", 12)) == 2_000_000_012  # type: ignore[arg-type]
    assert provider_id(ocm, StationLink("afdc", 12)) is None  # type: ignore[arg-type]


@pytest.fixture
def ocm_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    with OcmServer(load_pois("ocm-sample.json", "ocm-andorra.json")) as server:
        monkeypatch.setenv("CHARGEBOT_PROVIDER", "ocm")
        monkeypatch.setenv("OCM_API_KEY", server.key)
        monkeypatch.setenv("OCM_API_URL", server.url)
        provider = make_provider(load_settings())
        yield provider
        provider.close()


def test_an_ocm_link_unfolds_through_the_ocm_api(ocm_provider: Provider) -> None:
    location = linked_location(ocm_provider, "https://openchargemap.org/site/poi/details/16596")
    assert location is not None and location.name == "Kringlan"
    assert linked_location(ocm_provider, "https://openchargemap.org/site/poi/details/7") is None
    assert linked_location(ocm_provider, "https://afdc.energy.gov/stations#/station/16596") is None
