"""State-store test databases: SQLite in a temp directory, PostgreSQL when configured.

PostgreSQL runs when ``CHARGEBOT_TEST_POSTGRES_URL`` names a database the tests may wipe
(``.ci/run`` starts a throwaway server and sets it); otherwise only SQLite is used and
one test (``test_postgresql_is_configured``) reports the skip. The variable is read at
import, before the autouse fixture clears CHARGEBOT_* variables.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.state.database import create_state_engine

POSTGRES_URL = os.environ.get("CHARGEBOT_TEST_POSTGRES_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
POSTGRES_SKIP = "PostgreSQL: set CHARGEBOT_TEST_POSTGRES_URL (README, State and privacy)"


def reset_postgres(url: str) -> None:
    engine = create_state_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def url_for(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'state.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip(POSTGRES_SKIP)
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL
