"""The work a listener hands over after its ack: search, render, send.

Everything here runs on the background pool (``bot/slack/background.py``) and ends
in a message to the person: the answer, or a friendly error carrying the request
id that the logs carry too. Listeners call these functions and return.
"""

from __future__ import annotations

import dataclasses
import logging
import time

from bot.query import SearchQuery
from bot.render import status
from bot.render.map_block import MAP_FILENAME, map_alt_text, map_message, map_title
from bot.render.slack import render_message
from bot.search import Answer, SearchContext, SearchRequest
from bot.search.answer_map import answer_map
from bot.settings import SETTINGS_HELP
from bot.slack.delivery import Destination, Message
from bot.slack.logs import current_request_id
from bot.slack.personal import with_personal_defaults
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)


def rate_limit_message(
    services: SlackServices, team: str | None, user: str | None
) -> Message | None:
    """None when this person may search now; else the message that says when they may."""
    verdict = services.limiter.hit(team, user)
    if verdict.allowed:
        return None
    log.info("rate_limited", extra={"team": team, "user": user, "retry_after": verdict.retry_after})
    return status.rate_limited(services.limiter.per_minute, verdict.retry_after)


def _render(services: SlackServices, answer: Answer, *, ephemeral: bool) -> Message:
    remembers = services.store is not None
    return render_message(
        answer,
        ephemeral=ephemeral,
        checkins_enabled=remembers,
        settings_help=SETTINGS_HELP if remembers else None,
    )


def _run(
    services: SlackServices,
    request: SearchRequest,
    context: SearchContext,
    query: SearchQuery | None = None,
) -> Answer:
    started = time.perf_counter()
    owner = request.owner
    if owner and context.user_id and owner != context.user_id:
        # Someone else's answer: its filters are its asker's settings, not the clicker's.
        theirs = with_personal_defaults(services, dataclasses.replace(context, user_id=owner))
        context = dataclasses.replace(theirs, user_id=context.user_id, others_settings=True)
    else:
        context = with_personal_defaults(services, context)
        if context.user_id and not owner:
            request = request.model_copy(update={"owner": context.user_id})
    answer = services.pipeline.answer(request, context, query=query)
    log.info(
        "search.answered",
        extra={
            "outcome": str(answer.outcome),
            "results": len(answer.locations),
            "page": request.page,
            "ms": round((time.perf_counter() - started) * 1000),
        },
    )
    return answer


def answer_to(
    services: SlackServices,
    request: SearchRequest,
    context: SearchContext,
    destination: Destination,
    *,
    query: SearchQuery | None = None,
    keep_on_error: bool = False,
) -> None:
    """Answer ``request`` at ``destination`` (``query``: its text, already parsed).

    ``keep_on_error``: a failed re-run from a button leaves the message the person
    was looking at and tells them privately, rather than replacing it with an error.
    """
    try:
        answer = _run(services, request, context, query)
        message = _render(services, answer, ephemeral=destination.ephemeral)
    except Exception:
        log.exception("search.failed")
        failure = status.search_failed(current_request_id())
        if keep_on_error:
            services.sender.notify(destination, failure)
        else:
            services.sender.send(destination, failure)
        return
    if not services.sender.send(destination, message):
        log.error("answer.undelivered", extra={"kind": destination.kind})
        return
    send_map(services, answer, destination)


def send_map(services: SlackServices, answer: Answer, destination: Destination) -> None:
    """With a tile server configured, the answer's map as a follow-up image, beside the
    cards it numbers. A map is an extra: any failure is logged and the answer stands.

    An updated message (a button's re-run) gets no new map: the cards changed in place.
    """
    if services.settings.tile_url is None or destination.kind == "update":
        return
    try:
        picture = answer_map(answer, services.settings)
        if picture is None:
            return
        file_id = services.sender.upload_image(
            picture.png, MAP_FILENAME, map_title(answer), map_alt_text(answer)
        )
        if file_id is None:
            return
        shown = map_message(answer, file_id)
        if destination.kind == "response_url":
            services.sender.post_response(
                destination.response_url or "",
                {**shown, "response_type": "ephemeral", "replace_original": False},
            )
        elif destination.channel:
            services.sender.post(destination.channel, shown, thread_ts=destination.ts)
    except Exception:
        log.exception("map.failed")


def share(
    services: SlackServices,
    request: SearchRequest,
    context: SearchContext,
    destination: Destination,
) -> None:
    """Post the answer for everyone in the conversation, then remove the private copy."""
    try:
        answer = _run(services, request, context)
        message = _render(services, answer, ephemeral=False)
    except Exception:
        log.exception("share.failed")
        services.sender.notify(destination, status.search_failed(current_request_id()))
        return
    message = _with_sharer(message, context.user_id)
    if destination.response_url and services.sender.post_response(
        destination.response_url,
        {**message, "response_type": "in_channel", "replace_original": False},
    ):
        services.sender.post_response(destination.response_url, {"delete_original": True})
        return
    # No response URL (or refused): post as the app, which works where the app is a member.
    if destination.channel and services.sender.post(destination.channel, message):
        return
    services.sender.notify(destination, status.cannot_reach_you())


def _with_sharer(message: Message, user_id: str | None) -> Message:
    blocks = list(message.get("blocks") or [])
    if not user_id or len(blocks) >= 50:
        return message
    # A user id from Slack's payload, never typed text: safe to turn into a mention.
    credit = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f"Shared by <@{user_id}>"}],
    }
    return {**message, "blocks": [credit, *blocks]}
