"""The ``chargebot data`` commands' work, with progress bars; ``bot/cli.py`` only parses options.

Each function prints to the terminal and returns the process exit status, so
``chargebot ask`` can run :func:`run_sync` itself when it finds the index empty.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import click

from bot.config import Settings
from bot.opendata.first_fill import SyncProgress, default_steps, fill_index
from bot.opendata.formats import ImportFailed, ocm_files
from bot.opendata.importer import ImportReport, Progress, import_file
from bot.opendata.schema import IndexUnreadable
from bot.opendata.stats import index_stats, stats_lines
from bot.opendata.sync import sync_afdc


class _Bar:
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
def _bar(label: str, length: int | None = None) -> Iterator[_Bar]:
    bar = _Bar(label)
    if length is not None:
        bar.start(length)
    try:
        yield bar
    finally:
        bar.finish()


def _print_report(report: ImportReport) -> None:
    for line in report.summary_lines():
        click.echo(line)


def run_import(path: Path, db_path: Path) -> int:
    try:
        # A folder of OCM-*.json files counts files; a file counts bytes.
        size = len(ocm_files(path)) if path.is_dir() else path.stat().st_size
    except OSError:
        size = 0
    try:
        with _bar(f"Importing {path.name}", size or None) as bar:
            progress: Progress = bar.update
            report = import_file(path, db_path, progress=progress)
    except ImportFailed as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    _print_report(report)
    click.echo(f"Index: {db_path}")
    return 0


@contextmanager
def _sync_bars() -> Iterator[SyncProgress]:
    """A download bar, then an import bar, for one download-and-import."""
    download = _Bar("Downloading")
    importing = _Bar("Importing")

    def begin_import(size: int) -> None:
        download.finish()
        importing.start(size)

    try:
        yield SyncProgress(download.start, download.update, begin_import, importing.update)
    finally:
        download.finish()
        importing.finish()


def run_sync(settings: Settings, db_path: Path | None = None) -> int:
    db_path = Path(db_path or settings.db_path)
    click.echo("Downloading the US station list from AFDC (this can take a few minutes)...")
    try:
        with _sync_bars() as progress:
            report = sync_afdc(settings, db_path, **progress.callbacks())  # type: ignore[arg-type]
    except ImportFailed as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    _print_report(report)
    click.echo(f"Index: {db_path}")
    return 0


def run_first_fill(settings: Settings, db_path: Path | None = None) -> bool:
    """Fill an empty index before the first answer, reporting on stderr; True when filled.

    stdout stays the answer's alone (``chargebot ask --format json`` pipes it).
    """
    names = " and ".join(default_steps(settings))
    click.echo(
        f"The local station index is empty, so ChargeBot is downloading open station data "
        f"({names}) first; this takes a few minutes, once.",
        err=True,
    )

    def progress_for(name: str) -> AbstractContextManager[SyncProgress]:
        click.echo(f"{name}:", err=True)
        return _sync_bars()

    report = fill_index(settings, db_path, progress_for=progress_for)
    for line in report.lines():
        click.echo(line, err=True)
    return report.filled


def run_stats(db_path: Path) -> int:
    try:
        stats = index_stats(db_path)
    except IndexUnreadable as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    for line in stats_lines(stats):
        click.echo(line)
    return 0
