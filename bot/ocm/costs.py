"""OCM ``UsageCost`` free text -> PlugShare station cost (0 unknown, 1 free, 2 fee).

OCM's contributors write costs in every currency and language: "5,60€/hour",
"£0.79/kWh; other tariffs available", "$0.22/min >=60kW", "0,26cts/kWh",
"07:00-23:59: 24p / kWh", "Gratuit", "Gratis para los clientes del hotel",
"Free charge but local parking fees apply". PlugShare's ``cost=false`` ("free
only") drops locations with a known fee *of any kind*, so, as for AFDC
(:mod:`bot.opendata.pricing`), a fee anywhere in the text wins over "free":

- a non-zero amount with a currency (``$ € £ ¥ kr CHF`` and the codes ``EUR USD
  GBP ...``, before or after the number, or pence / cents: ``24p``, ``26cts``) or
  with a unit to pay per (``0.30/kWh``, ``2 per hour``), or fee wording in
  English, French, German, Spanish, Dutch or Icelandic: fee;
- otherwise free wording in those languages, or only zero amounts: free;
- otherwise (blank, "1", "0.19", "Contact site for pricing"): unknown.

A usage type that says "pay at location" (:data:`PAY_AT_LOCATION`) is a fee too.
The text itself is always kept as the cost description.
"""

from __future__ import annotations

import re
from typing import Final

from bot.plugshare.enums import StationCost

_NUMBER: Final = r"(\d+(?:[.,]\d+)?|[.,]\d+)"
_CURRENCY: Final = r"(?:[$€£¥₩₹]|kr\.?|chf|eur|usd|gbp|cad|aud|nok|sek|dkk|isk)"
_UNIT: Final = r"(?:kwh|kw|hrs?|hours?|h|mins?|minutes?|session|charge|month|year|day)"
_MONEY: Final = re.compile(
    rf"{_CURRENCY}\s*{_NUMBER}"  # $0.30, € 5, CHF 0.50
    rf"|{_NUMBER}\s*{_CURRENCY}"  # 5,60€, 0.35 EUR, 10 kr
    rf"|{_NUMBER}\s*(?:p|pence|c|cts?|cents?|¢)(?![a-z])"  # 24p, 26cts, 25 cents
    rf"|{_NUMBER}\s*(?:/|per\s+|par\s+|pro\s+|por\s+)\s*{_UNIT}\b",  # 0.30/kWh, 2 per hour
    re.IGNORECASE,
)
_FEE_WORDS: Final = re.compile(
    r"\b(?:fees?|pay|paid|paying|payment|tariffs?|charged|rates?|payant|payante|"
    r"kostenpflichtig|gebühr|gebühren|de\s+pago|pago|betaald|betalen|gjald|greiða)\b",
    re.IGNORECASE,
)
_FREE_WORDS: Final = re.compile(
    r"\b(?:free|no\s+charge|no\s+cost|complimentary|gratuit|gratuite|gratis|gratuito|"
    r"kostenlos|umsonst|ókeypis|frítt|gratuïta)\b",
    re.IGNORECASE,
)
#: OCM usage types whose reference row says ``IsPayAtLocation`` (5, "Public - Pay At Location").
PAY_AT_LOCATION: Final = frozenset({5})


def _amount(match: re.Match[str]) -> float:
    text = next(group for group in match.groups() if group)
    return float(text.replace(",", "."))


def usage_cost(text: str | None, usage_type_id: int | None = None) -> StationCost:
    """The PlugShare cost a POI's ``UsageCost`` and ``UsageTypeID`` say."""
    text = (text or "").strip()
    if usage_type_id in PAY_AT_LOCATION:
        return StationCost.FEE
    if not text:
        return StationCost.UNKNOWN
    amounts = [_amount(match) for match in _MONEY.finditer(text)]
    if any(amount > 0 for amount in amounts) or _FEE_WORDS.search(text):
        return StationCost.FEE
    if amounts or _FREE_WORDS.search(text):
        return StationCost.FREE
    return StationCost.UNKNOWN
