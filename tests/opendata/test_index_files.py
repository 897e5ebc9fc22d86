"""The index file where deployments put it: a read-only folder, or damaged (issue 12, 4 and 5).

Read-only: an image built with the index inside must be searchable without side
files (``-wal``/``-shm``), and an import into such a folder says "read-only folder".
Damaged: every read path says so in one sentence with the fix, exit status 1, no
traceback; Slack's answer says the station list is damaged.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from opendata.afdc_files import afdc_response, afdc_station, electric_rows, write_csv, write_json
from support.read_only import read_only_folder

from bot.cli import main
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import import_file
from bot.opendata.index import StationIndex
from bot.opendata.schema import IndexDamaged
from bot.opendata.stats import index_stats
from bot.plugshare.filters import Filters
from bot.providers.local import IndexDamagedError, LocalProvider

PENN = (40.7506, -73.9935)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def built(ny_csv: Path, tmp_path: Path) -> Path:
    """A small index, built as an image build would, in its own folder."""
    header, rows = electric_rows(ny_csv)
    folder = tmp_path / "image"
    folder.mkdir()
    import_file(write_csv(tmp_path / "ny.csv", header, rows), folder / "stations.sqlite3")
    return folder / "stations.sqlite3"


def side_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name != db.name)


def test_a_search_reads_one_snapshot_while_an_import_commits(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The R*Tree read and the locations read are one transaction: a location an import
    removes between the two is still shown, from the data the search began with."""
    import bot.opendata.index as index_module

    with sqlite3.connect(built) as writer:
        writer.execute("PRAGMA journal_mode = WAL")  # as during an import
    found_first = index_module.nearest

    def nearest_then_import(conn: sqlite3.Connection, *args: object) -> list[object]:
        hits = found_first(conn, *args)  # type: ignore[arg-type]
        with sqlite3.connect(built) as writer:
            writer.execute("DELETE FROM locations WHERE id = ?", (hits[0].location_id,))
        return hits

    index = StationIndex(built)
    try:
        before = [location.id for location in index.nearby(*PENN, Filters(), 2_000, 5)]
        monkeypatch.setattr(index_module, "nearest", nearest_then_import)
        during = [location.id for location in index.nearby(*PENN, Filters(), 2_000, 5)]
        monkeypatch.undo()
        after = [location.id for location in index.nearby(*PENN, Filters(), 2_000, 5)]
    finally:
        index.close()
    assert during == before
    assert before[0] not in after  # the import did commit


# --- item 4: a read-only folder -----------------------------------------------------


def test_an_import_leaves_no_side_files_and_no_wal_mode(built: Path) -> None:
    assert side_files(built) == []
    with sqlite3.connect(built) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_index_in_a_read_only_folder_is_searched(built: Path) -> None:
    with read_only_folder(built.parent):
        index = StationIndex(built)
        try:
            assert len(index.nearby(*PENN, Filters(), 2_000, 5)) == 5
        finally:
            index.close()
        stats = run("data", "stats", "--db", str(built))
        assert stats.exit_code == 0, stats.output
        asked = run("ask", "near 40.7506,-73.9935", "--provider", "local", "--db", str(built),
                    "--format", "json")  # fmt: skip
        assert asked.exit_code == 0, asked.output
        assert len(json.loads(asked.stdout)["locations"]) == 5
        assert side_files(built) == []


def test_a_wal_mode_index_in_a_read_only_folder_is_still_searched(built: Path) -> None:
    # An index an import left in WAL mode (one that ran while the bot kept it open).
    with sqlite3.connect(built) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    assert side_files(built) == []
    with read_only_folder(built.parent):
        index = StationIndex(built)
        try:
            assert len(index.nearby(*PENN, Filters(), 2_000, 5)) == 5
            assert not index.is_empty()
        finally:
            index.close()


def test_importing_into_a_read_only_folder_says_so(built: Path, ny_csv: Path) -> None:
    header, rows = electric_rows(ny_csv)
    other = write_csv(built.parent.parent / "few.csv", header, rows[:3])
    with read_only_folder(built.parent):
        with pytest.raises(ImportFailed, match="read-only folder") as raised:
            import_file(other, built)
        assert "is not a station index" not in str(raised.value)
        result = run("data", "import", str(other), "--db", str(built))
        assert result.exit_code == 1 and "read-only folder" in result.stderr


