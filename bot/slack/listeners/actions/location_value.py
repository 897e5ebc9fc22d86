"""The location id a card's button carries, or a polite reply saying the button is unreadable."""

from __future__ import annotations

import logging
from typing import Any

from bot.render import status
from bot.slack.delivery import Destination
from bot.slack.payloads import first_action
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)


def location_of(
    services: SlackServices, body: dict[str, Any], destination: Destination | None
) -> int | None:
    action = first_action(body)
    value = action.get("value")
    try:
        location_id = int(value) if isinstance(value, str) else None
    except ValueError:
        location_id = None
    if location_id is None:
        log.info("action.bad_value", extra={"action": str(action.get("action_id", ""))[:40]})
        if destination is not None:
            services.background.submit(services.sender.notify, destination, status.stale_button())
    return location_id
