"""What a request asked for: the place, the filters, and what could not be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Literal

from bot.plugshare.filters import Filters


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A near miss: ``written`` looked like ``meant`` (a network, connector, amenity...).

    ``applied`` is True when the parser was confident enough to use it as if spelt right.
    """

    written: str
    meant: str
    kind: str
    applied: bool

    def __str__(self) -> str:
        return f"{self.written} -> {self.meant}"


#: The corridor searched on each side of a route when the text gives none: 2 miles (3.2 km).
DEFAULT_CORRIDOR_M = 3_218.688


@dataclass(frozen=True, slots=True)
class RouteQuery:
    """A trip: "CCS between Denver and Salt Lake City", "on my way to Tahoe".

    Place texts are as written; ``origin`` None means "from the person's home".
    """

    destination: str
    origin: str | None = None
    #: Places to pass through, in order ("via Sacramento").
    via: tuple[str, ...] = ()
    #: How far off the road a station may be, each side.
    corridor_m: float = DEFAULT_CORRIDOR_M
    #: The car's range for this trip ("range 220 mi", "40% of 300 mi"), or None.
    range_m: float | None = None
    #: The car's full range when the text gives a share of it ("40% of 300 mi": 300 mi);
    #: after a charging stop the car has more than ``range_m``.
    full_range_m: float | None = None
    #: Share of the range to keep in hand at every stop ("15% reserve"), or None.
    reserve: float | None = None
    #: A highway named in the text ("along I-80"): a hint for routers that take one.
    road: str | None = None


@dataclass(slots=True)
class SearchQuery:
    #: The place as written ("Union Station", "94103", "40.7580,-73.9855"), or None.
    place: str | None = None
    filters: Filters = field(default_factory=Filters)
    #: Words that looked like part of a request but could not be used, as written.
    ignored: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    #: Empty text, "help", "?" and the like: the reply should explain how to ask.
    is_help: bool = False
    #: The text was longer than the parser reads; only its beginning was used.
    truncated: bool = False
    #: A search along a route instead of around one place (``place`` is then None).
    route: RouteQuery | None = None
    #: Opening hours asked for, in the place's local time: None (not asked), ``"now"``
    #: ("open now"), ``"24/7"`` ("open 24/7") or a time of day ("open at 7am" -> 07:00).
    open_at: Literal["now", "24/7"] | time | None = None
    #: Highest price per kWh ("under 30 cents/kWh" -> 0.30), in dollars or the local
    #: currency's main unit; None when not asked.
    max_price_per_kwh: float | None = None
    #: Order of the results: ``"distance"`` (default) or ``"price"`` ("cheapest").
    sort: Literal["distance", "price"] = "distance"

    @property
    def min_power_kw(self) -> float | None:
        return self.filters.min_power_kw

    def to_plugshare_params(self) -> dict[str, str]:
        return self.filters.to_plugshare_params()
