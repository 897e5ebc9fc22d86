"""``chargebot state migrate``: what a deployment runs before starting its workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.state.migrate import head_revision


def test_migrate_creates_the_default_database_beside_the_index(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["state", "migrate"])
    assert first.exit_code == 0, first.output
    assert f"is at schema revision {head_revision()} (the newest)" in first.output
    assert (tmp_path / "state.sqlite3").is_file()  # CHARGEBOT_DB is tmp_path/stations.sqlite3

    again = runner.invoke(main, ["state", "migrate"])
    assert again.exit_code == 0 and again.output == first.output


def test_migrate_reports_a_database_that_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARGEBOT_DATABASE_URL", "postgresql://bot:hunter2@127.0.0.1:1/state")
    monkeypatch.setenv("CHARGEBOT_DATABASE_TIMEOUT", "1")
    result = CliRunner().invoke(main, ["state", "migrate"])
    assert result.exit_code == 1
    assert "cannot be used" in result.output and "127.0.0.1" in result.output
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output
