"""Delete in the check-ins modal: the store deletes only the clicker's own check-in."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.slack import checkins
from bot.slack.listeners.actions.click import clicked

log = logging.getLogger(__name__)


def delete_checkin(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    view = body.get("view") if isinstance(body.get("view"), dict) else {}
    value = click.action.get("value")
    try:
        checkin_id = int(value) if isinstance(value, str) else None
        location_id = checkins.location_of_list(str(view.get("private_metadata") or ""))
    except ValueError:
        checkin_id = None
    view_id = view.get("id")
    if checkin_id is None or not isinstance(view_id, str):
        log.info("action.bad_value", extra={"action": "delete_checkin"})
        return
    click.submit(checkins.delete, click.services, checkin_id, location_id, view_id, click.who)
