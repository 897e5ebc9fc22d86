"""One pass over the text: words, numbers and the punctuation that carries meaning.

Every token keeps its span in the cleaned text, so a place can be cut out exactly
as the user wrote it. ``norm`` is the form vocabulary is looked up by: case folded,
accents and apostrophes removed. Letters and digits are split apart (``J1772`` ->
``j`` ``1772``, ``3mi`` -> ``3`` ``mi``) so that ``J1772``, ``J-1772`` and ``J 1772`` all
read the same; hyphens, slashes, brackets, quotes and symbols separate tokens but are
not tokens themselves (the characters between two tokens are kept in ``sep``).
"""

from __future__ import annotations

import math
import re
import unicodedata

# Numbers: 3, 1.5, 1,000 (grouping), 1,5 (decimal comma) and 1e3 are read by number_value.
# An exponent ("1e3") belongs to its number: read apart, "1e309 m" would be "309 m".
_TOKEN_RE = re.compile(
    r"([0-9]+(?:[.,][0-9]+)*(?:[eE][+-]?[0-9]+(?![^\W\d_]))?)"
    r"|([^\W\d_]+(?:['’][^\W\d_]+)*)|[,;:.!?&+<>=≥≤]"
)

WORD = 0
NUMBER = 1
PUNCT = 2
COORDINATES = 3


class Token:
    __slots__ = ("end", "kind", "norm", "raw", "sep", "start", "value")

    def __init__(self, raw: str, norm: str, kind: int, start: int, end: int, sep: str) -> None:
        self.raw = raw
        self.norm = norm
        self.kind = kind
        self.start = start
        self.end = end
        #: Characters between the previous token and this one ("" when glued to it).
        self.sep = sep
        self.value: float | None = number_value(raw) if kind == NUMBER else None

    @property
    def glued(self) -> bool:
        return not self.sep

    def __repr__(self) -> str:
        return f"Token({self.raw!r})"


def fold(word: str) -> str:
    """``Électrique`` -> ``electrique``; ``King's`` -> ``kings``."""
    folded = word.casefold()
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
        folded = folded.replace("’", "")
    return folded.replace("'", "") if "'" in folded else folded


def number_value(raw: str) -> float | None:
    if "," in raw:
        head, _, tail = raw.rpartition(",")
        # 1,000 groups digits; 1,5 is a decimal comma.
        raw = raw.replace(",", "") if len(tail) == 3 and "." not in raw else f"{head}.{tail}"
        if raw.count(".") > 1:
            return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _norm(raw: str, group: int | None) -> str:
    """How a matched token is looked up: a word case folded, a number or mark as written."""
    if group != 2:
        return raw
    norm = raw.lower() if raw.isascii() else fold(raw)
    return norm.replace("'", "") if "'" in norm else norm


def norms(text: str) -> tuple[str, ...]:
    """Each token's ``norm``, as :func:`tokenize` reads ``text``: the lexicon's keys."""
    return tuple(_norm(m.group(), m.lastindex) for m in _TOKEN_RE.finditer(text))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, with spans relative to the whole text."""
    tokens: list[Token] = []
    previous_end = start
    append = tokens.append
    for match in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        raw = match.group()
        group = match.lastindex
        kind = NUMBER if group == 1 else WORD if group == 2 else PUNCT
        s, e = match.span()
        append(Token(raw, _norm(raw, group), kind, s, e, text[previous_end:s]))
        previous_end = e
    return tokens
