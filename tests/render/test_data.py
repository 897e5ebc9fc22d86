"""`--format json`: the results as data, in PlugShare's shape."""

from __future__ import annotations

import json

from geopy.distance import geodesic
from support.answers import PENN_STATION

from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.render.data import render_json
from bot.search import Answer, Outcome, SearchRequest


def test_results_as_data(plugshare_answer: Answer) -> None:
    data = render_json(plugshare_answer)
    json.dumps(data)  # serializable as it is
    assert data["outcome"] == "results"
    assert data["query"] == {
        "text": "CCS or J1772 near Union Station, Los Angeles",
        "parameters": {
            "latitude": "34.0562",
            "longitude": "-118.2365",
            "outlets": '[{"connector":2},{"connector":13}]',
            "radius": "8047",
            "count": "5",
        },
        "page": 0,
        "per_page": 5,
        "units": "mi",
    }
    assert data["place"] == {
        "name": "Union Station, Los Angeles, CA, USA",
        "latitude": 34.0562,
        "longitude": -118.2365,
        "kind": "address",
        "source": "test",
        "country_code": "US",
    }
    assert (data["source"], data["attribution"]) == ("PlugShare", "Data © PlugShare")
    assert data["live_availability"] is True and data["has_more"] is False
    first, second = data["locations"]
    # PlugShare's own shape: it reads back into the same location.
    original = plugshare_answer.locations[0]
    assert (
        Location.model_validate(first).model_copy(
            update={"distance_meters": None, "compass_bearing": None}
        )
        == original
    )
    assert first["reviews"][1]["comment"] == original.reviews[1].comment  # data, not escaped
    assert 280 < first["distance_meters"] < 290 and 100 < first["compass_bearing"] < 107
    # A source's own distance and bearing are kept.
    assert (second["distance_meters"], second["compass_bearing"]) == (910.0, 308.0)


def test_distances_agree_with_an_independent_computation(afdc_answer: Answer) -> None:
    data = render_json(afdc_answer)
    origin = (PENN_STATION.latitude, PENN_STATION.longitude)
    distances = []
    for location in data["locations"]:
        expected = geodesic(origin, (location["latitude"], location["longitude"])).m
        assert abs(location["distance_meters"] - expected) < 0.01
        assert 0 <= location["compass_bearing"] < 360
        distances.append(location["distance_meters"])
    assert distances == sorted(distances)
    assert data["query"]["parameters"] == {
        "latitude": "40.7506",
        "longitude": "-73.9935",
        "access": "1",
        "radius": "1609",
        "count": "5",
    }


def test_the_filters_asked_for_become_plugshare_parameters() -> None:
    answer = Answer(
        outcome=Outcome.NOTHING_FOUND,
        request=SearchRequest(text="x"),
        place=PENN_STATION,
        filters=Filters(free_only=True, networks=[47, 19], min_score=7, count=3, radius_m=90_000),
    )
    assert render_json(answer)["query"]["parameters"] == {
        "latitude": "40.7506",
        "longitude": "-73.9935",
        "cost": "false",
        "networks": "19,47",
        "score": "7",
        "radius": "50000",
        "count": "3",
    }


def test_outcomes_without_locations() -> None:
    answer = Answer(
        outcome=Outcome.AMBIGUOUS_PLACE,
        request=SearchRequest(text="CCS near Springfield"),
        candidates=[PENN_STATION],
        notes=["Several places match."],
        message=None,
    )
    data = render_json(answer)
    assert data["place"] is None and data["locations"] == []
    assert [c["name"] for c in data["candidates"]] == ["Penn Station, New York, NY, USA"]
    assert data["notes"] == ["Several places match."]
    assert "latitude" not in data["query"]["parameters"]
