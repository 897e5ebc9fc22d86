"""The two builds of Karney's geodesic (geographiclib, PROJ through pyproj) agree."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.geometry import geodesic
from bot.geometry.bearing import measure

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geodesic, "_compiled", None)
    assert geodesic.use_compiled()
    assert geodesic._compiled is not None


def test_without_the_compiled_build_it_is_measure_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geodesic, "_compiled", None)
    rng = random.Random(5)
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(50)]
    assert geodesic.measure_from(40.0, -74.0, points) == [
        measure(40.0, -74.0, lat, lng) for lat, lng in points
    ]
    assert geodesic.measure_from(40.0, -74.0, []) == []


@pytest.mark.usefixtures("compiled")
def test_proj_agrees_with_geographiclib_near_and_far() -> None:
    rng = random.Random(1616)
    for _ in range(200):
        lat, lng = rng.uniform(-89, 89), rng.uniform(-180, 180)
        points = [
            (
                max(min(lat + rng.gauss(0, scale), 90.0), -90.0),
                (lng + rng.gauss(0, scale) + 180) % 360 - 180,
            )
            for scale in (1e-6, 1e-3, 0.05, 0.5, 30.0)
        ]
        for (d, b), (lat2, lng2) in zip(
            geodesic.measure_from(lat, lng, points), points, strict=True
        ):
            ref_d, ref_b = measure(lat, lng, lat2, lng2)
            assert d == pytest.approx(ref_d, abs=1e-6)
            assert abs((b - ref_b + 180) % 360 - 180) < (1e-7 if ref_d > 1 else 1e-4)
            assert 0.0 <= b < 360.0


@pytest.mark.usefixtures("compiled")
@given(latitudes, longitudes)
def test_proj_keeps_the_conventions(lat: float, lng: float) -> None:
    ((distance, bearing),) = geodesic.measure_from(lat, lng, [(lat, lng)])
    assert (distance, bearing) == (0.0, 0.0)  # a point to itself: zero, north
    ((_, north),) = geodesic.measure_from(min(lat, 89.0), lng, [(min(lat, 89.0) + 1.0, lng)])
    assert north == pytest.approx(0.0, abs=1e-6) or north == pytest.approx(360.0, abs=1e-6)
