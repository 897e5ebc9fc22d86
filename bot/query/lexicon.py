"""Every phrase the parser knows, indexed for a longest-match scan over tokens.

Phrases are tokenized exactly like requests, so an entry and a request agree on how
``J-1772`` or ``Wi-Fi`` splits. Each phrase whose last word is a noun-like word also
gets its plural (``hotels``, ``superchargers``), marked plural.
"""

from __future__ import annotations

from dataclasses import replace

from .filter_words import filter_entries, network_entries
from .grammar_words import FILLER, NOT_FILTER_PHRASES, grammar_entries, split_phrases
from .meaning import Kind, Meaning
from .tokens import Token, norms

Key = tuple[str, ...]

_PLURAL_KINDS = frozenset({Kind.OUTLETS, Kind.NETWORK, Kind.AMENITY, Kind.NOUN})


def phrase_key(phrase: str) -> Key:
    return norms(phrase)


class Lexicon:
    def __init__(self) -> None:
        self.phrases: dict[Key, Meaning] = {}
        self.caps_phrases: dict[Key, Meaning] = {}
        #: Longest phrase length by first word, so a scan tries only lengths that exist.
        self.longest: dict[str, int] = {}
        for phrase, meaning in grammar_entries():
            self._add(phrase_key(phrase), meaning)
        for phrase, meaning in filter_entries():
            self._add_with_plural(phrase_key(phrase), meaning, self.phrases)
        for phrase, meaning, caps_only in network_entries():
            target = self.caps_phrases if caps_only else self.phrases
            self._add_with_plural(phrase_key(phrase), meaning, target)
        # Last, so that "can i park" and "at least" stay grammar whatever else is listed.
        for phrase in split_phrases(NOT_FILTER_PHRASES):
            self._add(phrase_key(phrase), FILLER)

    def _add(self, key: Key, meaning: Meaning, target: dict[Key, Meaning] | None = None) -> None:
        if not key:
            return
        (self.phrases if target is None else target)[key] = meaning
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def _add_with_plural(self, key: Key, meaning: Meaning, target: dict[Key, Meaning]) -> None:
        self._add(key, meaning, target)
        last = key[-1] if key else ""
        if (
            meaning.kind in _PLURAL_KINDS
            and len(last) >= 3
            and last.isalpha()
            and not last.endswith("s")
        ):
            plural = (*key[:-1], last + ("es" if last.endswith(("ch", "sh", "x")) else "s"))
            if plural not in target and plural not in self.phrases:
                self._add(plural, replace(meaning, plural=True), target)

    def match(self, tokens: list[Token], norms: list[str], i: int) -> tuple[Meaning, int] | None:
        """The longest phrase starting at token ``i``: its meaning and token count."""
        first = norms[i]
        longest = self.longest.get(first)
        if longest is None:
            return None
        if longest > 1:
            for length in range(min(longest, len(norms) - i), 1, -1):
                key = tuple(norms[i : i + length])
                caps = self.caps_phrases.get(key)
                if caps is not None and all(t.raw[0].isupper() for t in tokens[i : i + length]):
                    return caps, length
                meaning = self.phrases.get(key)
                if meaning is not None:
                    return meaning, length
        key = (first,)
        caps = self.caps_phrases.get(key)
        if caps is not None and tokens[i].raw[0].isupper():
            return caps, 1
        meaning = self.phrases.get(key)
        return (meaning, 1) if meaning is not None else None

    def entries(self) -> list[tuple[Key, Meaning]]:
        """Every phrase with its meaning (caps-only ones included)."""
        return [*self.phrases.items(), *self.caps_phrases.items()]


LEXICON = Lexicon()
