"""Check-ins of a location: open a modal at once (the click's trigger lasts 3 s), fill it after."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.slack import checkins
from bot.slack.listeners.actions.location_value import location_of
from bot.slack.payloads import action_destination, context_of
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def show_checkins(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    location_id = location_of(services, body, destination)
    if location_id is None:
        return
    who = context_of(body)
    trigger_id = body.get("trigger_id")
    view_id = (
        services.sender.open_view(trigger_id, status.loading_modal("Check-ins"))
        if isinstance(trigger_id, str)
        else None
    )
    if view_id is not None:
        services.background.submit(checkins.show_list, services, location_id, view_id, who)
    elif destination is not None:
        services.background.submit(checkins.send_list, services, location_id, destination, who)