# --- item 5: a damaged index --------------------------------------------------------


def damage(db: Path) -> None:
    """Overwrite the middle of the file, past the header and the schema."""
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 3)
        f.write(b"\xa5" * (size // 3))


@pytest.fixture
def damaged(built: Path) -> Path:
    damage(built)
    return built


def _one_sentence_with_the_fix(text: str) -> None:
    text = text.strip()
    assert "damaged" in text
    assert "chargebot data sync afdc" in text and "import" in text
    assert "Traceback" not in text and "sqlite3." not in text
    assert text.count(". ") == 0 and text.count("\n") == 0, text


def test_every_index_read_raises_index_damaged(damaged: Path) -> None:
    index = StationIndex(damaged)
    try:
        for read in (
            lambda: index.nearby(*PENN, Filters(), 50_000, 500),
            index.is_empty,
            index.has_power_ratings,
            lambda: index.location(10),
        ):
            try:
                read()
            except IndexDamaged as error:
                _one_sentence_with_the_fix(str(error))
    finally:
        index.close()
    with pytest.raises(IndexDamaged):
        index_stats(damaged)


def test_the_local_provider_says_the_station_list_is_damaged(damaged: Path) -> None:
    from bot.providers.base import ProviderError

    provider = LocalProvider(damaged)
    try:
        with pytest.raises(ProviderError) as raised:
            provider.nearby(*PENN, Filters(), 50_000, 500)
        assert "station list is damaged" in raised.value.user_message
        _one_sentence_with_the_fix(raised.value.user_message.replace("`", ""))
        assert "damaged" in provider.attribution or "Station data" in provider.attribution
    finally:
        provider.close()


def test_ask_over_a_damaged_index_exits_1_with_one_sentence(damaged: Path) -> None:
    for output in ("text", "json"):
        result = run("ask", "CCS near 40.7506,-73.9935", "--provider", "local",
                     "--db", str(damaged), "--format", output)  # fmt: skip
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert "station list is damaged" in result.output


def test_stats_over_a_damaged_index_exit_1_with_one_sentence(damaged: Path) -> None:
    result = run("data", "stats", "--db", str(damaged))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    _one_sentence_with_the_fix(result.stderr.removeprefix("Error: "))


def test_a_damaged_index_file_header_is_also_reported(built: Path, tmp_path: Path) -> None:
    with built.open("r+b") as f:
        f.write(b"\x00" * 100)
    result = run("data", "stats", "--db", str(built))
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_import_over_a_damaged_index_says_so(damaged: Path, tmp_path: Path) -> None:
    path = write_json(tmp_path / "a.json", afdc_response([afdc_station(1)]))
    result = run("data", "import", str(path), "--db", str(damaged))
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "Traceback" not in result.output


def test_a_damaged_copy_does_not_hide_a_good_one(built: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    shutil.copy(built, good)
    damage(built)
    assert run("data", "stats", "--db", str(good)).exit_code == 0
    assert os.path.getsize(good) == os.path.getsize(built)


def test_the_damaged_index_fix_works_when_followed(damaged: Path, tmp_path: Path) -> None:
    # Importing over the damaged file is refused, so the fix must say to remove it first;
    # doing what the message says then works.
    path = write_json(tmp_path / "a.json", afdc_response([afdc_station(1)]))
    refused = run("data", "import", str(path), "--db", str(damaged))
    assert refused.exit_code == 1
    assert "delete" in refused.stderr and str(damaged) in refused.stderr
    provider = LocalProvider(damaged)
    try:
        with pytest.raises(IndexDamagedError) as raised:
            provider.nearby(*PENN, Filters(), 50_000, 5)
        assert "delete" in raised.value.user_message
    finally:
        provider.close()
    damaged.unlink()
    assert run("data", "import", str(path), "--db", str(damaged)).exit_code == 0
