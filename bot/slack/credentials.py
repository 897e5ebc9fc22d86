"""Check Slack credentials before serving: a missing or malformed one stops start-up.

Each message names the variable and says where in Slack's app settings it is found,
and never echoes the value itself.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import SecretStr

from bot.config import ConfigError, Settings

APPS_URL = "https://api.slack.com/apps"

_BOT_TOKEN = re.compile(r"xoxb-[0-9A-Za-z-]+")
_APP_TOKEN = re.compile(r"xapp-[0-9A-Za-z-]+")
_SIGNING_SECRET = re.compile(r"[0-9a-fA-F]{32}")

_WHERE = {
    "SLACK_BOT_TOKEN": (
        "the Bot User OAuth Token, starting with xoxb-",
        "your app > OAuth & Permissions (install the app to your workspace first)",
    ),
    "SLACK_SIGNING_SECRET": (
        "the Signing Secret, 32 hexadecimal characters",
        "your app > Basic Information > App Credentials",
    ),
    "SLACK_APP_TOKEN": (
        "an App-Level Token with the connections:write scope, starting with xapp-",
        "your app > Basic Information > App-Level Tokens",
    ),
}


class ServeMode(StrEnum):
    SOCKET = "socket"
    HTTP = "http"


def _problem(name: str, what: str) -> str:
    expected, where = _WHERE[name]
    return f"{name} is {what}: expected {expected}. Find it at {APPS_URL} > {where}."


def _check(name: str, value: SecretStr | None, pattern: re.Pattern[str]) -> str | None:
    if value is None or not value.get_secret_value().strip():
        return _problem(name, "not set")
    if not pattern.fullmatch(value.get_secret_value().strip()):
        return _problem(name, "malformed")
    return None


def check_credentials(settings: Settings) -> ServeMode:
    """The mode to serve in (Socket Mode when ``SLACK_APP_TOKEN`` is set); ConfigError if unusable.

    Socket Mode needs the bot token and the app-level token; HTTP mode needs the bot
    token and the signing secret (Slack signs every request with it).
    """
    socket = settings.slack_app_token is not None and bool(
        settings.slack_app_token.get_secret_value().strip()
    )
    checks = [("SLACK_BOT_TOKEN", settings.slack_bot_token, _BOT_TOKEN)]
    if socket:
        checks.append(("SLACK_APP_TOKEN", settings.slack_app_token, _APP_TOKEN))
    else:
        checks.append(("SLACK_SIGNING_SECRET", settings.slack_signing_secret, _SIGNING_SECRET))
    problems = [p for name, value, pattern in checks if (p := _check(name, value, pattern))]
    if problems:
        if not socket:
            problems.append(
                "(For Socket Mode instead of a public HTTP endpoint, set SLACK_APP_TOKEN.)"
            )
        raise ConfigError("Cannot connect to Slack:\n  " + "\n  ".join(problems))
    return ServeMode.SOCKET if socket else ServeMode.HTTP
