"""What a person is told when the store refuses a value: the rule it broke, and what to
type instead. The store raises :class:`~bot.state.InvalidSetting` with a
:class:`~bot.state.Rule`; every surface (slash command, DM, App Home, check-in modal)
shows it through :func:`refusal`. Slack mrkdwn; no user text is quoted.
"""

from __future__ import annotations

from bot.state import InvalidSetting, Rule

_EXAMPLE_SAVE = "e.g. `/charge save office = 1 Market St, San Francisco`"


def refusal(error: InvalidSetting) -> str:
    """The reply for a refused value (mrkdwn)."""
    limit = error.limit
    match error.rule:
        case Rule.UNITS:
            return "Units are `mi` or `km`, e.g. `/charge set units km`."
        case Rule.PLACE_EMPTY:
            return "Which place? e.g. `/charge set home 1 Market St, San Francisco`."
        case Rule.PLACE_TOO_LONG:
            return f"That place is too long: {limit:.0f} characters at most."
        case Rule.NAME_EMPTY:
            return f"Give the place a name, {_EXAMPLE_SAVE}."
        case Rule.NAME_TOO_LONG:
            return (
                f"Place names are {limit:.0f} characters at most; "
                f"try a shorter one, {_EXAMPLE_SAVE}."
            )
        case Rule.NAME_RESERVED:
            return (
                "“home” is your home place: set it with "
                "`/charge set home 1 Market St, San Francisco`."
            )
        case Rule.TOO_MANY_PLACES:
            return (
                f"You have {limit:.0f} saved places, the most I keep. Delete one first, "
                "e.g. `/charge delete place office`."
            )
        case Rule.RATING:
            return "Choose how it went: charged, tip or problem."
        case Rule.PROBLEM_NEEDS_PROBLEM_RATING:
            return "A problem type goes with a “problem” check-in."
        case Rule.PROBLEM:
            return "Choose one of the listed problem types."
        case Rule.COMMENT_TOO_LONG:
            return f"Comments are {limit:,.0f} characters at most."
        case Rule.KILOWATTS:
            return f"kW must be a number above 0 and up to {limit:,.0f}."
    raise AssertionError(f"unworded rule {error.rule!r}")
