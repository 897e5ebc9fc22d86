"""What a search is asked and what it answers: plain data, handed down by the pipeline
(``bot/search/``) to the renderers, and carried in Slack buttons.

- :mod:`bot.answer.request`: :class:`SearchRequest` (small enough to ride in a button),
  :class:`Refinement`, and the :class:`SearchContext` a request is searched in.
- :mod:`bot.answer.answer`: the :class:`Answer` and its :class:`Outcome`.
- :mod:`bot.answer.checked`: what the open-now and price checks found.
- :mod:`bot.answer.trip`: what a route answer holds (the road, the stations along it, stops).
"""
