"""Which of the user's filters Open Charge Map can evaluate itself, as ``/poi`` parameters.

OCM's answer is searched again locally with PlugShare's semantics
(:func:`bot.opendata.evaluate.search_locations`), so a parameter sent here only
has to keep *at least* every POI the local evaluation would keep; it saves
bandwidth and leaves room in ``maxresults`` for POIs that pass. Each is derived
from the mapping's own tables (:mod:`bot.ocm.mapping`), read backwards:

- ``outlets`` -> ``connectiontypeid``: every OCM type that maps to a connector asked for.
- ``min_power_kw`` -> ``minpowerkw``: OCM keeps a POI with a connection of at least
  that ``PowerKW``, the very number the mapping makes an outlet's kW.
- ``networks`` -> ``operatorid``: every OCM operator that maps to a network asked for
  (Tesla's operator for either Tesla network).
- ``access`` -> ``usagetypeid``: only without "public" in it; a POI with no usage
  type reads as public, and OCM's filter would drop it.

Not sent: ``availability`` (the mapping also reads each connection's own status,
which OCM's POI-level ``statustypeid`` does not see), ``exclude_networks``,
``free_only``, ``amenities``, ``min_score`` (OCM has no such parameters).
"""

from __future__ import annotations

from bot.ocm.client import ServerFilters
from bot.ocm.mapping import CONNECTORS, OPERATOR_NETWORKS, TESLA_OPERATOR, USAGE_ACCESS
from bot.plugshare.enums import Access, Connector
from bot.plugshare.filters import Filters

#: PlugShare's two Tesla networks (Supercharger, Destination): OCM has one Tesla operator.
_TESLA_NETWORKS = frozenset({8, 35})


def _connection_types(filters: Filters) -> list[int]:
    wanted: set[int] = set()
    for descriptor in filters.outlets:
        matching = {
            type_id
            for type_id, mapped in CONNECTORS.items()
            if (isinstance(mapped, tuple) and mapped[0] == descriptor.connector
                and (descriptor.power is None or mapped[1] in (None, descriptor.power)))
            or (isinstance(mapped, str) and descriptor.connector == Connector.TESLA)
        }  # fmt: skip
        if not matching:
            return []  # OCM has no such connector: filter locally only
        wanted |= matching
    return sorted(wanted)


def _operators(filters: Filters) -> list[int]:
    wanted = {op for op, network in OPERATOR_NETWORKS.items() if network in filters.networks}
    if _TESLA_NETWORKS & set(filters.networks):
        wanted.add(TESLA_OPERATOR)
    return sorted(wanted)


def _usage_types(filters: Filters) -> list[int]:
    if not filters.access or Access.PUBLIC in filters.access:
        return []
    return sorted(u for u, access in USAGE_ACCESS.items() if access in filters.access)


def server_filters(filters: Filters) -> ServerFilters:
    """The ``/poi`` parameters that narrow OCM's answer without losing a POI that passes."""
    return ServerFilters(
        connection_type_ids=_connection_types(filters),
        operator_ids=_operators(filters) if filters.networks else [],
        usage_type_ids=_usage_types(filters),
        min_power_kw=filters.min_power_kw,
    )
