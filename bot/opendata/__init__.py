"""The local station index: open data (AFDC, PlugShare exports) in PlugShare's schema, in SQLite.

- ``schema``: the index file (tables, R*Tree, opening it); ids: :mod:`bot.records.ids`.
- ``formats``: which kind of file this is; ``afdc_csv``, ``json_items``: readers;
  ``afdc_mapping``, ``pricing``, ``plugshare_json``: open data -> PlugShare locations.
- ``importer``: one file into the index; ``sync``: the AFDC API download; ``store``: writes.
- ``facets``, ``nearby``, ``hydrate``, ``index``: searching it.
- ``stats``: what it holds and how old; ``commands``: the ``chargebot data`` commands' work.

``bot.providers.local.LocalProvider`` is the search pipeline's door to all of this.
"""
