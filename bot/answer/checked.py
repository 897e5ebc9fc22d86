"""What the hours and price checks found for an answer: data the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class HoursAndPrices:
    """What the checks found, for the answer's notes and the cards' marks."""

    #: Ids of kept locations whose hours could not be read.
    hours_unknown: set[int] = field(default_factory=set)
    #: Locations dropped because they are closed at the asked time.
    closed: int = 0
    #: Normalised price per kWh, and its currency mark, of each location whose price
    #: could be read.
    prices: dict[int, tuple[float, str]] = field(default_factory=dict)
    #: Ids of kept locations whose price could not be read.
    price_unknown: set[int] = field(default_factory=set)
    #: Locations dropped because their price is over the asked maximum.
    too_dear: int = 0
    #: The currency marks of the dropped locations' prices: the cap was compared with
    #: prices in these, so the note names the one currency when there is one.
    too_dear_currencies: set[str] = field(default_factory=set)
    #: The local moment "open" was checked for (None when not asked).
    moment: datetime | None = None
