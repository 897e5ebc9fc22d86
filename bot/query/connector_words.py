"""One connector word to outlet descriptors, for controls that carry a single word
(the Refine menu's "CCS", "J1772", "any")."""

from __future__ import annotations

from bot.plugshare.filters import OutletFilter

from .lexicon import LEXICON
from .meaning import Kind
from .tokens import tokenize

_ANY = frozenset({"any", "all", "no preference", "any connector", "any plug"})


def outlets_for(word: str) -> list[OutletFilter] | None:
    """``"CCS"`` -> ``[CCS]``, ``"DC fast"`` -> CHAdeMO, CCS and Supercharger; ``[]`` for
    "any" (no connector filter); ``None`` when the word is not a connector name."""
    phrase = " ".join(word.split()).casefold()
    if phrase in _ANY:
        return []
    tokens = tokenize(phrase)
    if not tokens:
        return None
    found = LEXICON.match(tokens, [t.norm for t in tokens], 0)
    if found is None or found[1] != len(tokens) or found[0].kind != Kind.OUTLETS:
        return None
    return list(found[0].outlets)
