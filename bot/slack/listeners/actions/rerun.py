"""A chosen place, or "More results": run the button's request and replace the message."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import searches
from bot.slack.listeners.actions.click import clicked

log = logging.getLogger(__name__)


def rerun(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    request = click.request()
    if request is None or click.destination is None:
        return
    click = click.for_owner(request.owner)
    if click is None or click.destination is None:
        return
    log.info(
        "action.received",
        extra={"action": str(click.action.get("action_id")), "user": click.who.user_id},
    )
    if click.rate_limited():
        return
    click.submit(
        searches.answer_to,
        click.services,
        request,
        click.who,
        click.destination,
        keep_on_error=True,
    )
