from __future__ import annotations

import re

from slack_bolt import App

from bot.render.actions import (
    CHOOSE_PLACE,
    DIRECTIONS,
    MORE_RESULTS,
    OPEN_LOCATION,
    REFINE,
    SHARE,
    SHOW_CHECKINS,
)
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
