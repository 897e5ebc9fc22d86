"""Fixtures: the settings commands run against a fresh state database and a geocoder."""

from support.state_fixtures import (  # noqa: F401  (fixtures, found by name)
    database_url,
    resolver,
    station_places,
    store,
)
