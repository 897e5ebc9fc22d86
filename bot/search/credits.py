"""The attribution line of an answer: the provider's, plus whatever its locations must credit.

A provider's attribution names its sources ("Open Charge Map contributors, CC
BY-SA 4.0"). Some locations need more: an OCM POI from another data provider
names that provider and its licence (``Location.credits``, filled where the data
is mapped). Those credits are added once each, only for the locations shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.plugshare.models import Location


def credited(attribution: str, locations: Iterable[Location]) -> str:
    """``attribution`` with every credit of ``locations`` it does not already name."""
    missing = [
        credit
        for credit in dict.fromkeys(c for location in locations for c in location.credits)
        if credit not in attribution
    ]
    if not missing:
        return attribution
    base = attribution.rstrip(" .")
    return f"{base}; {'; '.join(missing)}." if base else f"Station data: {'; '.join(missing)}."
