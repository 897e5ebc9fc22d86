"""A PlugShare, Open Charge Map or AFDC station link pasted in a channel unfolds into that
station's card through link_shared and chat.unfurl; an unknown station, silently, into
nothing."""

from __future__ import annotations

import json
from typing import Any

from support.slack import CHANNEL_ID, MockSlack, event_callback, shown

from bot.plugshare.models import Location


def link_shared(*urls: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "link_shared",
        "channel": CHANNEL_ID,
        "user": "U0PASTER",
        "message_ts": "1700000000.000300",
        "links": [{"domain": url.split("/")[2], "url": url} for url in urls],
        "event_ts": "1700000000.000301",
        **extra,
    }


def test_an_afdc_station_link_unfolds_into_its_card(
    harness: Any, slack_api: MockSlack, penn_locations: list[Location]
) -> None:
    station = penn_locations[0]
    url = f"https://afdc.energy.gov/stations#/station/{station.id}"
    response = harness.server.send(event_callback(link_shared(url)))
    assert response.status_code == 200
    (call,) = slack_api.wait_method("chat.unfurl")
    assert call.body["channel"] == CHANNEL_ID
    assert call.body["ts"] == "1700000000.000300"
    unfurls = call.body["unfurls"]
    unfurls = unfurls if isinstance(unfurls, dict) else json.loads(unfurls)
    assert list(unfurls) == [url]
    card = unfurls[url]
    words = shown(card)
    assert station.name.split(" ")[0] in words
    assert "J1772" in words or "CCS" in words or "Tesla" in words  # the connectors
    assert "Check-ins" in words  # recent check-ins (the provider's reviews)
    actions = [
        element.get("action_id")
        for block in card["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert "directions" in " ".join(a or "" for a in actions)


def test_unknown_stations_and_other_pages_unfold_to_nothing(
    harness: Any, slack_api: MockSlack
) -> None:
    event = link_shared(
        "https://afdc.energy.gov/stations#/station/999999999",  # no such station
        "https://www.plugshare.com/location/123",  # a PlugShare id the local index lacks
        "https://openchargemap.org/site/about",  # not a station page
    )
    assert harness.server.send(event_callback(event)).status_code == 200
    harness.settle()
    assert slack_api.of("chat.unfurl") == []


def test_a_link_in_the_composer_unfolds_by_unfurl_id(
    harness: Any, slack_api: MockSlack, penn_locations: list[Location]
) -> None:
    url = f"https://afdc.energy.gov/stations#/station/{penn_locations[1].id}"
    event = link_shared(url, unfurl_id="C123456.7890.composer", source="composer")
    harness.server.send(event_callback(event))
    (call,) = slack_api.wait_method("chat.unfurl")
    assert call.body["unfurl_id"] == "C123456.7890.composer"
    assert call.body["source"] == "composer"
    assert "channel" not in call.body
