"""The errors the state store raises: what a caller can act on, and what a user may read."""

from __future__ import annotations


class StateUnavailable(Exception):
    """The state database cannot be used right now (down, unreachable, locked, read-only,
    misconfigured, or migrated by a newer ChargeBot).

    ``str(error)`` and :attr:`user_message` are safe to show a user; :attr:`detail` is
    for logs and never contains the database password. Searches keep working without
    personal defaults: callers catch this, search with an empty context and add
    :attr:`search_note` to the answer.
    """

    user_message = (
        "I can't reach my settings database right now, so I can't read or change saved "
        "settings, places or check-ins. Searches still work; try this again in a few minutes."
    )
    search_note = "Your saved settings are unavailable right now, so I searched without them."

    def __init__(self, detail: str) -> None:
        super().__init__(self.user_message)
        self.detail = detail


class InvalidSetting(ValueError):
    """A value a user gave cannot be stored; the message says what to type instead."""
