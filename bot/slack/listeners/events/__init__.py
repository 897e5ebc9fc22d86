from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.events.app_home_opened import app_home_opened
from bot.slack.listeners.events.app_mention import app_mention
from bot.slack.listeners.events.direct_message import message
from bot.slack.listeners.events.link_shared import link_shared
from bot.slack.listeners.events.uninstalled import app_uninstalled, tokens_revoked

#: The bot events this app subscribes to (manifest.yml lists the same; a test checks).
SUBSCRIBED = (
    "app_home_opened",
    "app_mention",
    "message.im",
    "app_uninstalled",
    "tokens_revoked",
    "link_shared",
    # Taken by Bolt's Assistant (bot/slack/listeners/assistant/).
    "assistant_thread_started",
    "assistant_thread_context_changed",
)


def register(app: App) -> None:
    app.event("app_mention")(app_mention)
    # Every message event (edits, deletions, bot messages too) is acked here, so Slack
    # never retries one; only a person's new DM is answered.
    app.event("message")(message)
    app.event("app_home_opened")(app_home_opened)
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
    app.event("link_shared")(link_shared)
