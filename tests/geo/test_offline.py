"""ZIP and airport codes come from package data, offline: no request reaches the geocoder."""

from __future__ import annotations

import pytest
from support.nominatim import NominatimServer

from bot.geo import PlaceKind, PlaceResolver, ResolutionStatus
from bot.geometry.bearing import distance_m


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        ("10036", "10036 (New York, NY)", (40.7597, -73.9918)),  # Times Square
        ("94105", "94105 (San Francisco, CA)", (37.7864, -122.3892)),  # 1 Market St
        ("10036-1234", "10036 (New York, NY)", (40.7597, -73.9918)),  # ZIP+4
        ("ZIP 92311", "92311 (Barstow, CA)", (34.8899, -117.0218)),
        ("zip code: 14202", "14202 (Buffalo, NY)", (42.8869, -78.8778)),
    ],
)
def test_us_zip_codes(
    resolver: PlaceResolver,
    nominatim: NominatimServer,
    text: str,
    name: str,
    point: tuple[float, float],
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.FOUND
    best = resolution.best
    assert best is not None
    assert best.name == name
    assert best.kind is PlaceKind.POSTAL_CODE and best.source == "zip"
    assert best.country_code == "US"
    assert distance_m(*best.point, *point) < 2_000
    assert nominatim.search_count == 0


def test_an_unknown_labelled_zip_is_refused(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolution = resolver.resolve("zip 00000")
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert "00000 isn't a US ZIP code I know" in resolution.notes[0]
    assert nominatim.search_count == 0


def test_an_unknown_bare_five_digit_number_is_asked_online(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    # It may be another country's postcode; the geocoder decides.
    resolution = resolver.resolve("00000")
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert nominatim.queries() == ["00000"]


def test_an_unknown_zip_the_geocoder_cannot_place_either_is_named_as_such(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolution = resolver.resolve("99999")
    assert nominatim.queries() == ["99999"]  # still asked: another country's postcode?
    assert resolution.status is ResolutionStatus.NOT_FOUND
    assert resolution.notes == (
        "99999 isn't a US ZIP code I know, and the geocoder doesn't know it as another"
        " country's postcode either. Check the number, or send a city, an address, an"
        " airport code or coordinates.",
    )


def test_military_zips_without_a_position_are_not_answered_offline(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolver.resolve("09001")  # an APO ZIP: the package has no coordinates for it
    assert nominatim.queries() == ["09001"]


@pytest.mark.parametrize(
    ("text", "code", "point", "country"),
    [
        ("SFO", "SFO", (37.6188, -122.3754), "US"),
        ("LAX", "LAX", (33.9425, -118.4081), "US"),
        ("JFK", "JFK", (40.6398, -73.7789), "US"),
        ("KDEN", "KDEN", (39.8617, -104.6732), "US"),  # ICAO
        ("EGLL", "EGLL", (51.4706, -0.4619), "GB"),
        ("sfo airport", "SFO", (37.6188, -122.3754), "US"),
        ("Airport DEN", "DEN", (39.8617, -104.6732), "US"),
        ("ZRH International Airport", "ZRH", (47.4647, 8.5492), "CH"),
    ],
)
def test_airport_codes(
    resolver: PlaceResolver,
    nominatim: NominatimServer,
    text: str,
    code: str,
    point: tuple[float, float],
    country: str,
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is ResolutionStatus.FOUND
    best = resolution.best
    assert best is not None
    assert best.name.endswith(f"({code})")
    assert best.kind is PlaceKind.AIRPORT and best.source == "airport"
    assert best.country_code == country
    assert distance_m(*best.point, *point) < 3_000
    assert nominatim.search_count == 0


@pytest.mark.parametrize(
    "text",
    [
        "sfo",  # lower case on its own: a word, not a code
        "Ely",  # a town (ELY is also an airport code)
        "USA",  # capitals that are not meant as an airport (Concord-Padgett Regional)
        "Bath",
        "Denver airport",  # a name, not a code: the geocoder knows it
    ],
)
def test_words_that_are_not_airport_codes_go_to_the_geocoder(
    resolver: PlaceResolver, nominatim: NominatimServer, text: str
) -> None:
    resolver.resolve(text)
    assert nominatim.queries() == [text]


def test_unknown_capital_codes_go_to_the_geocoder(
    resolver: PlaceResolver, nominatim: NominatimServer
) -> None:
    resolver.resolve("NYC")  # not an airport code (a city code), so Nominatim is asked
    assert nominatim.queries() == ["NYC"]
