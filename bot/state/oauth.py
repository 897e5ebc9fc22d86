"""Bolt's OAuth installation and state stores on the state database.

slack_sdk's SQLAlchemy stores, with two differences: their tables come from our Alembic
migrations (never ``create_tables()``), and every operation first makes sure the
database is migrated and turns a database failure into :class:`StateUnavailable`. So a
Bolt app can be built while the database is down and starts working when it is back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.state.database import unavailable_on_failure


class _Ready:
    """Runs ``prepare`` (connect and migrate, once) before each database operation."""

    def __init__(self, url: str, prepare: Callable[[], object]) -> None:
        self._url = url
        self._prepare = prepare

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with unavailable_on_failure(self._url):
            self._prepare()
            yield


class InstallationStore(SQLAlchemyInstallationStore):
    def __init__(
        self, client_id: str, engine: Engine, url: str, prepare: Callable[[], object]
    ) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self._ready = _Ready(url, prepare)

    def create_tables(self) -> None:
        with self._ready():
            pass  # the migrations own the tables

    def save(self, installation: Any) -> None:
        with self._ready():
            super().save(installation)

    def save_bot(self, bot: Any) -> None:
        with self._ready():
            super().save_bot(bot)

    def find_bot(self, **kwargs: Any) -> Any:
        with self._ready():
            return super().find_bot(**kwargs)

    def find_installation(self, **kwargs: Any) -> Any:
        with self._ready():
            return super().find_installation(**kwargs)

    def delete_bot(self, **kwargs: Any) -> None:
        with self._ready():
            super().delete_bot(**kwargs)

    def delete_installation(self, **kwargs: Any) -> None:
        with self._ready():
            super().delete_installation(**kwargs)


class OAuthStateStore(SQLAlchemyOAuthStateStore):
    def __init__(
        self, expiration_seconds: int, engine: Engine, url: str, prepare: Callable[[], object]
    ) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine)
        self._ready = _Ready(url, prepare)

    def create_tables(self) -> None:
        with self._ready():
            pass

    def issue(self, *args: Any, **kwargs: Any) -> str:
        with self._ready():
            return super().issue(*args, **kwargs)

    def consume(self, state: str) -> bool:
        # slack_sdk's consume() reports any failure as "not a valid state"; so do we.
        try:
            with self._ready():
                pass
        except Exception:
            self.logger.warning("OAuth state could not be checked: state database unavailable")
            return False
        return super().consume(state)
