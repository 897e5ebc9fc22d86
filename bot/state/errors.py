"""The errors the state store raises: typed, so that the layers above can word them.

The store knows no wording for people: :class:`InvalidSetting` says which rule a value
broke (:class:`Rule`) and the limit where one applies; ``bot.settings.refusal`` turns it
into what to type instead.
"""

from __future__ import annotations

from enum import StrEnum


class StateUnavailable(Exception):
    """The state database cannot be used right now (down, unreachable, locked, read-only,
    misconfigured, or migrated by a newer ChargeBot).

    ``str(error)`` and :attr:`user_message` are plain text safe to show a user;
    :attr:`detail` is for logs and never contains the database password. Searches keep
    working without personal defaults (``SearchContext.settings_unavailable``).
    """

    user_message = (
        "I can't reach my settings database right now, so I can't read or change saved "
        "settings, places or check-ins. Searches still work; try this again in a few minutes."
    )

    def __init__(self, detail: str) -> None:
        super().__init__(self.user_message)
        self.detail = detail


class Rule(StrEnum):
    """The rule a refused value broke."""

    UNITS = "units are mi or km"
    PLACE_EMPTY = "a place needs text"
    PLACE_TOO_LONG = "place text too long"
    NAME_EMPTY = "a saved place needs a name"
    NAME_TOO_LONG = "place name too long"
    NAME_RESERVED = "home is not a saved place name"
    TOO_MANY_PLACES = "too many saved places"
    RATING = "unknown rating"
    PROBLEM_NEEDS_PROBLEM_RATING = "a problem type needs a problem rating"
    PROBLEM = "unknown problem type"
    COMMENT_TOO_LONG = "comment too long"
    KILOWATTS = "kW out of range"


class InvalidSetting(ValueError):
    """A value a person gave cannot be stored: :attr:`rule` says why, :attr:`limit` the
    number that applies (a length, a count, a maximum), if any."""

    def __init__(self, rule: Rule, limit: float | None = None) -> None:
        super().__init__(rule.value if limit is None else f"{rule.value} (limit {limit:g})")
        self.rule = rule
        self.limit = limit
