"""The one pipeline: text -> SearchQuery -> place -> locations -> Answer.

``request`` holds what a search is asked, ``answer`` what it answers, ``defaults`` how
personal defaults merge with a request, ``checkins`` a workspace's own check-ins
(read, merged with the data source's, written), and ``pipeline`` the pipeline itself.
"""

from bot.answer.answer import Answer, Outcome
from bot.answer.request import (
    Refinement,
    SearchContext,
    SearchRequest,
    Units,
)
from bot.search.checkins import CheckinsStore, merge_reviews, with_reviews
from bot.search.defaults import (
    HOME,
    AppliedDefaults,
    DefaultsSource,
    apply_defaults,
    default_filters,
    personal_context,
    place_key,
    search_context,
)
from bot.search.pipeline import (
    DEFAULT_RADII_M,
    MAX_PER_PAGE,
    SearchPipeline,
    build_pipeline,
)

__all__ = [
    "DEFAULT_RADII_M",
    "HOME",
    "MAX_PER_PAGE",
    "Answer",
    "AppliedDefaults",
    "CheckinsStore",
    "DefaultsSource",
    "Outcome",
    "Refinement",
    "SearchContext",
    "SearchPipeline",
    "SearchRequest",
    "Units",
    "apply_defaults",
    "build_pipeline",
    "default_filters",
    "merge_reviews",
    "personal_context",
    "place_key",
    "search_context",
    "with_reviews",
]
