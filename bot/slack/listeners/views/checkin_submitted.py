"""The check-in modal submitted: check it (errors stay on the form), show "Saving…" in the
modal, then save it in the background and show the result there."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.checkin_form import FormErrors, read_checkin
from bot.slack import checkins
from bot.slack.listeners.views.form import form_values, private_metadata, stale_form
from bot.slack.payloads import context_of
from bot.slack.services import services_of
from bot.state import MAX_COMMENT, MAX_KILOWATTS

log = logging.getLogger(__name__)


def checkin_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    try:
        state = checkins.CheckinState.from_metadata(private_metadata(view))
    except ValueError:
        stale_form(ack, "checkin.malformed")
        return
    try:
        form = read_checkin(form_values(view), comment_max=MAX_COMMENT, kilowatts_max=MAX_KILOWATTS)
    except FormErrors as error:
        ack(response_action="errors", errors=error.errors)
        return
    ack(response_action="update", view=status.loading_modal("Check in", "⏳ Saving your check-in…"))
    view_id = view.get("id") if isinstance(view.get("id"), str) else None
    services = services_of(context)
    services.background.submit(checkins.save, services, state, form, context_of(body), view_id)
