"""Shortcuts: "Find chargers" (global) and "Find chargers near this" (on a message)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.slack.find_chargers import open_form, place_in_message
from bot.slack.payloads import team_of, user_of
from bot.slack.services import services_of

GLOBAL_CALLBACK_ID = "find_chargers"
MESSAGE_CALLBACK_ID = "find_chargers_near_message"


def find_chargers(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    open_form(services_of(context), body, team_of(body), user_of(body), "")


def find_chargers_near_message(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    message = body.get("message") if isinstance(body.get("message"), dict) else {}
    text = message.get("text") if isinstance(message.get("text"), str) else ""
    open_form(services_of(context), body, team_of(body), user_of(body), place_in_message(text))


def register(app: App) -> None:
    app.shortcut(GLOBAL_CALLBACK_ID)(find_chargers)
    app.shortcut(MESSAGE_CALLBACK_ID)(find_chargers_near_message)
