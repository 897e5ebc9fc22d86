"""Distance and initial bearing, checked against published figures and geopy."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st

from bot.geometry.bearing import COMPASS_POINTS, compass_point, distance_m, initial_bearing, measure

JFK = (40.6398, -73.7789)
LHR = (51.4700, -0.4543)


def test_jfk_to_heathrow_matches_published_figures() -> None:
    # Great Circle Mapper (WGS84): JFK-LHR 3,452 mi / 5,555 km, initial heading 51°.
    distance, bearing = measure(*JFK, *LHR)
    assert distance / 1609.344 == pytest.approx(3_452, abs=1)
    assert distance == pytest.approx(5_555_000, abs=1_000)
    assert bearing == pytest.approx(51.4, abs=0.5)
    assert compass_point(bearing) == "NE"
    back = initial_bearing(*LHR, *JFK)
    assert back == pytest.approx(288.0, abs=0.5)  # WNW on the way home
    assert compass_point(back) == "WNW"


def test_agrees_with_geopy_geodesic() -> None:
    assert distance_m(*JFK, *LHR) == pytest.approx(geodesic(JFK, LHR).meters, abs=0.001)


@pytest.mark.parametrize(
    ("to", "bearing", "label"),
    [
        ((40.01, -105.0), 0.0, "N"),
        ((40.0, -104.99), 90.0, "E"),
        ((39.99, -105.0), 180.0, "S"),
        ((40.0, -105.01), 270.0, "W"),
    ],
)
def test_due_north_east_south_west(to: tuple[float, float], bearing: float, label: str) -> None:
    measured = initial_bearing(40.0, -105.0, *to)
    assert measured == pytest.approx(bearing, abs=0.01)
    assert compass_point(measured) == label


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert distance_m(0.0, 0.0, 1.0, 0.0) == pytest.approx(110_574, abs=1)
    assert distance_m(0.0, 0.0, 0.0, 1.0) == pytest.approx(111_319.5, abs=1)


def test_across_the_antimeridian() -> None:
    # Fiji to Samoa-side: the short way east over 180°, not 359° west.
    distance, bearing = measure(-17.0, 179.5, -17.0, -179.5)
    assert distance == pytest.approx(geodesic((-17.0, 179.5), (-17.0, -179.5)).meters)
    assert distance < 110_000
    assert compass_point(bearing) == "E"


def test_same_point_is_zero_metres_due_north() -> None:
    assert measure(39.752959, -104.999929, 39.752959, -104.999929) == (0.0, 0.0)


def test_the_16_point_compass() -> None:
    assert [compass_point(i * 22.5) for i in range(16)] == list(COMPASS_POINTS)
    assert compass_point(11.24) == "N" and compass_point(11.26) == "NNE"
    assert compass_point(348.76) == "N" and compass_point(359.99) == "N"
    assert compass_point(-90) == "W" and compass_point(450) == "E"


coordinates = st.tuples(
    st.floats(-89.9, 89.9, allow_nan=False), st.floats(-180, 180, allow_nan=False)
)


@given(coordinates, coordinates)
def test_any_pair_matches_geopy_and_bearing_is_in_range(a, b) -> None:  # type: ignore[no-untyped-def]
    distance, bearing = measure(*a, *b)
    assert distance == pytest.approx(geodesic(a, b).meters, rel=1e-9, abs=1e-3)
    assert 0.0 <= bearing < 360.0
    assert compass_point(bearing) in COMPASS_POINTS
