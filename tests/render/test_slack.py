"""The Slack message a user sees for each answer, and the check-ins list and modal."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from support.answers import NOW, PENN_STATION, UNION_STATION_LA, plugshare_payload
from support.block_kit import check_message, check_view

from bot.geo.place import Place, PlaceKind
from bot.plugshare.filters import Filters
from bot.plugshare.models import Location
from bot.query import SearchQuery, parse_query
from bot.render import actions
from bot.render.checkins import checkins_modal, render_checkins
from bot.render.slack import render_message
from bot.search import Answer, Outcome, SearchRequest

ZWSP = "\u200b"


def read(message: dict[str, Any]) -> list[str]:
    """The message as a person reads it, one line per block."""
    lines = []
    for block in message["blocks"]:
        kind = block["type"]
        if kind in ("header", "section"):
            line = f"[{kind}] {block['text']['text']}" if "text" in block else f"[{kind}]"
            if "fields" in block:
                line += " " + " | ".join(f["text"] for f in block["fields"])
            if "accessory" in block:
                accessory = block["accessory"]
                line += (
                    f" [image {accessory['image_url']}]"
                    if accessory["type"] == "image"
                    else f" [{accessory['text']['text']} ({accessory['action_id']})]"
                )
            lines.append(line)
        elif kind == "context":
            lines.append("[context] " + " | ".join(e["text"] for e in block["elements"]))
        elif kind == "actions":
            buttons = [f"{e['text']['text']} ({e['action_id']})" for e in block["elements"]]
            lines.append("[buttons] " + " | ".join(buttons))
        else:
            lines.append(f"[{kind}]")
    return lines


def buttons(message: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    found = []
    for block in message["blocks"]:
        found += [e for e in block.get("elements", []) if e.get("action_id") == action_id]
        accessory = block.get("accessory", {})
        if accessory.get("action_id") == action_id:
            found.append(accessory)
    return found


def rendered(answer: Answer, **options: Any) -> dict[str, Any]:
    message = render_message(answer, now=NOW, **options)
    assert check_message(message) == []
    return message


def test_afdc_answer_as_a_user_sees_it(afdc_answer: Answer) -> None:
    message = rendered(afdc_answer)
    assert message["text"] == (
        "5 stations near Penn Station, New York, NY, USA: "
        "1. Chelsea29 - Tesla Destination (0.2 mi S); "
        "2. Quik Park Garden Lots LLC - Tesla Destination (0.2 mi ESE); "
        "3. COM1-1 COM1-1 (0.4 mi WSW); 4. COM1-1 COM1-2 (0.4 mi WSW); "
        "5. 10 Hudson Yards - Tesla Destination (0.4 mi WNW)"
    )
    afdc = "https://afdc.energy.gov/stations#/station/"
    card_buttons = "[buttons] Directions (directions) | Open (open_location)"
    assert read(message) == [
        "[header] ⚡ 5 stations near Penn Station, New York, NY, USA",
        "[context] public · within 1 mi | U.S. DOE Alternative Fuels Data Center"
        " | Live status isn't available from this source",
        f"[section] 1. *<{afdc}358788|Chelsea29 - Tesla Destination>* · 0.2 mi S\n"
        "221 W 29th St, New York, NY 10001\n"
        "J1772 ×6   Tesla wall connector ×6\n"
        "Tesla Destination · Free · Public",
        card_buttons,
        "[divider]",
        f"[section] 2. *<{afdc}115009|Quik Park Garden Lots LLC - Tesla Destination>*"
        " · 0.2 mi ESE\n"
        "126 West 32nd St, New York, NY 10001\n"
        "J1772 ×3   Tesla wall connector ×3\n"
        "Tesla Destination · Free · Public",
        card_buttons,
        "[divider]",
        f"[section] 3. *<{afdc}313682|COM1-1 COM1-1>* · 0.4 mi WSW\n"
        "372 W 25th St, New York, NY 10001\n"
        "CCS ×1   CHAdeMO ×1\n"
        "ChargePoint · Cost unknown · Public · 24/7",
        card_buttons,
        "[divider]",
        f"[section] 4. *<{afdc}313672|COM1-1 COM1-2>* · 0.4 mi WSW\n"
        "365 W 25th St, New York, NY 10001\n"
        "CCS ×1   CHAdeMO ×1\n"
        "ChargePoint · Cost unknown · Public · 24/7",
        card_buttons,
        "[divider]",
        f"[section] 5. *<{afdc}358813|10 Hudson Yards - Tesla Destination>* · 0.4 mi WNW\n"
        "10 Hudson Yards, New York, NY 10001\n"
        "J1772 ×16   Tesla wall connector ×16\n"
        "Tesla Destination · Free · Public",
        card_buttons,
        "[divider]",
        "[buttons] More results (more_results) | Refine (refine)",
    ]
    directions = buttons(message, actions.DIRECTIONS)[0]["url"]
    assert directions == "https://www.google.com/maps/dir/?api=1&destination=40.748395,-73.993700"


def test_plugshare_answer_with_live_status_checkins_and_photo(plugshare_answer: Answer) -> None:
    message = rendered(plugshare_answer, ephemeral=True, checkins_enabled=True)
    page = "https://www.plugshare.com/location/212345"
    assert read(message) == [
        "[header] ⚡ 2 J1772 or CCS stations near Union Station, Los Angeles, CA, USA",
        "[context] within 5 mi | Data © PlugShare",
        f"[section] 1. *<{page}|Union Station — Patsaouras Plaza Garage>* · 0.2 mi ESE\n"
        "801 N Vignes St, Los Angeles, CA 90012\n"
        "CCS ×2 · 350 kW   CHAdeMO ×1 · 50 kW   J1772 ×2 · 6.6 kW\n"
        "Electrify America, ChargePoint · Fee: $0.48/kWh; idle fee after 10 min · Public · 24/7\n"
        "2 of 4 available (1 in use, 1 offline) · PlugScore 8.7"
        " [image https://photos.plugshare.com/photos/1_thumb.jpg]",
        "[context] ✅ Charged · 3 days ago · Maria: “Got 140 kW on stall 2. Easy.”\n"
        "⚠️ Problem: Broken hardware · 13 days ago · Tom: “Stall 4 screen dead, "
        f"{ZWSP}*{ZWSP}call{ZWSP}*{ZWSP} support &lt;@U999&gt; &amp;amp; wait”\n"
        "💬 Tip · 2 months ago · Sam: “Validate parking at the kiosk.”",
        "[buttons] Directions (directions) | Open (open_location) | Check-ins (4) (show_checkins)"
        " | Check in (check_in)",
        "[divider]",
        "[section] 2. *<https://www.plugshare.com/location/300001|Metro Center Garage>*"
        " · 0.6 mi NW\n"
        "1 Gateway Plaza, Los Angeles, CA\n"
        "J1772 ×2\n"
        "Free · Restricted\n"
        "live status unknown",
        "[buttons] Directions (directions) | Open (open_location) | Check in (check_in)",
        "[divider]",
        "[buttons] Refine (refine) | Share in channel (share_in_channel)",
    ]
    assert [b["value"] for b in buttons(message, actions.SHOW_CHECKINS)] == ["212345"]
    assert [b["value"] for b in buttons(message, actions.CHECK_IN)] == ["212345", "300001"]
    photo = message["blocks"][2]["accessory"]
    assert photo["alt_text"] == "Entrance on Vignes St"


def test_without_the_flag_there_is_no_check_in_button(plugshare_answer: Answer) -> None:
    message = rendered(plugshare_answer)
    assert buttons(message, actions.CHECK_IN) == []
    assert buttons(message, actions.SHARE) == []


def test_thumbnails_can_be_left_out(plugshare_answer: Answer) -> None:
    with_photo = rendered(plugshare_answer)
    without = rendered(plugshare_answer, thumbnails=False)
    assert "accessory" in with_photo["blocks"][2]
    assert "accessory" not in without["blocks"][2]
    assert with_photo["blocks"][2]["text"] == without["blocks"][2]["text"]


def test_buttons_carry_requests_that_rerun_the_search_without_geocoding(
    afdc_answer: Answer,
) -> None:
    message = rendered(afdc_answer, ephemeral=True)
    more = actions.decode_request(buttons(message, actions.MORE_RESULTS)[0]["value"])
    refine = actions.decode_request(buttons(message, actions.REFINE)[0]["value"])
    share = actions.decode_request(buttons(message, actions.SHARE)[0]["value"])
    place = PENN_STATION
    assert more == SearchRequest(text=afdc_answer.request.text, place=place, page=1)
    assert refine == share == SearchRequest(text=afdc_answer.request.text, place=place)


def test_page_two_numbers_on_from_the_first_page(afdc_answer: Answer) -> None:
    afdc_answer.page = 1
    message = rendered(afdc_answer)
    assert read(message)[0] == "[header] ⚡ stations 6–10 near Penn Station, New York, NY, USA"
    assert message["text"].startswith("stations 6–10 near Penn Station, New York, NY, USA: 6. ")
    more = actions.decode_request(buttons(message, actions.MORE_RESULTS)[0]["value"])
    assert more.page == 2


def test_kilometres_when_the_answer_is_in_km(plugshare_answer: Answer) -> None:
    plugshare_answer.units = "km"
    lines = read(rendered(plugshare_answer))
    assert lines[1].startswith("[context] within 8 km |")
    assert "· 280 m ESE\n" in lines[2]
    assert "· 910 m NW\n" in lines[6]


def test_notes_are_shown_once_and_escaped(afdc_answer: Answer) -> None:
    afdc_answer.notes = [
        "I ignored “cheap” and <!channel>",
        "Nothing within 1 mi, so I looked within 5 mi.",
    ]
    lines = read(rendered(afdc_answer))
    assert lines[2] == (
        "[context] ℹ️ I ignored “cheap” and &lt;!channel&gt;\n"
        "ℹ️ Nothing within 1 mi, so I looked within 5 mi."
    )


def _answer(outcome: Outcome, **fields: Any) -> Answer:
    fields.setdefault("request", SearchRequest(text=fields.pop("text", "CCS near Springfield")))
    return Answer(outcome=outcome, **fields)


def test_help_says_what_it_understands_with_examples() -> None:
    message = rendered(_answer(Outcome.HELP, text="help", source="AFDC"))
    lines = read(message)
    assert lines[0] == "[header] ⚡ ChargeBot finds EV charging stations"
    assert "*Connectors*\nCCS, CHAdeMO, J1772 / Level 2" in lines[2]
    assert "*Networks*\nEVgo only, on Electrify America, no ChargePoint" in lines[2]
    assert lines[3].startswith("[section] *Try*\n• `CCS near Union Station, Los Angeles`\n")
    assert "*Hours and price*\nopen now, open 24/7, open at 7am, cheapest" in lines[2]
    assert "`cheapest CCS near Penn Station, open now`" in lines[3]
    assert lines[4].startswith("[section] *Also in Slack*\n• *Station links:*")
    for capability in ("Find chargers", "Find chargers near this", "Assistant view", "Map"):
        assert capability in lines[4]
    assert lines[5] == "[context] AFDC"
    assert message["text"].startswith("ChargeBot finds EV charging stations.")


def test_no_place_asks_where_with_examples_using_the_connector() -> None:
    answer = _answer(
        Outcome.NO_PLACE, text="chademo please", filters=Filters(outlets=[{"connector": 3}])
    )
    assert read(rendered(answer)) == [
        "[section] Where should I look for CHAdeMO stations? Add a place to your request, e.g. "
        "`CHAdeMO near Union Station, Denver` or `CHAdeMO near 10001`."
    ]


def test_place_not_found_echoes_the_users_words_escaped() -> None:
    answer = _answer(Outcome.PLACE_NOT_FOUND, query=SearchQuery(place="Smallville <@U123> *HQ*"))
    message = rendered(answer)
    assert read(message) == [
        f"[section] I couldn't find “Smallville &lt;@U123&gt; {ZWSP}*{ZWSP}HQ{ZWSP}*{ZWSP}”. "
        "Try adding a city, state or ZIP code, e.g. `CCS near Main St, Springfield, IL`."
    ]
    assert "&lt;@U123&gt;" in message["text"]
    # The geocoder's own explanation replaces the generic advice, escaped like the rest.
    explained = _answer(
        Outcome.PLACE_NOT_FOUND,
        query=SearchQuery(place="91,200"),
        message="'91,200' isn't a position: latitude 91 is beyond the pole <!here>.",
    )
    assert read(rendered(explained)) == [
        "[section] '91,200' isn't a position: latitude 91 is beyond the pole &lt;!here&gt;."
    ]
    # With the real parser: the place as the user wrote it, mention dropped, still escaped.
    parsed = _answer(Outcome.PLACE_NOT_FOUND, query=parse_query("CCS near Smallville *HQ"))
    assert read(rendered(parsed))[0].startswith(
        f"[section] I couldn't find “Smallville {ZWSP}*{ZWSP}HQ”. Try adding"
    )


def test_ambiguous_place_offers_each_candidate_as_a_button() -> None:
    candidates = [
        Place("Union Station, Denver, CO, USA", 39.7527, -105.0001, PlaceKind.ADDRESS,
                  "nominatim", "US"),
        Place("Union Station, Chicago, IL, USA", 41.8789, -87.6397, PlaceKind.ADDRESS,
                  "nominatim", "US"),
        Place("Portland, OR", 45.5152, -122.6784, PlaceKind.CITY, "gazetteer", "US"),
    ]  # fmt: skip
    answer = _answer(
        Outcome.AMBIGUOUS_PLACE,
        text="CCS near Union Station",
        query=parse_query("CCS near Union Station"),
        candidates=candidates,
        notes=["Several places match; choose one."],
    )
    message = rendered(answer)
    assert read(message) == [
        "[section] Which “Union Station” do you mean?",
        "[context] ℹ️ Several places match; choose one.",
        "[section] *Union Station, Denver, CO, USA*\naddress or landmark "
        "[Choose Union Station, Denver, CO, USA (choose_place)]",
        "[section] *Union Station, Chicago, IL, USA*\naddress or landmark "
        "[Choose Union Station, Chicago, IL, USA (choose_place)]",
        "[section] *Portland, OR*\ncity [Choose Portland, OR (choose_place)]",
    ]
    chosen = [actions.decode_request(b["value"]) for b in buttons(message, actions.CHOOSE_PLACE)]
    assert chosen == [SearchRequest(text="CCS near Union Station", place=c) for c in candidates]


def test_nothing_found_says_what_to_loosen_and_offers_refine() -> None:
    answer = _answer(
        Outcome.NOTHING_FOUND,
        place=UNION_STATION_LA,
        filters=Filters(outlets=[{"connector": 3}], free_only=True, access=[1]),
        radius_m=50_000,
        notes=["Nothing within 5 mi, so I looked within 31 mi."],
    )
    message = rendered(answer)
    assert read(message) == [
        "[section] I found no CHAdeMO stations within 31 mi of Union Station, Los Angeles, CA, USA"
        " (free only · public).\n\n"
        "You could try any connector instead of CHAdeMO or paid stations too (drop “free only”).",
        "[context] ℹ️ Nothing within 5 mi, so I looked within 31 mi.",
        "[buttons] Refine (refine)",
    ]
    refine = actions.decode_request(buttons(message, actions.REFINE)[0]["value"])
    assert refine.place == UNION_STATION_LA


def test_results_outcome_without_locations_reads_as_nothing_found() -> None:
    answer = _answer(Outcome.RESULTS, place=PENN_STATION, radius_m=1000, units="km")
    assert read(rendered(answer))[0] == (
        "[section] I found no charging stations within 1 km of Penn Station, New York, NY, USA."
        "\n\nYou could try a wider radius than 1 km."
    )


def test_source_down_and_index_empty_say_what_to_do() -> None:
    down = _answer(Outcome.SOURCE_DOWN, source="PlugShare")
    assert read(rendered(down)) == [
        "[section] The station data source (PlugShare) isn't answering right now, so I can't "
        "search. Please try again in a minute."
    ]
    # The provider's own words (rate limited: when to retry) replace the generic ones.
    limited = _answer(
        Outcome.SOURCE_DOWN, source="PlugShare", message="PlugShare asks us to wait 45 s."
    )
    assert read(rendered(limited)) == ["[section] PlugShare asks us to wait 45 s."]
    empty = _answer(Outcome.INDEX_EMPTY, source="AFDC")
    assert read(rendered(empty)) == [
        "[section] There is nothing to search yet: the local station index is empty.\n\n"
        "Whoever runs ChargeBot can fill it with `chargebot data sync afdc` (US stations from the "
        "AFDC) or `chargebot data import FILE`."
    ]
    told = _answer(Outcome.INDEX_EMPTY, message="Run chargebot data sync afdc.")
    assert read(rendered(told))[0].endswith("\n\nRun chargebot data sync afdc.")


def test_an_empty_index_is_said_once_with_the_provider_words() -> None:
    # The pipeline always hands the provider's words on; they must not repeat the lead line.
    from bot.providers.base import IndexEmpty

    empty = _answer(Outcome.INDEX_EMPTY, message=IndexEmpty.user_message)
    (text,) = read(rendered(empty))
    assert text.lower().count("is empty") == 1, text
    assert "chargebot data sync afdc" in text and "chargebot data import FILE" in text


def test_too_many_locations_are_cut_to_fit_with_a_notice(plugshare_answer: Answer) -> None:
    location = plugshare_answer.locations[0]
    plugshare_answer.locations = [location.model_copy(update={"id": i}) for i in range(1, 41)]
    message = rendered(plugshare_answer, ephemeral=True, checkins_enabled=True)
    assert len(message["blocks"]) <= 50
    cards = [line for line in read(message) if re.match(r"\[section\] \d+\. \*<https", line)]
    notice = f"[context] {40 - len(cards)} more stations did not fit in this message."
    assert notice in read(message)
    assert read(message)[-1] == ("[buttons] Refine (refine) | Share in channel (share_in_channel)")


def _with_reviews(count: int) -> Location:
    payload = plugshare_payload()
    review = payload["reviews"][0]
    payload["reviews"] = [
        {**review, "id": i, "created_at": (NOW - timedelta(hours=i)).isoformat()}
        for i in range(count)
    ]
    return Location.model_validate(payload)


def test_render_checkins_lists_every_recent_checkin_newest_first() -> None:
    location = Location.model_validate(plugshare_payload())
    blocks = render_checkins(location, source="PlugShare", now=NOW)
    texts = [b["text"]["text"] for b in blocks]
    assert texts == [
        "*Check-ins at <https://www.plugshare.com/location/212345|Union Station — Patsaouras "
        "Plaza Garage>*\nLevel P2, near the bus plaza elevators.",
        "✅ Charged · 3 days ago · Maria: “Got 140 kW on stall 2. Easy.”\nHyundai Ioniq 5 · 140 kW",
        "⚠️ Problem: Broken hardware · 13 days ago · Tom: “Stall 4 screen dead, "
        f"{ZWSP}*{ZWSP}call{ZWSP}*{ZWSP} support &lt;@U999&gt; &amp;amp; wait”",
        "💬 Tip · 2 months ago · Sam: “Validate parking at the kiosk.”",
        "✅ Charged · 4 months ago · Ana: “Fine.”",
    ]
    assert check_message({"text": "Check-ins", "blocks": blocks}) == []


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (48, 48), (49, 49), (50, 48), (500, 48)])
def test_render_checkins_fits_a_message(count: int, shown: int) -> None:
    blocks = render_checkins(_with_reviews(count), source="PlugShare", now=NOW)
    assert check_message({"text": "Check-ins", "blocks": blocks}) == []
    listed = [b for b in blocks[1:] if b["type"] == "section"]
    if count == 0:
        assert listed[0]["text"]["text"] == "No check-ins yet."
    else:
        assert len(listed) == shown
        assert listed[0]["text"]["text"].startswith("✅ Charged · now · Maria")
    if count > shown:
        assert blocks[-1]["elements"][0]["text"] == (
            f"{count - shown} older check-ins not shown "
            "(<https://www.plugshare.com/location/212345|see them all>)"
        )


def test_checkins_modal_holds_up_to_a_hundred_blocks() -> None:
    view = checkins_modal(_with_reviews(500), source="PlugShare", now=NOW)
    assert check_view(view) == []
    assert view["title"]["text"] == "Check-ins"
    assert len(view["blocks"]) == 100
    assert view["blocks"][-1]["elements"][0]["text"].startswith("402 older check-ins not shown")


def test_no_summary_line_when_there_is_nothing_to_summarise(plugshare_answer: Answer) -> None:
    plugshare_answer.filters, plugshare_answer.radius_m = Filters(), 0.0
    plugshare_answer.source = plugshare_answer.attribution = "\x00"
    lines = read(rendered(plugshare_answer))
    assert lines[0] == "[header] ⚡ 2 stations near Union Station, Los Angeles, CA, USA"
    assert lines[1].startswith("[section] 1. *Union Station — Patsaouras Plaza Garage* · ")
