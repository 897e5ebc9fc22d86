"""Where to search: the place named in a request, cut out exactly as it was written.

A place is found, in order of preference:

1. after a place marker: "near X", "around X", "in X", "at X", "close to X", "by X",
   "within 2 miles of X", "the nearest CCS to X" (a quoted name after a marker is
   taken whole);
2. before a colon: "Union Station: CCS, free only";
3. anywhere else, as the first run of words the parser does not know (where case is
   used, the first capitalized one; never the words after "my"):
   "superchargers Barstow", "94103", "SFO", "40.7580,-73.9855".

Where case is used, a capitalized place after a marker wins over a lower-case one ("at
truck stops in Ohio" is Ohio). Places named after the first are reported as ignored.

A place runs over words the lexicon does not know, joiners between them ("Bank *of*
America", "Barnes *&* Noble", "Union Station *in* Denver"), commas followed by more of
it ("Blink Fitness*,* Brooklyn", "Portland*,* OR"), abbreviation dots ("St*.* Louis") and
name endings ("Union *Station*", "Central *Park*" written with a capital). It stops at a
filter word, a quantity, a sentence end or a comma followed by anything else.

A filter word stays inside a place name only where the text makes that clear:

- after a marker or before a colon, when the text uses case (some words capitalized,
  some not), a capitalized filter word directly followed by a capitalized word the
  lexicon does not know is part of a name: "near *Free* Library of Philadelphia",
  "at *Tesla* Motors HQ", "near *Blink* Fitness, Brooklyn". All-capital filter words
  (CCS, DC, EA) are always filters: they are written that way on purpose.
- when the text does not use case (all lower or all upper case), a filter word between
  two unknown words of a place after a marker is part of it: "near denver *public*
  library".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .grammar_words import STATION
from .items import CONTENT, MARK, PHRASE, QUANTITY, Item
from .meaning import FILTER_KINDS, Kind, MarkerUse
from .quantities import QuantityKind

# How much a walk trusts that a filter word belongs to a name.
NO_NAMES = 0
INNER_NAMES = 1  # only between words of a name: "Denver *Public* Library"
FULL_NAMES = 2  # also at the start: "near *Free* Library of Philadelphia"

_PROTECTABLE = FILTER_KINDS | {Kind.IGNORE, Kind.FILLER, Kind.NOUN, Kind.NEAREST}
_SANDWICHABLE = FILTER_KINDS | {Kind.IGNORE}
_STATE_CODES = frozenset(
    """
