"""The terminal side of ``chargebot data sync ocm`` and of the first fill of an empty index.

Above both the open-data index (:mod:`bot.opendata`) and Open Charge Map
(:mod:`bot.ocm`), which it combines; ``bot/cli.py`` only parses options. Output
goes to the terminal; progress bars to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import click

from bot.config import Settings
from bot.ocm.client import BoundingBox
from bot.opendata.commands import Bar, run_download, sync_bars
from bot.opendata.ocm_sync import OcmScope, sync_ocm
from bot.opendata.sync import SyncProgress
from bot.providers.first_fill import Near, default_steps, fill_index


def parse_bbox(text: str) -> BoundingBox:
    """``S,W,N,E`` in degrees (``--bbox``); ValueError with a message saying what is wrong."""
    parts = [part.strip() for part in text.split(",")]
    try:
        south, west, north, east = (float(part) for part in parts)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a box: give south,west,north,east in degrees, "
            "e.g. 42.42,1.40,42.66,1.79"
        ) from None
    return BoundingBox(south=south, west=west, north=north, east=east)


def run_sync_ocm(
    settings: Settings,
    db_path: Path | None = None,
    *,
    countries: Sequence[str] = (),
    bbox: BoundingBox | None = None,
    full: bool = False,
) -> int:
    db = Path(db_path or settings.db_path)
    scope = OcmScope(tuple(countries), bbox)
    return run_download(
        db,
        f"from {scope.origin}",
        _ocm_bars,
        lambda progress: sync_ocm(
            settings, db, countries=countries, bbox=bbox, full=full,
            **progress.ocm_callbacks(),  # type: ignore[arg-type]
        ),
    )  # fmt: skip


@contextmanager
def _ocm_bars() -> Iterator[SyncProgress]:
    """A count of POIs downloaded (OCM announces no total), then an import bar."""
    importing = Bar("Importing")
    counted = [0]

    def pages(count: int) -> None:
        counted[0] = count
        if sys.stderr.isatty():
            click.echo(f"\rDownloaded {count:,} POIs", nl=False, err=True)

    def begin_import(size: int) -> None:
        if counted[0] and sys.stderr.isatty():
            click.echo(err=True)
        importing.start(size)

    try:
        yield SyncProgress(on_pages=pages, on_import_start=begin_import, on_import=importing.update)
    finally:
        importing.finish()


def run_first_fill(
    settings: Settings, db_path: Path | None = None, near: Near | None = None
) -> bool:
    """Fill an empty index before the first answer, reporting on stderr; True when filled.

    stdout stays the answer's alone (``chargebot ask --format json`` pipes it).
    """
    names = " and ".join(default_steps(settings, near))
    click.echo(
        f"The local station index is empty, so ChargeBot is downloading open station data "
        f"({names}) first; this takes a few minutes, once.",
        err=True,
    )

    def progress_for(name: str) -> AbstractContextManager[SyncProgress]:
        click.echo(f"{name}:", err=True)
        return sync_bars()

    report = fill_index(settings, db_path, near=near, progress_for=progress_for)
    for line in report.lines():
        click.echo(line, err=True)
    return report.filled
