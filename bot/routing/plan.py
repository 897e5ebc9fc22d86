"""Charging stops for a range: DC fast sites that keep every leg within it, with a reserve.

A leg runs from the start (or a stop) to the next stop (or the destination); its length is
the distance along the route plus the detours off it (to leave the last stop and reach the
next). Every leg must fit in the range less the reserve (15% unless the request says
otherwise). ``range_m`` is what the car has now; after each stop it has ``recharged_m``:
the same range unless the request gave a share of a full one ("40% of 300 mi"), where a
stop charges to :data:`CHARGE_TO` of it (80%, where DC fast charging slows down).

Greedy and explainable: from where the car is, among the fast sites it can reach, those
in the last quarter of its reach are the candidates (stopping early wastes stops), and the
one with the highest known power, then the most fast ports, then the farthest, is chosen.
When no fast site is within reach, the plan breaks there and says where: "no CCS fast
charger between mile 210 and mile 390" (from where the car is to the next fast site, or to
the destination).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.plugshare.enums import Connector, Power
from bot.plugshare.models import Location
from bot.routing.along import AlongRoute

DEFAULT_RESERVE = 0.15
#: Share of the full range a fast charging stop is planned to reach.
CHARGE_TO = 0.8
#: Share of the reach, at its far end, that a stop is chosen from.
_WINDOW = 0.25
#: A plug this powerful or more is fast whatever its connector.
_FAST_KW = 40.0
_DC_CONNECTORS = frozenset({int(Connector.CCS), int(Connector.CHADEMO)})


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch with no fast site the car can reach: from ``start_m`` to ``end_m`` along."""

    start_m: float
    end_m: float


@dataclass(slots=True)
class StopPlan:
    range_m: float
    reserve: float
    #: Range after each stop (``range_m`` unless the full range is known).
    recharged_m: float = 0.0
    stops: list[AlongRoute] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every leg fits: the trip can be driven with these stops."""
        return not self.gaps

    @property
    def usable_m(self) -> float:
        """How far the car may drive on its first leg."""
        return self.range_m * (1 - self.reserve)

    @property
    def usable_after_stop_m(self) -> float:
        return (self.recharged_m or self.range_m) * (1 - self.reserve)


def fast_power(location: Location) -> tuple[bool, float, int]:
    """(has a DC fast plug, highest known DC kW or 0, number of fast ports)."""
    best = 0.0
    ports = 0
    for station in location.stations:
        fast_here = False
        for outlet in station.outlets:
            connector = int(outlet.connector)
            kw = outlet.kilowatts or 0.0
            is_dc = (
                connector in _DC_CONNECTORS
                or (connector == int(Connector.TESLA) and outlet.power == Power.DC)
                or kw >= _FAST_KW
            )
            if is_dc:
                fast_here = True
                best = max(best, kw)
        ports += fast_here
    return ports > 0, best, ports


def plan_stops(
    found: Sequence[AlongRoute],
    length_m: float,
    range_m: float,
    reserve: float | None = None,
    full_range_m: float | None = None,
) -> StopPlan:
    """Stops along a route of ``length_m`` for a car with ``range_m`` (see module doc)."""
    recharged = max(range_m, full_range_m * CHARGE_TO) if full_range_m else range_m
    plan = StopPlan(
        range_m=range_m,
        reserve=DEFAULT_RESERVE if reserve is None else reserve,
        recharged_m=recharged,
    )
    usable = plan.usable_m
    fast = []
    for placed in found:
        is_fast, kw, ports = fast_power(placed.location)
        if is_fast:
            fast.append((placed, kw, ports))
    here = 0.0
    detour = 0.0  # how far the car is off the road where it stands
    while length_m - here + detour > usable:
        reach = [
            (placed, kw, ports)
            for placed, kw, ports in fast
            if placed.position.along_m > here
            and placed.position.along_m - here + detour + placed.position.off_m <= usable
        ]
        if not reach:
            following = [p for p, _, _ in fast if p.position.along_m > here]
            end = following[0].position.along_m if following else length_m
            plan.gaps.append(Gap(here, end))
            if not following:
                break
            here, detour = end, following[0].position.off_m
            usable = plan.usable_after_stop_m
            continue
        farthest = max(placed.position.along_m for placed, _, _ in reach)
        window = [c for c in reach if c[0].position.along_m >= farthest - _WINDOW * usable]
        chosen = max(window, key=lambda c: (c[1], c[2], c[0].position.along_m))[0]
        plan.stops.append(chosen)
        here, detour = chosen.position.along_m, chosen.position.off_m
        usable = plan.usable_after_stop_m
    return plan
