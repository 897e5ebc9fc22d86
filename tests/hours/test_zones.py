"""The place's time zone comes from its coordinates, offline."""

from __future__ import annotations

import pytest

from bot.hours import zone_at


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        (42.6526, -73.7562, "America/New_York"),  # Albany
        (34.0562, -118.2365, "America/Los_Angeles"),  # LA Union Station
        (41.8789, -87.6400, "America/Chicago"),  # Chicago Union Station
        (39.7527, -104.9999, "America/Denver"),  # Denver Union Station
        (42.5078, 1.5211, "Europe/Andorra"),
        (51.5074, -0.1278, "Europe/London"),
    ],
)
def test_zone_at_a_point(latitude: float, longitude: float, zone: str) -> None:
    assert zone_at(latitude, longitude).key == zone
