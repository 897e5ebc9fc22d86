"""The SearchRequest a button carries, or a polite reply saying the button is unreadable."""

from __future__ import annotations

import logging
from typing import Any

from bot.render import status
from bot.render.actions import decode_request
from bot.search import SearchRequest
from bot.slack.delivery import Destination
from bot.slack.payloads import first_action
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)


def request_of(
    services: SlackServices, body: dict[str, Any], destination: Destination | None
) -> SearchRequest | None:
    action = first_action(body)
    value = action.get("value")
    try:
        if not isinstance(value, str):
            raise ValueError("no value")
        return decode_request(value)
    except ValueError:
        log.info("action.bad_value", extra={"action": str(action.get("action_id", ""))[:40]})
        if destination is not None:
            services.background.submit(services.sender.notify, destination, status.stale_button())
        return None
