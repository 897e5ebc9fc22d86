"""What ChargeBot remembers: people's settings, saved places, channel places, workspace
check-ins and Slack installations, in one SQL database (SQLite file or PostgreSQL).

The API the Slack listeners and the pipeline use:

- :class:`StateStore` (``bot.state.store``): every read and write, scoped by team id.
- :class:`StateUnavailable` / :class:`InvalidSetting` (``bot.state.errors``).
- :func:`parse_command` / :func:`run_command`: the ``/charge set ...`` commands.
- :func:`apply_defaults` (``bot.state.defaults``): the pipeline merges defaults.
- :func:`merge_reviews`: PlugShare's reviews and the workspace's check-ins, newest first.
"""

from bot.state.commands import SETTINGS_HELP, Command, parse_command
from bot.state.defaults import AppliedDefaults, apply_defaults, personal_context, place_key
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
    "AppliedDefaults",
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
    "apply_defaults",
    "merge_reviews",
    "parse_command",
    "personal_context",
    "place_key",
    "run_command",
]
