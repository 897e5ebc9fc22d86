"""Compact lookup tables shipped with ChargeBot: US ZIP codes and airport codes.

    python -m bot.geo.tables          # rebuild both (after upgrading zipcodes or airportsdata)

The packages they come from (``zipcodes``, ``airportsdata``) load and parse their whole
data set before answering one lookup: 0.25 s and 38 MB for the ZIPs, 0.1 s and
7 MB for the airports. A one-shot ``chargebot ask "CCS near 10036"`` would pay that
every time. These tables keep only what a lookup needs, one sorted line per code
(``code``, latitude, longitude, then text fields), tab-separated, in
``bot/geo/data/``; a lookup reads the file once (about a millisecond) and finds a
code by a binary search over its sorted lines. ``tests/geo/test_tables.py`` checks that each table
equals what its package says.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Final

DATA: Final = Path(__file__).resolve().parent / "data"


class ShippedTable:
    """One table file: ``row(code)`` is the code's fields after the code, or ``None``."""

    def __init__(self, name: str) -> None:
        self.path = DATA / name
        self._data: bytes | None = None
        self._lock = threading.Lock()

    def row(self, code: str) -> list[str] | None:
        if "\n" in code or "\t" in code:
            return None
        line = self._find(self._loaded(), code.encode("utf-8"))
        return None if line is None else line.decode("utf-8").split("\t")[1:]

    @staticmethod
    def _find(data: bytes, key: bytes) -> bytes | None:
        """The line whose code is ``key``: a binary search over the sorted lines.

        Lines are sorted by their whole text, which orders them by code, since a tab
        sorts before every character a code holds. Each step looks at the line that
        starts after the middle of the range: about 16 steps over 40,000 lines,
        tens of microseconds, where a substring search reads up to the whole file.
        """
        # Lines start after a "\n" in data[low:high]; a final "\n" starts no line.
        low, high = 0, len(data) - data.endswith(b"\n")
        while low < high:
            start = data.find(b"\n", (low + high) // 2, high)
            if start < 0:
                start = data.rfind(b"\n", low, high)
            if start < low:  # no line starts in the range
                return None
            end = data.find(b"\n", start + 1)
            end = len(data) if end < 0 else end
            tab = data.find(b"\t", start + 1, end)
            line_code = data[start + 1 : tab if tab >= 0 else end]
            if line_code == key:
                return data[start + 1 : end]
            if line_code < key:
                low = end
            else:
                high = start
        return None

    def _loaded(self) -> bytes:
        # Kept as bytes: as text, one accented airport name would make it 2-4 bytes a
        # character; only the row found is decoded.
        if self._data is None:
            with self._lock:
                if self._data is None:
                    # A leading line break lets every code be found as "\n{code}\t".
                    self._data = b"\n" + self.path.read_bytes()
        return self._data


US_ZIPS: Final = ShippedTable("us_zips.tsv")
AIRPORTS: Final = ShippedTable("airports.tsv")


def zip_lines() -> list[str]:
    """Header, then ``zip, lat, lng, "City, ST"`` for each ZIP with a position."""
    import zipcodes

    out = [f"# US ZIP codes from zipcodes {_version('zipcodes')}: zip, lat, lng, place"]
    by_zip: dict[str, list[dict[str, str]]] = {}
    for entry in zipcodes.list_all():  # what zipcodes.matching(zip) returns, for every zip
        by_zip.setdefault(entry["zip_code"], []).append(entry)
    for zip_code in sorted(by_zip):
        for entry in by_zip[zip_code]:
            latitude, longitude = float(entry["lat"]), float(entry["long"])
            if latitude == 0.0 and longitude == 0.0:
                continue  # military (APO/FPO) ZIPs carry no position
            place = ", ".join(part for part in (entry["city"].title(), entry["state"]) if part)
            out.append(f"{zip_code}\t{entry['lat']}\t{entry['long']}\t{place}")
            break
    return out


def airport_lines() -> list[str]:
    """Header, then ``code, lat, lon, country, name`` for each IATA (3) and ICAO (4) code."""
    import airportsdata

    out = [
        f"# Airports from airportsdata {_version('airportsdata')}: code, lat, lon, country, name"
    ]
    rows = []
    for code_type in ("IATA", "ICAO"):
        for code, entry in airportsdata.load(code_type).items():
            fields = (code, repr(entry["lat"]), repr(entry["lon"]), entry["country"] or "")
            rows.append("\t".join((*fields, entry["name"])))
    return out + sorted(rows)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for table, lines in ((US_ZIPS, zip_lines()), (AIRPORTS, airport_lines())):
        text = "\n".join(lines) + "\n"
        table.path.write_text(text, encoding="utf-8")
        print(f"wrote {table.path} ({len(lines) - 1:,} codes, {len(text) / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
