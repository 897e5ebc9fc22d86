"""Installing ChargeBot in many workspaces: Bolt's OAuth flow on the state database.

With ``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET`` set, ``GET /slack/install`` shows
an "Add to Slack" page, Slack sends the installer back to ``/slack/oauth_redirect``,
and Bolt exchanges the code for the workspace's bot token (``oauth.v2.access``) and
keeps it in the state database (``slack_installations``, ``slack_bots``). Each
request is then answered with its own workspace's token.
"""

from __future__ import annotations

import logging

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from bot.config import Settings
from bot.state import StateStore

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
#: The bot scopes an install asks for: exactly manifest.yml's (a test checks), each
#: justified there.
BOT_SCOPES = (
    "commands",
    "app_mentions:read",
    "chat:write",
    "im:history",
    "reactions:write",
    "users:read",
    "files:write",
    "links:read",
    "links:write",
    "assistant:write",
)
#: Seconds an install link stays valid (between the install page and Slack's redirect).
STATE_EXPIRATION_SECONDS = 600


def oauth_settings(settings: Settings, store: StateStore) -> OAuthSettings:
    """Bolt's OAuth settings; the installation and state stores live in ``store``."""
    client_id = (settings.slack_client_id or "").strip()
    secret = settings.slack_client_secret
    return OAuthSettings(
        client_id=client_id,
        client_secret=secret.get_secret_value().strip() if secret is not None else "",
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # Slack uses the one Redirect URL configured for the app (manifest.yml).
        redirect_uri=None,
        installation_store=store.installation_store(client_id),
        installation_store_bot_only=True,
        state_store=store.oauth_state_store(STATE_EXPIRATION_SECONDS),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
    )


def cached_authorize(oauth: OAuthSettings, client: WebClient) -> InstallationStoreAuthorize:
    """Bolt's installation-store authorize with its cache on: each request still finds its
    workspace's token in the store (an uninstalled workspace is refused at once), but
    ``auth.test`` runs once per token per process instead of before every ack."""
    return InstallationStoreAuthorize(
        installation_store=oauth.installation_store,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        logger=logging.getLogger("slack_bolt.App"),
        bot_only=oauth.installation_store_bot_only,
        cache_enabled=True,
        client=client,
    )