AB AK AL AR AZ BC CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MB MD ME MI MN MO MS MT
NB NC ND NE NH NJ NL NM NS NT NU NV NY OH OK ON OR PA PE PR QC RI SC SD SK TN TX UT VA VT
WA WI WV WY YT
""".split()  # noqa: SIM905
)
_QUOTED_RE = re.compile(r"\s*[\"“«„]([^\"“”«»„]{1,200})[\"”»“]")
_INITIALS_RE = re.compile(r"(?:^|[\s,])(?:\w\.)+\w$")
_EDGE_CHARS = " \t\r\n,;:.!?¿¡-–—*_~`\"'“”‘’«»„()[]{}<>/\\|+#=&@"


@dataclass
class PlaceFinding:
    place: str | None = None
    #: Indices of items that the place (or another place written after it) took.
    used: set[int] = field(default_factory=set)
    #: Further places named after the first ("near Denver or near Boulder").
    others: list[str] = field(default_factory=list)


class PlaceFinder:
    def __init__(self, items: list[Item], text: str, uses_case: bool) -> None:
        self.items = items
        self.text = text
        self.uses_case = uses_case
        self.n = len(items)
        #: Items a walk may not enter (taken by a place already found).
        self.blocked: set[int] = set()

    # -- what an item is, in a place -------------------------------------------------

    def _content(self, k: int) -> bool:
        return self.items[k].kind == CONTENT

    def _named(self, k: int) -> bool:
        """Content that may continue a name after a joiner or comma."""
        item = self.items[k]
        return item.kind == CONTENT and (not self.uses_case or not item.lower)

    def _state_code(self, k: int, previous: int) -> bool:
        """A state code that is (part of) a place: "Portland, OR", "Washington DC", "in DC"."""
        item = self.items[k]
        raw = self.text[item.start : item.end]
        if raw in _STATE_CODES:
            if self.uses_case:
                return True
            following = k + 1
            return following >= self.n or self.items[following].kind == MARK
        if raw.casefold() == "dc" and previous >= 0:
            before = self.items[previous]
            return self.text[before.start : before.end].casefold() == "washington"
        return False

    def _protected(self, k: int, has_content: bool, mode: int = FULL_NAMES) -> bool:
        """A filter (or other known) word that is part of a name here (see module doc)."""
        item = self.items[k]
        if item.kind != PHRASE or item.meaning is None or item.meaning.joiner:
            return False
        kind = item.meaning.kind
        if kind not in _PROTECTABLE:
            return False
        if mode == NO_NAMES or (mode == INNER_NAMES and not has_content):
            return False
        if self.uses_case:
            raw = self.text[item.start : item.end]
            if item.lower or (raw.isupper() and sum(c.isalpha() for c in raw) > 1):
                return False
            j = k + 1
            while j < self.n:
                following = self.items[j]
                if following.kind == CONTENT:
                    return not following.lower
                if (
                    following.kind == PHRASE
                    and following.meaning is not None
                    and following.meaning.tail
                    and not following.lower
                ):
                    return True  # "near Clever Park": a name ending, written as a name
                if (
                    following.kind == PHRASE
                    and following.meaning is not None
                    and (
                        following.meaning.joiner
                        or (following.meaning.kind in _PROTECTABLE and not following.lower)
                    )
                ):
                    j += 1
                    continue
                return False
            return False
        return (
            has_content
            and kind in _SANDWICHABLE
            and k + 1 < self.n
            and self.items[k + 1].kind == CONTENT
        )

    def _name_part(self, k: int, last: int, protect: int) -> bool:
        """Is the known phrase at ``k`` part of the name being walked (``last``: its end)?"""
        item = self.items[k]
        meaning = item.meaning
        assert meaning is not None
        has_content = last >= 0
        if self._protected(k, has_content, protect):
            return True
        if not has_content:
            return self._state_code(k, last)
        # "Union Station", "Penn station"; "Central Park" only when written as a name.
        if meaning.tail and (meaning is STATION or (self.uses_case and not item.lower)):
            return True
        return self._state_code(k, last)

    def _resumes(self, k: int, protect: int) -> bool:
        """Does a name go on at ``k`` (after a joiner or a comma)?"""
        while k < self.n and k not in self.blocked:
            item = self.items[k]
            if item.kind == PHRASE and item.meaning is not None and item.meaning.joiner:
                k += 1
                continue
            return self._named(k) or self._protected(k, True, protect)
        return False

    # -- walking a place ---------------------------------------------------------------

    def walk(self, start: int, protect: int, lists_join: bool = True) -> tuple[int, int] | None:
        """The items of a place starting at ``start``: (first, last) inclusive, or None.

        ``protect`` (NO_NAMES, INNER_NAMES, FULL_NAMES) says where a filter word may be
        part of a name (see the module docstring). ``lists_join`` False ends the place at
        "and" ("between Denver and Vail" is about Denver).
        """
        items = self.items
        n = self.n
        k = start
        # "near the Ferry Building", "at a Starbucks": a lower-case article is not the name.
        while (
            k < n
            and items[k].kind == PHRASE
            and items[k].meaning is not None
            and items[k].meaning.kind == Kind.FILLER
            and items[k].lower
            and not self._protected(k, False, protect)
        ):
            k += 1
        first = k
        last = -1
        while k < n and k not in self.blocked:
            item = items[k]
            has_content = last >= 0
            if item.kind == CONTENT:
                last = k
            elif item.kind == PHRASE:
                meaning = item.meaning
                assert meaning is not None
                if self._name_part(k, last, protect):
                    last = k
                elif (
                    (lists_join or meaning.kind != Kind.CONJUNCTION)
                    # "The Hague", "La Jolla": a capitalized joiner may start a name.
                    and (has_content or (not item.lower and k == first))
                    and meaning.joiner
                    # "Union Station in Denver", but not "truck stops in Ohio".
                    and (
                        meaning.kind != Kind.MARKER
                        or not self.uses_case
                        or (has_content and not items[last].lower)
                    )
                    and self._resumes(k + 1, protect)
                ):
                    pass
                else:
                    break
            elif item.kind == MARK:
                norm = item.norm
                if not has_content:
                    break
                if norm == ",":
                    if not (
                        self._resumes(k + 1, protect)
                        or (k + 1 < n and self._state_code(k + 1, last))
                    ):
                        break
                elif norm == "." and k == last + 1:
                    before = self.text[items[last].start : items[last].end]
                    # "St. Louis", "123 Main St., Springfield": an abbreviation's dot.
                    if not (
                        before.isalpha()
                        and len(before) <= 4
                        and before[0].isupper()
                        and k + 1 < n
                        and (self._named(k + 1) or items[k + 1].norm == ",")
                    ):
                        break
                else:
                    break
            else:
                break
            k += 1
        if last < 0:
            return None
        return first, last

    def cut(self, first: int, last: int) -> str:
        """The place text from item ``first`` to ``last``, as written, without the
        punctuation around it (a closing bracket of its own is kept: "Union Station
        (Denver)")."""
        start = self.items[first].start
        end = self.items[last].end
        text = self.text
        place = text[start:end]
        if "(" in place and place.count("(") > place.count(")") and text[end:].lstrip()[:1] == ")":
            place = text[start : text.index(")", end) + 1]
        place = " ".join(place.split()).lstrip(_EDGE_CHARS)
        while place and place[-1] in _EDGE_CHARS:
            if place[-1] == ")" and place.count("(") >= place.count(")"):
                break
            place = place[:-1]
        # Initials keep their last dot: "Washington, D.C.".
        if text[end : end + 1] == "." and _INITIALS_RE.search(place):
            place += "."
        if "(" in place and place.count("(") > place.count(")"):
            place = place[: place.rindex("(")].strip(_EDGE_CHARS)
        return place

    # -- the three ways a place is written ---------------------------------------------

    def _marker_applies(self, k: int) -> bool:
        item = self.items[k]
        meaning = item.meaning
        if item.kind != PHRASE or meaning is None or meaning.kind != Kind.MARKER:
            return False
        if meaning.marker == MarkerUse.AFTER_RADIUS:
            previous = self.items[k - 1] if k > 0 else None
            return (
                previous is not None
                and previous.kind == QUANTITY
                and previous.quantity is not None
                and previous.quantity.kind in (QuantityKind.RADIUS, QuantityKind.UNUSABLE)
            )
        if meaning.marker == MarkerUse.AFTER_NEAREST:
            return any(
                (i.kind == PHRASE and i.meaning is not None and i.meaning.kind == Kind.NEAREST)
                or (
                    i.kind == QUANTITY
                    and i.quantity is not None
                    and i.quantity.kind == QuantityKind.COUNT
                )
                for i in self.items[:k]
            )
        return True

    def find(self) -> PlaceFinding:
        finding = PlaceFinding()
        used = finding.used
        found: list[tuple[str, bool]] = []
        for k, item in enumerate(self.items):
            if item.kind == PHRASE and k not in used and self._marker_applies(k):
                place = self._after_marker(k, used)
                if place:
                    found.append(place)
        if found:
            # Where case is used, "at truck stops in Ohio" means Ohio: a capitalized place wins.
            best = next((f for f in found if not f[1]), found[0]) if self.uses_case else found[0]
            finding.place = best[0]
            finding.others = [f[0] for f in found if f is not best]
        else:
            self._before_colon(finding)
        return finding

    def _after_marker(self, k: int, used: set[int]) -> tuple[str, bool] | None:
        """The place after the marker at ``k``, and whether it starts in lower case."""
        marker = self.items[k]
        quoted = _QUOTED_RE.match(self.text, marker.end)
        if quoted is not None:
            start, end = quoted.span(1)
            taken = [i for i in range(k + 1, self.n) if self.items[i].start < quoted.end()]
            place = " ".join(self.text[start:end].split())
            if place:
                used.update(taken)
                return place, False
        span = self.walk(k + 1, FULL_NAMES, marker.meaning.marker != MarkerUse.BETWEEN)
        if span is None:
            return None
        first, last = span
        used.update(range(first, last + 1))
        place = self.cut(first, last)
        return (place, self.items[first].lower) if place else None

    def _before_colon(self, finding: PlaceFinding) -> None:
        items = self.items
        for colon in range(1, self.n):
            item = items[colon]
            if item.kind != MARK or item.norm != ":":
                continue
            # 10:30 is a time, not "Union Station: ...".
            if (
                self.text[item.start - 1 : item.start].isdigit()
                and self.text[item.end : item.end + 1].isdigit()
            ):
                continue
            for start in range(colon):
                if not (self._content(start) or self._protected(start, False, FULL_NAMES)):
                    continue
                span = self.walk(start, FULL_NAMES)
                if span is None:
                    continue
                first, last = span
                between = items[last + 1 : colon]
                if all(
                    i.kind == PHRASE
                    and i.meaning is not None
                    and i.meaning.kind in (Kind.FILLER, Kind.GREETING, Kind.NOUN)
                    for i in between
                ):
                    finding.place = self.cut(first, last) or None
                    finding.used.update(range(first, last + 1))
                    return
            return

    def bare_runs(self, used: set[int]) -> list[tuple[int, int]]:
        """Runs of unknown words outside any place already found, first to last."""
        runs: list[tuple[int, int]] = []
        self.blocked = used
        k = 0
        while k < self.n:
            if k not in used and self._content(k):
                span = self.walk(k, INNER_NAMES)
                if span is not None:
                    runs.append(span)
                    k = span[1] + 1
                    continue
            k += 1
        self.blocked = set()
        return runs
