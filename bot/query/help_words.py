"""Whether a text could be asking for help, told without parsing it.

:func:`~bot.query.parse_query` reads a text as a help request (``SearchQuery.is_help``)
only when every word in it belongs to a greeting, help, filler or conjunction phrase of
the lexicon and the rest is punctuation. A text holding any other word is therefore a
search (or nonsense) whatever the parse finds: Slack's ack path uses
:func:`might_ask_for_help` to parse only texts that might be help, so a search's text is
parsed once, where it is answered.
"""

from __future__ import annotations

from .lexicon import LEXICON
from .meaning import Kind
from .tokens import PUNCT, tokenize

#: The phrases a help request may consist of (besides punctuation).
HELP_ONLY_KINDS = frozenset({Kind.FILLER, Kind.HELP, Kind.GREETING, Kind.CONJUNCTION})

#: Every word of those phrases, as tokens are looked up (``Token.norm``).
_HELP_WORDS = frozenset(
    norm for key, meaning in LEXICON.entries() if meaning.kind in HELP_ONLY_KINDS for norm in key
)


def might_ask_for_help(text: str) -> bool:
    """False when ``text`` (cleaned as the parser reads it) cannot be a help request;
    True when it may be (the parse decides)."""
    return all(token.kind == PUNCT or token.norm in _HELP_WORDS for token in tokenize(text))
