"""Only safe, well-formed URLs reach a message."""

from __future__ import annotations

import pytest

from bot.plugshare.models import Location
from bot.render.links import directions, location_page, safe_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.plugshare.com/location/1", "https://www.plugshare.com/location/1"),
        (" http://example.com/a?b=1&c=2 ", "http://example.com/a?b=1&c=2"),
        ("https://x.example/a|b>c<d", "https://x.example/a%7Cb%3Ec%3Cd"),
        ("https://medium.com/@here/post", "https://medium.com/%40here/post"),
        ("https://www.plugshare.com@evil.example/x", None),
        ("http://user:pass@example.com/", None),
        ("http://example.com*@here", None),
        ("javascript:alert(1)", None),
        ("ftp://example.com/file", None),
        ("https:///nohost", None),
        ("https://exa mple.com", None),
        ("https://example.com/\x00", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
        ("https://example.com/" + "a" * 3000, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def _location(**fields: object) -> Location:
    return Location.model_validate({"id": 42, "name": "X", "latitude": 1, "longitude": 2, **fields})


def test_location_page_prefers_the_locations_url_then_plugshare() -> None:
    own = "https://afdc.energy.gov/stations#/station/42"
    assert location_page(_location(url=own), "AFDC") == own
    assert location_page(_location(), "AFDC") is None
    assert location_page(_location(), "PlugShare") == "https://www.plugshare.com/location/42"
    assert location_page(_location(url="javascript:x"), "plugshare") == (
        "https://www.plugshare.com/location/42"
    )


def test_directions_go_to_the_coordinates() -> None:
    assert directions(40.7506, -73.9935) == (
        "https://www.google.com/maps/dir/?api=1&destination=40.750600,-73.993500"
    )
    assert directions(float("nan"), 1.0) is None
    assert directions(91.0, 1.0) is None
