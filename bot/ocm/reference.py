"""OCM's reference data: the names behind the ids a compact POI carries.

OCM's compact form (its API with ``compact=true``, and its published export)
gives reference data as ids only: ``OperatorID``, ``UsageTypeID``,
``StatusTypeID``, ``ConnectionTypeID``, ``AddressInfo.CountryID``, a comment's
``CheckinStatusTypeID``. The names come from OCM's ``reference.json``
(github.com/openchargemap/ocm-data). The tables the mapping needs are shipped
in this package as ``reference.json``: product data, CC BY-SA 4.0, Open Charge
Map contributors. A newer copy (OCM's ``/referencedata`` answer) can be loaded
with :func:`reference_from` and handed to the mapping instead.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

Row = Mapping[str, Any]


def _by_id(rows: Any) -> dict[int, Row]:
    table: dict[int, Row] = {}
    for row in rows or ():
        if isinstance(row, Mapping) and isinstance(row.get("ID"), int):
            table[row["ID"]] = row
    return table


@dataclass(frozen=True)
class Reference:
    """OCM's reference tables, each keyed by id."""

    connection_types: dict[int, Row]
    operators: dict[int, Row]
    status_types: dict[int, Row]
    usage_types: dict[int, Row]
    checkin_status_types: dict[int, Row]
    comment_types: dict[int, Row]
    data_providers: dict[int, Row]
    countries: dict[int, Row]
    current_types: dict[int, Row]
    levels: dict[int, Row]

    def title(self, table: str, id_: int | None) -> str | None:
        """The row's ``Title``, stripped, or ``None`` for an id the table lacks."""
        if id_ is None:
            return None
        row = getattr(self, table).get(id_)
        title = row.get("Title") if row else None
        return title.strip() or None if isinstance(title, str) else None


def reference_from(data: Mapping[str, Any]) -> Reference:
    """A :class:`Reference` from a parsed ``reference.json`` (or ``/referencedata``) object."""
    return Reference(
        connection_types=_by_id(data.get("ConnectionTypes")),
        operators=_by_id(data.get("Operators")),
        status_types=_by_id(data.get("StatusTypes")),
        usage_types=_by_id(data.get("UsageTypes")),
        checkin_status_types=_by_id(data.get("CheckinStatusTypes")),
        comment_types=_by_id(data.get("UserCommentTypes")),
        data_providers=_by_id(data.get("DataProviders")),
        countries=_by_id(data.get("Countries")),
        current_types=_by_id(data.get("CurrentTypes")),
        levels=_by_id(data.get("ChargerTypes")),
    )


@functools.cache
def shipped_reference() -> Reference:
    """The reference tables shipped in this package (read once)."""
    text = resources.files(__package__).joinpath("reference.json").read_text("utf-8")
    return reference_from(json.loads(text))
