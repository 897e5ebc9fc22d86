"""What the user asked for, in PlugShare's search vocabulary.

One ``Filters`` object travels from the parser to every provider. The PlugShare
client serializes it with :meth:`Filters.to_plugshare_params`; the local index
evaluates it itself with the same semantics (documented in
``shared/docs/plugshare-api.md``):

- ``outlets`` (kept sorted by connector, then power): keep a location with an
  outlet matching any descriptor; a descriptor matches when each property it
  names equals the outlet's.
- ``free_only`` (``cost=false``): drop locations with a known fee.
- ``access``, ``availability``, ``amenities``: match if any listed value is present.
- ``networks``: keep locations with at least one listed network.
- ``exclude_networks``: drop only locations whose stations are *all* in excluded networks.
- ``min_score``: PlugScore at least this.
- ``min_power_kw``: not a PlugShare parameter; providers apply it themselves with
  :meth:`Filters.reaches_min_power` (an outlet must be *known* to reach it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.plugshare.enums import (
    Access,
    AmenityType,
    Availability,
    Connector,
    Power,
    connector_label,
)

if TYPE_CHECKING:
    from bot.plugshare.models import Location

MAX_RADIUS_M = 50_000
MAX_COUNT = 500

NetworkId = Annotated[int, Field(ge=1)]


class OutletFilter(BaseModel):
    """One outlet descriptor, e.g. ``{"connector": 6, "power": 1}`` for a Supercharger."""

    model_config = ConfigDict(frozen=True)

    connector: Connector
    power: Power | None = None

    def matches(self, connector: int, power: int | None) -> bool:
        if connector != self.connector:
            return False
        return self.power is None or power == self.power

    @property
    def label(self) -> str:
        """What a driver calls it: "CCS", "Tesla Supercharger", "Tesla"."""
        return connector_label(self.connector, self.power)

    def to_plugshare(self) -> dict[str, int]:
        descriptor = {"connector": int(self.connector)}
        if self.power is not None:
            descriptor["power"] = int(self.power)
        return descriptor


def _sorted_unique(values: Iterable[Any]) -> list[Any]:
    return sorted(set(values))


class Filters(BaseModel):
    model_config = ConfigDict(validate_assignment=True)

    outlets: list[OutletFilter] = Field(default_factory=list)
    free_only: bool = False
    access: list[Access] = Field(default_factory=list)
    availability: list[Availability] = Field(default_factory=list)
    amenities: list[AmenityType] = Field(default_factory=list)
    networks: list[NetworkId] = Field(default_factory=list)
    exclude_networks: list[NetworkId] = Field(default_factory=list)
    min_score: Annotated[float, Field(ge=0, le=10)] | None = None
    min_power_kw: Annotated[float, Field(gt=0)] | None = None
    radius_m: Annotated[float, Field(gt=0)] | None = None
    count: Annotated[int, Field(ge=1)] | None = None

    @field_validator("outlets")
    @classmethod
    def _unique_outlets(cls, value: list[OutletFilter]) -> list[OutletFilter]:
        # Canonical order (connector, then power with "any" first) so equal requests
        # serialize to equal parameters whatever order the words came in.
        return sorted(
            set(value), key=lambda o: (int(o.connector), -1 if o.power is None else o.power)
        )

    @field_validator("access", "availability", "amenities", "networks", "exclude_networks")
    @classmethod
    def _unique_sorted(cls, value: list[Any]) -> list[Any]:
        return _sorted_unique(value)

    def to_plugshare_params(self) -> dict[str, str]:
        """Only the parameters that are set, formatted exactly as PlugShare expects.

        Outlets as compact JSON, lists comma-separated ascending, ``cost=false``
        for free only, radius in whole meters (capped at 50 km), count capped at 500.
        ``min_power_kw`` has no PlugShare parameter and is never sent.
        """
        params: dict[str, str] = {}
        if self.outlets:
            params["outlets"] = json.dumps(
                [o.to_plugshare() for o in self.outlets], separators=(",", ":")
            )
        if self.free_only:
            params["cost"] = "false"
        for name in ("access", "availability", "amenities", "networks", "exclude_networks"):
            values: list[int] = getattr(self, name)
            if values:
                params[name] = ",".join(str(int(v)) for v in values)
        if self.min_score is not None:
            params["score"] = format_number(self.min_score)
        if self.radius_m is not None:
            params["radius"] = radius_param(self.radius_m)
        if self.count is not None:
            params["count"] = count_param(self.count)
        return params

    def reaches_min_power(self, location: Location) -> bool:
        """Whether ``location`` passes ``min_power_kw`` (always true when it is unset).

        PlugShare has no power parameter, so every provider applies this itself. A
        location passes when one of its outlets is *known* to deliver at least
        ``min_power_kw``: an outlet whose kilowatts are unknown does not count, because
        a driver asking for 150 kW wants a promise, not a maybe. When ``outlets`` is
        set, that outlet must also match one of the descriptors ("150 kW CCS" is a CCS
        outlet of 150 kW, not a CCS outlet next to a fast CHAdeMO one).
        """
        if self.min_power_kw is None:
            return True
        return any(
            outlet.kilowatts is not None
            and outlet.kilowatts >= self.min_power_kw
            and (
                not self.outlets
                or any(d.matches(outlet.connector, outlet.power) for d in self.outlets)
            )
            for outlet in location.outlets
        )

    def is_empty(self) -> bool:
        return self == Filters()


def radius_param(radius_m: float) -> str:
    """PlugShare's ``radius``: whole meters, at least 1, capped at 50 km."""
    return str(max(1, round(min(radius_m, MAX_RADIUS_M))))


def count_param(count: int) -> str:
    """PlugShare's ``count``, capped at 500 as the API caps it anyway."""
    return str(min(count, MAX_COUNT))


def format_number(value: float) -> str:
    """``8.0`` -> ``"8"``, ``7.5`` -> ``"7.5"``: how a person (and PlugShare) writes it."""
    return f"{value:g}"
