"""App Home: publish the home tab (the member's settings, what ChargeBot understands,
and its data source)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack import home
from bot.slack.services import services_of


def app_home_opened(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    user = event.get("user")
    if event.get("tab") != "home" or not isinstance(user, str):
        return
    services = services_of(context)
    team = body.get("team_id") if isinstance(body.get("team_id"), str) else None
    services.background.submit(home.publish, services, team, user)
