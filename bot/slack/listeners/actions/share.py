""" "Share in channel" on an ephemeral answer: post the same answer for everyone."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import searches
from bot.slack.listeners.actions.click import clicked


def share(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    request = click.request()
    if request is None or click.destination is None:
        return
    click.submit(searches.share, click.services, request, click.who, click.destination)
