"""Reading Slack payloads defensively: who, where, and where the answer goes.

Every getter tolerates a missing or oddly typed field (a malformed payload gets
a polite reply or none, never a crash).
"""

from __future__ import annotations

from typing import Any

from bot.search import SearchContext
from bot.slack.delivery import Destination


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def team_of(body: dict[str, Any]) -> str | None:
    return _str(_dict(body.get("team")).get("id")) or _str(body.get("team_id"))


def user_of(body: dict[str, Any]) -> str | None:
    return _str(_dict(body.get("user")).get("id")) or _str(body.get("user_id"))


def channel_of(body: dict[str, Any]) -> str | None:
    return (
        _str(_dict(body.get("container")).get("channel_id"))
        or _str(_dict(body.get("channel")).get("id"))
        or _str(body.get("channel_id"))
    )


def context_of(body: dict[str, Any]) -> SearchContext:
    """Who asks and where, for a command, action or view payload."""
    return SearchContext(team_id=team_of(body), user_id=user_of(body), channel_id=channel_of(body))


def action_destination(body: dict[str, Any]) -> Destination | None:
    """Where a click's answer goes: the clicked message itself.

    Ephemeral messages can only be changed through the click's response URL;
    normal messages are updated by channel and ts.
    """
    container = _dict(body.get("container"))
    user, channel = user_of(body), channel_of(body)
    response_url = _str(body.get("response_url"))
    message_ts = _str(container.get("message_ts")) or _str(_dict(body.get("message")).get("ts"))
    if container.get("is_ephemeral") or not message_ts:
        return Destination.response(response_url, channel, user) if response_url else None
    if channel:
        return Destination.update(channel, message_ts, user)
    return Destination.response(response_url, channel, user) if response_url else None


def first_action(body: dict[str, Any]) -> dict[str, Any]:
    actions = body.get("actions")
    return _dict(actions[0]) if isinstance(actions, list) and actions else {}


def for_the_clicker(
    body: dict[str, Any], owner: str | None, destination: Destination
) -> Destination | None:
    """Where a click's answer goes when the clicked answer may be someone else's.

    A member paging or refining another member's shared (public) answer gets the
    result privately (a new ephemeral message), and everyone's message stays as it
    was. None when that cannot be done (no response URL).
    """
    clicker = user_of(body)
    if destination.kind != "update" or not owner or owner == clicker:
        return destination
    response_url = _str(body.get("response_url"))
    if response_url is None:
        return None
    return Destination.response(response_url, channel_of(body), clicker, replace=False)
