""" "Refine": open the Refine modal; its metadata says which request and which message to redo."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.refine import refine_modal
from bot.slack.listeners.actions.click import clicked
from bot.slack.refine_state import RefineState


def refine(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    redo = clicked(ack, body, context).redo()
    if redo is None:
        return
    request, click, destination = redo
    metadata = RefineState(request, destination).to_metadata()
    if not click.open_view(refine_modal(request, metadata)):
        click.tell(status.cannot_reach_you())
