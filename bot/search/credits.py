"""The attribution line of an answer: the sources of the locations it shows.

A provider's attribution names its sources ("Open Charge Map contributors, CC
BY-SA 4.0"); a provider of several (the local index of AFDC, OCM and PlugShare
files) names only those of the locations shown (:class:`CreditsShown`), so an
answer of OCM locations does not credit the AFDC. Some locations need more: an OCM
POI from another data provider names that provider and its licence
(``Location.credits``, filled where the data is mapped), and an AFDC site merged
with its OCM twin credits OCM. Those credits are added once each, only for the
locations shown; OCM's with the link to its licence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.ocm.source import OCM_CREDIT, OCM_CREDIT_LINKED
from bot.plugshare.models import Location
from bot.providers.base import CreditsShown, Provider


def answer_attribution(provider: Provider, locations: Sequence[Location]) -> str:
    """What an answer showing ``locations`` from ``provider`` credits."""
    if isinstance(provider, CreditsShown):
        return credited(provider.attribution_for(locations), locations)
    return credited(provider.attribution, locations)


def credited(attribution: str, locations: Iterable[Location]) -> str:
    """``attribution`` with every credit of ``locations`` it does not already name."""
    missing = [
        OCM_CREDIT_LINKED if credit == OCM_CREDIT else credit
        for credit in dict.fromkeys(c for location in locations for c in location.credits)
        if credit not in attribution
    ]
    if not missing:
        return attribution
    base = attribution.rstrip(" .")
    return f"{base}; {'; '.join(missing)}." if base else f"Station data: {'; '.join(missing)}."
