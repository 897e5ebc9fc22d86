"""What a word or phrase means to the parser: one small immutable record per entry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from bot.plugshare.filters import OutletFilter


class Kind(IntEnum):
    # Filters.
    OUTLETS = 1
    NETWORK = 2
    AMENITY = 3
    ACCESS = 4
    AVAILABILITY = 5
    FREE = 6
    # Grammar.
    FILLER = 10  # carries no meaning ("please", "find", "the")
    NOUN = 11  # "chargers", "stations": no filter, but shows a search was asked for
    GREETING = 12
    HELP = 13
    HERE = 14  # "near me", "nearby": search around the user, no place named
    RELATIVE_PLACE = 15  # "near home", "at work": a place only the user knows
    MARKER = 16  # "near", "in", "close to": a place follows
    NEGATOR = 17  # "no", "except", "without": what follows is excluded
    CONJUNCTION = 18  # "and", "or", "&": lists
    IGNORE = 19  # looks like a request but has no PlugShare filter ("cheap", "fastest")
    NEAREST = 20  # "the nearest": one result unless more are asked for


FILTER_KINDS = frozenset(
    {Kind.OUTLETS, Kind.NETWORK, Kind.AMENITY, Kind.ACCESS, Kind.AVAILABILITY, Kind.FREE}
)


class MarkerUse(IntEnum):
    ALWAYS = 0  # near, around, in, at, by, close to, next to
    AFTER_RADIUS = 1  # "of"/"from" in "within 2 miles of X"
    AFTER_NEAREST = 2  # "to" in "the nearest CCS to X"
    BETWEEN = 3  # "between X and Y": the place is X ("and" ends it)


@dataclass(frozen=True, slots=True)
class Meaning:
    kind: Kind
    #: The canonical name (for suggestions and replies): "Electrify America", "CCS".
    label: str = ""
    outlets: tuple[OutletFilter, ...] = ()
    #: Network, amenity, access or availability ids.
    ids: tuple[int, ...] = ()
    #: Networks to exclude when the phrase is negated ("no Tesla" -> Tesla's networks).
    exclude_ids: tuple[int, ...] = ()
    marker: MarkerUse = MarkerUse.ALWAYS
    #: May sit inside a place name between two of its words ("of", "de", "&").
    joiner: bool = False
    #: Ends a place name when written after one ("Union Station", "Central Park").
    tail: bool = False
    #: Plural noun ("stations"): "the nearest stations" asks for more than one.
    plural: bool = False
    #: For IGNORE phrases ChargeBot answers itself after the search (no provider filter):
    #: "now", "24/7" or "at" (a clock time follows) for opening hours ("open now").
    open_at: str = ""
    #: "price" for "cheapest": the answer is sorted by price per kWh.
    sort: str = ""

    @property
    def is_filter(self) -> bool:
        return self.kind in FILTER_KINDS
