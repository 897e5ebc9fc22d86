"""Alembic migrations for the state database, shipped inside the package.

Run programmatically by :func:`bot.state.migrate.upgrade` (``upgrade head``) when the
state store is first used, and by ``chargebot state migrate``.
"""
