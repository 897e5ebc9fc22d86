"""Where a point lies against a route: along, off, side; the grid agrees with every segment."""

from __future__ import annotations

import itertools
import random

import pytest
from support.osrm import THRUWAY, road_between

from bot.geometry.line import RouteLine, great_circle_points
from bot.geometry.spherical import great_circle_m
from bot.routing.route import straight_line


def test_a_point_on_a_north_south_line() -> None:
    line = RouteLine([(40.0, -75.0), (41.0, -75.0)])
    east = line.locate(40.5, -74.99)
    west = line.locate(40.5, -75.01)
    # Driving north, east is on the right.
    assert east.side == "right" and west.side == "left"
    assert east.off_m == pytest.approx(great_circle_m(40.5, -75.0, 40.5, -74.99), rel=1e-3)
    assert east.along_m == pytest.approx(line.length_m / 2, rel=1e-3)
    assert line.locate(40.5, -75.0).side == "on"


def test_distance_along_is_scaled_to_the_routers_length() -> None:
    points = [(40.0, -75.0), (41.0, -75.0)]
    line = RouteLine(points, length_m=200_000.0)
    assert line.locate(41.0, -75.0).along_m == pytest.approx(200_000.0)
    assert line.locate(40.5, -75.0).along_m == pytest.approx(100_000.0, rel=1e-3)


def test_beyond_the_ends_the_distance_is_to_the_end() -> None:
    line = RouteLine([(40.0, -75.0), (41.0, -75.0)])
    before = line.locate(39.9, -75.0)
    assert before.along_m == 0.0
    assert before.off_m == pytest.approx(great_circle_m(39.9, -75.0, 40.0, -75.0), rel=1e-3)


def test_the_grid_finds_what_measuring_every_segment_finds() -> None:
    points = road_between(THRUWAY[0], THRUWAY[-1])
    line = RouteLine(points)
    rng = random.Random(15)
    checked = 0
    for _ in range(400):
        anchor = points[rng.randrange(len(points))]
        lat = anchor[0] + rng.uniform(-0.05, 0.05)
        lng = anchor[1] + rng.uniform(-0.05, 0.05)
        full = line.locate(lat, lng)
        near = line.near(lat, lng, 3_000.0)
        if full.off_m <= 3_000.0:
            assert near is not None
            assert near.off_m == pytest.approx(full.off_m, abs=0.01)
            assert near.along_m == pytest.approx(full.along_m, abs=0.01)
            checked += 1
        else:
            assert near is None
    assert checked > 100


def test_the_straight_line_is_a_labelled_great_circle() -> None:
    route = straight_line([(42.8864, -78.8784), (40.7128, -74.0060)], "it refused the connection")
    assert route.straight_line and route.duration_s is None and route.engine == "straight line"
    assert route.distance_m == pytest.approx(great_circle_m(42.8864, -78.8784, 40.7128, -74.0060))
    assert len(route.points) > 50
    assert route.geojson()["geometry"]["type"] == "LineString"


def test_great_circle_points_stay_on_the_great_circle() -> None:
    points = great_circle_points((40.0, -74.0), (51.5, -0.1), step_m=50_000)
    total = great_circle_m(40.0, -74.0, 51.5, -0.1)
    walked = sum(great_circle_m(*a, *b) for a, b in itertools.pairwise(points))
    assert walked == pytest.approx(total, rel=1e-6)
