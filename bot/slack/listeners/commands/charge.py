"""``/charge TEXT``: ack with "🔎 Looking for …", then replace it with the answer.

A settings command (``/charge set car CCS``) is acked empty and answered privately.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.search import SearchContext, SearchRequest
from bot.settings import parse_command
from bot.slack import searches
from bot.slack.delivery import Destination
from bot.slack.personal import reply_to_command
from bot.slack.services import services_of
from bot.slack.text import plain_text

log = logging.getLogger(__name__)


def charge(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    team, user = command.get("team_id"), command.get("user_id")
    channel, response_url = command.get("channel_id"), command.get("response_url")
    words = plain_text(command.get("text") if isinstance(command.get("text"), str) else "")
    log.info(
        "command.received",
        extra={"team": team, "user": user, "channel": channel, "chars": len(words.text)},
    )
    if not isinstance(response_url, str) or not response_url:
        ack(**status.cannot_reach_you(), response_type="ephemeral")
        return
    denied = searches.rate_limit_message(services, team, user)
    if denied:
        ack(**denied, response_type="ephemeral")
        return
    who = SearchContext(team_id=team, user_id=user, channel_id=channel)
    settings_command = parse_command(words.text)
    if settings_command is not None:
        ack()
        services.background.submit(
            reply_to_command,
            services,
            settings_command,
            who,
            Destination.response(response_url, channel, user, replace=False),
        )
        return
    if words.looks_like_help:
        ack()  # help needs no search: it follows at once, as a new message
    else:
        ack(**status.looking_for(words.text), response_type="ephemeral")
    services.background.submit(
        searches.answer_to,
        services,
        SearchRequest(text=words.text),
        who,
        Destination.response(response_url, channel, user, replace=not words.looks_like_help),
        query=words.query,
    )
