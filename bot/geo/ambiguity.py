"""Choosing among candidates: one answer, or an honest "which one did you mean?".

Rules, in order:

- Candidates within :data:`DUPLICATE_RADIUS_M` of a better one are the same place
  (a station's building, platform and stop), so only the best is kept.
- A bias point (the user's or channel's home) picks the nearest candidate.
- Without one, a candidate more than :data:`AMBIGUOUS_DISTANCE_M` from the best is a
  rival unless the best is clearly more prominent (by :data:`DOMINANCE_MARGIN` on
  the 0..1 importance scale: "Paris" is Paris, France; "Union Station" is anyone's).
  Any rival makes the answer AMBIGUOUS, offering the best and its rivals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from bot.geo.match import Match
from bot.geo.place import Place, Resolution, ResolutionStatus

DUPLICATE_RADIUS_M = 1_000.0
AMBIGUOUS_DISTANCE_M = 50_000.0
DOMINANCE_MARGIN = 0.1
MAX_CANDIDATES = 5


def decide(
    query: str,
    matches: Sequence[Match],
    bias: tuple[float, float] | None = None,
    *,
    approximate: bool = False,
    notes: Iterable[str] = (),
) -> Resolution:
    """The resolution of ``query`` given ``matches`` best-first."""
    notes = tuple(notes)
    unique = _distinct(matches)
    if not unique:
        return Resolution(
            ResolutionStatus.NOT_FOUND,
            query,
            approximate=approximate,
            notes=(*notes, not_found_note(query)),
        )
    if bias is not None:
        nearest = min(unique, key=lambda m: _distance_m(bias, m.candidate.point))
        ordered = [nearest, *(m for m in unique if m is not nearest)]
        return _found(query, ordered, approximate, notes)
    best, rest = unique[0], unique[1:]
    rivals = [m for m in rest if _is_rival(best, m)]
    if not rivals:
        return _found(query, unique, approximate, notes)
    return Resolution(
        ResolutionStatus.AMBIGUOUS,
        query,
        candidates=_candidates([best, *rivals]),
        approximate=approximate,
        notes=(
            *notes,
            f"'{query}' could be several places: pick one, or add a city or state to it.",
        ),
    )


def not_found_note(query: str) -> str:
    return (
        f"I couldn't find '{query}' — try adding a city or state, "
        "or send a ZIP code, an airport code or coordinates."
    )


def _found(
    query: str, ordered: Sequence[Match], approximate: bool, notes: tuple[str, ...]
) -> Resolution:
    return Resolution(
        ResolutionStatus.FOUND,
        query,
        candidates=_candidates(ordered),
        approximate=approximate,
        notes=notes,
    )


def _distinct(matches: Sequence[Match]) -> list[Match]:
    kept: list[Match] = []
    for match in matches:
        point = match.candidate.point
        if all(_distance_m(point, k.candidate.point) > DUPLICATE_RADIUS_M for k in kept):
            kept.append(match)
    return kept


def _is_rival(best: Match, other: Match) -> bool:
    if _distance_m(best.candidate.point, other.candidate.point) <= AMBIGUOUS_DISTANCE_M:
        return False
    if best.importance is None or other.importance is None:
        return True
    return best.importance - other.importance < DOMINANCE_MARGIN


_EARTH_RADIUS_M = 6_371_008.8  # mean radius, as geopy's great_circle uses


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    # Haversine on the sphere: within 0.5% of the geodesic, which is plenty for comparing
    # with 1 km and 50 km, and ~50x faster than geographiclib (50 µs a pair) or geopy's
    # great_circle (6 µs). Ten candidates mean up to 45 pairs, on every cache hit.
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _candidates(matches: Iterable[Match]) -> tuple[Place, ...]:
    return tuple(m.candidate for m in matches)[:MAX_CANDIDATES]
