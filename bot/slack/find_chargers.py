"""The "Find chargers" form: opened from a shortcut, prefilled from the person's settings,
answered in their DM with the app."""

from __future__ import annotations

import logging
from typing import Any

from bot.geo.place import HOME
from bot.query import parse_query
from bot.render.find_form import PLACE_MAX, FindPrefill, find_modal
from bot.search import SearchContext
from bot.slack.personal import with_personal_defaults
from bot.slack.services import SlackServices
from bot.slack.text import plain_text

log = logging.getLogger(__name__)


def prefill(
    services: SlackServices, team: str | None, user: str | None, place: str = ""
) -> FindPrefill:
    """The form's first values: the given place, else "home" when one is saved; the car's
    connectors; free only when the person asked for it by default."""
    context = with_personal_defaults(services, SearchContext(team_id=team, user_id=user))
    filters = context.default_filters
    connectors = tuple(int(o.connector) for o in filters.outlets) if filters else ()
    if not place and HOME in context.saved_places:
        place = HOME
    return FindPrefill(place, connectors, bool(filters is not None and filters.free_only))


def place_in_message(text: str) -> str:
    """A message's text as a place: the place the parser finds in it, else the text itself."""
    words = plain_text(text).text
    query = parse_query(words)
    # "Heading to Union Station": a trip's destination is the place the message names.
    found = query.place or (query.route.destination if query.route is not None else None)
    return " ".join((found or words).split())[:PLACE_MAX]


def open_form(
    services: SlackServices, body: dict[str, Any], team: str | None, user: str | None, place: str
) -> bool:
    trigger_id = body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return False
    view = find_modal(prefill(services, team, user, place))
    opened = services.sender.open_view(trigger_id, view) is not None
    log.info("find_form.opened", extra={"user": user, "opened": opened})
    return opened
