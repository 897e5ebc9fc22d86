"""A chosen place, or "More results": run the button's request and replace the message."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import searches
from bot.slack.listeners.actions.request_value import request_of
from bot.slack.payloads import action_destination, context_of, first_action, for_the_clicker
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def rerun(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    request = request_of(services, body, destination)
    if request is None or destination is None:
        return
    destination = for_the_clicker(body, request.owner, destination)
    if destination is None:
        return
    who = context_of(body)
    log.info(
        "action.received",
        extra={"action": str(first_action(body).get("action_id")), "user": who.user_id},
    )
    denied = searches.rate_limit_message(services, who.team_id, who.user_id)
    if denied:
        services.background.submit(services.sender.notify, destination, denied)
        return
    services.background.submit(
        searches.answer_to, services, request, who, destination, keep_on_error=True
    )
