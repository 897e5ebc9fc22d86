"""Trips: "between A and B", "from A to B", "A to B", "on my way to B", "via C", "along I-80".

A request is a route when it names where a trip ends. What it says about the trip is cut
out of the items here (the places, the road, the range, the reserve and the corridor);
everything else is read for filters exactly as in a search around one place.

- "between A and B", "from A to B", "A to B" (both sides names), "on my/the/our way to B",
  "heading/driving/road trip to B" (from the person's home), "from here/home to B";
- "via C" (and "via C and D") adds stops the road passes through, in order;
- "along I-80", "on US 101", "taking Hwy 50" name the road (a hint to the router);
- "range 220 mi", "220 miles of range", "I have 40% of 300 mi" set the range; "15%
  reserve", "reserve 20%", "keep 10%" the reserve;
- any distance ("within 5 miles of the road", "within 1 km") sets the corridor width: in a
  route request a radius can only mean that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .items import CONTENT, MARK, PHRASE, QUANTITY, Item
from .meaning import FILTER_KINDS, Kind
from .places import FULL_NAMES, PlaceFinder
from .quantities import QuantityKind
from .search_query import DEFAULT_CORRIDOR_M, RouteQuery

_WAY_PHRASES = frozenset(
    {
        "on my way",
        "my way",
        "on the way",
        "on our way",
        "along my way",
        "along the way",
        "road trip",
        "trip",
        "heading",
        "driving",
        "going",
        "head",
        "drive",
    }
)
_HOME_WORDS = frozenset({"home", "my home", "my house", "my place", "here", "me", "my location"})
_ROAD_WORDS = frozenset({"interstate", "highway", "hwy", "freeway", "route", "rte", "sr"})
_ROAD_MARKERS = frozenset({"along", "on", "via", "taking", "take", "using", "down", "up"})
_ROAD_NOUNS = frozenset(
    {"road", "route", "highway", "freeway", "interstate", "motorway", "way", "trip", "line"}
)
_RESERVE_WORDS = frozenset({"reserve", "buffer", "margin", "spare"})
_KEEP_WORDS = frozenset({"keep", "keeping", "arrive", "arriving"})
_RANGE_WORD = "range"
#: Words a point search reports as ignored that a route request has answered.
_ROUTE_NOISE = frozenset(
    {
        "route",
        "on my route",
        "along my route",
        "on the way",
        "along the way",
        "on my way",
        "on our way",
        "along my way",
        "my way",
        "road trip",
        "trip",
        "directions",
        "drive time",
        "navigate",
    }
)


@dataclass
class RouteFinding:
    route: RouteQuery
    #: Items the route's words took (not read again for filters or places).
    used: set[int] = field(default_factory=set)


class RouteFinder:
    """Finds a trip in a request's items (see the module docstring)."""

    def __init__(self, items: list[Item], text: str, places: PlaceFinder) -> None:
        self.items = items
        self.text = text
        self.places = places
        self.n = len(items)
        self.used: set[int] = set()
        self._spans: dict[tuple[int, int], str] = {}

    # -- what an item is ---------------------------------------------------------------

    def _words(self, item: Item) -> str:
        """The item's text, case-folded, single-spaced (kept: the forms ask it often)."""
        span = (item.start, item.end)
        words = self._spans.get(span)
        if words is None:
            words = self._spans[span] = " ".join(self.text[span[0] : span[1]].casefold().split())
        return words

    def _is(self, k: int, *words: str) -> bool:
        return (
            0 <= k < self.n
            and self.items[k].kind != QUANTITY
            and self._words(self.items[k]) in words
        )

    def _skip_filler(self, k: int, *words: str) -> int:
        while k < self.n and self.items[k].kind == PHRASE and self._words(self.items[k]) in words:
            k += 1
        return k

    def _radius(self, k: int) -> float | None:
        if 0 <= k < self.n:
            item = self.items[k]
            quantity = item.quantity
            if item.kind == QUANTITY and quantity is not None:
                return quantity.value if quantity.kind == QuantityKind.RADIUS else None
        return None

    def _percent(self, k: int) -> float | None:
        """A number written with a percent sign ("40%"), as a fraction."""
        if not 0 <= k < self.n:
            return None
        item = self.items[k]
        raw = self.text[item.start : item.end]
        if self.text[item.end : item.end + 1] != "%":
            return None
        try:
            value = float(raw)
        except ValueError:
            return None
        return value / 100 if 0 <= value <= 100 else None

    # -- places --------------------------------------------------------------------------

    def _place(self, start: int) -> tuple[int, int] | None:
        """The place that starts at ``start``: (first, last) items, or None."""
        if start >= self.n:
            return None
        span = self.places.walk(start, FULL_NAMES, lists_join=False)
        item = self.items[start]
        # "to new york" in lower case: a word the lexicon knows may start a name after a
        # route word, when a name follows it directly.
        if (
            (span is None or span[0] > start)
            and item.kind == PHRASE
            and item.meaning is not None
            and item.meaning.kind in (Kind.IGNORE, *FILTER_KINDS)
            and start + 1 < self.n
            and self.items[start + 1].kind == CONTENT
        ):
            following = self.places.walk(start + 1, FULL_NAMES, lists_join=False)
            if following is not None and following[0] == start + 1:
                return start, following[1]
        return span

    def _take(self, span: tuple[int, int]) -> str:
        self.used.update(range(span[0], span[1] + 1))
        return self.places.cut(*span)

    def _origin_text(self, text: str) -> str | None:
        return None if text.casefold() in _HOME_WORDS else text

    def _run_before(self, k: int) -> tuple[int, int] | None:
        """The name that ends right before item ``k`` ("Denver" in "Denver to Vail")."""
        end = k - 1
        if end < 0 or self.items[end].kind != CONTENT:
            return None
        start = end
        while start > 0 and start - 1 not in self.places.blocked:
            before = self.items[start - 1]
            if before.kind == CONTENT:
                start -= 1
                continue
            if (
                before.kind == PHRASE
                and before.meaning is not None
                and before.meaning.joiner
                and start - 2 >= 0
                and self.items[start - 2].kind == CONTENT
            ):
                start -= 2
                continue
            break
        span = self.places.walk(start, FULL_NAMES, lists_join=False)
        if span is None or span[1] != end:
            return None
        return span

    # -- the forms -----------------------------------------------------------------------

    def _endpoints(self) -> tuple[str | None, str] | None:
        items = self.items
        for k in range(self.n):
            item = items[k]
            if item.kind != PHRASE or item.meaning is None:
                continue
            words = self._words(item)
            if item.meaning.kind == Kind.MARKER and words.endswith("between"):
                a = self._place(k + 1)
                if a is None or not self._is(a[1] + 1, "and", "&"):
                    continue
                b = self._place(a[1] + 2)
                if b is None:
                    continue
                self.used.update((k, a[1] + 1))
                return self._take(a), self._take(b)
            if words == "from" and self._radius(k - 1) is None:
                home = self._is(k + 1, "here", "home", "me", "my location")
                a = (k + 1, k + 1) if home else self._place(k + 1)
                if a is None or not self._is(a[1] + 1, "to"):
                    continue
                b = self._place(a[1] + 2)
                if b is None:
                    continue
                self.used.update((k, a[1] + 1))
                return self._origin_text(self._take(a)), self._take(b)
            if words in ("from here", "from me") and self._is(k + 1, "to"):
                b = self._place(k + 2)
                if b is not None:
                    self.used.update((k, k + 1))
                    return None, self._take(b)
        for k in range(self.n):
            item = items[k]
            if item.kind != PHRASE or self._words(item) not in _WAY_PHRASES:
                continue
            if self._is(k + 1, "to"):
                b = self._place(k + 2)
                if b is not None:
                    self.used.update((k, k + 1))
                    return None, self._take(b)
        if any(
            i.kind == PHRASE and i.meaning is not None and i.meaning.kind == Kind.NEAREST
            for i in items
        ):
            return None  # "the nearest CCS to Denver" is one place
        for k in range(1, self.n):
            if not self._is(k, "to") or items[k].kind != PHRASE:
                continue
            a = self._run_before(k)
            b = self._place(k + 1)
            if a is None or b is None or not self._has_letters(a) or not self._has_letters(b):
                continue
            self.used.add(k)
            return self._origin_text(self._take(a)), self._take(b)
        return None

    def _has_letters(self, span: tuple[int, int]) -> bool:
        return any(c.isalpha() for c in self.places.cut(*span))

    def _reserve_words(self) -> None:
        """Block "via" and a road so a place never runs over them."""
        for k in range(self.n):
            if self.items[k].kind == CONTENT and self._is(k, "via", "along"):
                self.places.blocked.add(k)
            if self._road_at(k) is not None:
                self.places.blocked.update(range(k, self._road_at(k) + 1))  # type: ignore[operator]

    def _road_at(self, k: int) -> int | None:
        """Last item of a road name starting at ``k`` ("I-80", "US 101", "Interstate 80")."""
        item = self.items[k]
        if item.kind != CONTENT:
            return None
        raw = self.text[item.start : item.end]
        if item.last - item.first == 2 and any(ch.isdigit() for ch in raw):
            return k  # the item reader joined "I-80", "US 101", "Route 66"
        if self._words(item) in _ROAD_WORDS and k + 1 < self.n:
            following = self.text[self.items[k + 1].start : self.items[k + 1].end]
            if following.isdigit():
                return k + 1
        return None

    def _road(self) -> str | None:
        for k in range(self.n):
            if not self._is(k, *_ROAD_MARKERS):
                continue
            last = self._road_at(k + 1)
            if last is not None:
                self.used.update(range(k, last + 1))
                return " ".join(self.text[self.items[k + 1].start : self.items[last].end].split())
        for k in range(self.n):
            last = self._road_at(k)
            if last is not None and k not in self.used:
                self.used.update(range(k, last + 1))
                return " ".join(self.text[self.items[k].start : self.items[last].end].split())
        return None

    def _via(self) -> tuple[str, ...]:
        stops: list[str] = []
        for k in range(self.n):
            if k in self.used or not self._is(k, "via", "through", "thru"):
                continue
            self.used.add(k)
            self.places.blocked.discard(k)
            span = self._place(k + 1)
            while span is not None:
                stops.append(self._take(span))
                link = span[1] + 1
                if not self._is(link, "and", "&", ",", "then"):
                    break
                following = self._place(link + 1)
                if following is None:
                    break
                self.used.add(link)
                span = following
        return tuple(s for s in stops if s)

    def _range_and_reserve(self) -> tuple[float | None, float | None, float | None]:
        """(range now, full range when the text gives a share of it, reserve)."""
        range_m: float | None = None
        full_m: float | None = None
        reserve: float | None = None
        for k in range(self.n):
            if k in self.used:
                continue
            if self._is(k, _RANGE_WORD):
                j = self._skip_filler(k + 1, "of", "is", "about", "around", "only", "just")
                j += j < self.n and self.items[j].kind == MARK and self.items[j].norm == ":"
                value = self._radius(j)
                if value is not None and range_m is None:
                    range_m = value
                    self.used.update(range(k, j + 1))
                continue
            value = self._radius(k)
            if value is not None:
                j = self._skip_filler(k + 1, "of", "left", "remaining")
                if self._is(j, _RANGE_WORD) and range_m is None:
                    range_m = value
                    self.used.update(range(k, j + 1))
                continue
            share = self._percent(k)
            if share is None:
                continue
            if self._is(k + 1, "of"):
                value = self._radius(k + 2)
                if value is not None and range_m is None:
                    range_m, full_m = value * share, value
                    self.used.update(range(k, k + 3))
                    j = k + 3
                    if self._is(j, _RANGE_WORD):
                        self.used.add(j)
                    continue
            if self._is(k + 1, *_RESERVE_WORDS) or self._is(k - 1, *_RESERVE_WORDS, *_KEEP_WORDS):
                reserve = share
                self.used.add(k)
                for j in (k - 1, k + 1):
                    if self._is(j, *_RESERVE_WORDS, *_KEEP_WORDS):
                        self.used.add(j)
            elif self._is(k - 1, "of") and self._is(k - 2, *_RESERVE_WORDS):
                reserve = share
                self.used.update((k - 2, k - 1, k))
        return range_m, full_m, reserve

    def _corridor(self) -> float:
        corridor: float | None = None
        for k in range(self.n):
            if k in self.used:
                continue
            value = self._radius(k)
            if value is None:
                continue
            self.used.add(k)
            if corridor is None:
                corridor = value
            j = k + 1
            if self._is(j, "of", "from", "off", "either side of", "each side of"):
                j = self._skip_filler(j + 1, "the", "my", "our", "a")
                if self._is(j, *_ROAD_NOUNS):
                    self.used.update(range(k, j + 1))
        return corridor if corridor is not None else DEFAULT_CORRIDOR_M

    def find(self) -> RouteFinding | None:
        blocked = set(self.places.blocked)
        try:
            self._reserve_words()
            ends = self._endpoints()
            if ends is None:
                return None
            origin, destination = ends
            if not destination:
                return None
            road = self._road()
            via = self._via()
            range_m, full_range_m, reserve = self._range_and_reserve()
            corridor = self._corridor()
            self.used.update(
                k
                for k, item in enumerate(self.items)
                if item.kind == PHRASE and self._words(item) in _ROUTE_NOISE
            )
        finally:
            self.places.blocked = blocked
        route = RouteQuery(
            destination=destination,
            origin=origin or None,
            via=via,
            corridor_m=corridor,
            range_m=range_m,
            full_range_m=full_range_m,
            reserve=reserve,
            road=road,
        )
        return RouteFinding(route, self.used)


def find_route(items: list[Item], text: str, places: PlaceFinder) -> RouteFinding | None:
    """The trip a request asks about, or None when it names no destination."""
    return RouteFinder(items, text, places).find()
