"""The controls on the App Home tab: ack, then change the setting and publish the tab again.

"Set home" and "Add place" open a modal instead (their trigger lasts 3 s, so at once).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from slack_bolt import Ack, BoltContext

from bot.render import home_settings as controls
from bot.slack import home
from bot.slack.listeners.actions.click import clicked

log = logging.getLogger(__name__)


def _values(action: dict[str, Any]) -> list[str]:
    """What a control says now: a button's value, a select's option, the ticked boxes."""
    if isinstance(action.get("selected_options"), list):
        return [
            str(option.get("value"))
            for option in action["selected_options"]
            if isinstance(option, dict) and option.get("value") is not None
        ]
    option = action.get("selected_option")
    if isinstance(option, dict) and option.get("value") is not None:
        return [str(option["value"])]
    value = action.get("value")
    return [value] if isinstance(value, str) else []


def home_control(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    click = clicked(ack, body, context)
    if click.who.user_id is None:
        return
    control = str(click.action.get("action_id", ""))
    click.submit(home.change, click.services, click.who, control, _values(click.action))


def _open(kind: Literal["home", "saved"]) -> Any:
    def open_place_modal(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        clicked(ack, body, context).open_view(controls.place_modal(kind))

    return open_place_modal


open_home_place = _open("home")
open_saved_place = _open("saved")
