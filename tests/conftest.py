"""Shared fixtures. Real data lives in ../shared/data and is used from there, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's environment, ``.env`` or data directory."""
    import os

    for name in list(os.environ):
        if name.startswith(("PLUGSHARE_", "CHARGEBOT_", "SLACK_")) or name == "PORT":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHARGEBOT_DB", str(tmp_path / "stations.sqlite3"))
