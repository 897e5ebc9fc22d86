"""Connector words for ``set car``: the request parser's vocabulary, several at a time.

``bot.query`` owns every name drivers use for a plug ("CCS", "J-1772", "Level 2",
"Tesla Supercharger", "DC fast", "GB/T", ...); this only splits a list of them.
"""

from __future__ import annotations

import re

from bot.plugshare.filters import OutletFilter
from bot.query import outlets_for

#: Words between connector names that mean nothing ("CCS and J1772 plugs").
_FILLER = frozenset(
    {"and", "or", "plus", "a", "an", "my", "plug", "plugs", "connector", "connectors"}
    | {"port", "ports", "only", "with", "both"}
)
_LONGEST = 3  # words in the longest connector name, "Tesla wall connector"

#: What ``set car`` lists when it does not know a word.
KNOWN = "CCS, CHAdeMO, J1772, Tesla (NACS), Tesla Supercharger, Type 2, NEMA 14-50, wall outlet"


def _words(text: str) -> list[str]:
    words: list[str] = []
    for word in re.findall(r"[^\s,;&+]+", text):
        # "CCS/J1772" is a list, "GB/T" a name: split on "/" only what is not a name.
        if "/" in word and outlets_for(word) is None:
            words.extend(part for part in word.split("/") if part)
        else:
            words.append(word)
    return words


def parse_connectors(text: str) -> tuple[list[OutletFilter], list[str]]:
    """Connectors named in ``text`` and the words that are not connectors, in order."""
    words = _words(text)
    outlets: list[OutletFilter] = []
    unknown: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            found = outlets_for(" ".join(words[i : i + size]))
            if found:  # [] is "any": not a connector of a car
                outlets.extend(found)
                i += size
                break
        else:
            if words[i].casefold() not in _FILLER:
                unknown.append(words[i])
            i += 1
    return outlets, unknown
