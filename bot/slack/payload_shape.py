"""Refuse signed Slack payloads whose fields have the wrong types, before Bolt sees them.

Bolt reads payloads as Slack shapes them (``body["event"]["type"]``,
``body["team"]["id"]``...). A payload with ``"event": "boo"`` or ``"actions": "x"``
makes its routing raise inside ``App.dispatch``, which catches the error itself and
answers 500 with a traceback in the log, and Slack retries a 5xx. Checking the few
fields Bolt and ChargeBot index turns such a payload into a 400 instead.
"""

from __future__ import annotations

from typing import Any

#: Top-level fields that are objects whenever present (``null`` is tolerated: Slack
#: sends ``"enterprise": null`` and, for some org-wide installs, ``"team": null``).
_OBJECTS = ("event", "view", "team", "user", "channel", "container", "message", "enterprise")
#: Top-level fields that are lists of objects whenever present.
_LISTS_OF_OBJECTS = ("actions", "authorizations")
#: Fields of those objects that are strings whenever present.
_STRINGS = {
    # (an event's "channel" is an id in messages but an object in channel_* events)
    "event": ("type", "subtype", "channel_type", "text", "ts", "thread_ts"),
    "view": ("id", "type", "callback_id", "private_metadata"),
    "team": ("id",),
    "user": ("id",),
    "channel": ("id",),
    "container": ("channel_id", "message_ts"),
    "message": ("ts", "thread_ts", "text"),
    "enterprise": ("id",),
}


def problem(body: Any) -> str | None:
    """What is wrong with the payload's shape (a field's path), or None if it looks right."""
    if not isinstance(body, dict):
        return "body"
    if not isinstance(body.get("type", ""), str):
        return "type"
    for name in _OBJECTS:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, dict):
            return name
        for field in _STRINGS.get(name, ()):
            if not isinstance(value.get(field, ""), str) and value.get(field) is not None:
                return f"{name}.{field}"
    for name in _LISTS_OF_OBJECTS:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return name
    view = body.get("view")
    if isinstance(view, dict) and not isinstance(view.get("state") or {}, dict):
        return "view.state"
    return None
