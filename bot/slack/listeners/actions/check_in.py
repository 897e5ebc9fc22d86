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
from bot.slack.listeners.actions.click import clicked


def check_in(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    location_id = click.location_id()
    if location_id is None:
        return
    state = checkins.CheckinState(
        location_id=location_id,
        data_source=click.services.provider.name,
        location_name=None,
        destination=click.destination,
        request=checkins.request_in_message(body),
    )
    view_id = click.open_view(status.loading_modal("Check in"))
    if view_id is not None:
        click.submit(checkins.open_form, click.services, state, view_id)
    else:
        click.tell(status.cannot_reach_you())
