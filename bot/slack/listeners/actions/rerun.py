"""A chosen place, or "More results": run the button's request and replace the message."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import searches
from bot.slack.listeners.actions.click import clicked

log = logging.getLogger(__name__)


def rerun(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    redo = clicked(ack, body, context).redo()
    if redo is None:
        return
    request, click, destination = redo
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
        destination,
        keep_on_error=True,
    )
