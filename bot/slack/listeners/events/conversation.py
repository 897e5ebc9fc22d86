"""Answering a message someone wrote to the bot (a mention or a DM), in its conversation:
a search, or a settings command (``set units km``)."""

from __future__ import annotations

import logging
from typing import Any

from bot.search import SearchContext, SearchRequest
from bot.settings import parse_command
from bot.slack import searches
from bot.slack.delivery import Destination
from bot.slack.personal import reply_to_command
from bot.slack.services import SlackServices
from bot.slack.text import plain_text

log = logging.getLogger(__name__)

#: The reaction put on a message whose search has started (👀).
SEARCHING_REACTION = "eyes"


def answer_message(
    services: SlackServices, event: dict[str, Any], team: str | None, *, in_thread: bool
) -> None:
    """Answer the message in ``event``; ``in_thread`` starts a thread under it if needed."""
    channel, ts, user = event.get("channel"), event.get("ts"), event.get("user")
    if not (isinstance(channel, str) and isinstance(ts, str) and isinstance(user, str)):
        log.info("message.malformed")
        return
    # A DM that mentions the bot can arrive as both message.im and app_mention.
    if not services.seen.first_time(f"message:{channel}:{ts}", team):
        return
    thread_ts = event.get("thread_ts") if isinstance(event.get("thread_ts"), str) else None
    destination = Destination.post(channel, thread_ts or (ts if in_thread else None), user)
    words = plain_text(event.get("text") if isinstance(event.get("text"), str) else "")
    log.info(
        "message.received",
        extra={"team": team, "user": user, "channel": channel, "chars": len(words.text)},
    )
    denied = searches.rate_limit_message(services, team, user)
    if denied:
        services.background.submit(services.sender.notify, destination, denied)
        return
    who = SearchContext(team_id=team, user_id=user, channel_id=channel)
    settings_command = parse_command(words.text)
    if settings_command is not None:
        # In a channel, a member's settings (their home, their places) are for them alone.
        in_dm = event.get("channel_type") == "im" or channel.startswith("D")
        services.background.submit(
            reply_to_command, services, settings_command, who, destination, privately=not in_dm
        )
        return
    # Feedback at once: geocoding and searching may take seconds, and a mention or DM
    # has no "Looking for…" ack of its own as /charge has.
    services.sender.react(channel, ts, SEARCHING_REACTION)
    services.background.submit(
        searches.answer_to,
        services,
        SearchRequest(text=words.text),
        who,
        destination,
        query=words.query,
    )


def by_a_person(event: dict[str, Any]) -> bool:
    """A new message a person wrote: not a bot's, not an edit, deletion or other subtype."""
    return not (
        event.get("subtype")
        or event.get("bot_id")
        or event.get("bot_profile")
        or event.get("edited")
    )
