"""Views of what ChargeBot remembers: the check-ins list with Delete on one's own, the
check-in form, the saved-check-in modal, and the member's part of the Home tab."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.models.views import View
from support.answers import NOW
from support.block_kit import check_view

from bot.plugshare.models import Location, Review, User
from bot.render import actions
from bot.render.checkin_form import (
    OUTCOME_ACTION,
    OUTCOME_BLOCK,
    PROBLEM_ACTION,
    PROBLEM_BLOCK,
    checkin_modal,
    read_checkin,
)
from bot.render.checkins import checkin_saved_modal, checkins_modal
from bot.render.home import DataSourceInfo, home_view
from bot.render.home_settings import DELETE_PLACE, MemberSettings

HOSTILE = "<!channel> *bold* <@U0BOSS> @here & <https://evil.example|click>"
SOURCE = DataSourceInfo("local", "AFDC", live_availability=False, has_checkins=False)


def location_with(reviews: list[Review]) -> Location:
    return Location(id=7, name="Garage", latitude=40.75, longitude=-73.99, reviews=reviews)


def workspace(source_id: str, comment: str, hours_ago: float, **extra: Any) -> Review:
    return Review(
        rating=1,
        created_at=NOW - timedelta(hours=hours_ago),
        comment=comment,
        user=User(first_name="Dana"),
        source="workspace",
        source_id=source_id,
        **extra,
    )


def delete_buttons(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        block["accessory"]
        for block in view["blocks"]
        if block.get("accessory", {}).get("action_id") == actions.DELETE_CHECKIN
    ]


def test_delete_buttons_only_on_the_viewers_own_workspace_check_ins() -> None:
    reviews = [
        workspace("11", "mine", 1),
        workspace("12", "a colleague's", 2),
        Review(rating=1, created_at=NOW - timedelta(hours=3), comment="from PlugShare", id=11),
    ]
    view = checkins_modal(
        location_with(reviews),
        now=NOW,
        deletable={"11"},
        notice="🗑️ Deleted your check-in.",
        private_metadata=json.dumps({"l": 7}),
    )
    assert check_view(view) == []
    (delete,) = delete_buttons(view)
    assert delete["value"] == "11"
    assert delete["style"] == "danger"
    assert delete["confirm"]["confirm"]["text"] == "Delete"
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert "mine" in texts[1] and "in this workspace" in texts[1]
    assert view["private_metadata"] == '{"l": 7}'
    assert "Deleted your check-in" in json.dumps(view)


def test_a_hostile_workspace_comment_is_shown_as_text() -> None:
    view = checkins_modal(location_with([workspace("1", HOSTILE, 1)]), now=NOW, deletable={"1"})
    assert check_view(view) == []
    saved = checkin_saved_modal(HOSTILE, workspace("1", HOSTILE, 0), now=NOW)
    assert check_view(saved) == []


def test_a_leaving_time_still_ahead_reads_as_a_span() -> None:
    ahead = workspace("1", "charging", 0.1, finished=NOW + timedelta(minutes=45))
    gone = workspace("2", "done", 3, finished=NOW - timedelta(hours=1))
    view = checkins_modal(location_with([ahead, gone]), now=NOW)
    words = json.dumps(view)
    assert "leaving in 45 minutes" in words
    assert words.count("leaving in") == 1


def test_the_check_in_form_is_a_valid_modal_and_reads_back() -> None:
    form = checkin_modal(HOSTILE, "{}", comment_max=2000, kilowatts_max=1000)
    View(**form).validate_json()
    assert "<!channel>" not in json.dumps(form)
    # A problem type left from a changed mind is ignored unless the outcome is Problem.
    values = {
        OUTCOME_BLOCK: {OUTCOME_ACTION: {"selected_option": {"value": "1"}}},
        PROBLEM_BLOCK: {PROBLEM_ACTION: {"selected_option": {"value": "3"}}},
    }
    read = read_checkin(values, comment_max=2000, kilowatts_max=1000)
    assert read.problem is None and read.comment is None and read.kilowatts is None


@pytest.mark.parametrize("places", [0, 1, 25])
def test_the_home_tab_with_settings_validates_and_escapes_names(places: int) -> None:
    member = MemberSettings(
        connectors=HOSTILE,
        connector_words=("CCS",),
        units="km",
        free_only=True,
        public_only=False,
        home=HOSTILE,
        places=tuple((f"{HOSTILE[:30]} {i}", HOSTILE) for i in range(places)),
        channel_places=(("C0GENERAL", HOSTILE), ("<!channel>", "x")),
        checkins=3,
    )
    view = home_view(SOURCE, member, notice="Saved.")
    View(**view).validate_json()
    assert len(view["blocks"]) <= 100
    dump = json.dumps(view, ensure_ascii=False)
    assert "<!channel>" not in dump and "<@U0BOSS>" not in dump and "<https://evil" not in dump
    assert "<#C0GENERAL>" in dump  # a channel id from Slack becomes a channel link
    deletes = [
        b["accessory"]
        for b in view["blocks"]
        if b.get("accessory", {}).get("action_id") == DELETE_PLACE
    ]
    assert len(deletes) == places
