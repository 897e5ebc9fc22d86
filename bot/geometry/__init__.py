"""The earth's geometry, with no I/O: what the geocoder, the router, the local index and
the renderers all measure with.

- :mod:`bot.geometry.bearing`: the geodesic distance and compass bearing of one pair.
- :mod:`bot.geometry.geodesic`: the same from one point to many (PROJ's build when it pays).
- :mod:`bot.geometry.spherical`: cheap great-circle bounds, for pruning only.
- :mod:`bot.geometry.line`: a route's line and where a point lies against it.
"""
