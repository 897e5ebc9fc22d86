"""Near misses: unknown words that are a typo away from a filter word.

Only words the lexicon did not know are looked at, and a cheap index decides first
whether any filter word is close at all, so requests without typos never pay for the
comparison. The index holds every filter word with one letter deleted (two for long
words); a word matches when it, or it with one letter deleted, is in the index: that
catches a letter missing, added, changed or two letters swapped. Candidates are then
scored by Damerau-Levenshtein distance over the whole phrase (RapidFuzz).

Applied or only suggested (the choice, so replies stay predictable):

- *applied* when the phrase is long enough that one slip cannot turn another word into
  it: one edit in a phrase of 7+ letters ("Elecrify America", "chademo" as "chadmo",
  "restroms"), two edits in 10+ letters. The filter is used and the reply can say
  "I read 'Elecrify America' as Electrify America".
- *suggested* only, when it is closer to a short name (one edit from a 4-6 letter name,
  two from an 8-9 letter one): "Blnk" -> Blink, "Publix" -> Public; two edits in a
  shorter name change most of it, so nothing is suggested ("alert" is not valet), and
  an everyday filter word with a letter more or less at its end is another word ("take"
  is not "taken", in use).
  Nothing is filtered, the words stay available as a place, and a suggestion on words
  that became the place is dropped ("near Poplar Bluff" is a place, not a misspelt POLAR).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .items import CONTENT, PHRASE, Item
from .lexicon import LEXICON
from .meaning import Kind, Meaning
from .tokens import WORD, Token

_FUZZY_KINDS = frozenset({Kind.OUTLETS, Kind.NETWORK, Kind.AMENITY, Kind.ACCESS, Kind.AVAILABILITY})
_MIN_WORD = 4
#: Two edits are a near miss only in a name this long: in a shorter one they change most
#: of it ("alert" is two edits from "valet", but nobody meant valet parking).
_TWO_SLIPS = 8
#: Words of everyday speech ("taken", "public"), unlike the names of networks, plugs and
#: amenities: a word one letter longer or shorter at the end is usually another word
#: ("take"), not a slip, so it is not suggested.
_EVERYDAY_KINDS = frozenset({Kind.ACCESS, Kind.AVAILABILITY})
#: At most this many unknown words are looked at, so long text stays bounded.
MAX_WORDS_CHECKED = 24


@dataclass(frozen=True, slots=True)
class Target:
    words: tuple[str, ...]
    text: str
    meaning: Meaning


@dataclass(frozen=True, slots=True)
class NearMiss:
    first: int  # item indices, inclusive
    last: int
    target: Target
    applied: bool


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache  # built when a word first needs checking (10 ms): most requests have none
def _build_index() -> tuple[list[Target], dict[str, list[tuple[int, int]]]]:
    targets: list[Target] = []
    seen: set[tuple[str, ...]] = set()
    for key, meaning in LEXICON.entries():
        if meaning.kind not in _FUZZY_KINDS or key in seen:
            continue
        if not all(w.isalpha() for w in key) or len("".join(key)) < _MIN_WORD:
            continue
        seen.add(key)
        targets.append(Target(key, " ".join(key), meaning))
    index: dict[str, list[tuple[int, int]]] = {}
    for t, target in enumerate(targets):
        for position, word in enumerate(target.words):
            if len(word) < _MIN_WORD:
                continue
            variants = {word} | _deletes(word)
            if len(word) >= 9:
                variants |= {d2 for d in _deletes(word) for d2 in _deletes(d)}
            for variant in variants:
                index.setdefault(variant, []).append((t, position))
    return targets, index


def _decide(distance: int, target: Target) -> bool | None:
    """True: apply; False: suggest only; None: not close enough."""
    length = len(target.text.replace(" ", ""))
    if distance == 0:
        return None
    if (distance == 1 and length >= 7) or (distance == 2 and length >= 10):
        return True
    if (distance == 1 and length >= _MIN_WORD) or (distance == 2 and length >= _TWO_SLIPS):
        return False
    return None


def find_near_misses(items: list[Item], tokens: list[Token]) -> list[NearMiss]:
    """Near misses among unknown words, left to right, never overlapping."""
    found: list[NearMiss] = []
    checked = 0
    taken_until = -1
    n = len(items)
    for k, item in enumerate(items):
        if k <= taken_until or item.kind != CONTENT:
            continue
        token = tokens[item.first]
        if token.kind != WORD or len(token.norm) < _MIN_WORD:
            continue
        checked += 1
        if checked > MAX_WORDS_CHECKED:
            break
        word = token.norm
        targets, index = _build_index()
        hits: set[tuple[int, int]] = set()
        for variant in (word, *_deletes(word)):
            positions = index.get(variant)
            if positions:
                hits.update(positions)
        if not hits:
            continue
        best: tuple[int, int, int, Target] | None = None  # (distance, -length, first, ...)
        for t, position in hits:
            target = targets[t]
            first = k - position
            last = first + len(target.words) - 1
            if first < 0 or last >= n or first <= taken_until:
                continue
            window = items[first : last + 1]
            if not all(
                w.kind in (CONTENT, PHRASE)
                and w.last - w.first == 1
                and tokens[w.first].kind == WORD
                for w in window
            ):
                continue
            written = " ".join(tokens[w.first].norm for w in window)
            distance = _damerau_levenshtein()(written, target.text, score_cutoff=2)
            if distance > 2:
                continue
            candidate = (distance, -len(target.words), first, target)
            if best is None or candidate[:3] < best[:3]:
                best = candidate
        if best is None:
            continue
        distance, _, first, target = best
        decision = _decide(distance, target)
        if decision is None or (decision is False and _inflection(word, target)):
            continue
        last = first + len(target.words) - 1
        found.append(NearMiss(first, last, target, decision))
        taken_until = last
    return found


def _inflection(word: str, target: Target) -> bool:
    """``word`` is an everyday filter word with a letter more or less at its end."""
    if target.meaning.kind not in _EVERYDAY_KINDS or len(target.words) != 1:
        return False
    name = target.text
    return word == name[:-1] or name == word[:-1]


@cache
def _damerau_levenshtein() -> Callable[..., int]:
    """rapidfuzz's edit distance, imported when a leftover word first needs it (5 MB)."""
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance
