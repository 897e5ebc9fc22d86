"""Broken station files change nothing: cut-off files, lying counts, endless lines (issue 12).

A file that breaks off, announces more than it holds, or has a line or item far
beyond any real station row is refused as a whole: the import says why, the
index stays exactly as it was, and ``chargebot data import`` exits 1.
"""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from opendata.afdc_files import afdc_response, afdc_station, electric_rows, write_csv, write_json

from bot.cli import main
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import import_file
from bot.opendata.limits import MAX_ITEM_BYTES, MAX_LINE_BYTES


def ids_in(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT external_id FROM locations")}


def us_min_head(shared_data: Path, through_id: str) -> bytes:
    """The real us-min.csv up to and including the row of station ``through_id``."""
    data = (shared_data / "afdc" / "us-min.csv").read_bytes()
    end = data.index(f",{through_id}\n".encode()) + len(through_id) + 2
    return data[:end]


# --- item 3: a CSV cut inside its last field -----------------------------------------


def test_csv_cut_inside_its_last_field_imports_no_false_station(
    shared_data: Path, tmp_path: Path
) -> None:
    # The probe's file: us-min.csv cut inside the ID of ALDI (156541 -> 15654).
    head = us_min_head(shared_data, "156541")
    cut = tmp_path / "cut.csv"
    cut.write_bytes(head[: -len("1\n")])
    assert cut.read_bytes().endswith(b",-95.93994,15654")
    db = tmp_path / "i.sqlite3"
    with pytest.raises(ImportFailed, match="truncated") as raised:
        import_file(cut, db)
    assert "line break" in str(raised.value)
    assert not db.exists() or ids_in(db) == set()  # nothing imported, no station 15654


def test_a_cut_csv_leaves_an_existing_index_unchanged_and_exits_1(
    shared_data: Path, tmp_path: Path
) -> None:
    db = tmp_path / "i.sqlite3"
    head = us_min_head(shared_data, "156541")
    complete = tmp_path / "complete.csv"
    complete.write_bytes(head)
    first = import_file(complete, db)
    before = ids_in(db)
    assert first.imported == len(before) and 156541 in before
    cut = tmp_path / "cut.csv"
    cut.write_bytes(head[: -len("41\n")])
    result = CliRunner().invoke(main, ["data", "import", str(cut), "--db", str(db)])
    assert result.exit_code == 1
    assert "truncated" in result.stderr and "Nothing in the index was changed" in result.stderr
    assert "Traceback" not in result.output
    assert ids_in(db) == before and 1565 not in before


def test_the_real_file_without_a_final_line_break_still_imports_its_last_row(
    shared_data: Path, tmp_path: Path
) -> None:
    # us-min.csv itself ends without a line break; its IDs ascend, so its last row
    # (204572) is provably whole.
    head = us_min_head(shared_data, "156541")
    whole = tmp_path / "whole.csv"
    whole.write_bytes(head.rstrip(b"\n"))
    report = import_file(whole, tmp_path / "i.sqlite3")
    assert 156541 in ids_in(tmp_path / "i.sqlite3")
    assert report.invalid == []


def test_an_unordered_file_without_a_final_line_break_is_refused_with_the_fix(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hand.csv"
    path.write_text(
        "Station Name,ZIP,Latitude,Longitude,ID\nB,10001,40.75,-73.99,900\nA,10001,40.76,-73.98,800"
    )
    with pytest.raises(ImportFailed, match="truncated") as raised:
        import_file(path, tmp_path / "i.sqlite3")
    assert "end it with a line break" in str(raised.value)
    path.write_text(path.read_text() + "\n")
    assert import_file(path, tmp_path / "i.sqlite3").imported == 2


def test_a_quoted_last_field_proves_the_final_line_whole(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        "Station Name,ZIP,Latitude,Longitude,ID\n"
        'B,10001,40.75,-73.99,900\nA,10001,40.76,-73.98,"800"'
    )
    assert import_file(path, tmp_path / "i.sqlite3").imported == 2


def test_export_cut_mid_row_is_refused_and_changes_nothing(ny_csv: Path, tmp_path: Path) -> None:
    header, rows = electric_rows(ny_csv)
    db = tmp_path / "i.sqlite3"
    import_file(write_csv(tmp_path / "first.csv", header, rows[:5]), db)
    before = ids_in(db)
    text = write_csv(tmp_path / "full.csv", header, rows[5:15]).read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(text[: len(text) - 200])
    with pytest.raises(ImportFailed, match=r"truncated.*line 11"):
        import_file(cut, db)
    assert ids_in(db) == before


def test_plugshare_and_afdc_json_that_break_off_change_nothing(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    stations = [afdc_station(i, latitude=40 + i / 1000) for i in range(1, 6)]
    import_file(write_json(tmp_path / "ok.json", afdc_response(stations[:2])), db)
    text = json.dumps(afdc_response(stations))
    cut = tmp_path / "cut.json"
    cut.write_text(text[: text.index('"id": 4') + 3])
    with pytest.raises(ImportFailed, match="breaks off") as raised:
        import_file(cut, db)
    assert "item 4" in str(raised.value)
    assert ids_in(db) == {1, 2}
    # Cut after the last item, before the list closes: still not proven complete.
    cut.write_text(text[: text.rindex("]")])
    with pytest.raises(ImportFailed, match="breaks off"):
        import_file(cut, db)
    assert ids_in(db) == {1, 2}


# --- item 8: unbounded line and item length -----------------------------------------


def _endless_line_file(path: Path, size: int) -> Path:
    with path.open("wb") as out:
        out.write(b"Station Name,ZIP,Latitude,Longitude,ID\n")
        chunk = b"x" * (1 << 20)
        for _ in range(size >> 20):
            out.write(chunk)
    return path


def test_a_file_with_an_endless_line_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    size = 8 * MAX_LINE_BYTES
    path = _endless_line_file(tmp_path / "endless.csv", size)
    db = tmp_path / "i.sqlite3"
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="line 2 is longer than") as raised:
            import_file(path, db)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "not a station" in str(raised.value)
    assert peak < 4 * MAX_LINE_BYTES < size


def test_endless_line_from_the_command_line(tmp_path: Path) -> None:
    path = _endless_line_file(tmp_path / "endless.csv", 2 * MAX_LINE_BYTES)
    result = CliRunner().invoke(main, ["data", "import", str(path)])
    assert result.exit_code == 1
    assert "longer than" in result.stderr and "Traceback" not in result.output


def test_a_json_item_far_beyond_any_station_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    huge = afdc_station(2, station_name="x" * (4 * MAX_ITEM_BYTES))
    path = write_json(tmp_path / "huge.json", afdc_response([afdc_station(1), huge]))
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="item 2 is larger than"):
            import_file(path, tmp_path / "i.sqlite3")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_ITEM_BYTES


def test_a_json_file_whose_head_never_ends_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "head.json"
    path.write_bytes(b'{"station_locator_url": "' + b"x" * (4 * MAX_ITEM_BYTES) + b'"}')
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="not a station file"):
            import_file(path, tmp_path / "i.sqlite3")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_ITEM_BYTES
