"""The smaller risks the fault probe found (issue 12, item 10), one test (or two) each.

- a NUL or other control character in text a person submits (a check-in comment)
  raised psycopg.DataError on PostgreSQL: it is stripped before it is stored;
- ``--format json`` passed bidi overrides and zero-width marks through;
- any http(s) ``url`` in an imported PlugShare file became the card's name link, and
  http thumbnails were shown: only https links on the data sources' hosts are used;
- ``forget me`` text stayed in SQLite's write-ahead log until a checkpoint;
- ``top -1`` answered one result; a radius beyond the limit must be said, not capped
  silently;
- ``1e309 m`` read as 309 m.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from opendata.afdc_files import write_json
from support.answers import plugshare_answer
from support.state_db import BACKENDS, url_for

from bot.cli import main
from bot.geo.place import Place
from bot.opendata.importer import import_file
from bot.plugshare.enums import ReviewRating
from bot.query import parse_query
from bot.render.data import render_json
from bot.render.slack import render_message
from bot.render.text import render_text
from bot.state import StateStore
from bot.state.records import StoredPlace

HIDDEN = ["\x00", "\x1b", "\u202e", "\u2066", "\u200b", "\u200f", "\ufeff"]


# --- control characters in submitted text ------------------------------------------


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> StateStore:
    state = StateStore(url_for(request.param, tmp_path), timeout=5.0)
    yield state  # type: ignore[misc]
    state.close()


def test_a_nul_in_a_check_in_comment_is_stripped_not_an_error(store: StateStore) -> None:
    checkin = store.add_checkin(
        "T1", data_source="local", location_id=42, user_id="U1",
        user_name="Bob\x00 \u202eEvil", rating=ReviewRating.POSITIVE,
        comment="Worked\x00 fine\u200b \x1b[31mred",
    )  # fmt: skip
    assert checkin.comment == "Worked fine [31mred"
    [stored] = store.list_checkins("T1", "local", 42)
    assert stored.comment == "Worked fine [31mred"
    assert stored.user_name == "Bob Evil"


def test_a_nul_in_a_saved_place_is_stripped(store: StateStore) -> None:
    place = StoredPlace("1 Main\x00 St", Place("1 Main St,\x00 Albany", 42.65, -73.75))
    saved = store.save_place("T1", "U1", "wo\x00rk", place)
    assert saved.name == "work"
    [found] = store.list_places("T1", "U1")
    assert found.name == "work" and found.place.text == "1 Main St"
    assert "\x00" not in found.place.name


# --- JSON output, links and thumbnails from imported data ---------------------------


def _hostile_plugshare_file(tmp_path: Path) -> Path:
    location = {
        "id": 777,
        "name": "Free\u202e gnigrahc\u200b Station",
        "description": "Open\u2066 24/7\x1b[2J",
        "url": "https://evil.example/phish",
        "latitude": 40.7506,
        "longitude": -73.9935,
        "access": 1,
        "stations": [{"id": 1, "available": 1, "outlets": [{"id": 1, "connector": 13}]}],
    }
    return write_json(tmp_path / "ps.json", [location])


def test_json_output_drops_bidi_overrides_and_zero_width_marks(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    import_file(_hostile_plugshare_file(tmp_path), db)
    result = CliRunner().invoke(
        main, ["ask", "near 40.7506,-73.9935", "--provider", "local", "--db", str(db),
               "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [location] = data["locations"]
    assert location["name"] == "Free gnigrahc Station"
    assert location["description"] == "Open 24/7[2J"
    for char in HIDDEN:
        assert char not in result.stdout and json.dumps(char)[1:-1] not in result.stdout


def test_an_imported_url_off_the_sources_hosts_is_not_the_name_link(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    import_file(_hostile_plugshare_file(tmp_path), db)
    for output in ("blocks", "text"):
        result = CliRunner().invoke(
            main, ["ask", "near 40.7506,-73.9935", "--provider", "local", "--db", str(db),
                   "--format", output],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "evil.example" not in result.stdout


def test_only_https_photos_on_the_sources_hosts_become_thumbnails() -> None:
    answer = plugshare_answer()
    location = answer.locations[0]
    photo = location.photos[0]
    cases = {
        "http://photos.plugshare.com/photos/1_thumb.jpg": False,  # not https
        "https://tracker.example/pixel.gif": False,  # not a source's host
        "https://photos.plugshare.com.evil.example/x.jpg": False,
        "https://photos.plugshare.com/photos/1_thumb.jpg": True,
        "https://media.openchargemap.io/x.jpg": True,
    }
    for url, shown in cases.items():
        location.photos = [photo.model_copy(update={"thumbnail": url, "url": url})]
        blocks = json.dumps(render_message(answer))
        assert (url in blocks) is shown, url


def test_an_http_page_from_plugshare_falls_back_to_its_https_page() -> None:
    answer = plugshare_answer()
    answer.locations[0].url = "http://api.plugshare.com/view/location/20841"
    text = render_text(answer)
    assert "http://api.plugshare.com" not in text
    assert f"https://www.plugshare.com/location/{answer.locations[0].id}" in text
    assert "http://" not in json.dumps(render_json(answer)["locations"][0]["photos"])


# --- forget me leaves nothing in the write-ahead log ---------------------------------


def test_forget_me_leaves_no_copy_in_the_sqlite_files(tmp_path: Path) -> None:
    url = url_for("sqlite", tmp_path)
    secret = "my-door-code-is-4711-xyzzy"
    store = StateStore(url, timeout=5.0)
    try:
        store.add_checkin(
            "T1", data_source="local", location_id=1, user_id="U1",
            user_name="Bob", rating=ReviewRating.POSITIVE, comment=secret,
        )  # fmt: skip
        place = StoredPlace(secret, Place(secret, 1.0, 2.0))
        store.save_place("T1", "U1", secret[:20], place)
        store.forget_user("T1", "U1")
        files = sorted((tmp_path / "state").glob("state.sqlite3*"))
        assert files, "no state files"
        for path in files:
            assert secret.encode() not in path.read_bytes(), path.name
    finally:
        store.close()


# --- counts and distances ------------------------------------------------------------


@pytest.mark.parametrize("text", ["CCS near Albany top -1", "top -3 CCS near Albany"])
def test_a_negative_count_is_ignored_and_said(text: str) -> None:
    query = parse_query(text)
    assert query.filters.count is None
    assert any("-" in ignored for ignored in query.ignored)


@pytest.mark.parametrize(
    ("text", "radius"),
    [
        ("CCS within 1e309 m of Albany", None),
        ("CCS within 1e3 m of Albany", 1000.0),
        ("CCS within -5 miles of Albany", None),
    ],
)
def test_numbers_with_an_exponent_or_a_sign_are_read_whole(text: str, radius: float | None) -> None:
    query = parse_query(text)
    assert query.filters.radius_m == radius
    assert query.place == "Albany"
    if radius is None:
        assert query.ignored, "an unusable radius must be reported"


def test_a_radius_beyond_the_limit_is_said_not_capped_silently(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    import_file(_hostile_plugshare_file(tmp_path), db)
    result = CliRunner().invoke(
        main, ["ask", "CCS within 99999 miles of 40.7506,-73.9935", "--provider", "local",
               "--db", str(db)],
    )  # fmt: skip
    assert "I can search at most 31 mi" in result.stdout
