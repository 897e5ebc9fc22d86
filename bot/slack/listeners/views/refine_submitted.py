"""The Refine modal submitted: re-run the request with the refinement, replace the answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render.refine import CONNECTOR_BLOCK, read_refinement
from bot.slack import searches
from bot.slack.listeners.views.form import field_error, form_values, private_metadata, stale_form
from bot.slack.payloads import context_of
from bot.slack.refine_state import RefineState
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def refine_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    try:
        state = RefineState.from_metadata(private_metadata(view))
        refinement = read_refinement(form_values(view))
    except ValueError:
        stale_form(ack, "refine.malformed")
        return
    who = context_of(body)
    who.channel_id = state.destination.channel  # a view payload names no channel
    services = services_of(context)
    denied = searches.rate_limit_message(services, who.team_id, who.user_id)
    if denied:
        field_error(ack, CONNECTOR_BLOCK, denied["text"])
        return
    ack()
    request = state.request.model_copy(update={"refine": refinement, "page": 0})
    log.info("refine.submitted", extra={"user": who.user_id})
    services.background.submit(
        searches.answer_to, services, request, who, state.destination, keep_on_error=True
    )
