"""Understanding requests: free text -> PlugShare filters + the place to search around.

``parse_query("CCS near Union Station, free only")`` gives a :class:`SearchQuery` with
``place == "Union Station"`` and ``to_plugshare_params() == {"outlets":
'[{"connector":13}]', "cost": "false"}``. Pure computation, no I/O; never raises for any
string.

Choices a reply (and a reader of the code) can rely on:

- Only what the text asks for is set: no default radius, count or access.
- "Tesla Supercharger(s)"/"supercharger" is the plug ``{"connector":6,"power":1}``, not
  the network; "DC fast", "fast charger", "DCFC", "rapid", "Level 3" are CHAdeMO, CCS and
  Supercharger; "Tesla", "NACS", "J3400" are connector 6 at any power. Negated, a plug
  that is also a network excludes the network ("no Tesla" -> networks 8 and 35).
- "over/above/more than X" kW or PlugScore means at least X (PlugShare's filters are
  "at least"); a maximum ("up to 50 kW") cannot be filtered and is reported as ignored.
- Miles are 1609.344 m; "a mile" is one mile; "half a mile" and "1/2 mile" work.
- "the nearest"/"the closest" without a number asks for one result, unless a plural
  follows ("the nearest superchargers").
- ``ignored`` lists, as written, request words that could not be used ("cheap",
  "no CCS", "20 minutes", "near home", unknown words outside the place), never filler.
- ``suggestions`` lists near misses; confident ones are also applied (policy in
  :mod:`bot.query.near_misses`).
- Only the first 1,000 characters are read; ``truncated`` says when text was cut.

A trip ("CCS between Denver and Salt Lake City", "on my way to Tahoe") sets
``route`` (a :class:`RouteQuery`) instead of ``place``; its filters are read as in a point
search, and a radius becomes the corridor (:mod:`bot.query.routes`).

How a place is found, and when a filter word stays part of it, is in
:mod:`bot.query.places`; the steps of a parse are in :mod:`bot.query.parser`.
"""

from .connector_words import outlets_for
from .help_words import might_ask_for_help
from .parser import parse_query
from .search_query import DEFAULT_CORRIDOR_M, RouteQuery, SearchQuery, Suggestion

__all__ = [
    "DEFAULT_CORRIDOR_M",
    "RouteQuery",
    "SearchQuery",
    "Suggestion",
    "might_ask_for_help",
    "outlets_for",
    "parse_query",
]
