"""Button values: a SearchRequest that fits, round-trips, and carries no markup."""

from __future__ import annotations

import pytest

from bot.geo import Place
from bot.render.actions import MAX_VALUE, decode_request, encode_request
from bot.search import Refinement, SearchRequest


def test_a_request_round_trips() -> None:
    request = SearchRequest(
        text="free CCS near Union Station",
        place=Place(name="Union Station, Denver", latitude=39.75, longitude=-105.0,
                          country_code="US"),
        page=2,
        refine=Refinement(connector="J1772", radius_m=8000, free_only=False),
        units="km",
    )  # fmt: skip
    assert decode_request(encode_request(request)) == request


def test_the_users_markup_travels_as_json_escapes() -> None:
    request = SearchRequest(text="<!channel> CCS & <@U123> near <#C1|x>")
    value = encode_request(request)
    assert "<" not in value and ">" not in value and "&" not in value
    assert decode_request(value) == request


@pytest.mark.parametrize("char", ["a", "<", "é", "😀", '"'])
def test_long_text_is_shortened_to_fit(char: str) -> None:
    request = SearchRequest(text=char * 10_000, place=Place(name="P", latitude=1,
                                                                 longitude=2))  # fmt: skip
    value = encode_request(request)
    assert len(value) <= MAX_VALUE
    decoded = decode_request(value)
    assert decoded.place == request.place
    assert request.text.startswith(decoded.text) and len(decoded.text) > 200


def test_an_overlong_place_name_is_cut_and_lone_surrogates_replaced() -> None:
    request = SearchRequest(text="x\ud800", place=Place(name="N" * 5000, latitude=1, longitude=2))
    decoded = decode_request(encode_request(request))
    assert decoded.text == "x\ufffd"
    assert decoded.place is not None and len(decoded.place.name) <= 120
    assert decoded.place.name.startswith("NNN") and decoded.place.name.endswith("…")


def test_a_malformed_value_raises_value_error() -> None:
    with pytest.raises(ValueError):
        decode_request('{"text": 5')
