"""AFDC on its current host, and a sync that cannot reach it says so and changes nothing.

NREL became NLR: ``developer.nrel.gov`` was retired on 2026-05-29 and the same API
lives at ``developer.nlr.gov``. Each failure below must end in one sentence naming
CHARGEBOT_AFDC_URL and what to try, exit 1 from the command, and leave the index
file byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from opendata.afdc_files import afdc_response, afdc_station
from opendata.afdc_server import AfdcServer, afdc_server

from bot.cli import main
from bot.config import DEFAULT_AFDC_URL, load_settings
from bot.opendata import sync
from bot.opendata.sync import sync_afdc

NLR = "https://developer.nlr.gov/api/alt-fuel-stations/v1.json"
SECRET = "afdc-secret-key-777"


@pytest.fixture
def server() -> Iterator[AfdcServer]:
    with afdc_server() as running:
        yield running


@pytest.fixture
def filled_index(server: AfdcServer, tmp_path: Path) -> Path:
    """An index holding three stations from an earlier, good sync."""
    db = tmp_path / "index.sqlite3"
    server.payload = afdc_response([afdc_station(i, latitude=40 + i / 100) for i in (1, 2, 3)])
    sync_afdc(load_settings(CHARGEBOT_AFDC_URL=server.url), db)
    server.requests.clear()
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync_command(url: str, db: Path) -> Result:
    env = {"CHARGEBOT_AFDC_URL": url, "CHARGEBOT_AFDC_API_KEY": SECRET}
    return CliRunner().invoke(
        main, ["data", "sync", "afdc", "--db", str(db)], env=env, catch_exceptions=False
    )


def assert_one_clear_sentence(result: Result, *phrases: str) -> str:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip().removeprefix("Error: ")
    assert "CHARGEBOT_AFDC_URL" in message
    # One sentence: the only full stop ends it (URLs and host names carry their own dots).
    assert len(re.findall(r"\.(\s|$)", message)) == 1, message
    for phrase in phrases:
        assert phrase in message, message
    assert SECRET not in result.output
    return message


def test_the_default_is_the_nlr_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARGEBOT_AFDC_URL")  # conftest points it at a closed port
    assert DEFAULT_AFDC_URL == NLR
    assert str(load_settings().afdc_url) == NLR


def test_station_links_stay_on_afdc_energy_gov(server: AfdcServer, tmp_path: Path) -> None:
    from bot.providers.local import LocalProvider

    db = tmp_path / "i.sqlite3"
    server.payload = afdc_response([afdc_station(4242)])
    sync_afdc(load_settings(CHARGEBOT_AFDC_URL=server.url), db)
    provider = LocalProvider(db)
    try:
        assert provider.location(4242).url == "https://afdc.energy.gov/stations#/station/4242"
    finally:
        provider.close()


def test_a_host_that_does_not_resolve(filled_index: Path) -> None:
    before = digest(filled_index)
    # .invalid is reserved (RFC 2606): it never resolves, and no address is contacted.
    old = "http://developer.chargebot-retired.invalid/api/alt-fuel-stations/v1.json"
    result = sync_command(old, filled_index)
    assert_one_clear_sentence(
        result, "developer.chargebot-retired.invalid", "does not resolve", NLR
    )
    assert digest(filled_index) == before


def test_a_refused_connection(filled_index: Path) -> None:
    with afdc_server() as gone:
        url = gone.url  # the port is closed once the server stops
    before = digest(filled_index)
    result = sync_command(url, filled_index)
    assert_one_clear_sentence(result, url, "refused the connection", NLR)
    assert digest(filled_index) == before


def test_a_server_that_does_not_answer_in_time(
    server: AfdcServer, filled_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    monkeypatch.setattr(sync, "_TIMEOUT", httpx.Timeout(0.3))
    server.delay = 1.5
    before = digest(filled_index)
    result = sync_command(server.url, filled_index)
    assert_one_clear_sentence(result, "did not answer in time", "try again later", NLR)
    assert digest(filled_index) == before


@pytest.mark.parametrize(("status", "wording"), [(404, "is not there"), (410, "is gone")])
def test_a_missing_or_gone_api(
    server: AfdcServer, filled_index: Path, status: int, wording: str
) -> None:
    server.status = status
    server.payload = {"error": "not found"}
    before = digest(filled_index)
    result = sync_command(server.url, filled_index)
    assert_one_clear_sentence(result, wording, f"HTTP {status}", NLR)
    assert digest(filled_index) == before


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/json"])
def test_a_web_page_instead_of_station_data(
    server: AfdcServer, filled_index: Path, content_type: str
) -> None:
    server.body = (
        b"\n<!DOCTYPE html><html><body><h1>developer.nrel.gov has been retired</h1>"
        b"<p>Please use developer.nlr.gov.</p></body></html>"
    )
    server.content_type = content_type
    before = digest(filled_index)
    result = sync_command(server.url, filled_index)
    assert_one_clear_sentence(result, "web page", NLR)
    assert digest(filled_index) == before


def test_a_redirect_to_a_web_page(server: AfdcServer, filled_index: Path) -> None:
    with afdc_server() as notice:
        notice.body = b"<html><body>This service has moved.</body></html>"
        notice.content_type = "text/html"
        server.redirect_to = notice.url
        before = digest(filled_index)
        result = sync_command(server.url, filled_index)
    assert_one_clear_sentence(result, "web page")
    assert digest(filled_index) == before


def test_advice_depends_on_whether_the_address_is_the_default() -> None:
    # When the default itself cannot be reached, pointing at the default helps nobody.
    assert "check the network connection" in sync._what_to_try(NLR)
    assert NLR in sync._what_to_try("https://developer.nrel.gov/api/alt-fuel-stations/v1.json")
