"""PlugShare's schema (the project's domain language) and its API client."""

from bot.plugshare.enums import (
    Access,
    AmenityType,
    Availability,
    Connector,
    Power,
    Problem,
    ReviewRating,
    StationCost,
    connector_label,
)
from bot.plugshare.filters import MAX_COUNT, MAX_RADIUS_M, Filters, OutletFilter
from bot.plugshare.models import (
    Amenity,
    Location,
    Network,
    Outlet,
    Photo,
    Review,
    Station,
    User,
)
from bot.plugshare.networks import NETWORKS, NetworkInfo, network_name

__all__ = [
    "MAX_COUNT",
    "MAX_RADIUS_M",
    "NETWORKS",
    "Access",
    "Amenity",
    "AmenityType",
    "Availability",
    "Connector",
    "Filters",
    "Location",
    "Network",
    "NetworkInfo",
    "Outlet",
    "OutletFilter",
    "Photo",
    "Power",
    "Problem",
    "Review",
    "ReviewRating",
    "Station",
    "StationCost",
    "User",
    "connector_label",
    "network_name",
]
