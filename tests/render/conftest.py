"""Fixtures for the renderer tests: realistic answers from tests/support/answers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import answers

from bot.search import Answer


@pytest.fixture(scope="session")
def ny_rows(shared_data: Path) -> dict[int, dict[str, str]]:
    return answers.read_ny_rows(shared_data)


@pytest.fixture
def afdc_answer(ny_rows: dict[int, dict[str, str]]) -> Answer:
    return answers.afdc_answer(ny_rows)


@pytest.fixture
def plugshare_answer() -> Answer:
    return answers.plugshare_answer()
