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
- ``min_power_kw``: not a PlugShare parameter; providers apply it to outlet kilowatts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.plugshare.enums import (
    Access,
    AmenityType,
    Availability,
    Connector,
    Power,
    connector_label,
)

MAX_RADIUS_M = 50_000
MAX_COUNT = 500


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
    networks: list[int] = Field(default_factory=list)
    exclude_networks: list[int] = Field(default_factory=list)
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
            params["radius"] = str(round(min(self.radius_m, MAX_RADIUS_M)))
        if self.count is not None:
            params["count"] = str(min(self.count, MAX_COUNT))
        return params

    def is_empty(self) -> bool:
        return self == Filters()


def format_number(value: float) -> str:
    """``8.0`` -> ``"8"``, ``7.5`` -> ``"7.5"``: how a person (and PlugShare) writes it."""
    return f"{value:g}"
