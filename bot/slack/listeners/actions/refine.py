""" "Refine": open the Refine modal; its metadata says which request and which message to redo."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.refine import refine_modal
from bot.slack.listeners.actions.click import clicked
from bot.slack.refine_state import RefineState


def refine(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    request = click.request()
    if request is None or click.destination is None:
        return
    click = click.for_owner(request.owner)
    if click is None or click.destination is None:
        return
    metadata = RefineState(request, click.destination).to_metadata()
    if not click.open_view(refine_modal(request, metadata)):
        click.tell(status.cannot_reach_you())
