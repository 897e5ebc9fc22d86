"""What a location carries beyond its stations: check-ins, photos, credits, merged sites.

Written with the location at import (:func:`write_extras`) and attached when
locations are read (:func:`attach_extras`). A location that another source lists
too (``site_links``, :mod:`bot.opendata.sites`) is shown as that other source's
location, which therefore also carries the linked location's check-ins, photos
and credits: one card per real site, every source credited.

An index written before these tables existed (format 1) simply has none of it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

from bot.ocm.source import OCM_CREDIT
from bot.ocm.source import SOURCE as OCM
from bot.plugshare.models import Location, Photo, Review, User
from bot.records.ids import split_location_id

#: Credits every location of a source carries (so the index need not store them).
SOURCE_CREDITS: Final[dict[str, tuple[str, ...]]] = {OCM: (OCM_CREDIT,)}
#: The newest check-ins kept per location when read (cards show three; the Slack
#: check-ins list shows these).
MAX_REVIEWS: Final = 25
EXTRA_TABLES: Final = ("reviews", "photos", "credits")

_INSERT_REVIEW: Final = (
    "INSERT INTO reviews (location_id, external_id, rating, problem, comment, user_id, "
    "user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_PHOTO: Final = (
    "INSERT INTO photos (location_id, external_id, url, thumbnail, caption, user_id, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_CREDIT: Final = "INSERT INTO credits (location_id, position, text) VALUES (?, ?, ?)"


def _stamp(location: Location | Review | Photo) -> str | None:
    moment = location.created_at
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _source_of(location_id: int) -> str:
    found = split_location_id(location_id)
    return found[0] if found else ""


def has_extras(conn: sqlite3.Connection) -> bool:
    """Whether the index has the tables (format 2 or later)."""
    return conn.execute("PRAGMA user_version").fetchone()[0] >= 2


def write_extras(conn: sqlite3.Connection, locations: Iterable[Location]) -> None:
    """The locations' check-ins, photos and own credits (the caller removed older ones)."""
    reviews, photos, credits = [], [], []
    for location in locations:
        for review in location.reviews:
            user = review.user
            reviews.append((
                location.id, review.id, int(review.rating),
                None if review.problem is None else int(review.problem), review.comment,
                user.id if user else None,
                (user.display_name or user.first_name) if user else None, _stamp(review),
            ))  # fmt: skip
        for photo in location.photos:
            if photo.url:
                photos.append((location.id, photo.id, photo.url, photo.thumbnail,
                               photo.caption, photo.user_id, _stamp(photo)))  # fmt: skip
        if location.credits:
            implied = SOURCE_CREDITS.get(_source_of(location.id), ())
            own = [c for c in dict.fromkeys(location.credits) if c not in implied]
            credits.extend((location.id, n, text) for n, text in enumerate(own))
    if reviews:
        conn.executemany(_INSERT_REVIEW, reviews)
    if photos:
        conn.executemany(_INSERT_PHOTO, photos)
    if credits:
        conn.executemany(_INSERT_CREDIT, credits)


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


def _reviews(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[Review]]:
    found: dict[int, list[Review]] = defaultdict(list)
    for location_id, external, rating, problem, comment, user_id, name, created in conn.execute(
        "SELECT location_id, external_id, rating, problem, comment, user_id, user_name, "
        f"created_at FROM reviews WHERE location_id IN ({_marks(ids)}) "
        "ORDER BY created_at DESC, id",
        ids,
    ):
        user = User(id=user_id, display_name=name) if user_id is not None or name else None
        found[location_id].append(
            Review(
                id=external,
                rating=rating,
                problem=problem,
                comment=comment,
                user=user,
                created_at=created,
            )
        )
    return found


def _photos(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[Photo]]:
    found: dict[int, list[Photo]] = defaultdict(list)
    for location_id, external, url, thumbnail, caption, user_id, created in conn.execute(
        "SELECT location_id, external_id, url, thumbnail, caption, user_id, created_at "
        f"FROM photos WHERE location_id IN ({_marks(ids)}) ORDER BY id",
        ids,
    ):
        found[location_id].append(
            Photo(
                id=external,
                url=url,
                thumbnail=thumbnail,
                caption=caption,
                user_id=user_id,
                created_at=created,
            )
        )
    return found


def _credits(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: list(SOURCE_CREDITS.get(_source_of(i), ())) for i in ids}
    for location_id, text in conn.execute(
        f"SELECT location_id, text FROM credits WHERE location_id IN ({_marks(ids)}) "
        "ORDER BY location_id, position",
        ids,
    ):
        found[location_id].append(text)
    return found


def linked_locations(conn: sqlite3.Connection, site_ids: Sequence[int]) -> dict[int, list[int]]:
    """Site id -> the other sources' locations shown as that site (nearest first)."""
    linked: dict[int, list[int]] = defaultdict(list)
    for location_id, site_id in conn.execute(
        f"SELECT location_id, site_id FROM site_links WHERE site_id IN ({_marks(site_ids)}) "
        "ORDER BY site_id, distance_m, location_id",
        site_ids,
    ):
        linked[site_id].append(location_id)
    return linked


def _holds_extras(conn: sqlite3.Connection, ids: Iterable[int]) -> bool:
    """Whether there can be anything to attach: one cheap statement, where the reads below
    are four (an index of AFDC data alone has no extras, and searches read it most)."""
    if any(_source_of(i) in SOURCE_CREDITS for i in ids):
        return True
    return bool(
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM reviews) OR EXISTS (SELECT 1 FROM photos) "
            "OR EXISTS (SELECT 1 FROM credits) OR EXISTS (SELECT 1 FROM site_links)"
        ).fetchone()[0]
    )


def attach_extras(conn: sqlite3.Connection, found: dict[int, Location]) -> None:
    """Give each location its (and its linked locations') check-ins, photos and credits."""
    if not found:
        return
    # The tables' absence (an index from before format 2) shows as an error, rather than
    # asking has_extras() first: one statement less in every search.
    try:
        if not _holds_extras(conn, found):
            return
        ids = list(found)
        linked = linked_locations(conn, ids)
        every = ids + [other for others in linked.values() for other in others]
        reviews, photos = _reviews(conn, every), _photos(conn, every)
        credits = _credits(conn, every)
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return
        raise
    for location_id, location in found.items():
        members = [location_id, *linked.get(location_id, ())]
        merged = [review for member in members for review in reviews.get(member, ())]
        if len(members) > 1:
            merged.sort(key=lambda r: r.created_at.timestamp() if r.created_at else 0.0,
                        reverse=True)  # fmt: skip
        location.reviews = merged[:MAX_REVIEWS]
        location.photos = [photo for member in members for photo in photos.get(member, ())]
        location.credits = list(
            dict.fromkeys(credit for member in members for credit in credits.get(member, ()))
        )
