"""The ``chargebot data`` commands' work, with progress bars; ``bot/cli.py`` only parses options.

Each function prints to the terminal and returns the process exit status, so
``chargebot ask`` can run :func:`run_sync` itself when it finds the index empty.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import click

from bot.config import Settings
from bot.opendata.formats import ImportFailed, ocm_files
from bot.opendata.importer import ImportReport, Progress, import_file
from bot.opendata.schema import IndexUnreadable
from bot.opendata.stats import index_stats, stats_lines
from bot.opendata.sync import SyncProgress, sync_afdc


class Bar:
    """A click progress bar that may be started later, with or without a known length."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Any = None  # click's ProgressBar type is private
        self._bytes = 0

    def start(self, length: int | None) -> None:
        if length:
            self._bar = click.progressbar(length=length, label=self.label, file=sys.stderr)
            self._bar.__enter__()

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)
            return
        self._bytes += n
        if sys.stderr.isatty():
            click.echo(f"\r{self.label} {self._bytes / 1e6:,.1f} MB", nl=False, err=True)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        elif self._bytes and sys.stderr.isatty():
            click.echo(err=True)


@contextmanager
def _bar(label: str, length: int | None = None) -> Iterator[Bar]:
    bar = Bar(label)
    if length is not None:
        bar.start(length)
    try:
        yield bar
    finally:
        bar.finish()


def _reported(run: Callable[[], ImportReport], db_path: Path) -> int:
    """Run an import, print its report (or why it failed); the exit status."""
    try:
        report = run()
    except ImportFailed as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    for line in report.summary_lines():
        click.echo(line)
    click.echo(f"Index: {db_path}")
    return 0


def run_import(path: Path, db_path: Path) -> int:
    try:
        # A folder of OCM-*.json files counts files; a file counts bytes.
        size = len(ocm_files(path)) if path.is_dir() else path.stat().st_size
    except OSError:
        size = 0

    def run() -> ImportReport:
        with _bar(f"Importing {path.name}", size or None) as bar:
            progress: Progress = bar.update
            return import_file(path, db_path, progress=progress)

    return _reported(run, db_path)


@contextmanager
def sync_bars() -> Iterator[SyncProgress]:
    """A download bar, then an import bar, for one download-and-import."""
    download = Bar("Downloading")
    importing = Bar("Importing")

    def begin_import(size: int) -> None:
        download.finish()
        importing.start(size)

    try:
        yield SyncProgress(download.start, download.update, begin_import, importing.update)
    finally:
        download.finish()
        importing.finish()


def run_download(
    db_path: Path,
    what: str,
    bars: Callable[[], AbstractContextManager[SyncProgress]],
    download: Callable[[SyncProgress], ImportReport],
) -> int:
    """Say what is downloaded, run it with progress bars, report; the exit status."""
    click.echo(f"Downloading {what}...")

    def run() -> ImportReport:
        with bars() as progress:
            return download(progress)

    return _reported(run, db_path)


def run_sync(settings: Settings, db_path: Path | None = None) -> int:
    db = Path(db_path or settings.db_path)
    return run_download(
        db,
        "the US station list from AFDC (this can take a few minutes)",
        sync_bars,
        lambda progress: sync_afdc(settings, db, **progress.callbacks()),  # type: ignore[arg-type]
    )


def run_stats(db_path: Path) -> int:
    try:
        stats = index_stats(db_path)
    except IndexUnreadable as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    for line in stats_lines(stats):
        click.echo(line)
    return 0
