"""The first answer needs no separate step: an empty index fills itself from open data.

``chargebot ask`` downloads in the foreground (progress on stderr, the answer on
stdout); ``chargebot serve`` downloads in the background and answers "the station
list is loading" meanwhile. With no network, the answer names the import command.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from opendata.afdc_files import afdc_response, afdc_station
from opendata.afdc_server import AfdcServer, afdc_server

from bot.cli import EXIT_ANSWER, EXIT_FAILURE, main
from bot.config import load_settings
from bot.search import Outcome, SearchRequest, build_pipeline

NEAR = "near 40.7506,-73.9935"  # coordinates: no geocoder involved


@pytest.fixture
def afdc(monkeypatch: pytest.MonkeyPatch) -> Iterator[AfdcServer]:
    with afdc_server() as server:
        server.payload = afdc_response(
            [afdc_station(i, latitude=40.75 + i / 1000, longitude=-73.99) for i in range(1, 6)]
        )
        monkeypatch.setenv("CHARGEBOT_AFDC_URL", server.url)
        yield server


def ask(*args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args], catch_exceptions=False)


def test_ask_on_an_empty_index_downloads_then_answers(afdc: AfdcServer, tmp_path: Path) -> None:
    result = ask(NEAR, "--format", "json")
    assert result.exit_code == EXIT_ANSWER, result.output
    answer = json.loads(result.stdout)  # stdout holds the answer alone
    assert answer["outcome"] == "results"
    assert [loc["id"] for loc in answer["locations"]] == [1, 2, 3, 4, 5]
    assert "index is empty, so ChargeBot is downloading open station data (AFDC)" in result.stderr
    assert "AFDC: imported 5 new locations" in result.stderr
    assert afdc.requests[0]["headers"]["X-Api-Key"] == "DEMO_KEY"
    assert (tmp_path / "stations.sqlite3").is_file()  # CHARGEBOT_DB

    again = ask(NEAR, "--format", "json")  # filled now: no second download
    assert again.exit_code == EXIT_ANSWER and len(afdc.requests) == 1
    assert "downloading" not in again.stderr


def test_text_answers_after_the_download(afdc: AfdcServer) -> None:
    result = ask(NEAR)
    assert result.exit_code == EXIT_ANSWER, result.output
    assert "Station 1" in result.stdout


def test_with_no_network_it_names_the_import_command() -> None:
    result = ask(NEAR)  # conftest points CHARGEBOT_AFDC_URL at a closed port
    assert result.exit_code == EXIT_FAILURE
    assert "refused the connection" in result.stderr
    assert "chargebot data import FILE" in result.stderr
    assert "index is empty" in result.stdout
    assert "Traceback" not in result.output


def test_serve_fills_in_the_background_answering_loading_meanwhile(afdc: AfdcServer) -> None:
    afdc.delay = 1.0  # the download takes a while
    pipeline = build_pipeline(load_settings())
    try:
        assert pipeline.start_first_fill()
        loading = pipeline.answer(SearchRequest(text=NEAR))
        assert loading.outcome is Outcome.SOURCE_DOWN
        assert loading.message is not None and "station list is loading" in loading.message
        provider = pipeline.provider
        for _ in range(100):
            if not provider.loading.is_set():  # type: ignore[attr-defined]
                break
            threading.Event().wait(0.05)
        answer = pipeline.answer(SearchRequest(text=NEAR))
        assert answer.outcome is Outcome.RESULTS
        assert [loc.id for loc in answer.locations][:3] == [1, 2, 3]
        assert not pipeline.start_first_fill()  # filled: nothing more to do
    finally:
        pipeline.close()


def test_serve_with_no_network_stops_saying_loading(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = build_pipeline(load_settings())
    try:
        assert pipeline.start_first_fill()
        provider = pipeline.provider
        for _ in range(200):
            if not provider.loading.is_set():  # type: ignore[attr-defined]
                break
            threading.Event().wait(0.05)
        answer = pipeline.answer(SearchRequest(text=NEAR))
        assert answer.outcome is Outcome.INDEX_EMPTY  # not "loading" forever
    finally:
        pipeline.close()
    assert "chargebot data import FILE" in caplog.text


def test_other_providers_do_not_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUGSHARE_API_KEY", "k")
    monkeypatch.setenv("PLUGSHARE_API_SECRET", "s")
    pipeline = build_pipeline(load_settings())
    try:
        assert not pipeline.start_first_fill()
    finally:
        pipeline.close()
