"""OCM POIs downloaded page by page into one-object-per-line files (the export's shape)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.loopback_api import Reply
from support.ocm_server import OcmServer, load_pois

from bot.ocm.client import BoundingBox, OcmClient
from bot.ocm.errors import UpstreamUnavailable
from bot.opendata.ocm_sync import OcmScope, download_pois

ALL = load_pois("ocm-sample.json", "ocm-andorra.json")


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_country_in_pages_is_every_poi_once_as_ocm_sent_it(
    client: OcmClient, server: OcmServer, tmp_path: Path
) -> None:
    counts: list[int] = []
    out = tmp_path / "ad.jsonl"
    n = download_pois(client, OcmScope(("ad",)), out, page_size=10, on_page=counts.append)
    andorra = sorted(load_pois("ocm-andorra.json"), key=lambda p: p["ID"])
    assert n == 97 and lines(out) == andorra
    assert counts == [10, 20, 30, 40, 50, 60, 70, 80, 90, 97]
    pages = server.poi_requests()
    assert len(pages) == 10
    assert [r.query.get("greaterthanid") for r in pages[:2]] == [None, str(andorra[9]["ID"])]
    assert all(r.query["countrycode"] == "AD" and r.query["maxresults"] == "10" for r in pages)


def test_several_countries_a_box_and_changes_only(
    client: OcmClient, server: OcmServer, tmp_path: Path
) -> None:
    out = tmp_path / "x.jsonl"
    n = download_pois(client, OcmScope(("IS", "LU")), out)
    iceland_luxembourg = {p["ID"] for p in ALL if p["AddressInfo"]["CountryID"] in (105, 132)}
    assert n == len(iceland_luxembourg) > 0
    assert {p["ID"] for p in lines(out)} == iceland_luxembourg

    box = BoundingBox(south=42.4, west=1.4, north=42.7, east=1.8)
    since = datetime(2024, 6, 1, tzinfo=UTC)
    n = download_pois(client, OcmScope(bbox=box), out, modified_since=since)
    query = server.poi_requests()[-1].query
    assert (query["boundingbox"], query["modifiedsince"]) == (
        "(42.7,1.4),(42.4,1.8)",
        "2024-06-01T00:00:00",
    )
    expected = {
        p["ID"] for p in load_pois("ocm-andorra.json")
        if (p.get("DateLastStatusUpdate") or p["DateCreated"]) >= "2024-06-01"
    }  # fmt: skip
    assert {p["ID"] for p in lines(out)} == expected and n == len(expected)


def test_a_failing_page_raises_after_retries(
    client: OcmClient, server: OcmServer, tmp_path: Path
) -> None:
    server.script("/v3/poi", Reply(200, load_pois("ocm-andorra.json")[:5]), *[Reply(503)] * 3)
    with pytest.raises(UpstreamUnavailable):
        download_pois(client, OcmScope(("AD",)), tmp_path / "x.jsonl", page_size=5)


def test_scope_names() -> None:
    assert OcmScope().origin == "Open Charge Map API (whole world)"
    assert OcmScope(("gb", "IE")).origin == "Open Charge Map API (countries GB, IE)"
    with pytest.raises(ValueError, match="two-letter"):
        OcmScope(("GBR",))
