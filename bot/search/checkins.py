"""Check-ins from outside the data source (a Slack workspace's own): the one home for
reading them, merging them with the data source's reviews, and writing them.

Every surface goes through here: the pipeline merges the newest ones into the cards
(:func:`with_recent`), the check-ins list reads one location's
(:func:`at_location`), and the Slack flows write and delete through :func:`check_in` and
:func:`delete_own`. Where check-ins are kept is a :class:`CheckinsStore` (storage only:
``bot.state.StateStore``), so this module never depends on the database; what it keeps
is turned into PlugShare's review vocabulary here, by :func:`as_review`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.plugshare.enums import Problem, ReviewRating
from bot.plugshare.models import WORKSPACE_SOURCE, Location, Review, User


class StoredCheckin(Protocol):
    """One check-in as the store keeps it (``bot.state.CheckIn``)."""

    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> str: ...
    @property
    def user_name(self) -> str | None: ...
    @property
    def rating(self) -> ReviewRating: ...
    @property
    def problem(self) -> Problem | None: ...
    @property
    def comment(self) -> str | None: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def kilowatts(self) -> float | None: ...
    @property
    def created_at(self) -> datetime: ...


class CheckinsStore(Protocol):
    """Where a workspace's check-ins are kept; its errors (unavailable, a value refused)
    reach the caller unchanged."""

    def add_checkin(
        self,
        team_id: str,
        *,
        data_source: str,
        location_id: int,
        user_id: str,
        user_name: str | None,
        rating: ReviewRating | int,
        problem: Problem | int | None = None,
        comment: str | None = None,
        finished_at: datetime | None = None,
        kilowatts: float | None = None,
    ) -> StoredCheckin: ...

    def list_checkins(
        self, team_id: str, data_source: str, location_id: int
    ) -> Sequence[StoredCheckin]: ...

    def recent_checkins(
        self, team_id: str, data_source: str, location_ids: Sequence[int], *, per_location: int
    ) -> Mapping[int, Sequence[StoredCheckin]]: ...

    def delete_checkin(self, team_id: str, user_id: str, checkin_id: int) -> bool: ...


# --- Reading and merging ----------------------------------------------------------------------


def as_review(checkin: StoredCheckin) -> Review:
    """A stored check-in as a PlugShare Review marked :data:`WORKSPACE_SOURCE`.

    The member is named by first name only (a Slack mention would ping them), and the
    review has no id: ChargeBot's ids are not PlugShare's. ``source_id`` carries the
    check-in's own id, for its author's Delete button.
    """
    return Review(
        rating=checkin.rating,
        created_at=checkin.created_at,
        finished=checkin.finished_at,
        comment=checkin.comment,
        user=User(first_name=checkin.user_name) if checkin.user_name else None,
        kilowatts=checkin.kilowatts,
        problem=checkin.problem,
        source=WORKSPACE_SOURCE,
        source_id=str(checkin.id),
    )


def recent_reviews(
    store: CheckinsStore,
    team_id: str,
    data_source: str,
    location_ids: Sequence[int],
    *,
    per_location: int,
) -> dict[int, list[Review]]:
    """The newest ``per_location`` check-ins of each location, newest first, as reviews."""
    found = store.recent_checkins(team_id, data_source, location_ids, per_location=per_location)
    return {location: [as_review(c) for c in checkins] for location, checkins in found.items()}


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


def with_recent(
    store: CheckinsStore,
    team_id: str,
    data_source: str,
    locations: Sequence[Location],
    *,
    per_location: int,
) -> list[Location]:
    """A page of locations, each with its newest ``per_location`` workspace check-ins."""
    found = recent_reviews(
        store,
        team_id,
        data_source,
        [location.id for location in locations],
        per_location=per_location,
    )
    return [with_reviews(location, found.get(location.id, ())) for location in locations]


@dataclass(frozen=True, slots=True)
class LocationCheckins:
    """A location with the workspace's check-ins merged in, for the check-ins list."""

    location: Location
    #: ``Review.source_id`` of the check-ins the member asking may delete (their own).
    deletable: frozenset[str]


def at_location(
    store: CheckinsStore, location: Location, data_source: str, team_id: str, user_id: str | None
) -> LocationCheckins:
    """All of the workspace's check-ins at ``location`` merged into its own reviews."""
    found = store.list_checkins(team_id, data_source, location.id)
    own = frozenset(str(checkin.id) for checkin in found if checkin.user_id == user_id)
    return LocationCheckins(with_reviews(location, [as_review(c) for c in found]), own)


# --- Writing ----------------------------------------------------------------------------------


def check_in(
    store: CheckinsStore,
    team_id: str,
    data_source: str,
    location_id: int,
    user_id: str,
    user_name: str | None,
    report: Review,
) -> Review:
    """Keep a member's check-in at a location of ``data_source``: what they ``report``,
    in PlugShare's review vocabulary (rating, problem, comment, ``finished``: when they
    leave, kilowatts). The check-in as it is kept, as a review."""
    stored = store.add_checkin(
        team_id,
        data_source=data_source,
        location_id=location_id,
        user_id=user_id,
        user_name=user_name,
        rating=report.rating,
        problem=report.problem,
        comment=report.comment,
        finished_at=report.finished,
        kilowatts=report.kilowatts,
    )
    return as_review(stored)


def delete_own(store: CheckinsStore, team_id: str, user_id: str, checkin_id: int) -> bool:
    """Delete a member's own check-in; ``False`` when it is someone else's or gone."""
    return store.delete_checkin(team_id, user_id, checkin_id)
