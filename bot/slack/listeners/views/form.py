"""What every modal submission listener reads and answers alike."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack

from bot.render import status

log = logging.getLogger(__name__)

#: Slack shows at most this much of an error under a field.
FIELD_ERROR_MAX = 150


def form_values(view: dict[str, Any]) -> dict[str, Any]:
    """The submitted inputs (``state.values``; {} when missing or foreign)."""
    values = (view.get("state") or {}).get("values") or {}
    return values if isinstance(values, dict) else {}


def private_metadata(view: dict[str, Any]) -> str:
    return view.get("private_metadata") or ""


def stale_form(ack: Ack, event: str) -> None:
    """Answer a submission this app cannot read (an old or foreign modal) in the modal."""
    log.info(event)
    ack(response_action="update", view=status.error_modal(status.stale_button()["text"]))


def field_error(ack: Ack, block_id: str, text: str) -> None:
    """Keep the modal open with ``text`` under a field, so the choices are not lost."""
    ack(response_action="errors", errors={block_id: text[:FIELD_ERROR_MAX]})
