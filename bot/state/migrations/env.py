"""Alembic's environment for the state database.

Migrations only ever run on a connection handed over by :func:`bot.state.migrate.upgrade`
(``config.attributes["connection"]``), inside its transaction and lock, so that several
worker processes starting at once migrate one after the other.
"""

from __future__ import annotations

from alembic import context

from bot.state.migrate import target_metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run state migrations with bot.state.migrate.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
