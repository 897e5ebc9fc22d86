""" "Check in" on a card: open a modal at once (the trigger lasts 3 s), then the form in it.

The form's metadata remembers the location, the data source, and where the card is
(with the request behind it when Slack sent the message) so that the answer can be
redrawn with the new check-in after submission.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.slack import checkins
from bot.slack.listeners.actions.location_value import location_of
from bot.slack.payloads import action_destination
from bot.slack.services import services_of


def check_in(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    services = services_of(context)
    destination = action_destination(body)
    location_id = location_of(services, body, destination)
    if location_id is None:
        return
    state = checkins.CheckinState(
        location_id=location_id,
        data_source=services.provider.name,
        location_name=None,
        destination=destination,
        request=checkins.request_in_message(body),
    )
    trigger_id = body.get("trigger_id")
    view_id = (
        services.sender.open_view(trigger_id, status.loading_modal("Check in"))
        if isinstance(trigger_id, str)
        else None
    )
    if view_id is not None:
        services.background.submit(checkins.open_form, services, state, view_id)
    elif destination is not None:
        services.background.submit(services.sender.notify, destination, status.cannot_reach_you())
