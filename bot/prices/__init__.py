"""Prices: free text -> :class:`Tariff` -> one normalised price per kWh for a location."""

from __future__ import annotations

from bot.plugshare.models import Location

from .reading import SESSION_KWH, Tariff, parse_price

__all__ = [
    "SESSION_KWH",
    "Tariff",
    "format_price",
    "location_price",
    "location_tariff",
    "parse_price",
]


def location_tariff(location: Location) -> Tariff | None:
    """The location's price text read, or its stations' (the dearest of them)."""
    found = parse_price(location.cost_description)
    if found is not None:
        return found
    tariffs = [t for s in location.stations if (t := parse_price(s.cost_description))]
    if not tariffs:
        return None
    return max(tariffs, key=lambda t: t.per_kwh(None) or 0.0)


def max_power_kw(location: Location) -> float | None:
    powers = [
        outlet.kilowatts
        for station in location.stations
        for outlet in station.outlets
        if outlet.kilowatts
    ]
    return max(powers) if powers else None


def location_price(location: Location) -> tuple[float, str] | None:
    """Price per kWh at the location and its currency mark ("$", "€", "£", "" unsaid), or
    None when its text can't be read or normalised.

    A time price is counted at the location's highest outlet power.
    """
    tariff = location_tariff(location)
    if tariff is None:
        return None
    price = tariff.per_kwh(max_power_kw(location))
    return None if price is None else (price, tariff.currency)


def format_price(price: float, currency: str) -> str:
    """``$0.35/kWh``, ``0.24 €/kWh``... ``Free`` for 0."""
    if price <= 0:
        return "free"
    amount = f"{price:.2f}"
    if currency in ("$", "£", "¥"):
        return f"{currency}{amount}/kWh"
    return f"{amount} {currency}/kWh".replace("  ", " ") if currency else f"{amount}/kWh"
