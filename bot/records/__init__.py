"""What every mapping of a source's records into PlugShare's schema shares, below the
sources themselves (the local index, Open Charge Map's API) and the providers.

- :mod:`bot.records.ids`: the location, station and outlet ids, stable across re-imports
  and distinct between sources.
- :mod:`bot.records.outcome`: what became of one record: a location, or why not
  (:class:`RowSkipped`, :class:`RowInvalid`).
- :mod:`bot.records.fields`: the checks a record's fields go through.
"""
