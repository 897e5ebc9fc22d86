"""Shared by every instance: Slack event dedupe and the geocode cache.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_events",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "event_id", name=op.f("pk_slack_events")),
    )
    op.create_index(
        op.f("ix_slack_events_expires_at"), "slack_events", ["expires_at"], unique=False
    )
    op.create_table(
        "geocode_answers",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("matches", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_geocode_answers")),
    )
    op.create_index(
        op.f("ix_geocode_answers_expires_at"), "geocode_answers", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_geocode_answers_expires_at"), table_name="geocode_answers")
    op.drop_table("geocode_answers")
    op.drop_index(op.f("ix_slack_events_expires_at"), table_name="slack_events")
    op.drop_table("slack_events")
