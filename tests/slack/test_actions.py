"""Every button on an answer, on ephemeral answers (response URL) and normal ones (chat.update)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.slack import (
    CHANNEL_ID,
    Call,
    Harness,
    block_actions,
    button,
    buttons,
    event_callback,
    mention,
    shown,
    slash_command,
    view_submission,
)

from bot.render.actions import (
    CHOOSE_PLACE,
    DIRECTIONS,
    MORE_RESULTS,
    OPEN_LOCATION,
    REFINE,
    SHARE,
    SHOW_CHECKINS,
)
from bot.render.refine import (
    CALLBACK_ID,
    OPTIONS_ACTION,
    OPTIONS_BLOCK,
    RADIUS_ACTION,
    RADIUS_BLOCK,
)

MESSAGE_TS = "1700000001.000001"


def ephemeral_answer(harness: Harness, text: str = "chargers near Penn Station") -> dict[str, Any]:
    url = harness.slack.response_url()
    harness.server.send(slash_command(text, url))
    (reply,) = harness.slack.wait_response(url)
    return reply.body


def public_answer(harness: Harness, text: str = "chargers near Penn Station") -> Call:
    before = len(harness.slack.of("chat.postMessage"))
    harness.server.send(event_callback(mention(text, ts="1700.000100")))
    return harness.slack.wait_method("chat.postMessage", before + 1)[-1]


def click(
    harness: Harness, element: dict[str, Any], *, ephemeral: bool, message_ts: str = MESSAGE_TS
) -> tuple[str, int]:
    url = harness.slack.response_url()
    response = harness.server.send(
        block_actions(
            element["action_id"],
            element.get("value"),
            response_url=url,
            ephemeral=ephemeral,
            message_ts=message_ts,
            url=element.get("url"),
        )
    )
    return url, response.status_code


def names(harness: Harness, start: int, stop: int) -> list[str]:
    return [location.name for location in harness.provider.locations[start:stop]]


def test_more_results_on_an_ephemeral_answer_replaces_it_with_the_next_page(
    harness: Harness,
) -> None:
    first = ephemeral_answer(harness)
    url, status = click(harness, button(first, MORE_RESULTS), ephemeral=True)
    assert status == 200
    (reply,) = harness.slack.wait_response(url)
    assert reply.body["replace_original"] is True
    page_two = shown(reply.body)
    assert names(harness, 5, 6)[0].split(" - ")[0] in page_two
    assert names(harness, 0, 1)[0] not in page_two


def test_more_results_on_a_public_answer_updates_that_message(harness: Harness) -> None:
    post = public_answer(harness)
    click(harness, button(post.body, MORE_RESULTS), ephemeral=False, message_ts="1700.000555")
    (update,) = harness.slack.wait_method("chat.update")
    assert update.body["channel"] == CHANNEL_ID
    assert update.body["ts"] == "1700.000555"
    assert names(harness, 5, 6)[0].split(" - ")[0] in shown(update.body)


@pytest.mark.parametrize("ephemeral", [True, False])
def test_choosing_among_ambiguous_places_reruns_with_that_place(
    harness: Harness, ephemeral: bool
) -> None:
    if ephemeral:
        ambiguous = ephemeral_answer(harness, "CCS near Springfield")
    else:
        ambiguous = public_answer(harness, "CCS near Springfield").body
    choices = buttons(ambiguous, CHOOSE_PLACE)
    queries_before = list(harness.resolver.queries)
    url, _ = click(harness, choices[1], ephemeral=ephemeral)
    if ephemeral:
        (reply,) = harness.slack.wait_response(url)
        assert reply.body["replace_original"] is True
        body = reply.body
    else:
        (update,) = harness.slack.wait_method("chat.update")
        body = update.body
    assert harness.resolver.queries == queries_before  # the chosen place needs no geocoding
    assert harness.provider.calls, "the search ran"
    assert buttons(body, CHOOSE_PLACE) == []


def test_share_posts_the_answer_for_everyone_and_removes_the_private_copy(
    harness: Harness,
) -> None:
    private = ephemeral_answer(harness)
    url, _ = click(harness, button(private, SHARE), ephemeral=True)
    shared, removal = harness.slack.wait_response(url, 2)
    assert shared.body["response_type"] == "in_channel"
    assert shared.body["replace_original"] is False
    assert "Shared by <@U0DRIVER>" in shown(shared.body)
    assert names(harness, 0, 1)[0].split(" - ")[0] in shown(shared.body)
    assert buttons(shared.body, SHARE) == []
    assert removal.body == {"delete_original": True}


def test_refine_opens_a_modal_and_its_submission_replaces_the_answer(harness: Harness) -> None:
    private = ephemeral_answer(harness)
    url, _ = click(harness, button(private, REFINE), ephemeral=True)
    (opened,) = harness.slack.wait_method("views.open")
    assert opened.body["trigger_id"] == "1337.42.trigger"
    modal = opened.body["view"]
    assert modal["callback_id"] == CALLBACK_ID
    assert "chargers near Penn Station" in shown(modal)

    one_mile = next(
        o["value"]
        for e in modal["blocks"]
        if e.get("block_id") == RADIUS_BLOCK
        for o in e["element"]["options"]
        if o["text"]["text"].startswith("1 mi")
    )
    values = {
        RADIUS_BLOCK: {
            RADIUS_ACTION: {"type": "static_select", "selected_option": {"value": one_mile}}
        },
        OPTIONS_BLOCK: {
            OPTIONS_ACTION: {"type": "checkboxes", "selected_options": [{"value": "free_only"}]}
        },
    }
    calls_before = len(harness.provider.calls)
    ack = harness.server.send(view_submission(CALLBACK_ID, modal["private_metadata"], values))
    assert ack.status_code == 200
    assert ack.text == ""  # the modal closes
    (reply,) = harness.slack.wait_response(url)
    assert reply.body["replace_original"] is True
    refined = harness.provider.calls[calls_before:]
    assert refined
    assert refined[-1]["radius_m"] == pytest.approx(1609.344, rel=0.01)
    assert refined[-1]["filters"].free_only is True


def test_refine_on_a_public_answer_updates_that_message(harness: Harness) -> None:
    post = public_answer(harness)
    click(harness, button(post.body, REFINE), ephemeral=False, message_ts="1700.000777")
    (opened,) = harness.slack.wait_method("views.open")
    metadata = opened.body["view"]["private_metadata"]
    harness.server.send(view_submission(CALLBACK_ID, metadata, {}))
    (update,) = harness.slack.wait_method("chat.update")
    assert update.body["ts"] == "1700.000777"
    assert update.body["channel"] == CHANNEL_ID


def test_check_ins_open_in_a_modal_with_every_comment_escaped(harness: Harness) -> None:
    private = ephemeral_answer(harness)
    click(harness, button(private, SHOW_CHECKINS), ephemeral=True)
    (opened,) = harness.slack.wait_method("views.open")
    assert opened.body["view"]["type"] == "modal"
    (update,) = harness.slack.wait_method("views.update")
    assert update.body["view_id"] == opened.answer["view"]["id"]
    words = shown(update.body["view"])
    assert "Charged fine at 7 kW" in words
    assert "<!channel>" not in words
    assert "<@U0BOSS>" not in words


def test_check_ins_of_a_location_that_is_gone_explain_it_in_the_modal(harness: Harness) -> None:
    element = {"action_id": SHOW_CHECKINS, "value": "999999999"}
    click(harness, element, ephemeral=True)
    (update,) = harness.slack.wait_method("views.update")
    assert "no longer exists" in shown(update.body["view"])


@pytest.mark.parametrize("action_id", [OPEN_LOCATION, DIRECTIONS])
def test_url_buttons_are_acked_and_send_nothing(harness: Harness, action_id: str) -> None:
    element = {"action_id": action_id, "url": "https://afdc.energy.gov/stations#/station/1"}
    _, status = click(harness, element, ephemeral=True)
    assert status == 200
    harness.settle()
    assert harness.slack.calls == []


@pytest.mark.parametrize("action_id", [MORE_RESULTS, CHOOSE_PLACE, SHARE, REFINE])
def test_a_button_with_an_unreadable_value_gets_a_polite_private_reply(
    harness: Harness, action_id: str
) -> None:
    url, status = click(
        harness, {"action_id": action_id, "value": "{not a request"}, ephemeral=True
    )
    assert status == 200
    (reply,) = harness.slack.wait_response(url)
    assert reply.body["replace_original"] is False
    assert "ask again" in reply.body["text"]


def test_a_refine_submission_with_foreign_metadata_explains_itself(harness: Harness) -> None:
    ack = harness.server.send(view_submission(CALLBACK_ID, json.dumps({"x": 1}), {}))
    assert ack.status_code == 200
    assert ack.json()["response_action"] == "update"
    harness.settle()
    assert harness.provider.calls == []


def test_a_refine_beyond_the_rate_limit_keeps_the_modal_open_with_the_reason(
    make_harness: Any,
) -> None:
    harness: Harness = make_harness(rate_limit_per_minute=1)
    private = ephemeral_answer(harness)  # the one search allowed this minute
    click(harness, button(private, REFINE), ephemeral=True)
    (opened,) = harness.slack.wait_method("views.open")
    ack = harness.server.send(
        view_submission(CALLBACK_ID, opened.body["view"]["private_metadata"], {})
    )
    assert ack.status_code == 200
    answer = ack.json()
    assert answer["response_action"] == "errors"
    assert "a minute" in next(iter(answer["errors"].values()))
    harness.settle()
    assert len(harness.provider.calls) == 1


def test_a_failed_rerun_leaves_the_answer_and_says_so_privately(harness: Harness) -> None:
    private = ephemeral_answer(harness)

    def broken(*args: Any, **kwargs: Any) -> list[Any]:
        raise RuntimeError("disk on fire")

    harness.provider.nearby = broken  # type: ignore[method-assign]
    url, _ = click(harness, button(private, MORE_RESULTS), ephemeral=True)
    (note,) = harness.slack.wait_response(url)
    assert note.body["replace_original"] is False
    words = shown(note.body)
    assert "went wrong" in words or "not answering" in words
    assert "disk on fire" not in words


OTHER_MEMBER = "U0OTHER"


def _click_as(harness: Harness, element: dict[str, Any], user: str, message_ts: str) -> str:
    url = harness.slack.response_url()
    harness.server.send(
        block_actions(
            element["action_id"],
            element.get("value"),
            response_url=url,
            ephemeral=False,
            message_ts=message_ts,
            user=user,
        )
    )
    return url


def test_another_members_more_results_on_a_shared_answer_keeps_its_filters_privately(
    remembering: Harness,
) -> None:
    from support.slack import TEAM_ID, USER_ID

    from bot.plugshare.enums import Connector
    from bot.plugshare.filters import OutletFilter

    store = remembering.store
    store.set_preferences(TEAM_ID, USER_ID, connectors=[OutletFilter(connector=Connector.J1772)])
    store.set_preferences(
        TEAM_ID, OTHER_MEMBER, connectors=[OutletFilter(connector=Connector.CHADEMO)]
    )
    post = public_answer(remembering)
    assert "Using your settings: J1772" in shown(post.body)

    url = _click_as(remembering, button(post.body, MORE_RESULTS), OTHER_MEMBER, "1700.000888")
    (reply,) = remembering.slack.wait_response(url)
    # A new private message for the clicker; everyone's message is left as it was.
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body["replace_original"] is False
    assert remembering.slack.of("chat.update") == []
    page = shown(reply.body)
    assert "CHAdeMO" not in page
    assert "Using the asker's settings: J1772" in page
    assert remembering.provider.calls[-1]["filters"].outlets[0].connector is Connector.J1772

    # The asker's own click still pages the shared message itself.
    click(remembering, button(post.body, MORE_RESULTS), ephemeral=False, message_ts="1700.0009")
    (update,) = remembering.slack.wait_method("chat.update")
    assert update.body["ts"] == "1700.0009"


def test_another_members_refine_on_a_shared_answer_is_answered_to_them_alone(
    remembering: Harness,
) -> None:
    post = public_answer(remembering)
    url = _click_as(remembering, button(post.body, REFINE), OTHER_MEMBER, "1700.000999")
    (opened,) = remembering.slack.wait_method("views.open")
    metadata = opened.body["view"]["private_metadata"]
    remembering.server.send(view_submission(CALLBACK_ID, metadata, {}, user=OTHER_MEMBER))
    (reply,) = remembering.slack.wait_response(url)
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body["replace_original"] is False
    assert remembering.slack.of("chat.update") == []
