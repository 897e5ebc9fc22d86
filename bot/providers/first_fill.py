"""The first answer needs no separate step: an empty index fills itself from open data.

``chargebot ask`` (in the foreground, with progress bars) and ``chargebot serve``
(in the background, at start-up) call :func:`fill_index` when the local index is
empty: AFDC's US list with ``CHARGEBOT_AFDC_API_KEY`` (``DEMO_KEY`` by default),
and Open Charge Map too when ``OCM_API_KEY`` is set. When it cannot download
(no network, say), the report names the import command to run instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from bot.config import Settings
from bot.ocm.client import BoundingBox
from bot.opendata.formats import ImportFailed
from bot.opendata.importer import ImportReport
from bot.opendata.sync import SyncProgress, sync_afdc

log = logging.getLogger(__name__)

#: What to run instead when nothing could be downloaded.
IMPORT_INSTEAD: Final = (
    "Without a network, import a station file you already have instead: "
    "`chargebot data import FILE` (an AFDC CSV export, an Open Charge Map export or a "
    "PlugShare JSON file)."
)


#: One download-and-import step: the settings, the index path, progress callbacks.
Step = Callable[[Settings, Path, SyncProgress], ImportReport]


@dataclass
class FillReport:
    """What the fill did: reports of the sources that worked, one sentence per failure."""

    imported: dict[str, ImportReport] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def filled(self) -> bool:
        return any(report.imported for report in self.imported.values())

    def lines(self) -> list[str]:
        lines = [
            f"{name}: imported {r.imported:,} new locations, updated {r.updated:,}"
            for name, r in self.imported.items()
        ]
        lines.extend(self.problems)
        if not self.filled:
            lines.append(IMPORT_INSTEAD)
        return lines


def _afdc(settings: Settings, db: Path, progress: SyncProgress) -> ImportReport:
    return sync_afdc(settings, db, **progress.callbacks())  # type: ignore[arg-type]


@dataclass(frozen=True)
class Near:
    """The place asked about, when known: OCM is fetched for its country (or around it)."""

    latitude: float
    longitude: float
    country_code: str | None = None


def _ocm_near(near: Near | None) -> Step:
    """OCM for the country asked about (a 2-degree box when it is unknown), else everywhere."""
    countries: tuple[str, ...] = ()
    bbox = None
    if near is not None and near.country_code:
        countries = (near.country_code,)
    elif near is not None:
        bbox = BoundingBox(
            south=max(-90.0, near.latitude - 1), west=max(-180.0, near.longitude - 1),
            north=min(90.0, near.latitude + 1), east=min(180.0, near.longitude + 1),
        )  # fmt: skip

    def step(settings: Settings, db: Path, progress: SyncProgress) -> ImportReport:
        from bot.opendata.ocm_sync import sync_ocm

        return sync_ocm(
            settings, db, countries=countries, bbox=bbox,
            **progress.ocm_callbacks(),  # type: ignore[arg-type]
        )  # fmt: skip

    return step


def default_steps(settings: Settings, near: Near | None = None) -> dict[str, Step]:
    """The open data an empty index is filled with: AFDC's US list, and Open Charge Map
    (around ``near``, the place asked about, when known) with ``OCM_API_KEY`` set."""
    steps: dict[str, Step] = {"AFDC": _afdc}
    if settings.has_ocm_key:
        steps["Open Charge Map"] = _ocm_near(near)
    return steps


def fill_index(
    settings: Settings,
    db_path: Path | None = None,
    *,
    near: Near | None = None,
    progress_for: Callable[[str], AbstractContextManager[SyncProgress]] | None = None,
) -> FillReport:
    """Run each step (within ``progress_for(name)``, which gives its callbacks); a
    failing one is reported and the others still run."""
    db = Path(db_path or settings.db_path)
    report = FillReport()
    for name, step in default_steps(settings, near).items():
        progress = progress_for(name) if progress_for is not None else nullcontext(SyncProgress())
        try:
            with progress as callbacks:
                report.imported[name] = step(settings, db, callbacks)
        except ImportFailed as error:
            report.problems.append(str(error))
    return report


class BackgroundFill:
    """Fills an empty index on a daemon thread; ``loading`` is set while it runs.

    ``chargebot serve`` starts one at start-up, so Slack gets "the station list is
    loading" meanwhile instead of "the index is empty".
    """

    def __init__(
        self, settings: Settings, loading: threading.Event, db_path: Path | None = None
    ) -> None:
        self.settings = settings
        self.loading = loading
        self.db_path = Path(db_path or settings.db_path)
        self.report: FillReport | None = None
        self.thread = threading.Thread(target=self._run, name="first-fill", daemon=True)

    def start(self) -> BackgroundFill:
        self.loading.set()
        log.info("index.first_fill.start", extra={"index": str(self.db_path)})
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            self.report = fill_index(self.settings, self.db_path)
            for line in self.report.lines():
                log.log(logging.INFO if self.report.filled else logging.ERROR, line)
        except Exception:  # a crash must not leave Slack saying "loading" forever
            log.exception("index.first_fill.failed")
        finally:
            self.loading.clear()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)
