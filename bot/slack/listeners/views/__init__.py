from __future__ import annotations

from slack_bolt import App

from bot.render import checkin_form, find_form
from bot.render.home_settings import HOME_PLACE_VIEW, SAVED_PLACE_VIEW
from bot.render.refine import CALLBACK_ID
from bot.slack.listeners.views.checkin_submitted import checkin_submitted
from bot.slack.listeners.views.find_submitted import find_submitted
from bot.slack.listeners.views.place_submitted import home_place_submitted, saved_place_submitted
from bot.slack.listeners.views.refine_submitted import refine_submitted


def register(app: App) -> None:
    app.view(CALLBACK_ID)(refine_submitted)
    app.view(checkin_form.CALLBACK_ID)(checkin_submitted)
    app.view(HOME_PLACE_VIEW)(home_place_submitted)
    app.view(SAVED_PLACE_VIEW)(saved_place_submitted)
    app.view(find_form.CALLBACK_ID)(find_submitted)
