"""Rows every instance of a deploy shares through the state database: which Slack
events were taken (dedupe) and what the geocoder answered (cache).

Claiming an event is one insert-if-absent on the key (team, event id): of several
instances that receive the same event, exactly one inserts the row and answers.
An expired row (Slack stopped retrying long ago) is taken over by an update that
only matches while it is expired, so that too has one winner. Expired rows are
deleted now and then by whichever instance passes by.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.state import models
from bot.state.database import utc_now

#: Seconds between two sweeps of expired rows by one process.
CLEAN_EVERY_S = 600.0


class _Sweeper:
    """Says when this process should delete expired rows of a table (at most every
    :data:`CLEAN_EVERY_S`), so the sweep costs one statement now and then."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def due(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now < self._next:
                return False
            self._next = now + CLEAN_EVERY_S
            return True


_events_sweeper = _Sweeper()
_answers_sweeper = _Sweeper()


def _insert(session: Session) -> Any:
    return sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert


def claim_event(session: Session, team_id: str, event_id: str, ttl_seconds: float) -> bool:
    """True for exactly one caller per (team, event id) until the claim expires."""
    now = utc_now()
    expires = now + timedelta(seconds=ttl_seconds)
    Event = models.SlackEvent
    inserted = session.execute(
        _insert(session)(Event)
        .values(team_id=team_id, event_id=event_id, expires_at=expires)
        .on_conflict_do_nothing(index_elements=["team_id", "event_id"])
        .returning(Event.event_id)
    ).first()
    claimed = inserted is not None
    if not claimed:
        taken_over = session.execute(
            update(Event)
            .where(Event.team_id == team_id, Event.event_id == event_id, Event.expires_at < now)
            .values(expires_at=expires)
        )
        claimed = taken_over.rowcount == 1  # type: ignore[attr-defined]
    if _events_sweeper.due():
        session.execute(delete(Event).where(Event.expires_at < now))
    return claimed


def event_claim_expiry(session: Session, team_id: str, event_id: str) -> datetime | None:
    """When a claim lapses (None: never claimed). For tests and ``chargebot state``."""
    return session.scalar(
        select(models.SlackEvent.expires_at).where(
            models.SlackEvent.team_id == team_id, models.SlackEvent.event_id == event_id
        )
    )


def geocode_answer(session: Session, key: str) -> tuple[str, float] | None:
    """The stored answer's JSON and expiry (Unix seconds), or None."""
    row = session.execute(
        select(models.GeocodeAnswer.matches, models.GeocodeAnswer.expires_at).where(
            models.GeocodeAnswer.key == key
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


def keep_geocode_answer(
    session: Session,
    key: str,
    matches: str,
    stored_at: float,
    expires_at: float,
    forget_before: float,
) -> None:
    """Store (or replace) an answer; now and then delete answers expired before
    ``forget_before``."""
    Answer = models.GeocodeAnswer
    statement = _insert(session)(Answer).values(
        key=key, matches=matches, stored_at=stored_at, expires_at=expires_at
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["key"],
            set_={c: statement.excluded[c] for c in ("matches", "stored_at", "expires_at")},
        )
    )
    if _answers_sweeper.due():
        session.execute(delete(Answer).where(Answer.expires_at < forget_before))
