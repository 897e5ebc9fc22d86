"""``chargebot data import | sync | stats`` as a person runs them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from opendata.afdc_files import afdc_response, afdc_station, electric_rows, with_fields, write_csv
from opendata.afdc_server import afdc_server

from bot.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_import_prints_the_summary_and_stats_show_it(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    sample = [*rows[:30], with_fields(header, rows[30], Latitude="x"), rows[0]]
    path = write_csv(tmp_path / "sample.csv", header, sample)
    result = run("data", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "AFDC station export (CSV, 75 columns)" in result.stdout
    assert "imported 30 new locations, updated 0" in result.stdout
    assert "line 32: Latitude 'x' is not a number" in result.stdout
    assert "1 repeats an ID already read in this file" in result.stdout
    assert "Importing sample.csv" in result.stderr
    assert (tmp_path / "stations.sqlite3").is_file()  # CHARGEBOT_DB

    stats = run("data", "stats")
    assert stats.exit_code == 0
    assert "30 locations" in stats.stdout
    assert "U.S. DOE Alternative Fuels Data Center (AFDC): 30 locations, data as of" in stats.stdout
    assert "By network:" in stats.stdout and "By connector:" in stats.stdout
    assert "J1772" in stats.stdout

    again = run("data", "import", str(path))
    assert "imported 0 new locations, updated 30" in again.stdout


def test_db_option_overrides_the_setting(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    path = write_csv(tmp_path / "s.csv", header, rows[:3])
    other = tmp_path / "elsewhere" / "index.sqlite3"
    assert run("data", "import", str(path), "--db", str(other)).exit_code == 0
    assert other.is_file() and not (tmp_path / "stations.sqlite3").exists()
    assert "3 locations" in run("data", "stats", "--db", str(other)).stdout


def test_unreadable_files_exit_non_zero_with_a_message(tmp_path: Path) -> None:
    missing = run("data", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1
    assert "Error:" in missing.stderr and "no such file" in missing.stderr
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n")
    result = run("data", "import", str(odd))
    assert result.exit_code == 1
    assert "not a station file ChargeBot knows" in result.stderr
    assert "Traceback" not in result.output


def test_stats_on_an_empty_index_name_the_command_that_fills_it() -> None:
    result = run("data", "stats")
    assert result.exit_code == 0
    assert "is empty" in result.stdout and "chargebot data sync afdc" in result.stdout


def test_sync_from_the_configured_url(tmp_path: Path) -> None:
    with afdc_server() as server:
        server.payload = afdc_response([afdc_station(1), afdc_station(2, latitude=40.8)])
        result = run("data", "sync", "afdc", env={"CHARGEBOT_AFDC_URL": server.url,
                                                  "CHARGEBOT_AFDC_API_KEY": "k-123"})  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "imported 2 new locations" in result.stdout
        assert server.requests[0]["headers"]["X-Api-Key"] == "k-123"
        server.status = 429
        refused = run("data", "sync", "afdc", env={"CHARGEBOT_AFDC_URL": server.url})
    assert refused.exit_code == 1
    assert "rate limit" in refused.stderr


def test_bad_configuration_is_named() -> None:
    result = run("data", "sync", "afdc", env={"CHARGEBOT_AFDC_URL": "not a url"})
    assert result.exit_code == 2
    assert "CHARGEBOT_AFDC_URL" in result.stderr
