"""Price free text -> a :class:`Tariff`, and a tariff -> one price per kWh.

The texts are written by station owners and OCM contributors: "$0.30 per kWh",
"$1.50 per session; $0.75 per kWh", "$0.22/min >=60kW", "5,60€/hour", "24p / kWh",
"0,26cts/kWh", "$0.00-$4.00/Hr Variable Parking Fee", "Free; donations encouraged".

How a text is read:

- it is cut into parts at ";", ",", "+", " and " and " plus "; each part may hold one
  amount: a currency before or after it ($, €, £, ¥, "p"/"cts"/"cents"/"¢" for hundredths)
  and a unit after it (kWh, minute, hour — "per 4 hrs" divides —, session; "initiation
  fee", "session fee" or "connection fee" without a unit are per session);
- parts about what happens later are skipped: idle/overstay fees and prices "after N
  hours" or "thereafter" are avoidable by leaving in time;
- a range ("$0.25-$0.50/kWh") counts at its top, and when a text names several prices of
  one kind ("$0.35 per kWh for public; $0.20 per kWh for employees", "£0.21/kWh ...
  £0.11/kWh at night") the highest counts: "under 30 cents" never lets a dearer one in;
- "free" (or "gratis", "gratuit", "no charge") with no amount is a price of 0;
- a subscription ("£10/month"), a bare number ("0.19") or a text with no amount and no
  free word can't be read.

:meth:`Tariff.per_kwh` turns the parts into one figure per kWh: energy price, plus the
session fee spread over :data:`SESSION_KWH`, plus time prices at the station's power
(a per-minute price needs that power; without it the price can't be normalised).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: Energy a typical public charging session adds, to spread a session fee over.
SESSION_KWH: Final = 25.0

_NUMBER = r"\d+(?:[.,]\d+)?|[.,]\d+"
_AMOUNT: Final = re.compile(
    rf"(?P<pre>[$€£¥])\s*(?P<a>{_NUMBER})(?:\s*[-–]\s*[$€£¥]?\s*(?P<b>{_NUMBER}))?"
    rf"|(?P<a2>{_NUMBER})(?:\s*[-–]\s*(?P<b2>{_NUMBER}))?\s*"
    r"(?P<post>€|£|\$|¢|cts?\b|cents?\b|p\b|eur\b|euros?\b|usd\b|gbp\b)(?!\s*\d)",
    re.IGNORECASE,
)
_UNIT: Final = re.compile(
    r"\s*(?:/|\bper\b|\bpar\b|\ba\b|\ban\b)?\s*(?:(?P<count>\d+)\s*)?"
    r"(?P<unit>kwh|kw\s*h|minutes?|mins?|hours?|hrs?|h|heures?|sessions?|charges?|months?|"
    r"monthly|mo|years?|yearly|annual)\b",
    re.IGNORECASE,
)
_PARTS: Final = re.compile(r"[;+\n]|(?<!\d),|,(?!\d)|\band\b|\bplus\b|\bthen\b", re.IGNORECASE)
_LATER: Final = re.compile(
    r"\b(?:idle|overstay|after|thereafter|afterwards?|following|beyond|over\s+\d+\s*h)",
    re.IGNORECASE,
)
_SESSION_FEE: Final = re.compile(
    r"\b(?:initiation|session|connection|start(?:ing)?|plug[- ]?in|flat)\s+fee\b", re.IGNORECASE
)
_FREE: Final = re.compile(
    r"\b(?:free|gratis|gratuit|gratuite|gratuitement|no\s+charge|no\s+cost|complimentary)\b",
    re.IGNORECASE,
)
_CURRENCY_NAMES: Final = {"eur": "€", "euro": "€", "euros": "€", "usd": "$", "gbp": "£"}
_HUNDREDTHS: Final = frozenset({"¢", "ct", "cts", "cent", "cents", "p"})


@dataclass(frozen=True, slots=True)
class Tariff:
    """What a price text says, in the currency's main unit ("$", "€", "£"; "" when unsaid)."""

    currency: str = ""
    energy_per_kwh: float = 0.0
    per_minute: float = 0.0
    per_session: float = 0.0

    @property
    def is_free(self) -> bool:
        return not (self.energy_per_kwh or self.per_minute or self.per_session)

    def per_kwh(self, power_kw: float | None) -> float | None:
        """One price per kWh, or None when a time price needs a power that isn't known."""
        price = self.energy_per_kwh + self.per_session / SESSION_KWH
        if self.per_minute:
            if not power_kw or power_kw <= 0:
                return None
            price += self.per_minute * 60 / power_kw
        return round(price, 4)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_price(text: str | None) -> Tariff | None:
    """The tariff ``text`` describes, or None when no price can be read from it."""
    if not text or not text.strip():
        return None
    energy = minute = session = 0.0
    currency = ""
    found = False
    for part in _PARTS.split(text):
        if _LATER.search(part):
            continue
        for match in _AMOUNT.finditer(part):
            read = _read_amount(part, match)
            if read is None:
                continue
            value, mark, unit, count = read
            if mark and mark not in _HUNDREDTHS:
                currency = currency or _CURRENCY_NAMES.get(mark, mark)
            if unit == "session":
                session = max(session, value / count)
            elif unit == "kwh":
                energy = max(energy, value)
            elif unit == "minute":
                minute = max(minute, value / count)
            elif unit == "hour":
                minute = max(minute, value / count / 60)
            else:
                continue  # a subscription, not a price per charge
            found = True
            break
    if not found:
        if _FREE.search(text) and not _AMOUNT.search(text):
            return Tariff()
        return None
    return Tariff(currency, energy, minute, session)


def _read_amount(part: str, match: re.Match[str]) -> tuple[float, str, str, int] | None:
    """(value in main units, currency mark, unit, count) for one amount, or None.

    The unit is "kwh", "minute", "hour", "session" or "subscription".
    """
    value = _number(match["b"] or match["a"] or match["b2"] or match["a2"])
    mark = (match["pre"] or match["post"] or "").lower()
    if mark in _HUNDREDTHS and value >= 1:
        # "0,26cts/kWh" is a slip for 0.26 in the main unit: no charger sells at 1/400 ¢.
        value /= 100
    unit_match = _UNIT.match(part, match.end())
    if unit_match is None:
        if _SESSION_FEE.search(part) or re.search(r"\bsession\b", part, re.IGNORECASE):
            return value, mark, "session", 1
        return None
    unit = re.sub(r"\s", "", unit_match["unit"].lower())
    count = int(unit_match["count"]) if unit_match["count"] else 1
    if count <= 0:
        return None
    if unit.startswith(("month", "mo", "year", "annual")):
        return value, mark, "subscription", count
    if unit == "kwh":
        return value, mark, "kwh", 1
    if unit.startswith("min"):
        return value, mark, "minute", count
    if unit.startswith(("h", "heure")):
        return value, mark, "hour", count
    return value, mark, "session", count
