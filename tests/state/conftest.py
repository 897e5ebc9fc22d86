"""Fixtures: a fresh state database per test (SQLite and PostgreSQL), a geocoder."""

from support.state_fixtures import (  # noqa: F401  (fixtures, found by name)
    database_url,
    resolver,
    station_places,
    store,
)
