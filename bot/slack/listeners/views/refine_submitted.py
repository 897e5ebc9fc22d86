"""The Refine modal submitted: re-run the request with the refinement, replace the answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.refine import CONNECTOR_BLOCK, read_refinement
from bot.slack import searches
from bot.slack.payloads import context_of
from bot.slack.refine_state import RefineState
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def refine_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    services = services_of(context)
    try:
        state = RefineState.from_metadata(view.get("private_metadata") or "")
        values = (view.get("state") or {}).get("values") or {}
        refinement = read_refinement(values if isinstance(values, dict) else {})
    except ValueError:
        log.info("refine.malformed")
        ack(response_action="update", view=status.error_modal(status.stale_button()["text"]))
        return
    who = context_of(body)
    who.channel_id = state.destination.channel  # a view payload names no channel
    denied = searches.rate_limit_message(services, who.team_id, who.user_id)
    if denied:
        # Keep the modal open with the reason, so the choices are not lost.
        ack(response_action="errors", errors={CONNECTOR_BLOCK: denied["text"][:150]})
        return
    ack()
    request = state.request.model_copy(update={"refine": refinement, "page": 0})
    log.info("refine.submitted", extra={"user": who.user_id})
    services.background.submit(
        searches.answer_to, services, request, who, state.destination, keep_on_error=True
    )
