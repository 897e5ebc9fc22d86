"""What ChargeBot remembers about the person asking: their defaults in a search, and the
settings commands (``/charge set car CCS``) that change them.

Both run after the ack, on the background pool. A state database that is down never
stops a search: it runs without personal defaults and says so in a note.
"""

from __future__ import annotations

import dataclasses
import logging

from bot.render import status
from bot.search import SearchContext, search_context
from bot.settings import Command, run_command
from bot.slack.delivery import Destination
from bot.slack.services import SlackServices
from bot.state import StateUnavailable

log = logging.getLogger(__name__)

#: The reply to a settings command when this ChargeBot keeps no state.
NO_STORE = (
    "This ChargeBot doesn't keep settings: it was started without a state database. "
    "Searches work as usual, e.g. `/charge CCS near Union Station`."
)


def with_personal_defaults(services: SlackServices, context: SearchContext) -> SearchContext:
    """``context`` with the person's defaults and the channel's place, or marked
    ``settings_unavailable`` when they cannot be read (the pipeline says so)."""
    store = services.store
    if store is None or not context.team_id or not context.user_id:
        return context
    try:
        return search_context(
            store, context.team_id, context.user_id, context.channel_id, base=context
        )
    except StateUnavailable as error:
        log.warning("state.unavailable", extra={"detail": error.detail})
        return dataclasses.replace(context, settings_unavailable=True)


def reply_to_command(
    services: SlackServices,
    command: Command,
    context: SearchContext,
    destination: Destination,
    *,
    privately: bool = False,
) -> None:
    """Carry out a settings command and answer where it was typed; ``privately``: only
    the person sees the answer (``chat.postEphemeral`` in a channel's conversation)."""
    store = services.store
    if store is None or not context.team_id or not context.user_id:
        text = NO_STORE
    else:
        text = run_command(
            command,
            store,
            services.resolver,
            team_id=context.team_id,
            user_id=context.user_id,
            channel_id=context.channel_id,
        )
    log.info("settings.command", extra={"command": type(command).__name__})
    deliver = services.sender.notify if privately else services.sender.send
    if not deliver(destination, status.plain(text)):
        log.error("settings.undelivered", extra={"kind": destination.kind})
