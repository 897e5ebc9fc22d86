"""Open Charge Map into the local index: every shape OCM publishes, recognised by content;
check-ins and photos on the cards; malformed POIs counted; broken files change nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from opendata.ocm_records import load_pois, write_folder, write_lines

from bot.cli import main
from bot.ocm.mapping import OCM_CREDIT
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import IncompleteFile, import_file, import_pois
from bot.opendata.stats import index_stats, stats_lines
from bot.plugshare.enums import ReviewRating
from bot.plugshare.filters import Filters
from bot.providers.local import LocalProvider

POI = dict[str, Any]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def ocm_dir(shared_data: Path) -> Path:
    return shared_data / "ocm"


@pytest.fixture(scope="module")
def sample(ocm_dir: Path) -> list[POI]:
    return load_pois(ocm_dir / "ocm-sample.json")


@pytest.fixture(scope="module")
def andorra(ocm_dir: Path) -> list[POI]:
    return load_pois(ocm_dir / "ocm-andorra.json")


@pytest.fixture(scope="module")
def ocm_index(ocm_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ocm-index") / "ocm.sqlite3"
    import_file(ocm_dir / "ocm-sample.json", db)
    import_file(ocm_dir / "ocm-andorra.json", db)
    return db


@pytest.fixture
def provider(ocm_index: Path) -> Iterator[LocalProvider]:
    provider = LocalProvider(ocm_index)
    yield provider
    provider.close()


def digest(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


# --- every file in ../shared/data/ocm ------------------------------------------------------


def test_every_shared_ocm_file_imports_or_is_refused_clearly(ocm_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    reports = {}
    for path in sorted(ocm_dir.iterdir()):
        if path.suffix != ".json":
            continue
        try:
            reports[path.name] = import_file(path, db)
        except ImportFailed as error:
            reports[path.name] = str(error)
    sample, andorra = reports["ocm-sample.json"], reports["ocm-andorra.json"]
    assert not isinstance(sample, str) and not isinstance(andorra, str)
    assert sample.format == "Open Charge Map POIs (JSON list)"
    assert (sample.imported, sample.skipped_total, sample.invalid_total) == (80, 3, 1)
    assert dict(sample.skipped) == {"removed (a duplicate listing)": 2, "planned, not open yet": 1}
    assert sample.invalid == [(16, "no Connections (nothing to charge at)")]
    assert (andorra.imported, andorra.skipped_total, andorra.invalid_total) == (97, 0, 0)
    assert any("missing from OCM's reference data" in note for note in andorra.notes)
    # reference.json is OCM's reference data, not POIs: refused, with what a POI looks like.
    assert isinstance(reports["reference.json"], str)
    assert "Open Charge Map POI" in reports["reference.json"]
    stats = index_stats(db)
    assert stats.locations == 177
    assert [(s.source, s.locations) for s in stats.sources] == [("ocm", 177)]
    assert stats.checkins == 23 and stats.photos == 25
    text = "\n".join(stats_lines(stats))
    assert f"{OCM_CREDIT}: 177 locations" in text
    assert "Check-ins: 23; photos: 25" in text


def test_one_object_per_line_and_a_single_poi_read_like_the_list(
    sample: list[POI], tmp_path: Path
) -> None:
    lines = import_file(write_lines(tmp_path / "export.json", sample), tmp_path / "a.sqlite3")
    assert lines.format == "Open Charge Map POIs (JSON, one object per line)"
    assert (lines.imported, lines.skipped_total, lines.invalid_total) == (80, 3, 1)
    assert lines.invalid == [(16, "no Connections (nothing to charge at)")]
    single = tmp_path / "OCM-118241.json"
    single.write_text(json.dumps(next(p for p in sample if p["ID"] == 118241)), "utf-8")
    one = import_file(single, tmp_path / "b.sqlite3")
    assert one.format == "Open Charge Map POI (JSON, one object)"
    assert one.imported == 1
    # The one-per-line file and the list give the same index content.
    listed = tmp_path / "c.sqlite3"
    import_file(tmp_path / "export.json", listed)
    assert index_stats(listed).locations == index_stats(tmp_path / "a.sqlite3").locations == 80


def test_a_folder_of_ocm_files_with_a_truncated_one_and_a_repeat(
    sample: list[POI], tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "data", sample[:20])
    (folder / "105" / "OCM-999999.json").write_text('{"ID": 999999, "AddressInfo": {"Lat', "utf-8")
    repeat = dict(sample[0])
    (folder / "zz").mkdir()
    (folder / "zz" / "OCM-1.json").write_text(json.dumps(repeat), "utf-8")
    (folder / "README.md").write_text("not a POI", "utf-8")
    report = import_file(folder, tmp_path / "f.sqlite3")
    assert report.format == "Open Charge Map POI files (a folder of 22 OCM-*.json)"
    assert report.position_word == "file"
    reasons = [reason for _, reason in report.invalid]
    assert "105/OCM-999999.json: the JSON breaks off (a truncated file)" in reasons
    assert report.skipped["repeats an ID already read in this file"] == 1
    mapped = report.imported + report.skipped_total + report.invalid_total
    assert mapped == 22
    result = run("data", "import", str(folder), "--db", str(tmp_path / "g.sqlite3"))
    assert result.exit_code == 0, result.output
    assert "file " in result.stdout and "OCM-999999.json" in result.stdout


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.pop("AddressInfo"), "no AddressInfo"),
        (lambda p: p["AddressInfo"].update(Latitude=None), "AddressInfo.Latitude is missing"),
        (lambda p: p["AddressInfo"].update(Longitude=200), "Longitude 200 is out of range"),
        (lambda p: p.update(StatusTypeID=77), "StatusTypeID 77 is not in OCM's reference data"),
        (lambda p: p.update(UsageTypeID=77), "UsageTypeID 77 is not in OCM's reference data"),
        (lambda p: p.update(Connections=[]), "no Connections"),
        (lambda p: p.update(ID="x"), "ID 'x' is not a whole number"),
    ],
)
def test_malformed_pois_are_skipped_and_counted_with_reasons(
    sample: list[POI], tmp_path: Path, change: Any, reason: str
) -> None:
    pois = json.loads(json.dumps(sample[:5]))
    change(pois[2])
    path = tmp_path / "pois.json"
    path.write_text(json.dumps(pois), "utf-8")
    report = import_file(path, tmp_path / "m.sqlite3")
    assert report.imported == 4
    [(position, said)] = report.invalid
    assert position == 3 and reason in said


def test_duplicate_ids_are_counted(sample: list[POI], tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.json", [*sample[:3], sample[1]])
    report = import_file(path, tmp_path / "d.sqlite3")
    assert report.imported == 3
    assert report.skipped["repeats an ID already read in this file"] == 1


@pytest.mark.parametrize("shape", ["list", "lines"])
def test_a_truncated_file_leaves_the_previous_index_whole(
    sample: list[POI], andorra: list[POI], tmp_path: Path, shape: str
) -> None:
    db = tmp_path / "t.sqlite3"
    import_file(write_lines(tmp_path / "andorra.json", andorra), db)
    before = digest(db)
    newer = [dict(p, UsageCost="changed") for p in andorra] + sample
    lines = "".join(json.dumps(p) + "\n" for p in newer)
    text = json.dumps(newer) if shape == "list" else lines
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) * 2 // 3], "utf-8")
    with pytest.raises(IncompleteFile, match="Nothing in the index was changed"):
        import_file(path, db)
    assert digest(db) == before
    result = run("data", "import", str(path), "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert digest(db) == before


def test_pois_fed_by_a_sync_use_the_same_path(sample: list[POI], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    report = import_pois(iter(sample), db, origin="Open Charge Map API (test)")
    assert (report.imported, report.skipped_total, report.invalid_total) == (80, 3, 1)
    assert report.source == "ocm"
    before = digest(db)

    def failing() -> Iterator[POI]:
        yield from (dict(p, UsageCost="changed") for p in sample[:10])
        raise ImportFailed("The download from Open Charge Map broke off.")

    with pytest.raises(ImportFailed, match="broke off"):
        import_pois(failing(), db, origin="Open Charge Map API (test)")
    assert digest(db) == before
    # A later run that lists a POI as removed takes it out of the index.
    removed = dict(sample[0], StatusTypeID=200)
    again = import_pois([removed], db, origin="Open Charge Map API (test)")
    assert again.removed == 1


def test_licences_other_than_ocms_are_reported_and_credited(
    sample: list[POI], tmp_path: Path
) -> None:
    pois = json.loads(json.dumps(sample[:4]))
    pois[1]["DataProviderID"] = 26  # Oplaadpalen.nl: CC BY-NC-SA 3.0
    pois[2]["DataProviderID"] = 18  # UK National Charge Point Registry: OGL v2.0
    db = tmp_path / "l.sqlite3"
    report = import_pois(pois, db, origin="test")
    text = "\n".join(report.summary_lines())
    assert "1 records are under a NON-COMMERCIAL licence (Oplaadpalen.nl" in text
    assert "UK National Charge Point Registry" in text
    provider = LocalProvider(db)
    try:
        nl = provider.location(2_000_000_000 + pois[1]["ID"])
        assert nl.credits[0] == OCM_CREDIT and "NonCommercial" in nl.credits[1]
        plain = provider.location(2_000_000_000 + pois[0]["ID"])
        assert plain.credits == [OCM_CREDIT]
    finally:
        provider.close()


# --- on the cards ----------------------------------------------------------------------------


def test_check_ins_and_photos_come_back_from_the_index(provider: LocalProvider) -> None:
    [location] = provider.nearby(64.14209, -21.91457, Filters(), 100, 1)
    assert location.id == 2_000_118_241
    assert [r.id for r in location.reviews] == [22187, 21713, 20822]  # newest first
    assert [int(r.rating) for r in location.reviews] == [
        ReviewRating.PROBLEM, ReviewRating.POSITIVE, ReviewRating.POSITIVE
    ]  # fmt: skip
    assert location.reviews[1].user is not None
    assert location.reviews[1].user.display_name == "Charlie"
    assert [p.id for p in location.photos] == [17803]
    assert location.credits == [OCM_CREDIT]
    assert provider.location(location.id).reviews == location.reviews


def test_cards_show_the_newest_three_real_check_ins(ocm_index: Path) -> None:
    # Hotel in Luxembourg (OCM 32022) has four check-ins; the card shows the newest three.
    result = run("ask", "near 49.62244,6.04822 top 1", "--db", str(ocm_index))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Open Charge Map contributors, CC BY-SA 4.0" in text
    assert "latest 3 of 4" in text
    assert "Charged · " in text and "years ago · Sbrimmers: “Require now regestration" in text
    assert "Charged · " in text and "Thierry" in text
    assert "Tip · " in text and "Simon: “updated usage information" in text  # a comment
    assert "arturo" not in text  # the oldest is not on the card


def test_every_answer_with_ocm_data_credits_it(ocm_index: Path) -> None:
    result = run("ask", "near 42.5063,1.5218", "--db", str(ocm_index), "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert "Open Charge Map contributors, CC BY-SA 4.0" in answer["attribution"]


def test_an_index_from_before_check_ins_reads_and_then_upgrades(
    sample: list[POI], tmp_path: Path
) -> None:
    """An index file written by the previous ChargeBot (format 1, no check-in tables)."""
    db = tmp_path / "old.sqlite3"
    import_pois(sample[:5], db, origin="first")
    conn = sqlite3.connect(db)
    for table in ("reviews", "photos", "credits", "site_links"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    provider = LocalProvider(db)
    try:
        [location] = provider.nearby(64.13150, -21.89468, Filters(), 50, 1)
        assert location.id == 2_000_016_596 and location.reviews == []
    finally:
        provider.close()
    import_pois(sample[:5], db, origin="again")  # the import adds the tables
    provider = LocalProvider(db)
    try:
        [location] = provider.nearby(64.13150, -21.89468, Filters(), 50, 1)
        assert [r.id for r in location.reviews] == [24882, 20818]
    finally:
        provider.close()


def test_the_slack_card_shows_check_ins_and_the_photo(ocm_index: Path) -> None:
    result = run("ask", "near 64.14209,-21.91457 top 1", "--db", str(ocm_index), "--format",
                 "blocks")  # fmt: skip
    assert result.exit_code == 0, result.output
    blocks = json.loads(result.stdout)["blocks"]
    [card] = [b for b in blocks if b["type"] == "section" and "Grettisgata" in b["text"]["text"]]
    assert card["accessory"]["image_url"].endswith("OCM-118241.thmb.2019031909105038.jpg")
    texts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    checkins = next(t for t in texts if "Charged" in t)
    assert checkins.splitlines()[0].startswith("⚠️ Problem: Permanently closed · ")
    assert "years ago · Charlie: “leftmost station has a tendency to be stuck" in checkins
    assert any("Open Charge Map contributors, CC BY-SA 4.0" in t for t in texts)
