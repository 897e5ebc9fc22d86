from __future__ import annotations

from slack_bolt import App

from bot.render.refine import CALLBACK_ID
from bot.slack.listeners.views.refine_submitted import refine_submitted


def register(app: App) -> None:
    app.view(CALLBACK_ID)(refine_submitted)
