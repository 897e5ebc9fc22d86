"""A candidate together with how prominent its source thinks it is."""

from __future__ import annotations

from dataclasses import dataclass

from bot.geo.place import Place


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Place
    #: Prominence on a 0..1 scale: Nominatim's ``importance``, or log10(population) / 10
    #: for gazetteer cities. ``None`` when the source gives no such figure.
    importance: float | None = None
