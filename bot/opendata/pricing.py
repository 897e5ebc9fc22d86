"""AFDC ``EV Pricing`` free text -> PlugShare station cost (0 unknown, 1 free, 2 fee).

The text is written by station owners: "Free", "$0.30 per kWh", "Free; 3 hour
maximum", "Free; $1.50 per hour parking rate", "$0.00-$4.00/Hr Variable Parking Fee".
PlugShare's ``cost=false`` ("free only") drops locations with a known fee *of any
kind*, parking included, so a fee anywhere in the text wins over "free":

- a non-zero amount of money ("$1", "0.30 per kWh", "25 cents"), or fee wording
  ("fee", "pay", "paid", "paying", "payment", "rate"): fee;
- otherwise free wording ("free", "no charge", "no cost", "complimentary") or only
  zero amounts ("$0.00"): free;
- otherwise (blank, "Contact site for pricing", "Varies"): unknown.

The text itself is always kept as the cost description.
"""

from __future__ import annotations

import re
from typing import Final

from bot.plugshare.enums import StationCost

_MONEY: Final = re.compile(
    r"\$\s*(\d+(?:[.,]\d+)?|\.\d+)"  # $1, $0.30, $.30
    r"|(\d+(?:\.\d+)?|\.\d+)\s*(?:¢|cents?\b)"  # 25 cents, 25¢
    r"|(\d+(?:\.\d+)?|\.\d+)\s*(?:/|per\s+)(?:kwh|kw|hr|hour|min|minute|session)\b",
    re.IGNORECASE,
)
_FEE_WORDS: Final = re.compile(r"\b(?:fees?|pay|paid|paying|payment|rates?)\b", re.IGNORECASE)
_FREE_WORDS: Final = re.compile(r"\b(?:free|no\s+charge|no\s+cost|complimentary)\b", re.IGNORECASE)


def station_cost(pricing: str | None) -> StationCost:
    text = (pricing or "").strip()
    if not text:
        return StationCost.UNKNOWN
    amounts = [
        float(next(group for group in match.groups() if group).replace(",", "."))
        for match in _MONEY.finditer(text)
    ]
    if any(amount > 0 for amount in amounts) or _FEE_WORDS.search(text):
        return StationCost.FEE
    if amounts or _FREE_WORDS.search(text):
        return StationCost.FREE
    return StationCost.UNKNOWN
