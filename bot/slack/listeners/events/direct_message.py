"""A DM to ChargeBot (``message.im``): answer in the conversation."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack.listeners.events.conversation import answer_message, by_a_person
from bot.slack.services import services_of


def message(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    if event.get("channel_type") == "im" and by_a_person(event):
        answer_message(services_of(context), event, body.get("team_id"), in_thread=False)
