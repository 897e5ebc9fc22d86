"""From items to one Filters object, plus what could not be used.

Negation: "no", "not", "except", "without", "but not", "other than"... exclude the
networks that follow, across lists ("except ChargePoint and Blink", "no Blink or
Volta"). A negated connector that is also a network ("no Tesla", "not Superchargers")
excludes that network. Anything else negated ("no CCS", "without restrooms") has no
PlugShare filter and is reported as ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from bot.plugshare.enums import Availability
from bot.plugshare.filters import Filters, OutletFilter

from .items import MARK, PHRASE, QUANTITY, Item
from .meaning import FILTER_KINDS, Kind, Meaning
from .quantities import QuantityKind

_LIST_MARKS = frozenset({",", "&", "+"})
_IN_USE = (int(Availability.IN_USE),)
_CURRENCIES = frozenset("$€£¥")
_FILTER_KINDS = FILTER_KINDS
_FILLER = Kind.FILLER
_NEGATOR = Kind.NEGATOR
_NEAREST = Kind.NEAREST
_REPORTED_KINDS = frozenset({Kind.IGNORE, Kind.RELATIVE_PLACE})
_SEARCH_KINDS = frozenset({Kind.NOUN, Kind.HERE, Kind.MARKER})
_HELP_KINDS = frozenset({Kind.HELP, Kind.GREETING})


@dataclass
class Assembly:
    filters: Filters
    ignored: list[str] = field(default_factory=list)
    #: Something in the text asked for a search (a filter, "chargers", "near me"...).
    asked: bool = False
    #: The text greeted or asked for help.
    helpish: bool = False
    #: Opening hours asked for: "now", "24/7", a local time of day, or None.
    open_at: str | time | None = None
    #: Highest price per kWh asked for ("under 30 cents/kWh" -> 0.30), or None.
    max_price_per_kwh: float | None = None
    #: "price" for "cheapest", else "distance".
    sort: str = "distance"


class _Collector:
    def __init__(self, items: list[Item], skip: set[int], text: str) -> None:
        self.items = items
        self.skip = skip
        self.text = text
        self.outlets: list[OutletFilter] = []
        self.networks: set[int] = set()
        self.exclude: set[int] = set()
        self.amenities: set[int] = set()
        self.access: set[int] = set()
        self.availability: set[int] = set()
        self.free = False
        self.values: dict[QuantityKind, float] = {}
        self.ignored: list[str] = []
        self.asked = False
        self.helpish = False
        self.nearest = False
        self.plural_after_nearest = False
        self.open_at: str | time | None = None
        self.sort = "distance"

    def written(self, first: Item, last: Item | None = None) -> str:
        start = first.start
        if start and self.text[start - 1] in _CURRENCIES:
            start -= 1  # "$0.30/kWh", not "0.30/kWh"
        return " ".join(self.text[start : (last or first).end].split())

    def apply(self, meaning: Meaning) -> None:
        kind = meaning.kind
        if kind == Kind.OUTLETS:
            self.outlets.extend(meaning.outlets)
        elif kind == Kind.NETWORK:
            self.networks.update(meaning.ids)
        elif kind == Kind.AMENITY:
            self.amenities.update(meaning.ids)
        elif kind == Kind.ACCESS:
            self.access.update(meaning.ids)
        elif kind == Kind.AVAILABILITY:
            self.availability.update(meaning.ids)
        elif kind == Kind.FREE:
            self.free = True

    def _next_filter(self, j: int) -> int | None:
        """Index of the filter phrase at ``j`` after filler words ("not *the* EVgo"), or None."""
        items = self.items
        while j < len(items) and j not in self.skip:
            item = items[j]
            if item.kind != PHRASE or item.meaning is None:
                return None
            if item.meaning.kind == Kind.FILLER:
                j += 1
                continue
            return j if item.meaning.is_filter else None
        return None

    def negate(self, k: int) -> int:
        """Apply a negation at ``k``; return where to go on."""
        j = self._next_filter(k + 1)
        if j is None:
            return k + 1
        meaning = self.items[j].meaning
        assert meaning is not None
        excludable = bool(meaning.exclude_ids)
        first = j
        while True:
            meaning = self.items[j].meaning
            assert meaning is not None
            if excludable:
                self.exclude.update(meaning.exclude_ids)
            self.asked = True
            after = j + 1
            # A list goes on after "and", "or", "," or "&" with the same kind of thing.
            while after < len(self.items) and after not in self.skip:
                link = self.items[after]
                is_link = (link.kind == MARK and link.norm in _LIST_MARKS) or (
                    link.kind == PHRASE
                    and link.meaning is not None
                    and link.meaning.kind in (Kind.CONJUNCTION, Kind.NEGATOR)
                )
                if not is_link:
                    break
                after += 1
            if after == j + 1:
                break
            following = self._next_filter(after)
            if following is None:
                break
            following_meaning = self.items[following].meaning
            assert following_meaning is not None
            if bool(following_meaning.exclude_ids) != excludable:
                break
            j = following
        if not excludable:
            negated = [self.items[i].meaning for i in range(first, j + 1)]
            if all(m is not None and m.ids == _IN_USE for m in negated if m and m.is_filter):
                # "but not in use" is "available".
                self.availability.add(int(Availability.AVAILABLE))
            else:
                self.ignored.append(self.written(self.items[k], self.items[j]))
        return j + 1

    def quantity(self, item: Item) -> None:
        quantity = item.quantity
        assert quantity is not None
        self.asked = True
        if quantity.kind == QuantityKind.UNUSABLE:
            self.ignored.append(self.written(item))
            return
        if quantity.kind in self.values:
            if self.values[quantity.kind] != quantity.value:
                self.ignored.append(self.written(item))
            return
        self.values[quantity.kind] = quantity.value

    def opening(self, k: int, meaning: Meaning) -> int:
        """Apply "open now", "open 24/7" or "open at 7am" at ``k``; return where to go on."""
        self.asked = True
        if ":" in meaning.open_at:  # "open at noon" -> "12:00"
            hour, minute = meaning.open_at.split(":")
            self.open_at = time(int(hour), int(minute))
            return k + 1
        if meaning.open_at != "at":
            if self.open_at is None or meaning.open_at == "24/7":
                self.open_at = meaning.open_at
            return k + 1
        following = self.items[k + 1] if k + 1 < len(self.items) else None
        clock = (
            following.quantity.clock
            if following is not None
            and k + 1 not in self.skip
            and following.kind == QUANTITY
            and following.quantity is not None
            else None
        )
        if clock is None:
            # "open at" without a time we can read: the question is still "open".
            if self.open_at is None:
                self.open_at = "now"
            if following is not None and following.kind == QUANTITY:
                self.ignored.append(self.written(following))
                return k + 2
            return k + 1
        self.open_at = time(clock // 60 % 24, clock % 60)
        return k + 2

    def nearest_is_plural(self, k: int) -> bool:
        """More than one is wanted: "the nearest superchargers"."""
        for item in self.items[k + 1 : k + 5]:
            if item.kind != PHRASE or item.meaning is None:
                return False
            if item.meaning.plural:
                return True
            if item.meaning.kind == Kind.MARKER:
                return False
        return False

    def run(self) -> Assembly:
        items = self.items
        skip = self.skip
        k = 0
        n = len(items)
        while k < n:
            item = items[k]
            if k in skip or item.kind == MARK:
                k += 1
                continue
            if item.kind == QUANTITY:
                self.quantity(item)
                k += 1
                continue
            meaning = item.meaning
            if meaning is None:  # content: the place, or words reported as ignored
                k += 1
                continue
            kind = meaning.kind
            if kind in _FILTER_KINDS:
                self.apply(meaning)
                self.asked = True
            elif kind is _FILLER:
                pass
            elif kind is _NEGATOR:
                k = self.negate(k)
                continue
            elif meaning.open_at:
                k = self.opening(k, meaning)
                continue
            elif meaning.sort:
                self.sort = meaning.sort
                self.asked = True
            elif kind in _REPORTED_KINDS:
                self.ignored.append(self.written(item))
                self.asked = True
            elif kind in _SEARCH_KINDS:
                self.asked = True
            elif kind is _NEAREST:
                self.asked = True
                self.nearest = True
                self.plural_after_nearest |= self.nearest_is_plural(k)
            elif kind in _HELP_KINDS:
                self.helpish = True
            k += 1
        return Assembly(
            self.filters(),
            self.ignored,
            self.asked,
            self.helpish,
            open_at=self.open_at,
            max_price_per_kwh=self.values.get(QuantityKind.PRICE),
            sort=self.sort,
        )

    def filters(self) -> Filters:
        values = self.values
        count = values.get(QuantityKind.COUNT)
        if count is None and self.nearest and not self.plural_after_nearest:
            count = 1
        # Only what was asked for is passed: validation is cheaper and fields_set is honest.
        fields: dict[str, object] = {}
        if self.outlets:
            fields["outlets"] = self.outlets
        if self.free:
            fields["free_only"] = True
        for name, ids in (
            ("access", self.access),
            ("availability", self.availability),
            ("amenities", self.amenities),
            ("networks", self.networks - self.exclude),
            ("exclude_networks", self.exclude),
        ):
            if ids:
                fields[name] = sorted(ids)
        for name, kind in (
            ("min_score", QuantityKind.SCORE),
            ("min_power_kw", QuantityKind.POWER),
            ("radius_m", QuantityKind.RADIUS),
        ):
            if kind in values:
                fields[name] = values[kind]
        if count is not None:
            fields["count"] = int(count)
        return Filters(**fields)  # type: ignore[arg-type]


def assemble(items: list[Item], skip: set[int], text: str) -> Assembly:
    """Filters from every item not in ``skip`` (the items a place took)."""
    return _Collector(items, skip, text).run()
