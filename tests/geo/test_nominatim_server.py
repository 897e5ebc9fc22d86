"""The loopback Nominatim other tests rely on answers as Nominatim does."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from support.nominatim import NominatimServer

from bot.config import load_settings
from bot.geo import ResolutionStatus, build_resolver


def search(server: NominatimServer, **params: object) -> list[dict[str, object]]:
    url = f"{server.url}/search?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def test_jsonv2_and_json_shapes(nominatim: NominatimServer) -> None:
    (v2,) = search(nominatim, q="Ferry Building", format="jsonv2", addressdetails=1)
    assert v2["category"] == "tourism" and "class" not in v2
    assert v2["lat"] == "37.7954900" and v2["lon"] == "-122.3937380"  # strings, as Nominatim
    assert v2["display_name"] == "Ferry Building, The Embarcadero, San Francisco, California, "\
        "94111, United States"  # fmt: skip
    assert v2["address"]["country_code"] == "us"  # type: ignore[index]
    assert v2["address"]["ISO3166-2-lvl4"] == "US-CA"  # type: ignore[index]
    assert isinstance(v2["importance"], float) and isinstance(v2["place_rank"], int)
    (v1,) = search(nominatim, q="Ferry Building", format="json")
    assert v1["class"] == "tourism" and "address" not in v1  # only with addressdetails=1


def test_limit_countrycodes_and_viewbox(nominatim: NominatimServer) -> None:
    assert len(search(nominatim, q="Union Station", format="json")) == 10  # Nominatim's default
    assert len(search(nominatim, q="Union Station", format="json", limit=3)) == 3
    assert len(search(nominatim, q="Union Station", format="json", limit=100)) == 15
    albany = search(nominatim, q="Albany", format="json", countrycodes="au")
    assert [r["display_name"] for r in albany] == ["Albany, Western Australia, Australia"]
    box = "-106.5,38.5,-103.5,41.5"  # around Denver
    preferred = search(nominatim, q="Union Station", format="json", viewbox=box)
    assert preferred[0]["name"] == "Denver Union Station" and len(preferred) == 10
    fenced = search(nominatim, q="Union Station", format="json", viewbox=box, bounded=1)
    assert [r["name"] for r in fenced] == ["Denver Union Station"]


def test_unsupported_format_is_a_400_in_nominatims_shape(nominatim: NominatimServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        search(nominatim, q="Barstow", format="xml")
    assert error.value.code == 400
    assert json.load(error.value)["error"]["code"] == 400


def test_failure_modes_and_request_log(nominatim: NominatimServer) -> None:
    nominatim.fail(429, retry_after=30)
    with pytest.raises(urllib.error.HTTPError) as error:
        search(nominatim, q="Barstow", format="json")
    assert error.value.code == 429 and error.value.headers["Retry-After"] == "30"
    nominatim.recover()
    assert search(nominatim, q="Barstow", format="json")
    assert nominatim.queries() == ["Barstow", "Barstow"]
    assert nominatim.requests[0].at <= nominatim.requests[1].at


def test_the_table_holds_real_union_and_amtrak_stations(nominatim: NominatimServer) -> None:
    names = {p.name for p in nominatim.places}
    assert {"Denver Union Station", "Worcester Union Station", "Barstow station"} <= names
    assert len(nominatim.places) > 500  # the Amtrak list, less duplicates


def test_the_env_fixture_points_the_app_at_it(nominatim_env: NominatimServer) -> None:
    with build_resolver(load_settings()) as resolver:
        assert resolver.resolve("Yonkers").status is ResolutionStatus.FOUND
    assert nominatim_env.queries() == ["Yonkers"]
