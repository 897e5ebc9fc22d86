"""PlugShare's enumerations (API v3), with the human names drivers know them by.

Every enum is an ``IntEnum`` so that it serializes back to exactly the integer
PlugShare sends, and carries a ``label`` for rendering.
"""

from __future__ import annotations

from enum import IntEnum


class _Labelled(IntEnum):
    """An IntEnum whose members carry a human label as a second tuple item."""

    label: str

    def __new__(cls, value: int, label: str = "") -> _Labelled:
        member = int.__new__(cls, value)
        member._value_ = value
        member.label = label or cls._default_label(value)
        return member

    @classmethod
    def _default_label(cls, value: int) -> str:
        return str(value)

    def __str__(self) -> str:
        return self.label


class Connector(_Labelled):
    """Outlet ``connector`` ids. Id 6 is split by ``power`` (see :class:`Power`)."""

    WALL = 1, "Wall outlet (120V)"
    J1772 = 2, "J1772"
    CHADEMO = 3, "CHAdeMO"
    TESLA_ROADSTER = 4, "Tesla Roadster"
    NEMA_14_50 = 5, "NEMA 14-50"
    TESLA = 6, "Tesla"
    TYPE_2 = 7, "Type 2"
    TYPE_3 = 8, "Type 3"
    BS1363 = 9, "BS1363 (UK 3-pin)"
    EUROPLUG = 10, "Europlug"
    COMMANDO = 11, "Commando"
    AS3112 = 12, "AS3112"
    CCS = 13, "CCS"
    THREE_PHASE = 14, "Three phase"
    CARAVAN = 15, "Caravan mains"
    GBT = 16, "GB/T"
    GBT_2 = 17, "GB/T 2"


class Power(_Labelled):
    """Outlet ``power``. Only meaningful for connector 6 (Tesla)."""

    AC = 0, "AC"
    DC = 1, "DC"


# Connector 6 is two different plugs for a driver; these names are what they call them.
TESLA_BY_POWER = {Power.AC: "Tesla wall connector", Power.DC: "Tesla Supercharger"}

# Connectors that charge at DC fast-charging rates ("DC fast", "DCFC", "rapid").
DC_FAST: tuple[tuple[Connector, Power | None], ...] = (
    (Connector.CHADEMO, None),
    (Connector.CCS, None),
    (Connector.TESLA, Power.DC),
)


def connector_label(connector: int, power: int | None = None) -> str:
    """The name a driver uses for an outlet: ``Tesla Supercharger`` rather than ``Tesla``."""
    if connector == Connector.TESLA and power is not None and power in TESLA_BY_POWER:
        return TESLA_BY_POWER[Power(power)]
    try:
        return Connector(connector).label
    except ValueError:
        return f"Connector {connector}"


class Access(_Labelled):
    PUBLIC = 1, "Public"
    RESTRICTED = 2, "Restricted"
    RESIDENTIAL = 3, "Residential (shared)"


class Availability(_Labelled):
    """Station ``available``; also the values of the ``availability`` filter."""

    UNKNOWN = 0, "Unknown"
    AVAILABLE = 1, "Available"
    IN_USE = 2, "In use"
    OFFLINE = 3, "Offline"
    UNDER_REPAIR = 4, "Under repair"


class StationCost(_Labelled):
    UNKNOWN = 0, "Unknown"
    FREE = 1, "Free"
    FEE = 2, "Fee"


class ReviewRating(_Labelled):
    PROBLEM = -1, "Problem"
    NEUTRAL = 0, "Tip"
    POSITIVE = 1, "Charged"


class Problem(_Labelled):
    BROKEN = 1, "Broken hardware"
    IN_USE = 2, "In use"
    BLOCKED = 3, "Blocked by vehicle"
    COULD_NOT_ACTIVATE = 4, "Could not activate"
    PERMANENTLY_CLOSED = 5, "Permanently closed"


class AmenityType(_Labelled):
    LODGING = 1, "Lodging"
    DINING = 2, "Dining"
    RESTROOMS = 3, "Restrooms"
    EV_PARKING = 4, "EV parking"
    VALET = 5, "Valet parking"
    PARK = 6, "Park"
    WIFI = 7, "WiFi"
    SHOPPING = 8, "Shopping"
    GROCERY = 9, "Grocery"
