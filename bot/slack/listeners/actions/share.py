""" "Share in channel" on an ephemeral answer: post the same answer for everyone."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import searches
from bot.slack.listeners.actions.request_value import request_of
from bot.slack.payloads import action_destination, context_of
from bot.slack.services import services_of


def share(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    request = request_of(services, body, destination)
    if request is None or destination is None:
        return
    services.background.submit(searches.share, services, request, context_of(body), destination)
