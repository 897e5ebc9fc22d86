"""Fixtures for the open-data index tests: the real NY export, imported once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.opendata.importer import ImportReport, import_file
from bot.providers.local import LocalProvider


@pytest.fixture(scope="session")
def ny_csv(shared_data: Path) -> Path:
    return shared_data / "afdc" / "ny.csv"


@pytest.fixture(scope="session")
def ny_import(ny_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    db = tmp_path_factory.mktemp("ny-index") / "ny.sqlite3"
    return db, import_file(ny_csv, db)


@pytest.fixture(scope="session")
def ny_index(ny_import: tuple[Path, ImportReport]) -> Path:
    return ny_import[0]


@pytest.fixture(scope="session")
def ny_provider(ny_index: Path) -> Iterator[LocalProvider]:
    provider = LocalProvider(ny_index)
    yield provider
    provider.close()
