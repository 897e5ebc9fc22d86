from __future__ import annotations

import re

from slack_bolt import App

from bot.render import home_settings as controls
from bot.render.actions import (
    CHECK_IN,
    CHOOSE_PLACE,
    DELETE_CHECKIN,
    DIRECTIONS,
    MORE_RESULTS,
    OPEN_LOCATION,
    REFINE,
    SHARE,
    SHOW_CHECKINS,
)
from bot.slack.listeners.actions.check_in import check_in
from bot.slack.listeners.actions.delete_checkin import delete_checkin
from bot.slack.listeners.actions.home import home_control, open_home_place, open_saved_place
from bot.slack.listeners.actions.links import link_clicked
from bot.slack.listeners.actions.refine import refine
from bot.slack.listeners.actions.rerun import rerun
from bot.slack.listeners.actions.share import share
from bot.slack.listeners.actions.show_checkins import show_checkins


def action_id(name: str) -> re.Pattern[str]:
    """``name`` itself or ``name:…``: buttons in one block need distinct action ids."""
    return re.compile(rf"^{re.escape(name)}(?::.*)?$")


def register(app: App) -> None:
    app.action(action_id(CHOOSE_PLACE))(rerun)
    app.action(action_id(MORE_RESULTS))(rerun)
    app.action(action_id(SHARE))(share)
    app.action(action_id(REFINE))(refine)
    app.action(action_id(SHOW_CHECKINS))(show_checkins)
    app.action(action_id(OPEN_LOCATION))(link_clicked)
    app.action(action_id(DIRECTIONS))(link_clicked)
    app.action(action_id(CHECK_IN))(check_in)
    app.action(action_id(DELETE_CHECKIN))(delete_checkin)
    for control in (
        controls.CONNECTORS,
        controls.UNITS,
        controls.OPTIONS,
        controls.CLEAR_HOME,
        controls.DELETE_PLACE,
        controls.FORGET_ME,
    ):
        app.action(control)(home_control)
    app.action(controls.SET_HOME)(open_home_place)
    app.action(controls.ADD_PLACE)(open_saved_place)
