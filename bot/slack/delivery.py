"""Where an answer goes, and getting it there.

A :class:`Destination` says where a reply belongs: the response URL of an
ephemeral message (slash commands, clicks on ephemeral answers), an existing
message to update (clicks on normal messages), or a new message in a
conversation or thread (mentions, DMs). It is small enough to ride in a modal's
``private_metadata`` so a Refine submission can replace the right message.

If a response URL is refused (it lives 30 minutes and takes 5 posts), the reply
goes to the person as an ephemeral message instead, then as a DM: a search that
outlived its response URL still ends in an answer, never silence.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.logs import current_request_id
from bot.slack.web_client import webhook_client

log = logging.getLogger(__name__)

Message = dict[str, Any]
Kind = Literal["response_url", "update", "post"]


@dataclass(frozen=True, slots=True)
class Destination:
    kind: Kind
    channel: str | None = None
    #: ``update``: the message's ts; ``post``: the thread's ts (``None`` = not in a thread).
    ts: str | None = None
    response_url: str | None = None
    #: Who asked: the fallback for ephemeral replies goes to them.
    user: str | None = None
    #: ``response_url``: replace the message shown there ("Looking for…", or the answer
    #: clicked on); False when nothing was shown yet (an empty ack).
    replace: bool = True

    @property
    def ephemeral(self) -> bool:
        return self.kind == "response_url"

    @classmethod
    def response(
        cls, response_url: str, channel: str | None, user: str | None, *, replace: bool = True
    ) -> Destination:
        return cls(
            "response_url", channel=channel, response_url=response_url, user=user, replace=replace
        )

    @classmethod
    def update(cls, channel: str, ts: str, user: str | None = None) -> Destination:
        return cls("update", channel=channel, ts=ts, user=user)

    @classmethod
    def post(cls, channel: str, thread_ts: str | None, user: str | None = None) -> Destination:
        return cls("post", channel=channel, ts=thread_ts, user=user)

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None and v != ""})

    @classmethod
    def from_json(cls, text: str) -> Destination:
        """Raises ValueError on anything but a destination this module wrote."""
        try:
            data = json.loads(text)
            destination = cls(**data)
        except (TypeError, json.JSONDecodeError) as error:
            raise ValueError("not a destination") from error
        if destination.kind not in ("response_url", "update", "post"):
            raise ValueError("not a destination")
        needs = {"response_url": destination.response_url, "update": destination.ts}
        if destination.kind in needs and not needs[destination.kind]:
            raise ValueError("incomplete destination")
        if destination.kind != "response_url" and not destination.channel:
            raise ValueError("incomplete destination")
        return destination


class Sender:
    """Sends messages through the Web API client and response URLs."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def send(self, destination: Destination, message: Message) -> bool:
        """Put ``message`` where ``destination`` says (replacing the message there if any).

        Returns False when nothing could be delivered; failures are logged, never raised.
        """
        if destination.kind == "response_url":
            body = {
                **message,
                "response_type": "ephemeral",
                "replace_original": destination.replace,
            }
            if self.post_response(destination.response_url or "", body):
                return True
            return self._fallback(destination, message)
        try:
            if destination.kind == "update":
                self.client.chat_update(
                    channel=destination.channel or "",
                    ts=destination.ts or "",
                    text=message.get("text", ""),
                    blocks=message.get("blocks"),
                )
            else:
                self._post_message(destination.channel or "", message, destination.ts)
            return True
        except SlackApiError as error:
            log.warning(
                "deliver.failed", extra={"kind": destination.kind, "error": _api_error(error)}
            )
            if destination.kind == "update":
                # The message may be gone (deleted) or too old to edit: answer anew.
                return self._fallback(destination, message)
            return _lost(destination.kind)

    def notify(self, destination: Destination, message: Message) -> bool:
        """Tell the person something privately, leaving the message at ``destination`` as it is."""
        if destination.response_url and self.post_response(
            destination.response_url,
            {**message, "response_type": "ephemeral", "replace_original": False},
        ):
            return True
        if destination.user and destination.channel:
            try:
                self.client.chat_postEphemeral(
                    channel=destination.channel,
                    user=destination.user,
                    thread_ts=destination.ts if destination.kind == "post" else None,
                    text=message.get("text", ""),
                    blocks=message.get("blocks"),
                )
                return True
            except SlackApiError as error:
                log.info("notify.ephemeral_failed", extra={"error": _api_error(error)})
        return self._fallback(Destination("post", user=destination.user), message)

    def post(self, channel: str, message: Message, thread_ts: str | None = None) -> bool:
        """A new message as the app; False if Slack refused (e.g. not a member)."""
        try:
            self._post_message(channel, message, thread_ts)
            return True
        except SlackApiError as error:
            log.warning("post.failed", extra={"error": _api_error(error)})
            return False

    def _post_message(self, channel: str, message: Message, thread_ts: str | None) -> None:
        # Links in answers are the data's: Slack must not unfurl them into previews.
        self.client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=message.get("text", ""),
            blocks=message.get("blocks"),
            unfurl_links=False,
            unfurl_media=False,
        )

    def react(self, channel: str, ts: str, name: str) -> bool:
        """Add the app's reaction ``name`` to a message; False (logged) if Slack refused,
        e.g. an install from before the app asked for ``reactions:write``."""
        try:
            self.client.reactions_add(channel=channel, timestamp=ts, name=name)
            return True
        except SlackApiError as error:
            log.info("react.failed", extra={"error": _api_error(error)})
            return False

    def upload_image(self, content: bytes, filename: str, title: str, alt_text: str) -> str | None:
        """Upload a picture privately (``files_upload_v2`` with no channel); its file id, for
        an image block's ``slack_file``. None when Slack refused (no ``files:write``...)."""
        try:
            response = self.client.files_upload_v2(
                content=content, filename=filename, title=title, alt_txt=alt_text
            )
        except (SlackApiError, OSError) as error:
            reason = _api_error(error) if isinstance(error, SlackApiError) else type(error).__name__
            log.warning("upload.failed", extra={"error": reason})
            return None
        uploaded = response.get("file") or {}
        file_id = uploaded.get("id") if isinstance(uploaded, dict) else None
        return file_id if isinstance(file_id, str) else None

    def unfurl(self, event: dict[str, Any], unfurls: dict[str, dict[str, Any]]) -> bool:
        """Unfold links in the message (``channel`` + ``message_ts``) or in the composer
        (``unfurl_id`` + ``source``) that ``event`` (a ``link_shared`` event) names."""
        where: dict[str, Any]
        if event.get("unfurl_id") and event.get("source"):
            where = {"unfurl_id": event["unfurl_id"], "source": event["source"]}
        else:
            where = {"channel": event.get("channel"), "ts": event.get("message_ts")}
        try:
            self.client.chat_unfurl(unfurls=unfurls, **where)
            return True
        except SlackApiError as error:
            log.warning("unfurl.failed", extra={"error": _api_error(error)})
            return False

    def open_view(self, trigger_id: str, view: dict[str, Any]) -> str | None:
        """Open a modal; its view id, or None (the trigger expires 3 s after the click)."""
        try:
            response = self.client.views_open(trigger_id=trigger_id, view=view)
        except SlackApiError as error:
            log.warning("views_open.failed", extra={"error": _api_error(error)})
            return None
        opened = response.get("view") or {}
        return opened.get("id") if isinstance(opened, dict) else None

    def update_view(self, view_id: str, view: dict[str, Any]) -> bool:
        return _done("views_update", lambda: self.client.views_update(view_id=view_id, view=view))

    def publish_home(self, user_id: str, view: dict[str, Any]) -> bool:
        return _done("views_publish", lambda: self.client.views_publish(user_id=user_id, view=view))

    def post_response(self, response_url: str, body: Message) -> bool:
        """Post to a response URL; False if Slack refused it (expired, used up, bad payload)."""
        try:
            response = webhook_client(response_url).send_dict(body)
        except OSError as error:
            log.warning("response_url.failed", extra={"error": type(error).__name__})
            return False
        if response.status_code != 200:
            log.warning(
                "response_url.refused",
                extra={"status": response.status_code, "error": response.body[:100]},
            )
            return False
        return True

    def _fallback(self, destination: Destination, message: Message) -> bool:
        """Reach the person another way: ephemeral in the channel, else their DM with the app."""
        text, blocks = message.get("text", ""), message.get("blocks")
        if destination.user and destination.channel:
            try:
                self.client.chat_postEphemeral(
                    channel=destination.channel, user=destination.user, text=text, blocks=blocks
                )
                return True
            except SlackApiError as error:
                log.info("fallback.ephemeral_failed", extra={"error": _api_error(error)})
        if destination.user:
            try:
                # A user id as channel posts to the app's Messages tab with that person.
                self.client.chat_postMessage(channel=destination.user, text=text, blocks=blocks)
                return True
            except SlackApiError as error:
                log.warning("fallback.dm_failed", extra={"error": _api_error(error)})
        return _lost(destination.kind)


def _lost(kind: str) -> bool:
    """Say (loudly, with the request's id) that a reply reached nobody; always False."""
    log.error("deliver.undeliverable", extra={"kind": kind, "request_id": current_request_id()})
    return False


def _done(method: str, call: Callable[[], object]) -> bool:
    """Whether Slack did ``call()``; a refusal is logged, never raised."""
    try:
        call()
        return True
    except SlackApiError as error:
        log.warning(f"{method}.failed", extra={"error": _api_error(error)})
        return False


def _api_error(error: SlackApiError) -> str:
    response = getattr(error, "response", None)
    try:
        return str(response["error"]) if response is not None else "unknown"
    except (KeyError, TypeError):
        return "unknown"
