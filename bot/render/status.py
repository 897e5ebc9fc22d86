"""Short Slack messages about a request rather than its answer.

The "🔎 Looking for …" message shown while a search runs, the friendly errors,
and the modals shown while check-ins load or when they cannot be shown. Every
echoed user word passes through ``escape_mrkdwn``.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.render.escape import escape_mrkdwn, escape_plain, truncate

Message = dict[str, Any]

EXAMPLE = "/charge CCS near Union Station, free only"
#: How much of the request the "Looking for" line echoes.
ECHO_CHARS = 200


def _message(text: str, *, note: str | None = None) -> Message:
    blocks = [SectionBlock(text=MarkdownTextObject(text=text))]
    if note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def plain(text: str) -> Message:
    """A one-section message from trusted mrkdwn (our own words, already escaped)."""
    return _message(text)


def looking_for(text: str) -> Message:
    """Shown at once while the search runs: "🔎 Looking for CCS near Union Station…"."""
    words = truncate(escape_mrkdwn(text), ECHO_CHARS).rstrip("…. ")
    return _message(f"🔎 Looking for {words}…")


def search_failed(reference: str | None) -> Message:
    note = f"Reference for your Slack admin: `{escape_mrkdwn(reference)}`" if reference else None
    return _message(
        "⚠️ Sorry, something went wrong while I was searching. Please try again in a minute.",
        note=note,
    )


def rate_limited(per_minute: int, retry_after: int) -> Message:
    seconds = "1 second" if retry_after == 1 else f"{retry_after} seconds"
    asks = "1 search" if per_minute == 1 else f"{per_minute} searches"
    return _message(
        f"⏳ You've reached {asks} a minute. Please try again in {seconds}.",
    )


def stale_button() -> Message:
    return _message(
        "🤷 I can't read that button any more (it may come from an older version of me). "
        f"Please ask again, e.g. `{EXAMPLE}`."
    )


def cannot_reach_you() -> Message:
    return _message("⚠️ I couldn't open that here. Please try again, or ask me in a DM.")


def loading_modal(title: str, text: str = "⏳ Loading…") -> dict[str, Any]:
    """A modal to show at once while its content is fetched (``text``: trusted mrkdwn)."""
    return View(
        type="modal",
        title=truncate(escape_plain(title), 24) or "ChargeBot",
        close="Close",
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    ).to_dict()


def error_modal(text: str) -> dict[str, Any]:
    """A modal that explains why its content could not be shown (``text`` is trusted mrkdwn)."""
    return View(
        type="modal",
        title="ChargeBot",
        close="Close",
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    ).to_dict()
