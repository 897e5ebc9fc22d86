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
_CLIENT_ID = re.compile(r"[0-9]+\.[0-9]+")
_CLIENT_SECRET = re.compile(r"[0-9a-fA-F]{32}")

_WHERE = {
    "SLACK_BOT_TOKEN": (
        "the Bot User OAuth Token, starting with xoxb-",
        "your app > OAuth & Permissions (install the app to your workspace first)",
    ),
    "SLACK_SIGNING_SECRET": (
        "the Signing Secret, 32 hexadecimal characters",
        "your app > Basic Information > App Credentials",
    ),
    "SLACK_CLIENT_ID": (
        "the Client ID, two numbers joined by a dot",
        "your app > Basic Information > App Credentials",
    ),
    "SLACK_CLIENT_SECRET": (
        "the Client Secret, 32 hexadecimal characters",
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


def _check(name: str, value: SecretStr | str | None, pattern: re.Pattern[str]) -> str | None:
    text = value.get_secret_value() if isinstance(value, SecretStr) else (value or "")
    if not text.strip():
        return _problem(name, "not set")
    if not pattern.fullmatch(text.strip()):
        return _problem(name, "malformed")
    return None


def _set(value: SecretStr | str | None) -> bool:
    text = value.get_secret_value() if isinstance(value, SecretStr) else (value or "")
    return bool(text.strip())


def check_credentials(settings: Settings) -> ServeMode:
    """The mode to serve in (Socket Mode when ``SLACK_APP_TOKEN`` is set); ConfigError if unusable.

    Socket Mode needs the bot token and the app-level token; HTTP mode needs the bot
    token and the signing secret (Slack signs every request with it). Installs in many
    workspaces (``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET``) need no bot token (each
    workspace's comes from its install) but HTTP mode: Slack sends installers back to
    this server's ``/slack/oauth_redirect``.
    """
    socket = _set(settings.slack_app_token)
    oauth = _set(settings.slack_client_id) or _set(settings.slack_client_secret)
    checks: list[tuple[str, SecretStr | str | None, re.Pattern[str]]] = []
    if oauth:
        checks.append(("SLACK_CLIENT_ID", settings.slack_client_id, _CLIENT_ID))
        checks.append(("SLACK_CLIENT_SECRET", settings.slack_client_secret, _CLIENT_SECRET))
    else:
        checks.append(("SLACK_BOT_TOKEN", settings.slack_bot_token, _BOT_TOKEN))
    if socket and not oauth:
        checks.append(("SLACK_APP_TOKEN", settings.slack_app_token, _APP_TOKEN))
    else:
        checks.append(("SLACK_SIGNING_SECRET", settings.slack_signing_secret, _SIGNING_SECRET))
    problems = [p for name, value, pattern in checks if (p := _check(name, value, pattern))]
    if oauth and socket:
        problems.append(
            "SLACK_APP_TOKEN is set, but installs in many workspaces (SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET) need HTTP mode: unset SLACK_APP_TOKEN and serve over HTTPS."
        )
    if problems:
        if not socket and not oauth:
            problems.append(
                "(For Socket Mode instead of a public HTTP endpoint, set SLACK_APP_TOKEN.)"
            )
        raise ConfigError("Cannot connect to Slack:\n  " + "\n  ".join(problems))
    return ServeMode.SOCKET if socket else ServeMode.HTTP
