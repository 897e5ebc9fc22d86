"""``app_uninstalled`` and ``tokens_revoked``: forget the workspace.

Uninstalling deletes everything ChargeBot keeps about the workspace (settings, places,
channel places, check-ins) and its Slack installations and bot tokens. A revoked bot
token means the same thing. ChargeBot asks for no user tokens, so a revocation of
only user tokens leaves nothing to delete.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext

from bot.slack.services import SlackServices, services_of
from bot.state import StateUnavailable

log = logging.getLogger(__name__)


def _forget_team(services: SlackServices, team_id: str) -> None:
    if services.store is None:
        log.info("team.uninstalled_without_store", extra={"team": team_id})
        return
    try:
        deleted = services.store.delete_team(team_id)
    except StateUnavailable as error:
        log.error("team.delete_failed", extra={"team": team_id, "detail": error.detail})
        return
    log.info("team.deleted", extra={"team": team_id, "rows": deleted.total})


def app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
    team = body.get("team_id")
    if isinstance(team, str) and team:
        services = services_of(context)
        services.background.submit(_forget_team, services, team)


def tokens_revoked(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    tokens = event.get("tokens") if isinstance(event.get("tokens"), dict) else {}
    team = body.get("team_id")
    if tokens.get("bot") and isinstance(team, str) and team:
        services = services_of(context)
        services.background.submit(_forget_team, services, team)
