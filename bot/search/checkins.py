"""Check-ins from outside the data source (a Slack workspace's own), merged into answers.

The pipeline asks a :class:`CheckinsSource` for the workspace's recent check-ins at
the locations it found and merges them with the data source's reviews, newest first.
The source is a protocol so that the pipeline never depends on where check-ins are
kept (``bot.state.StateStore`` implements it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from bot.plugshare.models import Review


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
