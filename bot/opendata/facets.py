"""Per-location summaries that let a search evaluate filters in SQL, with PlugShare's semantics.

Each location row carries bit masks of what its stations and outlets offer,
computed once at import from the PlugShare-shaped location
(:func:`facets_of`). A search turns the user's :class:`~bot.plugshare.filters.Filters`
into a ``WHERE`` clause over those masks (:func:`filter_sql`):

- ``outlets``: an outlet sets bit ``connector * 3 + p`` where ``p`` is 0 for
  unknown power, 1 for AC (power 0), 2 for DC (power 1). A descriptor naming only
  a connector matches any of that connector's three bits; one naming a power
  matches exactly one bit. The location matches when any descriptor does.
- ``free_only`` (PlugShare ``cost=false``): drops locations with a *known* fee;
  free and unknown cost stay.
- ``access``: the location's access is one of those listed.
- ``availability``, ``amenities``: any listed value is present (bit masks).
- ``networks``: at least one station is in a listed network.
- ``exclude_networks``: drops a location only when *every* station is in an
  excluded network; a station of another network, a non-networked station or a
  station whose network has no PlugShare id keeps it.
- ``min_score``: PlugScore at least this; an unknown score does not qualify.
- ``min_power_kw``: keeps a location with an outlet whose ``kilowatts`` is *known*
  to reach the minimum. An outlet of unknown power never qualifies: we only
  promise what the data shows. When ``outlets`` is set too, that same outlet
  must match one of the descriptors ("CCS 150 kW" means a CCS outlet of 150 kW).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, NamedTuple

from bot.plugshare.enums import StationCost
from bot.plugshare.filters import Filters, OutletFilter
from bot.plugshare.models import Location

_MAX_CONNECTOR: Final = 20  # connector ids above this get no bit (none exist; 63-bit masks)
_MAX_BIT: Final = 62


class Facets(NamedTuple):  # a tuple: built for every location an import writes
    outlet_mask: int
    availability_mask: int
    amenity_mask: int
    has_fee: bool
    max_kw: float | None


def outlet_bit(connector: int, power: int | None) -> int:
    """The mask bit of an outlet, or 0 when the connector id is out of range."""
    if not 0 <= connector <= _MAX_CONNECTOR:
        return 0
    state = 0 if power is None else (1 if power == 0 else 2)
    return 1 << (connector * 3 + state)


def descriptor_mask(descriptor: OutletFilter) -> int:
    connector = int(descriptor.connector)
    if descriptor.power is None:
        return sum(outlet_bit(connector, p) for p in (None, 0, 1))
    return outlet_bit(connector, int(descriptor.power))


def _value_bit(value: int) -> int:
    return 1 << value if 0 <= value <= _MAX_BIT else 0


def facets_of(location: Location) -> Facets:
    stations = location.stations
    return facets_from(
        location.cost or any(int(s.cost) == StationCost.FEE for s in stations),
        (int(station.available) for station in stations),
        (
            (int(o.connector), None if o.power is None else int(o.power), o.kilowatts)
            for station in stations
            for o in station.outlets
        ),
        (int(amenity.type) for amenity in location.amenities),
    )


def facets_from(
    has_fee: bool,
    availabilities: Iterable[int],
    outlets: Iterable[tuple[int, int | None, float | None]],
    amenity_types: Iterable[int],
) -> Facets:
    """The facets of a location whose (PlugShare) ``cost`` or some station's fee is
    ``has_fee``, from its stations' availabilities, its outlets' (connector, power,
    kilowatts) and its amenity types."""
    outlet_mask = availability_mask = amenity_mask = 0
    max_kw: float | None = None
    for available in availabilities:
        availability_mask |= _value_bit(available)
    for connector, power, kilowatts in outlets:
        outlet_mask |= outlet_bit(connector, power)
        if kilowatts is not None and (max_kw is None or kilowatts > max_kw):
            max_kw = kilowatts
    for kind in amenity_types:
        amenity_mask |= _value_bit(kind)
    return Facets(outlet_mask, availability_mask, amenity_mask, has_fee, max_kw)


def _placeholders(values: list[int]) -> str:
    return ", ".join("?" for _ in values)


def filter_sql(filters: Filters, table: str = "l") -> tuple[str, list[float | int]]:
    """A ``WHERE`` fragment over ``locations AS {table}`` (``"1"`` when nothing filters)."""
    clauses: list[str] = []
    params: list[float | int] = []
    if filters.outlets and filters.min_power_kw is None:
        mask = 0
        for descriptor in filters.outlets:
            mask |= descriptor_mask(descriptor)
        clauses.append(f"({table}.outlet_mask & ?) != 0")
        params.append(mask)
    if filters.min_power_kw is not None:
        clauses.append(f"{table}.max_kw >= ?")
        params.append(filters.min_power_kw)
        if filters.outlets:
            matches: list[str] = []
            match_params: list[float | int] = []
            for descriptor in filters.outlets:
                if descriptor.power is None:
                    matches.append("o.connector = ?")
                    match_params.append(int(descriptor.connector))
                else:
                    matches.append("(o.connector = ? AND o.power = ?)")
                    match_params.extend((int(descriptor.connector), int(descriptor.power)))
            clauses.append(
                "EXISTS (SELECT 1 FROM outlets o WHERE o.location_id = "
                f"{table}.id AND o.kilowatts >= ? AND ({' OR '.join(matches)}))"
            )
            params.append(filters.min_power_kw)
            params.extend(match_params)
    if filters.free_only:
        clauses.append(f"{table}.has_fee = 0")
    if filters.access:
        values = [int(v) for v in filters.access]
        clauses.append(f"{table}.access IN ({_placeholders(values)})")
        params.extend(values)
    if filters.availability:
        clauses.append(f"({table}.availability_mask & ?) != 0")
        params.append(sum(_value_bit(int(v)) for v in filters.availability))
    if filters.amenities:
        clauses.append(f"({table}.amenity_mask & ?) != 0")
        params.append(sum(_value_bit(int(v)) for v in filters.amenities))
    for networks, station_is in (
        (filters.networks, "s.network_id IN ({})"),
        (filters.exclude_networks, "(s.network_id IS NULL OR s.network_id NOT IN ({}))"),
    ):
        if networks:
            values = [int(v) for v in networks]
            clauses.append(
                f"EXISTS (SELECT 1 FROM stations s WHERE s.location_id = {table}.id "
                f"AND {station_is.format(_placeholders(values))})"
            )
            params.extend(values)
    if filters.min_score is not None:
        clauses.append(f"{table}.score >= ?")
        params.append(filters.min_score)
    return (" AND ".join(clauses) or "1"), params
