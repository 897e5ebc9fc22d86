"""A location's check-ins in Slack: as blocks (a thread reply), as a modal with Delete
buttons on the viewer's own, and the modal that thanks a member for checking in.

The answer cards show the newest few check-ins (``render/slack.py``); this draws them all.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any

import humanize
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ConfirmObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.plugshare.models import WORKSPACE_SOURCE, Location, Review
from bot.render import actions, limits, links
from bot.render.blocks import context, name_link, section
from bot.render.escape import strip_html, truncate
from bot.render.facts import SEP, checkin_line, format_kw, recent_checkins
from bot.render.style import MRKDWN

#: ``callback_id`` of the check-ins modal (its Delete buttons' clicks carry the view).
CHECKINS_VIEW = "checkins_list"


def render_checkins(
    location: Location,
    *,
    source: str = "",
    now: datetime | None = None,
    max_blocks: int = limits.MESSAGE_BLOCKS,
    deletable: Collection[str] = (),
    notice: str | None = None,
) -> list[dict[str, Any]]:
    """A location's recent check-ins, newest first, as blocks for a thread reply or a modal.

    As many as ``max_blocks`` allows; a last line says how many older ones were left out.
    Workspace check-ins whose ``source_id`` is in ``deletable`` (the viewer's own) get a
    Delete button. ``notice`` (trusted mrkdwn) is shown above the list.
    """
    now = now or datetime.now(UTC)
    page = links.location_page(location, source)
    title = f"*Check-ins at {name_link(location, page)}*"
    description = location.description and MRKDWN(
        strip_html(location.description), limits.DESCRIPTION
    )
    blocks: list[Block] = [section("\n".join(filter(None, [title, description])))]
    if notice:
        blocks.append(context([notice]))
    reviews = recent_checkins(location)
    if not reviews:
        blocks.append(section("No check-ins yet."))
    room = max_blocks - len(blocks) - 1  # one left for the "older check-ins" notice
    shown = reviews if len(reviews) <= room + 1 else reviews[:room]
    blocks.extend(_checkin_block(review, now, deletable) for review in shown)
    if len(shown) < len(reviews):
        more = len(reviews) - len(shown)
        notice = f"{more} older check-in{'s' if more != 1 else ''} not shown"
        inline = links.safe_url(page, limits.INLINE_URL) if page else None
        if inline:
            notice += f" (<{inline}|see them all>)"
        blocks.append(context([notice]))
    return [block.to_dict() for block in blocks]


def checkins_modal(
    location: Location,
    *,
    source: str = "",
    now: datetime | None = None,
    deletable: Collection[str] = (),
    notice: str | None = None,
    private_metadata: str | None = None,
) -> dict[str, Any]:
    """A ``views.open`` modal listing the location's recent check-ins.

    ``deletable`` and ``notice`` as in :func:`render_checkins`; ``private_metadata``
    lets a Delete click find the location again to refresh the list.
    """
    blocks = render_checkins(
        location,
        source=source,
        now=now,
        max_blocks=limits.MODAL_BLOCKS,
        deletable=deletable,
        notice=notice,
    )
    view = View(
        type="modal",
        callback_id=CHECKINS_VIEW,
        title=PlainTextObject(text="Check-ins", emoji=True),
        close=PlainTextObject(text="Close", emoji=True),
        blocks=blocks,
        private_metadata=private_metadata,
    )
    return view.to_dict()


def checkin_saved_modal(
    location_name: str | None,
    review: Review,
    *,
    notes: Sequence[str] = (),
    card_refreshing: bool = False,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The modal's last view after a check-in is saved: the check-in as others see it.

    ``notes`` are trusted mrkdwn (ChargeBot's own words).
    """
    now = now or datetime.now(UTC)
    name = MRKDWN(location_name or "", limits.NAME) or "this location"
    where = (
        "The answer you checked in from is being updated to show it"
        if card_refreshing
        else "It shows on this location's card in every new answer"
    )
    blocks: list[Block] = [
        section(f"✅ Thanks! Your check-in at *{name}* is saved. {where}."),
        section(_checkin_full(review, now)),
    ]
    if notes:
        blocks.append(context([f"ℹ️ {note}" for note in notes]))
    view = View(
        type="modal",
        title=PlainTextObject(text="Checked in", emoji=True),
        close=PlainTextObject(text="Done", emoji=True),
        blocks=blocks,
    )
    return view.to_dict()


def _checkin_block(review: Review, now: datetime, deletable: Collection[str]) -> SectionBlock:
    block = section(_checkin_full(review, now))
    if review.source == WORKSPACE_SOURCE and review.source_id and review.source_id in deletable:
        block.accessory = ButtonElement(
            text=PlainTextObject(text="Delete", emoji=True),
            action_id=actions.DELETE_CHECKIN,
            value=review.source_id,
            style="danger",
            confirm=ConfirmObject(
                title="Delete your check-in?",
                text="It disappears for everyone in this workspace.",
                confirm="Delete",
                deny="Keep it",
                style="danger",
            ),
        )
    return block


def _leaving(review: Review, now: datetime) -> str | None:
    """``leaving in 2 hours`` while the check-in's leaving time is ahead (a time span
    reads right in every time zone)."""
    finished = review.finished
    if finished is None or finished.tzinfo is None or finished <= now:
        return None
    return f"leaving in {humanize.naturaldelta(finished - now)}"


def _checkin_full(review: Review, now: datetime) -> str:
    line = checkin_line(review, now, MRKDWN, emoji=True, comment_limit=limits.COMMENT_FULL)
    extras = []
    if review.vehicle_name and review.vehicle_name.strip():
        extras.append(MRKDWN(review.vehicle_name, limits.NETWORK))
    if review.kilowatts is not None and 0 < review.kilowatts < 10_000:
        extras.append(format_kw(review.kilowatts))
    if review.waiting:
        extras.append("waited")
    leaving = _leaving(review, now)
    if leaving:
        extras.append(leaving)
    if extras:
        line += "\n" + SEP.join(extras)
    return truncate(line, limits.SECTION_TEXT)
