"""Fixtures for the renderer tests: realistic answers from tests/support/answers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import answers

from bot.plugshare.models import Location
from bot.search import Answer


@pytest.fixture(scope="session")
def ny_locations(shared_data: Path) -> dict[int, Location]:
    return answers.read_ny_locations(shared_data)


@pytest.fixture
def afdc_answer(ny_locations: dict[int, Location]) -> Answer:
    return answers.afdc_answer(ny_locations)


@pytest.fixture
def plugshare_answer() -> Answer:
    return answers.plugshare_answer()
