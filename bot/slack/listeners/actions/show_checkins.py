"""Check-ins of a location: open a modal at once (the click's trigger lasts 3 s), fill it after."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.slack import searches
from bot.slack.payloads import action_destination, first_action
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def show_checkins(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    value = first_action(body).get("value")
    try:
        location_id = int(value) if isinstance(value, str) else None
    except ValueError:
        location_id = None
    if location_id is None:
        log.info("action.bad_value", extra={"action": "show_checkins"})
        if destination is not None:
            services.background.submit(services.sender.notify, destination, status.stale_button())
        return
    trigger_id = body.get("trigger_id")
    view_id = (
        services.sender.open_view(trigger_id, status.loading_modal("Check-ins"))
        if isinstance(trigger_id, str)
        else None
    )
    if view_id is not None:
        services.background.submit(searches.show_checkins, services, location_id, view_id)
    elif destination is not None:
        services.background.submit(searches.checkins_message, services, location_id, destination)
