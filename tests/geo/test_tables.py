"""The shipped ZIP and airport tables are exactly what their packages say, and lookups read them."""

from __future__ import annotations

import random

import airportsdata
import zipcodes

from bot.geo import airports, postal
from bot.geo.place import PlaceKind
from bot.geo.tables import AIRPORTS, US_ZIPS, airport_lines, zip_lines


def test_the_shipped_tables_are_current_with_their_packages() -> None:
    # After upgrading zipcodes or airportsdata: python -m bot.geo.tables
    assert US_ZIPS.path.read_text(encoding="utf-8").splitlines() == zip_lines()
    assert AIRPORTS.path.read_text(encoding="utf-8").splitlines() == airport_lines()


def test_zip_lookups_agree_with_the_zipcodes_package() -> None:
    entries = zipcodes.list_all()
    rng = random.Random(42)
    checked = military = 0
    for entry in rng.sample(entries, 3000) + [e for e in entries if e["zip_code"] == "10036"]:
        postal._zip_candidate.cache_clear()
        found = postal.lookup(entry["zip_code"])
        if float(entry["lat"]) == 0.0 and float(entry["long"]) == 0.0:
            assert found is None  # APO/FPO: no position, so on to the geocoder
            military += 1
            continue
        assert found is not None and not isinstance(found, postal.UnknownZip)
        assert (found.latitude, found.longitude) == (float(entry["lat"]), float(entry["long"]))
        assert found.name == f"{entry['zip_code']} ({entry['city'].title()}, {entry['state']})"
        assert found.kind is PlaceKind.POSTAL_CODE and found.country_code == "US"
        checked += 1
    assert checked > 2900 and military > 0


def test_airport_lookups_agree_with_the_airportsdata_package() -> None:
    rng = random.Random(7)
    checked = 0
    for code_type in ("IATA", "ICAO"):
        table = airportsdata.load(code_type)
        for code in (
            rng.sample(sorted(table), 1500) + ["JFK", "KDEN"][: 1 if code_type == "IATA" else 2]
        ):
            entry = table.get(code)
            if entry is None or not code.isalpha() or code in {"USA", "UAE", "CCS", "AFDC"}:
                continue  # codes with digits, and words people mean otherwise, aren't looked up
            found = airports.lookup(code)
            assert found is not None, code
            assert found.name == f"{entry['name']} ({code})"
            assert (found.latitude, found.longitude) == (float(entry["lat"]), float(entry["lon"]))
            assert found.country_code == (entry["country"] or None)
            assert found.kind is PlaceKind.AIRPORT
            checked += 1
    assert checked > 2000


def test_unknown_codes_and_labelled_zips() -> None:
    assert postal.lookup("00000") is None
    assert isinstance(postal.lookup("ZIP 00000"), postal.UnknownZip)
    found = postal.lookup("10036-1234")
    assert found is not None and found.name == "10036 (New York, NY)"
    assert airports.lookup("QQQ") is None and airports.lookup("ZZZZ") is None
    assert US_ZIPS.row("1003") is None and US_ZIPS.row("10036\t") is None


def test_every_code_is_found_and_codes_between_neighbours_are_not() -> None:
    for table in (US_ZIPS, AIRPORTS):
        lines = table.path.read_text(encoding="utf-8").splitlines()[1:]
        codes = [line.split("\t", 1)[0] for line in lines]
        for code, line in zip(codes, lines, strict=True):
            assert table.row(code) == line.split("\t")[1:], code
        absent = {"", "0", "000", "!", "ZZZZZZ", "\u00e9t\u00e9", codes[0][:-1], codes[-1] + "A"}
        absent |= {code + "0" for code in codes[::97]} | {code[:-1] for code in codes[::89]}
        for code in sorted(absent - set(codes)):
            assert table.row(code) is None, code
