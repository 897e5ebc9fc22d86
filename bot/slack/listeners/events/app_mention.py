"""``@ChargeBot …`` in a channel: answer in a thread under the message (or in its thread)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack.listeners.events.conversation import answer_message, by_a_person
from bot.slack.services import services_of


def app_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    if by_a_person(event):
        answer_message(services_of(context), event, body.get("team_id"), in_thread=True)
