"""Connector words for ``set car``: the names drivers use for their car's plugs.

A deliberately small table of the connectors cars in North America and Europe have.
The request parser (``bot.query``) owns the full vocabulary; once it lands, ``set car``
reads connectors through it and this table goes away.
"""

from __future__ import annotations

import re

from bot.plugshare.enums import Connector, Power
from bot.plugshare.filters import OutletFilter

_WORDS: dict[str, OutletFilter] = {}


def _add(outlet: OutletFilter, *names: str) -> None:
    for name in names:
        _WORDS[_squash(name)] = outlet


def _squash(text: str) -> str:
    return re.sub(r"[\s\-_.]+", "", text.casefold())


_add(OutletFilter(connector=Connector.CCS), "CCS", "CCS1", "CCS2", "Combo", "SAE Combo")
_add(OutletFilter(connector=Connector.CHADEMO), "CHAdeMO")
_add(OutletFilter(connector=Connector.J1772), "J1772", "J-1772", "Type 1", "Level 2", "L2")
_add(OutletFilter(connector=Connector.TESLA), "Tesla", "NACS", "J3400")
_add(
    OutletFilter(connector=Connector.TESLA, power=Power.DC),
    "Supercharger",
    "Tesla Supercharger",
)
_add(
    OutletFilter(connector=Connector.TESLA, power=Power.AC),
    "Tesla wall connector",
    "Tesla HPWC",
    "HPWC",
)
_add(OutletFilter(connector=Connector.TYPE_2), "Type 2", "Mennekes")
_add(OutletFilter(connector=Connector.NEMA_14_50), "NEMA 14-50", "14-50")
_add(OutletFilter(connector=Connector.WALL), "Wall outlet", "120V", "Level 1", "L1")

#: Words between connector names that mean nothing ("CCS and J1772 plugs").
_FILLER = frozenset({"and", "or", "plus", "a", "an", "my", "plug", "plugs", "connector"})
_FILLER |= frozenset({"connectors", "port", "ports", "only", "with", "both"})
_LONGEST = 3  # words in the longest name, "Tesla wall connector"

#: What ``set car`` lists when it does not know a word.
KNOWN = "CCS, CHAdeMO, J1772, Tesla (NACS), Tesla Supercharger, Type 2, NEMA 14-50, wall outlet"


def parse_connectors(text: str) -> tuple[list[OutletFilter], list[str]]:
    """Connectors named in ``text`` and the words that are not connectors, in order."""
    words = re.findall(r"[^\s,;/&+]+", text)
    outlets: list[OutletFilter] = []
    unknown: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            phrase = _squash("".join(words[i : i + size]))
            outlet = _WORDS.get(phrase) or _WORDS.get(phrase.removesuffix("s"))
            if outlet is not None:
                outlets.append(outlet)
                i += size
                break
        else:
            if words[i].casefold() not in _FILLER:
                unknown.append(words[i])
            i += 1
    return outlets, unknown
