"""What every listener needs, handed to it through Bolt's context by ``create_app``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.config import Settings
from bot.geo.place import Resolver
from bot.providers.base import Provider
from bot.query import SearchQuery
from bot.search import Answer, SearchContext, SearchRequest
from bot.slack.background import Background, ContextThreadPoolExecutor
from bot.slack.dedupe import SeenKeys
from bot.slack.delivery import Sender
from bot.slack.ratelimit import UserRateLimiter
from bot.state import StateStore

CONTEXT_KEY = "chargebot"


class AnswersSearches(Protocol):
    """What the Slack app needs of ``bot.search.SearchPipeline``: answers, and at start-up
    (``create_app``) the data source and the geocoder it was built with."""

    provider: Provider
    resolver: Resolver

    def answer(
        self,
        request: SearchRequest,
        context: SearchContext | None = None,
        *,
        query: SearchQuery | None = None,
    ) -> Answer: ...


@dataclass
class SlackServices:
    """Everything a listener may use; handed over once, at start-up (``create_app``).

    Listeners search through :attr:`pipeline` (``answer`` only), look locations up in
    :attr:`provider`, geocode settings places with :attr:`resolver`, and change what
    ChargeBot remembers through ``bot.settings`` and :attr:`store`.
    """

    settings: Settings
    pipeline: AnswersSearches
    #: The data source searches use: for a location's details (check-ins) and its name.
    provider: Provider
    #: The geocoder, for settings that name a place (``set home ...``, App Home).
    resolver: Resolver
    sender: Sender
    background: Background
    #: Bolt's listener_executor (acks and hand-overs only).
    listeners: ContextThreadPoolExecutor
    limiter: UserRateLimiter
    seen: SeenKeys
    #: What ChargeBot remembers (settings, places, check-ins); None: nothing is kept.
    store: StateStore | None = None
    #: Installed in many workspaces through OAuth: each request brings its own token.
    multi_workspace: bool = False

    def for_request(self, client: WebClient) -> SlackServices:
        """These services for one request: with many workspaces, Slack is called with
        that request's workspace token (Bolt's per-request client)."""
        if not self.multi_workspace:
            return self
        return dataclasses.replace(self, sender=Sender(client))


def services_of(context: BoltContext) -> SlackServices:
    return context[CONTEXT_KEY]


def attach(app: App, services: SlackServices) -> None:
    """Keep the services reachable from the app (the server drains their pool on stop)."""
    app.chargebot_services = services  # type: ignore[attr-defined]


def services_of_app(app: App) -> SlackServices:
    return app.chargebot_services  # type: ignore[attr-defined, no-any-return]
