""" "Refine": open the Refine modal; its metadata says which request and which message to redo."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.refine import refine_modal
from bot.slack.listeners.actions.request_value import request_of
from bot.slack.payloads import action_destination, for_the_clicker
from bot.slack.refine_state import RefineState
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def refine(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    request = request_of(services, body, destination)
    if request is None or destination is None:
        return
    destination = for_the_clicker(body, request.owner, destination)
    if destination is None:
        return
    trigger_id = body.get("trigger_id")
    metadata = RefineState(request, destination).to_metadata()
    opened = isinstance(trigger_id, str) and services.sender.open_view(
        trigger_id, refine_modal(request, metadata)
    )
    if not opened:
        services.background.submit(services.sender.notify, destination, status.cannot_reach_you())
