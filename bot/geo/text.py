"""Place text as typed, tidied for look-ups and cache keys."""

from __future__ import annotations

import re
import unicodedata

#: Longer than any real place name or address; longer text is refused before any look-up.
MAX_PLACE_LENGTH = 200

_SPACES = re.compile(r"\s+")
_COMMAS = re.compile(r"\s*,\s*")
_EDGE_PUNCTUATION = "\"'“”‘’`.,;:!?()[]{}<> \t\r\n"
# Every ASCII character that is not a letter or digit becomes a space; apostrophes vanish.
_ASCII_WORDS = {c: " " for c in range(128) if not chr(c).isalnum()} | {ord("'"): None}


def clean(text: str) -> str:
    """The text to look up: Unicode-normalized, single-spaced, without surrounding punctuation."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION)


def normalize(text: str) -> str:
    """The cache key form: "Union Station ,denver" and "union station, Denver" share one."""
    return _COMMAS.sub(", ", clean(text)).casefold()


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits, accents dropped: "Zürich" -> "zurich".

    Apostrophes vanish rather than split ("King's" -> "kings"), as gazetteers spell them.
    """
    text = text.casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.replace("’", "'").translate(_ASCII_WORDS)
    if not text.isascii():  # letters with no ASCII form (ø, ł, ß was casefolded): keep them
        text = "".join(c if c.isalnum() or c == " " else " " for c in text)
    return " ".join(text.split())
