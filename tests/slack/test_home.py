"""The App Home tab through the real app: the member's settings and every control on it,
each writing through the store and publishing the tab again."""

from __future__ import annotations

from typing import Any

from support.slack import (
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    Harness,
    button,
    buttons,
    event_callback,
    interactive,
    shown,
    slash_command,
    view_action,
    view_submission,
)

from bot.geo import Place
from bot.plugshare.enums import Connector
from bot.render import home_settings as controls
from bot.render.escape import escape_mrkdwn
from bot.state import StateUnavailable, StoredPlace

HOME_VIEW = {"id": "V0HOME", "type": "home"}


def open_home(harness: Harness, user: str = USER_ID, team: str = TEAM_ID) -> dict[str, Any]:
    before = len(harness.slack.of("views.publish"))
    event = {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"}
    harness.server.send(event_callback(event, team=team))
    publish = harness.slack.wait_method("views.publish", before + 1)[-1]
    assert publish.body["user_id"] == user
    return publish.body["view"]


def use(harness: Harness, action: dict[str, Any], user: str = USER_ID) -> dict[str, Any]:
    """Use a control on the Home tab; the tab as published again."""
    before = len(harness.slack.of("views.publish"))
    response = harness.server.send(view_action(action, HOME_VIEW, user=user))
    assert response.status_code == 200
    return harness.slack.wait_method("views.publish", before + 1)[-1].body["view"]


def control(view: dict[str, Any], action_id: str) -> dict[str, Any]:
    return button(view, action_id)


def test_the_home_tab_shows_the_members_settings_with_a_control_for_each(
    remembering: Harness,
) -> None:
    view = open_home(remembering)
    words = shown(view)
    assert "Your settings" in words
    assert "not set" in words  # no car, no home yet
    ids = {element["action_id"] for element in interactive(view)}
    assert {
        controls.CONNECTORS,
        controls.UNITS,
        controls.OPTIONS,
        controls.SET_HOME,
        controls.ADD_PLACE,
        controls.FORGET_ME,
    } <= ids
    forget = control(view, controls.FORGET_ME)
    assert forget["confirm"]["title"]["text"] == "Forget everything?"
    assert "/charge" in words and "Alternative Fuels Data Center" in words


def test_without_a_store_the_home_tab_has_no_settings(harness: Harness) -> None:
    view = open_home(harness)
    assert "Your settings" not in shown(view)
    assert buttons(view, controls.FORGET_ME) == []


def test_connectors_units_and_options_write_through_and_republish(remembering: Harness) -> None:
    store = remembering.store
    view = use(
        remembering,
        {
            "action_id": controls.CONNECTORS,
            "type": "multi_static_select",
            "selected_options": [{"value": "CCS"}, {"value": "J1772"}],
        },
    )
    assert {o.connector for o in store.get_preferences(TEAM_ID, USER_ID).connectors} == {
        Connector.CCS,
        Connector.J1772,
    }
    assert "Saved your car's connectors" in shown(view)
    selector = control(view, controls.CONNECTORS)
    assert {o["value"] for o in selector["initial_options"]} == {"CCS", "J1772"}

    view = use(
        remembering,
        {"action_id": controls.UNITS, "type": "static_select", "selected_option": {"value": "km"}},
    )
    assert store.get_preferences(TEAM_ID, USER_ID).units == "km"
    assert control(view, controls.UNITS)["initial_option"]["value"] == "km"

    view = use(
        remembering,
        {
            "action_id": controls.OPTIONS,
            "type": "checkboxes",
            "selected_options": [{"value": controls.FREE_ONLY}],  # public only unticked
        },
    )
    prefs = store.get_preferences(TEAM_ID, USER_ID)
    assert prefs.free_only is True and prefs.public_only is False
    assert "Free only: *on*" in shown(view) and "Public only: *off*" in shown(view)
    ticked = control(view, controls.OPTIONS)["initial_options"]
    assert [o["value"] for o in ticked] == [controls.FREE_ONLY]

    view = use(
        remembering,
        {"action_id": controls.CONNECTORS, "type": "multi_static_select", "selected_options": []},
    )
    assert store.get_preferences(TEAM_ID, USER_ID).connectors == ()
    assert "Cleared your connectors" in shown(view)


def submit_place(
    harness: Harness, callback: str, values: dict[str, Any]
) -> tuple[Any, dict[str, Any] | None]:
    before = len(harness.slack.of("views.publish"))
    ack = harness.server.send(view_submission(callback, "", values))
    assert ack.status_code == 200
    if ack.text:
        return ack.json(), None
    return None, harness.slack.wait_method("views.publish", before + 1)[-1].body["view"]


def place_values(text: str, name: str | None = None) -> dict[str, Any]:
    values = {
        controls.PLACE_BLOCK: {controls.PLACE_ACTION: {"type": "plain_text_input", "value": text}}
    }
    if name is not None:
        values[controls.NAME_BLOCK] = {
            controls.NAME_ACTION: {"type": "plain_text_input", "value": name}
        }
    return values


def test_home_place_is_set_in_a_modal_geocoded_once_and_cleared(remembering: Harness) -> None:
    view = open_home(remembering)
    before = len(remembering.slack.of("views.open"))
    remembering.server.send(view_action(control(view, controls.SET_HOME), HOME_VIEW))
    modal = remembering.slack.wait_method("views.open", before + 1)[-1].body["view"]
    assert modal["callback_id"] == controls.HOME_PLACE_VIEW

    errors, _ = submit_place(remembering, controls.HOME_PLACE_VIEW, place_values("Atlantis"))
    assert errors["response_action"] == "errors"
    assert "couldn't find that place" in errors["errors"][controls.PLACE_BLOCK]

    errors, _ = submit_place(remembering, controls.HOME_PLACE_VIEW, place_values("Springfield"))
    message = errors["errors"][controls.PLACE_BLOCK]
    assert "several places" in message and "Springfield, IL" in message

    queries = len(remembering.resolver.queries)
    _, view = submit_place(remembering, controls.HOME_PLACE_VIEW, place_values("Penn Station"))
    assert view is not None
    assert len(remembering.resolver.queries) == queries + 1  # geocoded once, on save
    assert "Home set to *Penn Station, New York, NY, USA*" in shown(view)
    assert remembering.store.get_preferences(TEAM_ID, USER_ID).home is not None

    view = use(remembering, control(view, controls.CLEAR_HOME))
    assert "Cleared your home place" in shown(view)
    assert remembering.store.get_preferences(TEAM_ID, USER_ID).home is None


def test_saved_places_are_added_listed_and_deleted(remembering: Harness) -> None:
    view = open_home(remembering)
    before = len(remembering.slack.of("views.open"))
    remembering.server.send(view_action(control(view, controls.ADD_PLACE), HOME_VIEW))
    modal = remembering.slack.wait_method("views.open", before + 1)[-1].body["view"]
    assert modal["callback_id"] == controls.SAVED_PLACE_VIEW

    errors, _ = submit_place(
        remembering, controls.SAVED_PLACE_VIEW, place_values("Penn Station", "")
    )
    assert controls.NAME_BLOCK in errors["errors"]
    errors, _ = submit_place(
        remembering, controls.SAVED_PLACE_VIEW, place_values("Penn Station", "home")
    )
    assert "home place" in errors["errors"][controls.NAME_BLOCK]
    errors, _ = submit_place(
        remembering, controls.SAVED_PLACE_VIEW, place_values("Atlantis", "gym")
    )
    assert controls.PLACE_BLOCK in errors["errors"]

    _, view = submit_place(
        remembering, controls.SAVED_PLACE_VIEW, place_values("Penn Station", "Office *HQ*")
    )
    assert view is not None
    words = shown(view)
    assert f"Saved *{escape_mrkdwn('Office *HQ*')}*" in words  # the name cannot restyle the tab
    (delete,) = buttons(view, controls.DELETE_PLACE)
    assert controls.place_of_value(delete["value"]) == "Office *HQ*"
    assert [p.name for p in remembering.store.list_places(TEAM_ID, USER_ID)] == ["Office *HQ*"]

    view = use(remembering, delete)
    assert "Deleted your saved place" in shown(view)
    assert remembering.store.list_places(TEAM_ID, USER_ID) == []
    assert buttons(view, controls.DELETE_PLACE) == []


def test_the_channel_places_a_member_set_are_listed(remembering: Harness) -> None:
    url = remembering.slack.response_url()
    remembering.server.send(slash_command("set channel place Penn Station", url))
    remembering.slack.wait_response(url)
    words = shown(open_home(remembering))
    assert "Channel places you set" in words
    assert f"<#{CHANNEL_ID}>" in words


def test_forget_me_deletes_everything_about_the_member(remembering: Harness) -> None:
    store = remembering.store
    place = StoredPlace(
        "Penn Station", Place("Penn Station, New York", 40.75, -73.99, country_code="US")
    )
    store.set_preferences(TEAM_ID, USER_ID, units="km", home=place)
    store.save_place(TEAM_ID, USER_ID, "office", place)
    store.add_checkin(TEAM_ID, data_source="local", location_id=1, user_id=USER_ID,
                      user_name="Dana", rating=1)  # fmt: skip
    view = use(remembering, control(open_home(remembering), controls.FORGET_ME))
    assert "I deleted your settings, 1 saved place and 1 check-in" in shown(view)
    data = store.about_user(TEAM_ID, USER_ID)
    assert data.preferences.is_empty() and not data.places and not data.checkins


def test_a_database_that_is_down_is_explained_on_the_home_tab(
    make_harness: Any, tmp_path: Any
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database " * 300)
    harness: Harness = make_harness(state_url=f"sqlite:///{garbage}")
    view = open_home(harness)
    words = shown(view)
    assert StateUnavailable.user_message in words
    assert "/charge" in words  # the rest of the tab is there


def test_the_home_tab_shows_the_new_capabilities_with_examples(harness: Harness) -> None:
    view = open_home(harness)
    words = shown(view)
    assert "open now, open 24/7, open at 7am, cheapest, under 30 cents/kWh" in words
    assert "cheapest CCS near Penn Station, open now" in words
    assert "https://afdc.energy.gov/stations#/station/358788" in words  # paste a station link
    for capability in ("Find chargers", "Find chargers near this", "Assistant view", "Map"):
        assert capability in words
