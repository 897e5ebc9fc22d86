"""A card's line about what "open now" and "cheapest" checked: hours unknown, price/kWh."""

from __future__ import annotations

from bot.answer.answer import Answer
from bot.plugshare.models import Location
from bot.prices import format_price

HOURS_UNKNOWN = "hours unknown"


def checks_text(answer: Answer, location: Location) -> str | None:
    checks = answer.checks
    query = answer.query
    if checks is None or query is None:
        return None
    parts: list[str] = []
    if query.open_at is not None and location.id in checks.hours_unknown:
        parts.append(HOURS_UNKNOWN)
    price = checks.prices.get(location.id)
    if price is not None and price[0] > 0:  # a free one already says "Free"
        parts.append(f"≈ {format_price(*price)} all in")
    elif location.id in checks.price_unknown:
        parts.append("price per kWh unknown")
    return " · ".join(parts) or None
