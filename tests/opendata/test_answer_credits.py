"""An answer credits the sources of the locations it shows, not every source in the index.

The index holds the real New York AFDC export and Open Charge Map's real Andorra file, so
an answer in Andorra shows only OCM data (CC BY-SA 4.0, which asks for a link to the
licence) and one in Manhattan only AFDC data (public domain).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import EXIT_ANSWER, EXIT_FAILURE, main
from bot.ocm.mapping import OCM_CREDIT
from bot.opendata.importer import import_file
from bot.plugshare.filters import Filters
from bot.providers.local import LocalProvider
from bot.search.credits import answer_attribution

AFDC = "U.S. DOE Alternative Fuels Data Center (AFDC), public domain"
OCM_LINKED = f"{OCM_CREDIT} (https://creativecommons.org/licenses/by-sa/4.0/)"
ANDORRA_LA_VELLA = "42.5063,1.5218"


@pytest.fixture(scope="module")
def mixed_index(
    ny_index: Path, shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    db = tmp_path_factory.mktemp("mixed") / "mixed.sqlite3"
    shutil.copy(ny_index, db)
    import_file(shared_data / "ocm" / "ocm-andorra.json", db)
    return db


def ask(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args, "--db", str(db)], catch_exceptions=False)


def test_an_answer_of_ocm_locations_credits_ocm_with_its_licence_not_the_afdc(
    mixed_index: Path,
) -> None:
    result = ask(mixed_index, f"near {ANDORRA_LA_VELLA}")
    assert result.exit_code == EXIT_ANSWER, result.output
    credit_line = result.output.splitlines()[2]
    assert credit_line.startswith(f"Station data: {OCM_LINKED}"), credit_line
    assert "AFDC" not in result.output

    data = json.loads(ask(mixed_index, f"near {ANDORRA_LA_VELLA}", "--format", "json").output)
    assert data["locations"]
    assert OCM_LINKED in data["attribution"] and "AFDC" not in data["attribution"]


def test_an_answer_of_afdc_locations_credits_the_afdc_not_ocm(mixed_index: Path) -> None:
    data = json.loads(ask(mixed_index, "J1772 near 10036", "--format", "json").output)
    assert data["locations"]
    assert data["attribution"].startswith(f"Station data: {AFDC}, as of 2025-04-21")
    assert "Open Charge Map" not in data["attribution"]


def test_a_location_credits_its_own_source(mixed_index: Path) -> None:
    provider = LocalProvider(mixed_index)
    try:
        andorra = provider.nearby(42.5063, 1.5218, Filters(), 5_000, 1)
        manhattan = provider.nearby(40.7597, -73.9918, Filters(), 5_000, 1)
        both = answer_attribution(provider, [*manhattan, *andorra])
        assert both.index(AFDC) < both.index(OCM_LINKED)
        assert answer_attribution(provider, andorra).count("Open Charge Map") == 1
        assert answer_attribution(provider, []) == ""  # nothing shown, nobody to credit
    finally:
        provider.close()


def test_json_over_a_damaged_index_does_not_call_it_unfilled(
    mixed_index: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(mixed_index, damaged)
    size = damaged.stat().st_size
    with damaged.open("r+b") as f:
        f.seek(size // 3)
        f.write(b"\xa5" * (size // 3))
    result = ask(damaged, "J1772 near 10036", "--format", "json")
    assert result.exit_code == EXIT_FAILURE
    data = json.loads(result.stdout)
    assert "not filled yet" not in data["attribution"]
    assert data["attribution"] == ""  # no locations shown
    provider = LocalProvider(damaged)
    try:
        assert "can't be read" in provider.attribution
    finally:
        provider.close()
