"""A station link pasted where ChargeBot is: unfold it into the station's card."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack.services import services_of
from bot.slack.unfurls import unfurl_links


def link_shared(event: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    services.background.submit(unfurl_links, services, event)
