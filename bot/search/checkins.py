"""Check-ins from outside the data source (a Slack workspace's own): how they are read and
merged with the data source's reviews, for every surface.

The pipeline asks a :class:`CheckinsSource` for the workspace's recent check-ins at
the locations it found, and the Slack check-ins list reads one location's; both merge
them into the location with :func:`with_reviews`, newest first. The source is a
protocol so that the pipeline never depends on where check-ins are kept
(``bot.state.StateStore`` implements it and writes them; ``CheckIn.to_review`` is a
stored check-in in PlugShare's review vocabulary).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from bot.plugshare.models import Location, Review


class CheckinsSource(Protocol):
    """A workspace's check-ins as PlugShare reviews (``Review.source`` says where from)."""

    def recent_reviews(
        self,
        team_id: str,
        data_source: str,
        location_ids: Sequence[int],
        *,
        per_location: int,
    ) -> Mapping[int, Sequence[Review]]:
        """The newest ``per_location`` check-ins of each location, newest first.

        May raise anything when the check-ins cannot be read: the pipeline then answers
        without them and says so.
        """
        ...


_OLDEST = datetime.min.replace(tzinfo=UTC)


def merge_reviews(*sources: Iterable[Review], limit: int | None = None) -> list[Review]:
    """Reviews from several sources in one list, newest first (undated ones last).

    Equal times keep the order of ``sources`` (the data source's reviews first).
    """
    merged = [review for source in sources for review in source]
    merged.sort(key=lambda review: review.created_at or _OLDEST, reverse=True)
    return merged if limit is None else merged[:limit]


def with_reviews(location: Location, reviews: Sequence[Review]) -> Location:
    """``location`` with ``reviews`` (a workspace's check-ins) merged into its own."""
    if not reviews:
        return location
    return location.model_copy(update={"reviews": merge_reviews(location.reviews, reviews)})
