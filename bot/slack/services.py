"""What every listener needs, handed to it through Bolt's context by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from slack_bolt import App, BoltContext

from bot.config import Settings
from bot.providers.base import Provider
from bot.search import Answer, SearchContext, SearchRequest
from bot.slack.background import Background, ContextThreadPoolExecutor
from bot.slack.dedupe import SeenKeys
from bot.slack.delivery import Sender
from bot.slack.ratelimit import UserRateLimiter

CONTEXT_KEY = "chargebot"


class AnswersSearches(Protocol):
    """What the Slack app needs of ``bot.search.SearchPipeline``."""

    provider: Provider

    def answer(self, request: SearchRequest, context: SearchContext | None = None) -> Answer: ...


@dataclass
class SlackServices:
    settings: Settings
    pipeline: AnswersSearches
    sender: Sender
    background: Background
    #: Bolt's listener_executor (acks and hand-overs only).
    listeners: ContextThreadPoolExecutor
    limiter: UserRateLimiter
    seen: SeenKeys


def services_of(context: BoltContext) -> SlackServices:
    return context[CONTEXT_KEY]


def attach(app: App, services: SlackServices) -> None:
    """Keep the services reachable from the app (the server drains their pool on stop)."""
    app.chargebot_services = services  # type: ignore[attr-defined]


def services_of_app(app: App) -> SlackServices:
    return app.chargebot_services  # type: ignore[attr-defined, no-any-return]
