"""``sync_afdc`` over real HTTP against an AFDC-shaped server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opendata.afdc_files import afdc_response, afdc_station
from opendata.afdc_server import AfdcServer, afdc_server

from bot.config import Settings, load_settings
from bot.opendata.formats import ImportFailed
from bot.opendata.index import StationIndex
from bot.opendata.sync import SyncFailed, sync_afdc
from bot.plugshare.filters import Filters

SECRET = "s3cret-afdc-key-123"


def settings_for(server: AfdcServer, **extra: str) -> Settings:
    return load_settings(CHARGEBOT_AFDC_URL=server.url, CHARGEBOT_AFDC_API_KEY=SECRET, **extra)


def three_stations() -> list[dict[str, object]]:
    return [
        afdc_station(11, latitude=40.75, longitude=-73.99),
        afdc_station(12, latitude=40.76, longitude=-73.98, ev_network="Non-Networked"),
        afdc_station(13, latitude=40.77, longitude=-73.97, status_code="P"),
    ]


@pytest.fixture
def server() -> AfdcServer:
    with afdc_server() as running:
        yield running


def test_sync_downloads_with_the_key_in_a_header_and_imports(
    server: AfdcServer, tmp_path: Path
) -> None:
    server.payload = afdc_response(three_stations())
    starts: list[int | None] = []
    downloaded: list[int] = []
    import_sizes: list[int] = []
    imported: list[int] = []
    db = tmp_path / "index.sqlite3"
    report = sync_afdc(
        settings_for(server),
        db,
        on_download_start=starts.append,
        on_download=downloaded.append,
        on_import_start=import_sizes.append,
        on_import=imported.append,
    )
    assert (report.imported, report.updated, report.removed) == (2, 0, 0)
    assert dict(report.skipped) == {"planned, not open yet": 1}
    assert report.origin == f"AFDC API ({server.url})"
    [request] = server.requests
    assert request["headers"]["X-Api-Key"] == SECRET
    assert "api_key" not in request["query"]
    assert {k: v[0] for k, v in request["query"].items()} == {
        "fuel_type": "ELEC", "country": "US", "status": "all", "access": "all", "limit": "all"
    }  # fmt: skip
    assert starts == [sum(downloaded)] and sum(downloaded) > 0
    assert import_sizes == [sum(imported)]
    assert list(tmp_path.glob("afdc-*.json")) == []  # the download is cleaned up
    index = StationIndex(db)
    assert [loc.id for loc in index.nearby(40.75, -73.99, Filters(), 5000, 5)] == [11, 12]
    index.close()


def test_resync_removes_stations_afdc_no_longer_lists(server: AfdcServer, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    stations = [afdc_station(i, latitude=40 + i / 100) for i in range(1, 11)]
    server.payload = afdc_response(stations)
    assert sync_afdc(settings_for(server), db).imported == 10
    server.payload = afdc_response(stations[:8])
    report = sync_afdc(settings_for(server), db)
    assert (report.imported, report.updated, report.removed) == (0, 8, 2)
    # A download listing under half of the index does not empty it.
    server.payload = afdc_response(stations[:2])
    report = sync_afdc(settings_for(server), db)
    assert report.removed == 0
    assert report.notes and "kept 6 locations" in report.notes[0]


def test_compressed_answer(server: AfdcServer, tmp_path: Path) -> None:
    server.payload = afdc_response(three_stations())
    server.gzip = True
    starts: list[int | None] = []
    downloaded: list[int] = []
    report = sync_afdc(
        settings_for(server), tmp_path / "i.sqlite3",
        on_download_start=starts.append, on_download=downloaded.append,
    )  # fmt: skip
    assert report.imported == 2
    assert starts == [sum(downloaded)]  # progress counts bytes on the wire


def test_default_settings_use_demo_key_and_settings_db(server: AfdcServer, tmp_path: Path) -> None:
    server.payload = afdc_response(three_stations())
    settings = load_settings(CHARGEBOT_AFDC_URL=server.url)
    sync_afdc(settings)
    assert server.requests[0]["headers"]["X-Api-Key"] == "DEMO_KEY"
    assert (tmp_path / "stations.sqlite3").is_file()  # CHARGEBOT_DB from the test environment


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (403, "refused the API key"),
        (401, "CHARGEBOT_AFDC_API_KEY"),
        (429, "rate limit"),
        (503, "answered HTTP 503"),
    ],
)
def test_http_errors_are_explained_without_the_key(
    server: AfdcServer, tmp_path: Path, status: int, message: str
) -> None:
    server.status = status
    server.payload = {"error": {"code": "API_KEY_INVALID"}}
    with pytest.raises(SyncFailed, match=message) as raised:
        sync_afdc(settings_for(server), tmp_path / "i.sqlite3")
    assert SECRET not in str(raised.value)
    assert list(tmp_path.glob("afdc-*.json")) == []


def test_a_dropped_download_leaves_the_index_alone(server: AfdcServer, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    server.payload = afdc_response(three_stations())
    sync_afdc(settings_for(server), db)
    server.payload = afdc_response([afdc_station(i) for i in range(100, 200)])
    server.cut_after = 500
    with pytest.raises(SyncFailed, match="Could not download"):
        sync_afdc(settings_for(server), db)
    index = StationIndex(db)
    assert [loc.id for loc in index.nearby(40.75, -73.99, Filters(), 5000, 5)] == [11, 12]
    index.close()


def test_unreachable_server(tmp_path: Path) -> None:
    with afdc_server() as gone:
        url = gone.url
    settings = load_settings(CHARGEBOT_AFDC_URL=url, CHARGEBOT_AFDC_API_KEY=SECRET)
    with pytest.raises(SyncFailed, match="refused the connection") as raised:
        sync_afdc(settings, tmp_path / "i.sqlite3")
    assert SECRET not in str(raised.value)


def test_an_answer_that_is_not_a_station_list(server: AfdcServer, tmp_path: Path) -> None:
    server.payload = {"errors": ["something went wrong"]}
    with pytest.raises(ImportFailed, match="not a station file"):
        sync_afdc(settings_for(server), tmp_path / "i.sqlite3")


# --- a download proven complete before anything is removed (issue 12, item 1) -----------


def _synced(server: AfdcServer, db: Path, count: int) -> list[dict[str, object]]:
    stations = [afdc_station(i, latitude=40 + i / 1000) for i in range(1, count + 1)]
    server.payload = afdc_response(stations)
    assert sync_afdc(settings_for(server), db).imported == count
    return stations


def _indexed_ids(db: Path) -> set[int]:
    index = StationIndex(db)
    try:
        return {loc.id for loc in index.nearby(40.05, -73.99, Filters(), 50_000, 500)}
    finally:
        index.close()


def test_a_download_cut_at_70_percent_without_length_changes_nothing_and_fails(
    server: AfdcServer, tmp_path: Path
) -> None:
    db = tmp_path / "i.sqlite3"
    stations = _synced(server, db, 100)
    server.payload = afdc_response(stations[:99])  # one fewer, so a prune would remove one
    server.no_length = True  # the cut looks like a normal end of the body
    server.cut_after = int(len(json.dumps(server.payload)) * 0.7)
    with pytest.raises(SyncFailed, match="incomplete") as raised:
        sync_afdc(settings_for(server), db)
    assert "nothing in the index was changed" in str(raised.value).lower()
    assert _indexed_ids(db) == set(range(1, 101))


def test_a_download_holding_fewer_stations_than_announced_changes_nothing(
    server: AfdcServer, tmp_path: Path
) -> None:
    db = tmp_path / "i.sqlite3"
    stations = _synced(server, db, 100)
    answer = afdc_response(stations[:90])
    answer["total_results"] = 100  # well-formed JSON, but short of what AFDC announced
    server.payload = answer
    with pytest.raises(SyncFailed, match="announced 100 stations but holds 90"):
        sync_afdc(settings_for(server), db)
    assert _indexed_ids(db) == set(range(1, 101))


def test_a_complete_download_still_removes_what_afdc_no_longer_lists(
    server: AfdcServer, tmp_path: Path
) -> None:
    db = tmp_path / "i.sqlite3"
    stations = _synced(server, db, 100)
    server.payload = afdc_response(stations[:99])
    server.no_length = True  # complete without a length: proven by the JSON and the count
    assert sync_afdc(settings_for(server), db).removed == 1
    assert _indexed_ids(db) == set(range(1, 100))


def test_a_cut_sync_exits_non_zero_saying_why(server: AfdcServer, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli import main

    db = tmp_path / "i.sqlite3"
    stations = _synced(server, db, 50)
    server.payload = afdc_response(stations)
    server.no_length = True
    server.cut_after = len(json.dumps(server.payload)) // 2
    result = CliRunner().invoke(
        main, ["data", "sync", "afdc", "--db", str(db)],
        env={"CHARGEBOT_AFDC_URL": server.url}, catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "incomplete" in result.stderr and "breaks off" in result.stderr
    assert "Traceback" not in result.output
    assert "removed" not in result.stdout
    assert len(_indexed_ids(db)) == 50
