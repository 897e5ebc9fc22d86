"""Stop planning on real stations: the New York AFDC export along the Thruway."""

from __future__ import annotations

import pytest
from support.osrm import THRUWAY, road_between

from bot.geo.units import METERS_PER_MILE
from bot.geometry.line import Position, RouteLine
from bot.plugshare.models import Location
from bot.providers.local import LocalProvider
from bot.query import parse_query
from bot.routing.along import AlongRoute, place_along
from bot.routing.plan import DEFAULT_RESERVE, fast_power, plan_stops

LINE = RouteLine(road_between(THRUWAY[0], THRUWAY[-1]))  # Buffalo -> New York City, ~410 mi
CORRIDOR = 2 * METERS_PER_MILE


def _along(provider: LocalProvider, text: str) -> list[AlongRoute]:
    filters = parse_query(text).filters
    return place_along(LINE, provider.along(LINE, filters, CORRIDOR, 1000), CORRIDOR)


def _legs(stops: list[AlongRoute], length: float) -> list[float]:
    """Each leg's length, detours to and from the stops included."""
    legs, here, detour = [], 0.0, 0.0
    for stop in stops:
        legs.append(stop.position.along_m - here + detour + stop.position.off_m)
        here, detour = stop.position.along_m, stop.position.off_m
    legs.append(length - here + detour)
    return legs


@pytest.mark.parametrize("miles", [100, 150, 220])
def test_every_leg_fits_in_the_range_less_the_reserve(
    ny_provider: LocalProvider, miles: int
) -> None:
    found = _along(ny_provider, "CCS")
    plan = plan_stops(found, LINE.length_m, miles * METERS_PER_MILE)
    assert plan.complete and plan.reserve == DEFAULT_RESERVE
    usable = miles * METERS_PER_MILE * (1 - DEFAULT_RESERVE)
    assert all(leg <= usable for leg in _legs(plan.stops, LINE.length_m))
    assert all(fast_power(stop.location)[0] for stop in plan.stops)
    # Each stop is in the last quarter of the reach, so each leg covers at least 3/4 of it.
    assert len(plan.stops) <= LINE.length_m // (0.75 * usable) + 1
    along = [stop.position.along_m for stop in plan.stops]
    assert along == sorted(along)


def test_a_reserve_from_the_request_is_kept(ny_provider: LocalProvider) -> None:
    found = _along(ny_provider, "CCS")
    loose = plan_stops(found, LINE.length_m, 150 * METERS_PER_MILE, reserve=0.0)
    strict = plan_stops(found, LINE.length_m, 150 * METERS_PER_MILE, reserve=0.4)
    assert all(leg <= 150 * METERS_PER_MILE * 0.6 for leg in _legs(strict.stops, LINE.length_m))
    assert len(strict.stops) > len(loose.stops)


def test_no_stop_when_the_range_covers_the_trip(ny_provider: LocalProvider) -> None:
    plan = plan_stops(_along(ny_provider, "CCS"), LINE.length_m, 600 * METERS_PER_MILE)
    assert plan.complete and plan.stops == []


def test_a_range_shorter_than_a_gap_says_where(ny_provider: LocalProvider) -> None:
    found = _along(ny_provider, "Tesla Supercharger")
    plan = plan_stops(found, LINE.length_m, 40 * METERS_PER_MILE)
    assert not plan.complete
    fast = [a.position.along_m for a in found if fast_power(a.location)[0]]
    usable = 40 * METERS_PER_MILE * (1 - DEFAULT_RESERVE)
    for gap in plan.gaps:
        assert gap.end_m - gap.start_m > usable * 0.5
        # Nothing fast lies strictly inside a gap.
        assert not [m for m in fast if gap.start_m < m < gap.end_m]


def _site(location_id: int, along_m: float, kw: float | None, ports: int) -> AlongRoute:
    location = Location.model_validate(
        {
            "id": location_id,
            "name": f"site {location_id}",
            "latitude": 40.0,
            "longitude": -75.0,
            "stations": [
                {"id": location_id * 10 + k, "outlets": [{"connector": 13, "kilowatts": kw}]}
                for k in range(ports)
            ],
        }
    )
    return AlongRoute(location, Position(along_m, 100.0, "right"))


def test_higher_power_then_more_ports_is_preferred_near_the_end_of_reach() -> None:
    km = 1000.0
    sites = [
        _site(1, 60 * km, 350, 8),  # powerful but early: stopping here wastes range
        _site(2, 85 * km, 50, 2),
        _site(3, 90 * km, 150, 2),
        _site(4, 92 * km, 150, 6),
        _site(5, 95 * km, 50, 10),
    ]
    plan = plan_stops(sites, 150 * km, 100 * km, reserve=0.0)
    assert [s.location.id for s in plan.stops] == [4]


def test_a_level_2_site_is_never_a_stop() -> None:
    slow = Location.model_validate(
        {"id": 9, "name": "L2", "latitude": 40.0, "longitude": -75.0,
         "stations": [{"id": 90, "outlets": [{"connector": 2, "kilowatts": 7.2}]}]}
    )  # fmt: skip
    plan = plan_stops([AlongRoute(slow, Position(50_000, 10, "left"))], 150_000, 100_000, 0.0)
    assert plan.stops == [] and [(g.start_m, g.end_m) for g in plan.gaps] == [(0.0, 150_000)]


def test_a_partial_charge_plans_the_first_leg_short_and_the_rest_long(
    ny_provider: LocalProvider,
) -> None:
    """ "I have 40% of 300 mi": 120 mi now, 240 mi (80%) after each fast charge."""
    found = _along(ny_provider, "CCS")
    now, full = 0.4 * 300 * METERS_PER_MILE, 300 * METERS_PER_MILE
    partial = plan_stops(found, LINE.length_m, now, full_range_m=full)
    flat = plan_stops(found, LINE.length_m, now)
    assert partial.complete and flat.complete
    assert partial.recharged_m == pytest.approx(0.8 * full)
    legs = _legs(partial.stops, LINE.length_m)
    assert legs[0] <= now * (1 - DEFAULT_RESERVE)
    assert all(leg <= 0.8 * full * (1 - DEFAULT_RESERVE) for leg in legs[1:])
    assert len(partial.stops) < len(flat.stops)
