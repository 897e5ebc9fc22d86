"""Open Charge Map (OCM): the open, global registry of charging locations (CC BY-SA 4.0).

- :mod:`bot.ocm.client`: the ``/poi`` API over the shared HTTP discipline.
- :mod:`bot.ocm.errors`: what can go wrong, as exceptions a caller can act on.
- :mod:`bot.ocm.mapping`: OCM POIs into PlugShare's schema, once, for the API
  provider and the importer alike.
- :mod:`bot.ocm.source`: OCM's name in the index and the credit its data needs.
"""
