"""Download the current US station list from the AFDC API and import it.

One request (``limit=all``) for every electric station in the US, streamed to
a temporary file beside the index (the answer is hundreds of megabytes), then
imported like any AFDC API JSON file, with ``prune``: stations AFDC no longer
lists are removed. The import proves the download complete first (JSON read to
its end, as many stations as ``total_results`` announces); a download that is
not changes nothing and fails with :class:`SyncFailed` saying why. The API key
travels in the ``X-Api-Key`` header, never in a URL, so it cannot end up in a log
line or an error message.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

import httpx

from bot.config import Settings
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import ImportReport, IncompleteFile, Progress, import_file

#: Every electric station in the US, all statuses (planned ones are dropped at import,
#: and removed if an earlier sync had them open), public and private.
AFDC_QUERY: Final = {
    "fuel_type": "ELEC",
    "country": "US",
    "status": "all",
    "access": "all",
    "limit": "all",
}
_TIMEOUT: Final = httpx.Timeout(connect=10.0, read=180.0, write=30.0, pool=10.0)
_CHUNK: Final = 256 * 1024

#: Called once the response headers arrive, with the download size when known.
DownloadStart = Callable[[int | None], None]


class SyncFailed(ImportFailed):
    """The download failed; the message says why and what to do."""


def _public_url(url: str) -> str:
    return str(httpx.URL(url).copy_with(query=None))


def download_afdc(
    settings: Settings,
    destination: Path,
    *,
    on_start: DownloadStart | None = None,
    on_bytes: Progress | None = None,
) -> None:
    url = str(settings.afdc_url)
    where = _public_url(url)
    headers = {
        "X-Api-Key": settings.afdc_api_key.get_secret_value(),
        "Accept": "application/json",
        "User-Agent": "ChargeBot station sync",
    }
    try:
        with (
            httpx.Client(timeout=_TIMEOUT, follow_redirects=True) as client,
            client.stream("GET", url, params=AFDC_QUERY, headers=headers) as response,
        ):
            _check_status(response, where)
            length = response.headers.get("Content-Length")
            if on_start is not None:
                on_start(int(length) if length and length.isdigit() else None)
            with destination.open("wb") as out:
                seen = 0
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    if on_bytes is not None:
                        # Count bytes on the wire, so a compressed answer matches its length.
                        now = response.num_bytes_downloaded
                        on_bytes(now - seen)
                        seen = now
    except httpx.TimeoutException:
        raise SyncFailed(f"AFDC at {where} did not answer in time. Try again later.") from None
    except httpx.HTTPError as error:
        reason = type(error).__name__
        raise SyncFailed(f"Could not download from AFDC at {where} ({reason}).") from None
    except OSError as error:
        raise SyncFailed(f"Could not save the download: {error.strerror or error}.") from None


def _check_status(response: httpx.Response, where: str) -> None:
    code = response.status_code
    if code < 400:
        return
    if code in (401, 403):
        raise SyncFailed(
            f"AFDC refused the API key (HTTP {code}). Set CHARGEBOT_AFDC_API_KEY to your own "
            "key (free from the NREL developer network) or leave it unset for DEMO_KEY."
        )
    if code == 429:
        raise SyncFailed(
            "AFDC's rate limit is reached (HTTP 429; DEMO_KEY allows 30 requests an hour). "
            "Try again later, or set CHARGEBOT_AFDC_API_KEY to your own key."
        )
    raise SyncFailed(f"AFDC at {where} answered HTTP {code}. Try again later.")


def sync_afdc(
    settings: Settings,
    db_path: Path | None = None,
    *,
    on_download_start: DownloadStart | None = None,
    on_download: Progress | None = None,
    on_import_start: Callable[[int], None] | None = None,
    on_import: Progress | None = None,
) -> ImportReport:
    """Fill or refresh the index at ``db_path`` (default ``settings.db_path``) from AFDC.

    Raises :class:`SyncFailed` (download) or ImportFailed (the answer is not a
    station list) with a message fit for the person who asked.
    """
    db_path = Path(db_path or settings.db_path).expanduser()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="afdc-", suffix=".json", dir=db_path.parent)
    except OSError as error:
        raise SyncFailed(
            f"Cannot write beside the index at {db_path}: {error.strerror or error}."
        ) from None
    os.close(handle)
    download = Path(name)
    try:
        download_afdc(settings, download, on_start=on_download_start, on_bytes=on_download)
        if on_import_start is not None:
            on_import_start(download.stat().st_size)
        return import_file(
            download,
            db_path,
            progress=on_import,
            prune=True,
            origin=f"AFDC API ({_public_url(str(settings.afdc_url))})",
        )
    except IncompleteFile as error:
        raise SyncFailed(
            f"The download from AFDC is incomplete ({error.position}: {error.reason}). "
            "Nothing in the index was changed; run `chargebot data sync afdc` again later."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            download.unlink()
