"""The request as a sequence of items: phrases the lexicon knows, quantities, punctuation,
and content (everything else: the words a place is made of, or words not understood)."""

from __future__ import annotations

from .lexicon import LEXICON
from .meaning import Kind, Meaning
from .quantities import TRIGGERS, Quantity, match_count, match_measure, match_score
from .tokens import COORDINATES, NUMBER, PUNCT, WORD, Token

# Road names whose first word would otherwise read as a pronoun: "I-80", "US 101".
_ROAD_PREFIXES = frozenset({"I", "US", "Hwy", "SR", "Route", "Rte"})


def _is_model_name(token: Token) -> bool:
    return token.kind == NUMBER or (len(token.raw) == 1 and token.raw.isupper())


CONTENT = 0
PHRASE = 1
QUANTITY = 2
MARK = 3  # punctuation


class Item:
    __slots__ = ("end", "first", "kind", "last", "lower", "meaning", "norm", "quantity", "start")

    def __init__(
        self,
        kind: int,
        tokens: list[Token],
        first: int,
        last: int,
        meaning: Meaning | None = None,
        quantity: Quantity | None = None,
    ) -> None:
        self.kind = kind
        self.first = first
        self.last = last
        self.start = tokens[first].start
        self.end = tokens[last - 1].end
        self.meaning = meaning
        self.quantity = quantity
        self.norm = tokens[first].norm if last - first == 1 else ""
        #: Written in lower case (a word starting with a lower-case letter).
        if last - first == 1:
            token = tokens[first]
            self.lower = token.kind == WORD and token.raw[0].islower()
        else:
            self.lower = any(t.kind == WORD and t.raw[0].islower() for t in tokens[first:last])

    def __repr__(self) -> str:
        what = {CONTENT: "content", PHRASE: "phrase", QUANTITY: "quantity", MARK: "mark"}
        detail = self.meaning.kind.name if self.meaning else (self.quantity or self.norm)
        return f"Item({what[self.kind]}, {self.first}:{self.last}, {detail})"


def classify(tokens: list[Token]) -> list[Item]:
    """One left-to-right pass: at each token the longest thing that starts there."""
    norms = [t.norm for t in tokens]
    items: list[Item] = []
    append = items.append
    match = LEXICON.match
    n = len(tokens)

    def countable(j: int) -> bool:
        if j >= n:
            return False
        found = match(tokens, norms, j)
        return found is not None and (found[0].is_filter or found[0].kind == Kind.NOUN)

    i = 0
    while i < n:
        token = tokens[i]
        kind = token.kind
        if i + 1 < n and (
            (token.raw in _ROAD_PREFIXES and tokens[i + 1].kind == NUMBER)
            or (token.norm == "model" and _is_model_name(tokens[i + 1]))
        ):
            # "I-80", "US 101": a road, not the pronoun "I" and a number; "Model 3": a car.
            append(Item(CONTENT, tokens, i, i + 2))
            i += 2
            continue
        if kind != COORDINATES:
            if kind == NUMBER or token.norm in TRIGGERS:
                if kind == NUMBER:
                    # "14-50", "3 phase", "120V": a phrase that starts with a number.
                    found = match(tokens, norms, i)
                    if found is not None and found[1] > 1:
                        append(Item(PHRASE, tokens, i, i + found[1], meaning=found[0]))
                        i += found[1]
                        continue
                quantity = (
                    match_score(tokens, i)
                    or match_measure(tokens, i)
                    or match_count(tokens, i, countable)
                )
                if quantity is not None:
                    append(Item(QUANTITY, tokens, i, i + quantity.length, quantity=quantity))
                    i += quantity.length
                    continue
            found = match(tokens, norms, i)
            if found is not None:
                append(Item(PHRASE, tokens, i, i + found[1], meaning=found[0]))
                i += found[1]
                continue
            if kind == PUNCT:
                append(Item(MARK, tokens, i, i + 1))
                i += 1
                continue
        append(Item(CONTENT, tokens, i, i + 1))
        i += 1
    return items
