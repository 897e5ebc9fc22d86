"""The "Find chargers" form submitted: search, and answer in the person's DM with the app."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render.find_form import PLACE_BLOCK, read_find_form
from bot.search import SearchContext, SearchRequest
from bot.slack import searches
from bot.slack.delivery import Destination
from bot.slack.listeners.views.form import field_error, form_values
from bot.slack.payloads import team_of, user_of
from bot.slack.services import services_of

log = logging.getLogger(__name__)


def find_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    services = services_of(context)
    team, user = team_of(body), user_of(body)
    try:
        text, refinement = read_find_form(form_values(view))
    except ValueError as error:
        field_error(ack, PLACE_BLOCK, str(error))
        return
    if not user:
        ack()
        return
    denied = searches.rate_limit_message(services, team, user)
    if denied:
        field_error(ack, PLACE_BLOCK, denied["text"])
        return
    ack()
    log.info("find_form.submitted", extra={"user": user, "chars": len(text)})
    # A user id as the channel: the app's Messages tab with that person (their DM).
    destination = Destination.post(user, None, user)
    services.background.submit(
        searches.answer_to,
        services,
        SearchRequest(text=text, refine=refinement),
        SearchContext(team_id=team, user_id=user),
        destination,
    )
