"""Download Open Charge Map POIs through its API and import them; later runs fetch changes only.

``chargebot data sync ocm [--country CC ...] [--bbox S,W,N,E]`` pages through
``/poi`` (OCM has no offsets: each page asks for ids above the last one seen),
writes the POIs one object per line (the shape of OCM's own export) to a
temporary file beside the index, and imports that file like any OCM export.

The first run for a scope downloads everything in it. A later run for the same
scope asks only for what changed since that run (``modifiedsince``, an hour
earlier than the last import finished, so an edit made while it ran is not
missed); a POI OCM has removed comes back with a removed status and the import
drops it. Nothing is pruned: one scope's sync never removes another's POIs.
The API key travels in the ``X-API-Key`` header only.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from bot.config import DEFAULT_OCM_URL, Settings
from bot.http_client import ServiceError
from bot.ocm.client import MAX_RESULTS, POI, BoundingBox, OcmClient
from bot.opendata.importer import ImportReport, IncompleteFile, Progress, import_file
from bot.opendata.schema import IndexUnreadable, open_for_read
from bot.opendata.sync import SyncFailed, download_file_beside
from bot.opendata.unreachable import Remote, unreachable_message

OCM: Final = Remote("Open Charge Map", "OCM_API_URL", DEFAULT_OCM_URL, "chargebot data sync ocm")

#: How much earlier than the last import's end the next "changed since" begins.
CHANGE_OVERLAP: Final = timedelta(hours=1)

#: Called after each page with the number of POIs downloaded so far.
PageProgress = Callable[[int], None]


@dataclass(frozen=True)
class OcmScope:
    """What to download: some countries, a box, or (neither) the whole world."""

    countries: tuple[str, ...] = ()
    bbox: BoundingBox | None = None

    def __post_init__(self) -> None:
        for code in self.countries:
            if len(code) != 2 or not code.isalpha():
                raise ValueError(f"{code!r} is not a two-letter country code such as GB or US")

    @property
    def origin(self) -> str:
        """The import's origin, also the key under which later runs find the last one."""
        parts = []
        if self.countries:
            parts.append("countries " + ", ".join(sorted({c.upper() for c in self.countries})))
        if self.bbox is not None:
            b = self.bbox
            parts.append(f"box {b.south:g},{b.west:g},{b.north:g},{b.east:g}")
        return f"Open Charge Map API ({'; '.join(parts) or 'whole world'})"


def last_sync(db_path: Path, origin: str) -> datetime | None:
    """When the last import from ``origin`` finished, if the index holds one."""
    try:
        conn = open_for_read(db_path)
    except IndexUnreadable:
        return None
    if conn is None:
        return None
    try:
        row = conn.execute(
            "SELECT max(finished_at) FROM imports WHERE origin = ?", (origin,)
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if not row or not row[0]:
        return None
    return datetime.fromisoformat(row[0].replace("Z", "+00:00"))


def download_pois(
    client: OcmClient,
    scope: OcmScope,
    destination: Path,
    *,
    modified_since: datetime | None = None,
    page_size: int = MAX_RESULTS,
    on_page: PageProgress | None = None,
) -> int:
    """Write every POI in ``scope`` to ``destination``, one JSON object a line; the count."""
    count = 0
    with destination.open("w", encoding="utf-8") as out:
        for poi in _pages(client, scope, modified_since, page_size):
            out.write(json.dumps(poi, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
            if on_page is not None and count % page_size == 0:
                on_page(count)
    if on_page is not None:
        on_page(count)
    return count


def _pages(
    client: OcmClient, scope: OcmScope, since: datetime | None, page_size: int
) -> Iterator[POI]:
    seen: set[int] = set()
    for country in scope.countries or (None,):
        last = 0
        while True:
            page = client.page(
                max_results=page_size, greater_than_id=last, country_code=country,
                bounding_box=scope.bbox, modified_since=since,
            )  # fmt: skip
            fresh = [poi for poi in page if poi["ID"] > last]
            for poi in fresh:
                if poi["ID"] not in seen:
                    seen.add(poi["ID"])
                    yield poi
            if len(page) < page_size or not fresh:
                break
            last = max(poi["ID"] for poi in fresh)


def sync_ocm(
    settings: Settings,
    db_path: Path | None = None,
    *,
    countries: Sequence[str] = (),
    bbox: BoundingBox | None = None,
    full: bool = False,
    client: OcmClient | None = None,
    on_page: PageProgress | None = None,
    on_import_start: Callable[[int], None] | None = None,
    on_import: Progress | None = None,
) -> ImportReport:
    """Fill or refresh the index at ``db_path`` (default ``settings.db_path``) from OCM.

    ``full`` downloads everything in scope even when an earlier sync would allow
    fetching changes only. Raises :class:`SyncFailed` (download, key) or
    ImportFailed with a message fit for the person who asked.
    """
    scope = OcmScope(tuple(countries), bbox)
    db_path = Path(db_path or settings.db_path).expanduser()
    since = None if full else last_sync(db_path, scope.origin)
    if since is not None:
        since -= CHANGE_OVERLAP
    download = download_file_beside(db_path, prefix="ocm-", suffix=".jsonl")
    own_client = client is None
    try:
        api = client or _client(settings)
        try:
            count = download_pois(api, scope, download, modified_since=since, on_page=on_page)
        except ServiceError as error:
            raise SyncFailed(_failure(error, api.base_url)) from None
        except OSError as error:
            raise SyncFailed(f"Could not save the download: {error.strerror or error}.") from None
        finally:
            if own_client:
                api.close()
        if count == 0:
            return _nothing_new(scope, since)
        if on_import_start is not None:
            on_import_start(download.stat().st_size)
        return import_file(download, db_path, progress=on_import, origin=scope.origin)
    except IncompleteFile as error:
        raise SyncFailed(
            f"The download from Open Charge Map is incomplete ({error.position}: "
            f"{error.reason}). Nothing in the index was changed; run the sync again later."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            download.unlink()


def _client(settings: Settings) -> OcmClient:
    from bot.config import ConfigError

    try:
        return OcmClient.from_settings(settings)
    except ConfigError as error:
        raise SyncFailed(str(error)) from None


def _failure(error: ServiceError, where: str) -> str:
    from bot.http_client import AuthenticationFailed, RateLimited, UpstreamUnavailable

    if isinstance(error, AuthenticationFailed):
        return (
            f"Open Charge Map refused the API key (HTTP {error.status_code}); check OCM_API_KEY "
            "(a free key from openchargemap.org, My Profile > My Apps). Nothing was changed."
        )
    if isinstance(error, RateLimited):
        return (
            "Open Charge Map's rate limit is reached (HTTP 429); nothing was changed. "
            "Try again later."
        )
    if isinstance(error, UpstreamUnavailable) and error.unreachable is not None:
        return unreachable_message(error.unreachable, OCM, where)
    return f"{error}; nothing in the index was changed. Check OCM_API_URL, or try again later."


def _nothing_new(scope: OcmScope, since: datetime | None) -> ImportReport:
    report = ImportReport(origin=scope.origin, format="Open Charge Map API", source="ocm")
    when = (since + CHANGE_OVERLAP).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if since else ""
    report.notes.append(
        f"nothing changed since the last sync ({when})" if since else "no POIs in this scope"
    )
    return report
