"""The settings language: what people type to change what ChargeBot remembers about them
(``/charge set car CCS``, ``save office = 1 Market St``, ``forget me``), and the replies.

Above ``bot.search`` and ``bot.state``; used by ``bot.slack`` (slash command, mentions,
DMs, App Home) and anything else that lets people change their settings:

- :func:`parse_command`: text -> a typed :data:`Command`, or ``None`` for a search.
- :func:`run_command`: carry a command out against a ``bot.state.StateStore`` and say
  what happened (one short mrkdwn reply; never raises for a person's mistake).
- :data:`SETTINGS_HELP`: the settings block of the help answer.
- :func:`set_place` (``SetHome``, ``SavePlace``, ``SetChannelPlace``): the one
  geocode-then-store flow for a place, on every surface; :func:`stored_sentence` and
  :func:`not_resolved` say how it went.
- :func:`refusal`: the reply for a value the store refused (``bot.state.InvalidSetting``).
- :func:`connectors_text`: a person's connectors as words ("CCS or J1772").
"""

from bot.settings.commands import SETTINGS_HELP, Command, Invalid, parse_command
from bot.settings.places import (
    NotResolved,
    PlaceStored,
    not_resolved,
    set_place,
    stored_sentence,
)
from bot.settings.refusals import refusal
from bot.settings.replies import connectors_text, run_command

__all__ = [
    "SETTINGS_HELP",
    "Command",
    "Invalid",
    "NotResolved",
    "PlaceStored",
    "connectors_text",
    "not_resolved",
    "parse_command",
    "refusal",
    "run_command",
    "set_place",
    "stored_sentence",
]
