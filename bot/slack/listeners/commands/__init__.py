from __future__ import annotations

import re

from slack_bolt import App

from bot.slack.listeners.commands.charge import charge

#: Any slash command routed to this app: the manifest names it /charge, a workspace may rename it.
ANY_COMMAND = re.compile(r"^/.+")


def register(app: App) -> None:
    app.command(ANY_COMMAND)(charge)
