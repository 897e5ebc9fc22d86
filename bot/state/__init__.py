"""What ChargeBot remembers: people's settings, saved places, channel places, workspace
check-ins and Slack installations, in one SQL database (SQLite file or PostgreSQL).

The API the Slack listeners and the pipeline use:

- :class:`StateStore` (``bot.state.store``): every read and write, scoped by team id.
- :class:`StateUnavailable` / :class:`InvalidSetting` (``bot.state.errors``).
- :func:`parse_command` / :func:`run_command`: the ``/charge set ...`` commands.
- :func:`personal_context` (``bot.state.defaults``): stored settings -> SearchContext;
  the pipeline merges it with the request (``bot.search.defaults.apply_defaults``).
- :func:`merge_reviews`: PlugShare's reviews and the workspace's check-ins, newest first.
"""

from bot.state.commands import SETTINGS_HELP, Command, parse_command
from bot.state.defaults import personal_context
from bot.state.errors import InvalidSetting, StateUnavailable
from bot.state.records import (
    WORKSPACE_SOURCE,
    ChannelPlace,
    CheckIn,
    Forgotten,
    Preferences,
    SavedPlace,
    StoredPlace,
    TeamDeleted,
    UserData,
    merge_reviews,
)
from bot.state.replies import run_command
from bot.state.store import UNSET, StateStore

__all__ = [
    "SETTINGS_HELP",
    "UNSET",
    "WORKSPACE_SOURCE",
    "ChannelPlace",
    "CheckIn",
    "Command",
    "Forgotten",
    "InvalidSetting",
    "Preferences",
    "SavedPlace",
    "StateStore",
    "StateUnavailable",
    "StoredPlace",
    "TeamDeleted",
    "UserData",
    "merge_reviews",
    "parse_command",
    "personal_context",
    "run_command",
]
