"""The shipped ZIP table is exactly what the zipcodes package says, and lookups read it."""

from __future__ import annotations

import random

import zipcodes

from bot.geo import postal
from bot.geo.place import PlaceKind
from bot.geo.postal_table import TABLE, lines


def test_the_shipped_table_is_current_with_the_zipcodes_package() -> None:
    # After upgrading zipcodes: python -m bot.geo.postal_table
    assert TABLE.read_text(encoding="utf-8").splitlines() == lines()


def test_lookups_agree_with_the_zipcodes_package() -> None:
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


def test_unknown_and_labelled_zips() -> None:
    assert postal.lookup("00000") is None
    assert isinstance(postal.lookup("ZIP 00000"), postal.UnknownZip)
    found = postal.lookup("10036-1234")
    assert found is not None and found.name == "10036 (New York, NY)"
