"""Understanding requests: free text -> PlugShare filters + the place to search around.

``parse_query("CCS near Union Station, free only")`` gives a :class:`SearchQuery` with
``place == "Union Station"`` and filters ``outlets=[{"connector":13}]``, ``cost=false``.
Pure computation, no I/O; never raises for any string.
"""

from .connector_words import outlets_for
from .parser import parse_query
from .search_query import SearchQuery, Suggestion

__all__ = ["SearchQuery", "Suggestion", "outlets_for", "parse_query"]
