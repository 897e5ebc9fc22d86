"""What the index holds: counts by network and connector, and how old the data is."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from bot.ocm.source import OCM_CREDIT, OCM_CREDIT_LINKED
from bot.opendata.extras import has_extras
from bot.opendata.schema import open_for_read, read_error
from bot.plugshare.enums import connector_label

SOURCE_NAMES = {
    "afdc": "U.S. DOE Alternative Fuels Data Center (AFDC)",
    "plugshare": "PlugShare export",
    "ocm": OCM_CREDIT,
}
#: How an answer credits the source of the locations it shows: name and licence.
ANSWER_CREDITS = {
    "afdc": f"{SOURCE_NAMES['afdc']}, public domain",
    "plugshare": SOURCE_NAMES["plugshare"],
    "ocm": OCM_CREDIT_LINKED,
}


@dataclass(frozen=True, slots=True)
class SourceAge:
    source: str
    locations: int
    #: The newest "last confirmed" / "updated" date among the source's stations.
    data_as_of: date | None
    last_import_at: datetime | None
    last_import_origin: str | None

    def describe(self, today: date | None = None) -> str:
        today = today or datetime.now(UTC).date()
        if self.data_as_of is not None:
            days = (today - self.data_as_of).days
            text = f"data as of {self.data_as_of.isoformat()} ({_days(days)} old)"
        else:
            text = "data date unknown (the file carries none)"
        if self.last_import_at is not None:
            text += f", imported {self.last_import_at.date().isoformat()}"
        return text


@dataclass
class IndexStats:
    path: Path
    locations: int = 0
    stations: int = 0
    outlets: int = 0
    #: (network name or "No network", locations, stations), most stations first
    by_network: list[tuple[str, int, int]] = field(default_factory=list)
    #: (connector label, locations, outlets), most outlets first
    by_connector: list[tuple[str, int, int]] = field(default_factory=list)
    #: locations none of whose stations lists a connector
    unknown_connectors: int = 0
    sources: list[SourceAge] = field(default_factory=list)
    #: locations shown as another source's location of the same site (merged sites)
    merged: int = 0
    #: check-ins and photos the index holds
    checkins: int = 0
    photos: int = 0


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{max(days, 0):,} days"


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def source_ages(conn: sqlite3.Connection) -> list[SourceAge]:
    ages = []
    for source, count, newest in conn.execute(
        "SELECT source, count(*), max(updated_at) FROM locations GROUP BY source ORDER BY source"
    ):
        last = conn.execute(
            "SELECT finished_at, origin FROM imports WHERE source = ? ORDER BY id DESC LIMIT 1",
            (source,),
        ).fetchone()
        newest_time = _parse_time(newest)
        ages.append(
            SourceAge(
                source=source,
                locations=count,
                data_as_of=newest_time.date() if newest_time else None,
                last_import_at=_parse_time(last[0]) if last else None,
                last_import_origin=last[1] if last else None,
            )
        )
    return ages


def index_stats(path: Path) -> IndexStats:
    """Raises IndexUnreadable (IndexDamaged for a corrupt file)."""
    stats = IndexStats(path=path)
    conn = open_for_read(path)
    if conn is None:
        return stats
    try:
        _fill(stats, conn)
    except sqlite3.Error as error:
        raise read_error(path, error) from None
    finally:
        conn.close()
    return stats


def _fill(stats: IndexStats, conn: sqlite3.Connection) -> None:
    stats.locations = conn.execute("SELECT count(*) FROM locations").fetchone()[0]
    stats.stations = conn.execute("SELECT count(*) FROM stations").fetchone()[0]
    stats.outlets = conn.execute("SELECT count(*) FROM outlets").fetchone()[0]
    stats.by_network = [
        (name or "No network", locations, stations)
        for name, locations, stations in conn.execute(
            "SELECT network_name, count(DISTINCT location_id), count(*) FROM stations "
            "GROUP BY network_name ORDER BY 3 DESC, 1"
        )
    ]
    stats.by_connector = [
        (connector_label(connector, power), locations, outlets)
        for connector, power, locations, outlets in conn.execute(
            "SELECT connector, power, count(DISTINCT location_id), count(*) FROM outlets "
            "GROUP BY connector, power ORDER BY 4 DESC, 1, 2"
        )
    ]
    stats.unknown_connectors = conn.execute(
        "SELECT count(*) FROM locations WHERE outlet_mask = 0 AND NOT EXISTS "
        "(SELECT 1 FROM outlets o WHERE o.location_id = locations.id)"
    ).fetchone()[0]
    stats.sources = source_ages(conn)
    if has_extras(conn):
        stats.merged = conn.execute("SELECT count(*) FROM site_links").fetchone()[0]
        stats.checkins = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
        stats.photos = conn.execute("SELECT count(*) FROM photos").fetchone()[0]


def stats_lines(stats: IndexStats, today: date | None = None) -> list[str]:
    if stats.locations == 0:
        return [
            f"The station index at {stats.path} is empty.",
            "Fill it with: chargebot data sync afdc   (or: chargebot data import FILE)",
        ]
    lines = [
        f"Station index: {stats.path}",
        f"  {stats.locations:,} locations, {stats.stations:,} stations (ports), "
        f"{stats.outlets:,} outlets",
        "",
        "Sources:",
    ]
    for age in stats.sources:
        name = SOURCE_NAMES.get(age.source, age.source)
        lines.append(f"  {name}: {age.locations:,} locations, {age.describe(today)}")
    if stats.merged:
        what = "location is an AFDC site" if stats.merged == 1 else "locations are AFDC sites"
        lines.append(
            f"  Merged sites: {stats.merged:,} Open Charge Map {what} too, "
            f"shown once ({stats.locations - stats.merged:,} sites in all)"
        )
    if stats.checkins or stats.photos:
        lines.append(f"  Check-ins: {stats.checkins:,}; photos: {stats.photos:,}")
    width = max(len(name) for name, *_ in stats.by_network)
    lines += ["", "By network:", f"  {'network':<{width}}  {'locations':>9}  {'stations':>8}"]
    lines += [f"  {n:<{width}}  {loc:>9,}  {st:>8,}" for n, loc, st in stats.by_network]
    lines += ["", "By connector:"]
    rows = list(stats.by_connector)
    if stats.unknown_connectors:
        rows.append(("Unknown (not in the data)", stats.unknown_connectors, 0))
    width = max((len(name) for name, *_ in rows), default=9)
    lines.append(f"  {'connector':<{width}}  {'locations':>9}  {'outlets':>8}")
    lines += [f"  {n:<{width}}  {loc:>9,}  {out:>8,}" for n, loc, out in rows]
    return lines
