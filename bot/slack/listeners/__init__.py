"""Thin listeners, one package per kind of Slack request (as in Bolt's starter template)."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, assistant, commands, events, shortcuts, views


def register_listeners(app: App) -> None:
    # First: Bolt's Assistant takes only assistant-view events and lets the rest through.
    assistant.register(app)
    # Bolt tries listeners in the order they were added, building each matcher's
    # arguments: slash commands and events come first, as they are acked on a clock.
    commands.register(app)
    events.register(app)
    actions.register(app)
    shortcuts.register(app)
    views.register(app)
