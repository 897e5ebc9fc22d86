"""Download the current US station list from the AFDC API and import it.

One request (``limit=all``) for every electric station in the US, through the shared
:class:`bot.http_client.ApiClient` (which retries a refused connection or a 502/503/504
before the body starts), streamed to a temporary file beside the index (the answer is
hundreds of megabytes), then
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
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx

from bot.config import DEFAULT_AFDC_URL, Settings
from bot.http_client import (
    ApiClient,
    AuthenticationFailed,
    NotFound,
    RateLimited,
    ServiceError,
    UpstreamUnavailable,
)
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import ImportReport, IncompleteFile, Progress, import_file
from bot.opendata.unreachable import Remote, unreachable_message, what_to_try

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


@dataclass
class SyncProgress:
    """Progress callbacks of one download-and-import (see :func:`sync_afdc`)."""

    on_download_start: DownloadStart | None = None
    on_download: Progress | None = None
    on_import_start: Callable[[int], None] | None = None
    on_import: Progress | None = None
    #: Downloads in pages (OCM): called with the number of records so far.
    on_pages: Callable[[int], None] | None = None

    def callbacks(self) -> dict[str, Callable[..., None] | None]:
        """For a single-request download (:func:`~bot.opendata.sync.sync_afdc`)."""
        return {
            "on_download_start": self.on_download_start,
            "on_download": self.on_download,
            "on_import_start": self.on_import_start,
            "on_import": self.on_import,
        }

    def ocm_callbacks(self) -> dict[str, Callable[..., None] | None]:
        """For a paged download (:func:`~bot.opendata.ocm_sync.sync_ocm`)."""
        return {
            "on_page": self.on_pages,
            "on_import_start": self.on_import_start,
            "on_import": self.on_import,
        }


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
    client = ApiClient(
        "AFDC",
        timeout=_TIMEOUT,
        headers={"X-Api-Key": settings.afdc_api_key.get_secret_value()},
        follow_redirects=True,
    )
    try:
        with client, client.stream("GET", url, params=AFDC_QUERY) as response:
            _check_not_a_web_page(response.headers.get("Content-Type", ""), where)
            length = response.headers.get("Content-Length")
            if on_start is not None:
                on_start(int(length) if length and length.isdigit() else None)
            with destination.open("wb") as out:
                seen = 0
                for chunk in response.iter_bytes(_CHUNK):
                    if out.tell() == 0:
                        _check_first_bytes(chunk, where)
                    out.write(chunk)
                    if on_bytes is not None:
                        # Count bytes on the wire, so a compressed answer matches its length.
                        now = response.num_bytes_downloaded
                        on_bytes(now - seen)
                        seen = now
    except ServiceError as error:
        raise SyncFailed(_failure_message(error, where)) from None
    except OSError as error:
        raise SyncFailed(f"Could not save the download: {error.strerror or error}.") from None


AFDC: Final = Remote(
    "AFDC",
    "CHARGEBOT_AFDC_URL",
    DEFAULT_AFDC_URL,
    "chargebot data sync afdc",
    moved="has moved again",
)


def _what_to_try(where: str) -> str:
    return what_to_try(AFDC, where)


def _failure_message(error: ServiceError, where: str) -> str:
    code = error.status_code
    if isinstance(error, AuthenticationFailed):
        return (
            f"AFDC refused the API key (HTTP {code}). Set CHARGEBOT_AFDC_API_KEY to your own "
            "key (free from the NLR developer network, developer.nlr.gov) or leave it unset "
            "for DEMO_KEY."
        )
    if isinstance(error, RateLimited):
        return (
            "AFDC's rate limit is reached (HTTP 429; DEMO_KEY allows 30 requests an hour). "
            "Try again later, or set CHARGEBOT_AFDC_API_KEY to your own key."
        )
    if isinstance(error, NotFound):
        gone = "is gone" if code == 410 else "is not there"
        return (
            f"The AFDC station API at CHARGEBOT_AFDC_URL ({where}) {gone} (HTTP {code}), "
            f"so the index is unchanged; {_what_to_try(where)}."
        )
    if isinstance(error, UpstreamUnavailable) and error.unreachable is not None:
        return unreachable_message(error.unreachable, AFDC, where)
    if code is not None:
        return f"AFDC at {where} answered HTTP {code}. Try again later."
    return f"Could not download from AFDC at {where} ({error}). Try again later."


def _web_page(where: str) -> SyncFailed:
    return SyncFailed(
        f"CHARGEBOT_AFDC_URL ({where}) answered with a web page, not AFDC station data, "
        f"so the index is unchanged; {_what_to_try(where)}."
    )


def _check_not_a_web_page(content_type: str, where: str) -> None:
    if "html" in content_type.lower():
        raise _web_page(where)


def _check_first_bytes(chunk: bytes, where: str) -> None:
    # A retired host's notice may come as text/plain or with no type at all.
    if chunk.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise _web_page(where)


def download_file_beside(db_path: Path, *, prefix: str, suffix: str) -> Path:
    """A new empty file beside the index for a download (same disk: no copy to import it)."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=db_path.parent)
    except OSError as error:
        raise SyncFailed(
            f"Cannot write beside the index at {db_path}: {error.strerror or error}."
        ) from None
    os.close(handle)
    return Path(name)


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
    download = download_file_beside(db_path, prefix="afdc-", suffix=".json")
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
