from __future__ import annotations

import re

from slack_bolt import App

from bot.slack.listeners.commands.charge import charge
from bot.slack.prompt_ack import HANDS_OVER

#: Any slash command routed to this app: the manifest names it /charge, a workspace may rename it.
ANY_COMMAND = re.compile(r"^/.+")


def register(app: App) -> None:
    # charge acks and hands the search over (a non-blocking submit): it runs on the
    # HTTP thread, so its ack needs no thread hand-off (bot/slack/prompt_ack.py).
    app.command(ANY_COMMAND, middleware=[HANDS_OVER])(charge)
