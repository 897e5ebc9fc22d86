"""Check-ins of a location: open a modal at once (the click's trigger lasts 3 s), fill it after."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.slack import checkins
from bot.slack.listeners.actions.click import clicked


def show_checkins(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    location_id = click.location_id()
    if location_id is None:
        return
    view_id = click.open_view(status.loading_modal("Check-ins"))
    if view_id is not None:
        click.submit(checkins.show_list, click.services, location_id, view_id, click.who)
    elif click.destination is not None:
        click.submit(checkins.send_list, click.services, location_id, click.destination, click.who)
