"""App Home: publish the home tab (what ChargeBot understands, and its data source)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.render.home import DataSourceInfo, home_view
from bot.slack.services import services_of


def app_home_opened(event: dict[str, Any], context: BoltContext) -> None:
    user = event.get("user")
    if event.get("tab") != "home" or not isinstance(user, str):
        return
    services = services_of(context)
    provider = services.pipeline.provider
    view = home_view(
        DataSourceInfo(
            name=provider.name,
            attribution=provider.attribution,
            live_availability=provider.live_availability,
            has_checkins=provider.has_checkins,
        )
    )
    services.background.submit(services.sender.publish_home, user, view)
