"""In Slack, a damaged station index is named as such, not as a generic failure (issue 12, 5)."""

from __future__ import annotations

from pathlib import Path

from opendata.afdc_files import electric_rows, write_csv
from support.slack import MockSlack, RunningApp, shown, slash_command

from bot.opendata.importer import import_file
from bot.search import build_pipeline
from bot.slack.app import create_app

from .conftest import slack_settings


def test_a_search_over_a_damaged_index_says_the_station_list_is_damaged(
    slack_api: MockSlack, ny_csv: Path, tmp_path: Path
) -> None:
    header, rows = electric_rows(ny_csv)
    db = tmp_path / "stations.sqlite3"
    import_file(write_csv(tmp_path / "ny.csv", header, rows), db)
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 3)
        f.write(b"\xa5" * (size // 3))
    settings = slack_settings(slack_api, db_path=db, provider="local")
    pipeline = build_pipeline(settings)
    running = RunningApp(create_app(settings, pipeline))
    try:
        url = slack_api.response_url()
        assert running.send(slash_command("CCS near 40.7506,-73.9935", url)).status_code == 200
        (reply,) = slack_api.wait_response(url)
    finally:
        running.close()
        pipeline.close()
    words = shown(reply.body)
    assert "station list is damaged" in words
    assert "chargebot data sync afdc" in words
    assert "isn't answering" not in words
