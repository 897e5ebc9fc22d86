"""Typed coordinates: every common way of writing them, and clear refusals of bad ones."""

from __future__ import annotations

import pytest
from support.nominatim import NominatimServer

from bot.geo import PlaceKind, PlaceResolver, ResolutionStatus
from bot.geo.coordinates import CoordinateError, parse

TIMES_SQUARE = (40.758, -73.9855)


@pytest.mark.parametrize(
    "text",
    [
        "40.7580,-73.9855",
        "40.7580, -73.9855",
        "40.7580 -73.9855",
        "40.7580;-73.9855",
        "(40.7580, -73.9855)",
        "40.7580N 73.9855W",
        "40.7580 N, 73.9855 W",
        "N40.7580 W73.9855",
        "n 40.7580 w 73.9855",
        "73.9855W 40.7580N",  # letters say which is which
        "40.7580°N 73.9855°W",
        "40°45'28.8\"N 73°59'7.8\"W",
        "40° 45′ 28.8″ N, 73° 59′ 7.8″ W",
        "+40.7580, −73.9855",  # a typographic minus
    ],
)
def test_typed_coordinates_in_any_common_form(text: str) -> None:
    candidate = parse(text)
    assert not isinstance(candidate, CoordinateError) and candidate is not None
    assert candidate.point == pytest.approx(TIMES_SQUARE, abs=1e-6)
    assert candidate.kind is PlaceKind.COORDINATES
    assert candidate.source == "coordinates"


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("-33.8688, 151.2093", (-33.8688, 151.2093)),  # Sydney
        ("33.8688 S 151.2093 E", (-33.8688, 151.2093)),
        ("90,180", (90.0, 180.0)),  # the edges are valid
        ("-90,-180", (-90.0, -180.0)),
        ("0,0", (0.0, 0.0)),
    ],
)
def test_hemispheres_and_edges(text: str, point: tuple[float, float]) -> None:
    candidate = parse(text)
    assert candidate is not None and not isinstance(candidate, CoordinateError)
    assert candidate.point == pytest.approx(point)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("91,200", "latitude must be between -90 and 90"),
        ("91,200", "longitude must be between -180 and 180"),
        ("45,200", "longitude must be between -180 and 180 (got 200)"),
        ("-90.5, 10", "latitude must be between -90 and 90 (got -90.5)"),
        ("95N 10E", "latitude must be between -90 and 90"),
        ("40N 50N", "two latitudes"),
        ("10E 20W", "two longitudes"),
        ("-40 S, 10 E", "minus sign and a hemisphere letter"),
        ("40°75'N 73°W", "minutes and seconds must be below 60"),
    ],
)
def test_malformed_coordinates_are_refused_with_the_reason(text: str, says: str) -> None:
    error = parse(text)
    assert isinstance(error, CoordinateError)
    assert says in error.message
    assert text in error.message


@pytest.mark.parametrize(
    "text", ["Union Station", "10036", "SFO", "1 Market St", "I-80 exit 12", "40.7580,-73.9855,12"]
)
def test_other_text_is_not_coordinates(text: str) -> None:
    assert parse(text) is None


def test_resolver_answers_coordinates_without_a_request(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolution = resolver.resolve("40.7580, -73.9855")
    assert resolution.status is ResolutionStatus.FOUND
    assert resolution.best is not None
    assert resolution.best.point == pytest.approx(TIMES_SQUARE)
    assert resolution.best.name == "40.75800, -73.98550"
    assert nominatim.search_count == 0


def test_resolver_refuses_malformed_coordinates_without_a_request(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolution = resolver.resolve("91,200")
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert resolution.candidates == ()
    assert "'91,200' isn't a valid position" in resolution.notes[0]
    assert "40.7580, -73.9855" in resolution.notes[0]  # says what to type instead
    assert nominatim.search_count == 0


# --- typographic seconds ″, which NFKC turns into ′′ (issue 12, item 9) ---------------


@pytest.mark.parametrize(
    "text",
    [
        "40°45′30″N 73°59′8″W",
        "40° 45′ 30″ N, 73° 59′ 8″ W",
        "40°45′30′′N 73°59′8′′W",  # the same after NFKC
        "40°45’30’’N 73°59’8’’W",  # curly apostrophes, as phones type them
    ],
)
def test_seconds_typed_with_a_double_prime_are_coordinates_without_a_request(
    text: str, resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.FOUND
    assert resolution.best is not None
    assert resolution.best.point == pytest.approx((40.758333, -73.985556), abs=1e-5)
    assert nominatim.search_count == 0


def test_the_parser_keeps_double_prime_coordinates_as_the_place() -> None:
    from bot.query import parse_query

    for text in ("40°45′30″N 73°59′8″W", "40°45′30′′N 73°59′8′′W"):
        query = parse_query(f"CCS near {text}")
        assert query.place == text
        assert [int(o.connector) for o in query.filters.outlets] == [13]
