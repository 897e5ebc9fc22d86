"""The app factory: one Bolt app wired to the pipeline, the sender and the safeguards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from bot.config import Settings
from bot.slack.background import Background
from bot.slack.dedupe import SeenKeys
from bot.slack.delivery import Sender
from bot.slack.listeners import register_listeners
from bot.slack.logs import current_request_id, request_scope
from bot.slack.oauth import cached_authorize, oauth_settings
from bot.slack.prompt_ack import AckWaitingExecutor, install_ack
from bot.slack.ratelimit import UserRateLimiter
from bot.slack.services import CONTEXT_KEY, AnswersSearches, SlackServices, attach
from bot.slack.shared_dedupe import seen_keys
from bot.slack.web_client import web_client
from bot.state import StateStore

log = logging.getLogger(__name__)

#: Bolt's listener pool (buttons, mentions, views; ``/charge`` runs on the HTTP thread).
LISTENER_THREADS = 32

#: The reply to a workspace whose installation cannot be found (multi-workspace installs).
AUTHORIZE_FAILED = (
    "⚠️ I can't find this workspace's installation of ChargeBot right now. If the app was "
    "removed, ask an admin to install it again; otherwise my database may be down, so "
    "please try again in a few minutes."
)


def web_api_base_url(settings: Settings) -> str:
    """The Web API base URL; slack_sdk joins method names to it, so it ends with a slash."""
    if settings.slack_api_url is None:
        return WebClient.BASE_URL
    url = str(settings.slack_api_url)
    return url if url.endswith("/") else url + "/"


def _secret(value: Any) -> str:
    return value.get_secret_value().strip() if value is not None else ""


def create_app(
    settings: Settings,
    pipeline: AnswersSearches,
    *,
    store: StateStore | None = None,
    background: Background | None = None,
    token_verification: bool = True,
) -> App:
    """A Bolt app answering commands, mentions, DMs, buttons and modals with ``pipeline``.

    Listeners ack at once and hand the search to ``background`` (a pool of
    ``CHARGEBOT_WORKERS`` threads), so no data source can delay an ack.
    ``store`` is what ChargeBot remembers (settings, places, check-ins); without it
    the app only searches. With ``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET`` set,
    the app is installed per workspace through OAuth (``store`` keeps the tokens);
    otherwise it uses ``SLACK_BOT_TOKEN``, and ``token_verification`` calls
    ``auth.test`` now, which fails fast on a revoked token.
    """
    multi_workspace = settings.has_slack_oauth
    if multi_workspace and store is None:
        raise ValueError("multi-workspace installs keep their tokens in the state store")
    token = None if multi_workspace else _secret(settings.slack_bot_token)
    client = web_client(token, web_api_base_url(settings))
    # Returns from submit once the listener has acked: Bolt then answers at once
    # instead of at its next 10 ms poll (see bot/slack/prompt_ack.py). More threads
    # than the HTTP ones: what a listener does after its ack (a Web API call that may
    # wait out a 429's Retry-After) holds one of these, and idle threads cost nothing.
    listeners = AckWaitingExecutor(max(LISTENER_THREADS, settings.http_threads), "bolt-listener")
    oauth = oauth_settings(settings, store) if multi_workspace and store else None
    app = App(
        # The client carries the token (or none: each workspace's comes from the
        # installation store); Bolt still reads SLACK_BOT_TOKEN from the environment
        # and warns that the client wins (it does, with the same token).
        client=client,
        # Never None: Bolt would read SLACK_SIGNING_SECRET from the environment itself.
        signing_secret=_secret(settings.slack_signing_secret),
        oauth_settings=oauth,
        # Installs in many workspaces: the token from the store, and auth.test's answer
        # for it kept in memory instead of asked before every ack.
        authorize=cached_authorize(oauth, client) if oauth is not None else None,
        # Ack first, then run the listener on listener_executor (Bolt's HTTP default).
        process_before_response=False,
        # Listeners here only ack and hand over, so this pool stays free for acks.
        listener_executor=listeners,
        token_verification_enabled=token_verification and not multi_workspace,
        # Said (through the response URL) when no token is found for a workspace: Bolt
        # cannot tell an uninstalled app from a database that is down, so say both.
        user_facing_authorize_error_message=AUTHORIZE_FAILED if multi_workspace else None,
        logger=_bolt_logger(),
    )
    services = SlackServices(
        settings=settings,
        pipeline=pipeline,
        provider=pipeline.provider,
        resolver=pipeline.resolver,
        sender=Sender(client),
        background=background or Background(settings.search_workers),
        listeners=listeners,
        limiter=UserRateLimiter(settings.rate_limit_per_minute, settings.redis_url_value),
        seen=seen_keys(settings, store),
        store=store,
        multi_workspace=multi_workspace,
    )
    attach(app, services)
    app.use(_BindServices(services))
    app.use(_DropDuplicateEvents())
    app.error(_log_error)
    register_listeners(app)
    return app


class _ClientWinsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _ClientWinsFilter) for f in logger.filters):
        logger.addFilter(_ClientWinsFilter())
    return logger


class _BindServices(Middleware):
    """The first middleware: the request's ack and services, before any listener runs.

    Middlewares here are classes: Bolt calls a function middleware through its keyword
    injection, which builds every argument it could pass (some tenths of a millisecond
    an ack on a small machine); a class's ``process`` is called directly.
    """

    def __init__(self, services: SlackServices) -> None:
        self.services = services

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        context = req.context
        install_ack(context)  # before any listener sees ``ack``
        # With many workspaces, Slack is called with this request's workspace token.
        context[CONTEXT_KEY] = self.services.for_request(context.client)
        # The HTTP layer and the Socket Mode handler bind an id for the whole dispatch
        # (see server.py); a bare app.dispatch gets one for the middleware chain only.
        if current_request_id() is not None:
            return next()
        with request_scope():
            return next()


class _DropDuplicateEvents(Middleware):
    """Ack an event already taken (a retry, or a redelivery) without handling it again."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        body = req.body
        if body.get("type") == "event_callback" and body.get("event_id"):
            retry = (req.headers.get("x-slack-retry-num") or [None])[0]
            team = body.get("team_id") if isinstance(body.get("team_id"), str) else None
            if not services_seen(req.context).first_time(f"event:{body['event_id']}", team):
                log.info(
                    "event.duplicate",
                    extra={"event_id": body["event_id"], "retry": retry or 0},
                )
                return BoltResponse(status=200, body="")
            if retry:
                log.info(
                    "event.retry_first_seen", extra={"event_id": body["event_id"], "retry": retry}
                )
        return next()


def services_seen(context: BoltContext) -> SeenKeys:
    return context[CONTEXT_KEY].seen


def _log_error(error: Exception, body: dict[str, Any]) -> None:
    log.error(
        "listener.failed",
        exc_info=error,
        extra={"type": str(body.get("type", "")) if isinstance(body, dict) else ""},
    )
