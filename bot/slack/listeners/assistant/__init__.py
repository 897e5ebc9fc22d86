"""Slack's assistant view (agent messaging), through Bolt's ``Assistant``.

A new thread gets up to four suggested prompts from the person's saved places and car;
a message in it shows a status line ("Searching near Union Station…") and is answered in
the thread exactly as a DM is. With the feature off Slack sends none of these events, and
a missing ``assistant:write`` scope only loses the prompts and the status: every call to
the assistant methods is allowed to fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import (
    App,
    Assistant,
    BoltContext,
    BoltRequest,
    BoltResponse,
    Say,
    SetStatus,
    SetSuggestedPrompts,
)
from slack_bolt.middleware import Middleware
from slack_sdk.errors import SlackApiError

from bot.geo.place import HOME
from bot.plugshare.enums import Connector
from bot.query import parse_query
from bot.render.assistant import PROMPTS_TITLE, WELCOME, searching_status, suggested_prompts
from bot.search import SearchContext
from bot.slack.listeners.events.conversation import answer_message, by_a_person
from bot.slack.personal import with_personal_defaults
from bot.slack.services import SlackServices, services_of
from bot.slack.text import plain_text

log = logging.getLogger(__name__)

#: The car's connectors, as a prompt writes them.
_PLUG_WORDS = {
    Connector.CCS: "CCS",
    Connector.CHADEMO: "CHAdeMO",
    Connector.J1772: "J1772",
    Connector.TESLA: "Tesla",
}


def _prompts_for(
    services: SlackServices, team: str | None, user: str | None
) -> list[dict[str, str]]:
    context = with_personal_defaults(services, SearchContext(team_id=team, user_id=user))
    places = sorted(context.saved_places, key=lambda key: (key != HOME, key))
    filters = context.default_filters
    plugs = [
        _PLUG_WORDS[o.connector]
        for o in (filters.outlets if filters is not None else [])
        if o.connector in _PLUG_WORDS
    ]
    return suggested_prompts(places, list(dict.fromkeys(plugs)))


def thread_started(
    body: dict[str, Any],
    event: dict[str, Any],
    context: BoltContext,
    say: Say,
    set_suggested_prompts: SetSuggestedPrompts,
) -> None:
    services = services_of(context)
    thread = (
        event.get("assistant_thread") if isinstance(event.get("assistant_thread"), dict) else {}
    )
    user = thread.get("user_id") if isinstance(thread.get("user_id"), str) else context.user_id
    try:
        say(WELCOME)
        set_suggested_prompts(prompts=_prompts_for(services, body.get("team_id"), user),
                              title=PROMPTS_TITLE)  # fmt: skip
    except SlackApiError as error:
        log.info("assistant.prompts_failed", extra={"error": error.response.get("error")})


def context_changed() -> None:
    """The person moved to another channel: ChargeBot keeps no thread context."""


def user_message(
    body: dict[str, Any], event: dict[str, Any], context: BoltContext, set_status: SetStatus
) -> None:
    if not by_a_person(event):
        return
    services = services_of(context)
    words = plain_text(event.get("text") if isinstance(event.get("text"), str) else "")
    try:
        set_status(searching_status(parse_query(words.text).place))
    except SlackApiError as error:  # not an assistant thread, or no assistant:write
        log.info("assistant.status_failed", extra={"error": error.response.get("error")})
    answer_message(services, event, body.get("team_id"), in_thread=True)


_THREAD_EVENTS = frozenset({"assistant_thread_started", "assistant_thread_context_changed"})


class DropMalformed(Middleware):
    """An assistant-thread event without its thread is acked and dropped (Bolt's Assistant
    would raise on it). A class: Bolt calls it without keyword injection."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        body = req.body
        event = body.get("event") if isinstance(body.get("event"), dict) else {}
        if event.get("type") in _THREAD_EVENTS:
            thread = event.get("assistant_thread")
            if not (
                isinstance(thread, dict) and thread.get("channel_id") and thread.get("thread_ts")
            ):
                log.info("assistant.malformed")
                return BoltResponse(status=200, body="")
        return next()


class EventsOnlyAssistant(Assistant):
    """Bolt's ``Assistant``, consulted about events only. It is a global middleware that
    asks each of its listeners' matchers about every request, commands and clicks too;
    they match events alone, and asking them cost every ack some tenths of a millisecond."""

    def process(  # type: ignore[override]
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        if req.body.get("type") != "event_callback":
            next()  # as Bolt's Assistant does with a request none of its listeners takes
            return None
        return super().process(req=req, resp=resp, next=next)


def register(app: App) -> None:
    app.use(DropMalformed())
    assistant = EventsOnlyAssistant()
    assistant.thread_started(thread_started)
    assistant.thread_context_changed(context_changed)
    assistant.user_message(user_message)
    app.assistant(assistant)
