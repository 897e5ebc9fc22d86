"""``chargebot data sync ocm``: the API's pages into the index; later runs fetch changes only."""

from __future__ import annotations

import copy
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support.loopback_api import Reply, closed_port
from support.ocm_server import OcmServer, load_pois

from bot.cli import main
from bot.config import load_settings
from bot.opendata.ocm_sync import sync_ocm
from bot.opendata.sync import SyncFailed
from bot.plugshare.filters import Filters
from bot.providers.local import LocalProvider

ANDORRA = sorted(load_pois("ocm-andorra.json"), key=lambda p: p["ID"])
OCM = 2_000_000_000


@pytest.fixture(autouse=True)
def _settings(server: OcmServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCM_API_KEY", server.key)
    monkeypatch.setenv("OCM_API_URL", server.url)


def indexed(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {
            row[0] - OCM for row in conn.execute("SELECT id FROM locations WHERE source = 'ocm'")
        }
    finally:
        conn.close()


def sync(*args: str) -> Result:
    return CliRunner().invoke(main, ["data", "sync", "ocm", *args], catch_exceptions=False)


def test_a_country_then_only_its_changes(server: OcmServer, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    first = sync_ocm(load_settings(), db, countries=["AD"])
    assert first.origin == "Open Charge Map API (countries AD)"
    assert first.imported > 80 and first.imported + first.skipped_total + first.invalid_total == 97
    kept = indexed(db)
    assert kept <= {p["ID"] for p in ANDORRA} and len(kept) == first.imported
    assert "modifiedsince" not in server.poi_requests()[0].query

    provider = LocalProvider(db)
    try:
        near = provider.nearby(42.5063, 1.5218, Filters(), 5_000, 5)
        assert near and all(loc.id - OCM in kept for loc in near)
    finally:
        provider.close()

    # Nothing changed since: nothing to import, and the index is left as it is.
    unchanged = sync_ocm(load_settings(), db, countries=["AD"])
    assert (unchanged.imported, unchanged.updated) == (0, 0)
    assert any("nothing changed" in note for note in unchanged.notes)
    assert "modifiedsince" in server.poi_requests()[-1].query

    # One POI changes upstream: the next run asks for changes since the last one only.
    changed = copy.deepcopy(next(p for p in ANDORRA if p["ID"] in kept))
    changed["AddressInfo"]["Title"] = "Renamed charging site"
    changed["DateLastStatusUpdate"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    server.add(changed)
    before = len(server.poi_requests())
    second = sync_ocm(load_settings(), db, countries=["AD"])
    request = server.poi_requests()[before].query
    since = datetime.fromisoformat(request["modifiedsince"]).replace(tzinfo=UTC)
    assert 0 < (datetime.now(UTC) - since).total_seconds() < 3_700  # last run, less an hour
    assert (second.imported, second.updated) == (0, 1)
    provider = LocalProvider(db)
    try:
        assert provider.location(OCM + changed["ID"]).name == "Renamed charging site"
    finally:
        provider.close()

    full = sync_ocm(load_settings(), db, countries=["AD"], full=True)
    assert "modifiedsince" not in server.poi_requests()[-1].query
    assert full.updated == len(kept)


def test_a_poi_removed_upstream_leaves_the_index(server: OcmServer, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    sync_ocm(load_settings(), db, countries=["AD"])
    gone = copy.deepcopy(next(p for p in ANDORRA if p["ID"] in indexed(db)))
    gone["StatusTypeID"] = 200  # Removed (Decommissioned)
    gone["DateLastStatusUpdate"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    server.add(gone)
    sync_ocm(load_settings(), db, countries=["AD"])
    assert gone["ID"] not in indexed(db)


def test_a_refused_key_changes_nothing(server: OcmServer, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    sync_ocm(load_settings(), db, countries=["AD"])
    before = indexed(db)
    server.script("/v3/poi", Reply(403))
    with pytest.raises(SyncFailed, match="OCM_API_KEY") as raised:
        sync_ocm(load_settings(), db, countries=["AD"])
    assert server.key not in str(raised.value)
    assert indexed(db) == before
    assert list(tmp_path.glob("ocm-*.jsonl")) == []


def test_an_unreachable_api_is_one_sentence_naming_ocm_api_url(
    server: OcmServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "index.sqlite3"
    sync_ocm(load_settings(), db, countries=["AD"])
    before = db.read_bytes()
    url = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("OCM_API_URL", url)

    result = sync("--country", "AD", "--db", str(db))
    assert result.exit_code == 1
    message = result.stderr.strip().removeprefix("Error: ")
    assert message == (
        f"Open Charge Map at OCM_API_URL ({url}) refused the connection, so the index is"
        " unchanged; set OCM_API_URL to Open Charge Map's current address,"
        " https://api.openchargemap.io/v3, or unset it to use that default."
    )
    assert "Errno" not in result.output and server.key not in result.output
    assert db.read_bytes() == before
    assert list(tmp_path.glob("ocm-*.jsonl")) == []


def test_the_command(server: OcmServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = sync("--country", "ad", "--bbox", "42.42,1.40,42.66,1.79")
    assert result.exit_code == 0, result.output
    assert "Open Charge Map API (countries AD; box 42.42,1.4,42.66,1.79)" in result.stdout
    assert "imported" in result.stdout
    query = server.poi_requests()[0].query
    assert (query["countrycode"], query["boundingbox"]) == ("AD", "(42.66,1.4),(42.42,1.79)")

    bad = sync("--bbox", "north of here")
    assert bad.exit_code == 2 and "south,west,north,east" in bad.stderr
    assert sync("--country", "GBR").exit_code == 2
    afdc = CliRunner().invoke(main, ["data", "sync", "afdc", "--country", "US"])
    assert afdc.exit_code == 2 and "for `data sync ocm` only" in afdc.stderr

    monkeypatch.delenv("OCM_API_KEY")
    keyless = sync("--country", "AD")
    assert keyless.exit_code == 1 and "OCM_API_KEY must be set" in keyless.stderr
    assert "Traceback" not in keyless.output
