"""Build the shipped US ZIP table (``bot/geo/data/us_zips.tsv``) from the ``zipcodes`` package.

    python -m bot.geo.postal_table          # rewrite the table (after upgrading zipcodes)

The ``zipcodes`` package loads and parses all of its 42,000 entries (about 0.25 s
and 38 MB) before answering one lookup; a chat bot answering "CCS near 10036" in a
fresh process would pay that every time. The table keeps only what a lookup needs,
one line per ZIP that has a position (``zip``, latitude, longitude, "City, ST"),
sorted, about 1.3 MB: :mod:`bot.geo.postal` finds a ZIP in it with one substring
search. ``tests/geo/test_postal_table.py`` checks it equals what ``zipcodes`` says.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

TABLE: Final = Path(__file__).resolve().parent / "data" / "us_zips.tsv"


def lines() -> list[str]:
    """The table's lines: a header naming its source, then one line per ZIP with a position."""
    import zipcodes  # only here: the table is built once, then shipped

    out = [f"# US ZIP codes from the zipcodes package {_version()}; zip, lat, lng, place"]
    for zip_code in sorted({entry["zip_code"] for entry in zipcodes.list_all()}):
        for entry in zipcodes.matching(zip_code):
            latitude, longitude = float(entry["lat"]), float(entry["long"])
            if latitude == 0.0 and longitude == 0.0:
                continue  # military (APO/FPO) ZIPs carry no position
            place = ", ".join(part for part in (entry["city"].title(), entry["state"]) if part)
            out.append(f"{zip_code}\t{entry['lat']}\t{entry['long']}\t{place}")
            break
    return out


def _version() -> str:
    from importlib.metadata import version

    return version("zipcodes")


def main() -> None:
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines()) + "\n"
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({len(text.splitlines()) - 1:,} ZIPs, {len(text) / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
