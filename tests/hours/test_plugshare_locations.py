"""PlugShare's own fields: ``open247`` first, then the location's or its stations' hours."""

from __future__ import annotations

from datetime import datetime

from support.plugshare_payloads import garage_with_everything, residential_share

from bot.hours import location_hours
from bot.plugshare.models import Location


def test_open247_is_always_open() -> None:
    location = Location.model_validate(garage_with_everything())
    assert location.open247 is True
    hours = location_hours(location)
    assert hours is not None and hours.is_always_open


def test_hours_text_is_read_when_not_open247() -> None:
    payload = {**residential_share(), "open247": False, "hours": "Mon-Fri 7am-7pm"}
    hours = location_hours(Location.model_validate(payload))
    assert hours is not None
    assert hours.open_on(datetime(2026, 11, 27, 8, 0))  # a Friday morning
    assert not hours.open_on(datetime(2026, 11, 28, 8, 0))  # Saturday


def test_a_stations_hours_count_when_the_location_has_none() -> None:
    payload = {**residential_share(), "open247": False, "hours": ""}
    payload["stations"] = [{**payload["stations"][0], "hours": "8am-6pm daily"}]
    hours = location_hours(Location.model_validate(payload))
    assert hours is not None and hours.open_on(datetime(2026, 11, 28, 17, 59))


def test_no_hours_at_all_is_unknown() -> None:
    payload = {**residential_share(), "open247": None, "hours": None, "description": None}
    payload["stations"] = [{**s, "hours": None} for s in payload["stations"]]
    assert location_hours(Location.model_validate(payload)) is None
