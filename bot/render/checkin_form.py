"""The check-in modal, in PlugShare's check-in vocabulary, and reading a submitted one.

Outcome (charged / tip / problem), the problem type (PlugShare's five), a comment,
the "leaving at" time (a Block Kit timepicker: the member's local time of day) and an
optional kW. ``private_metadata`` carries what the Slack app needs after submission
(written and read there). :func:`read_checkin` checks a submission and raises
:class:`FormErrors`, keyed by block id, for Slack's ``response_action: errors``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    RadioButtonsElement,
    TimePickerElement,
)

from bot.plugshare.enums import Problem, ReviewRating
from bot.render import limits
from bot.render.blocks import element as _element
from bot.render.blocks import modal, options, select_input, text_input
from bot.render.blocks import selected as _selected
from bot.render.escape import escape_mrkdwn, truncate

CALLBACK_ID = "checkin_submit"
OUTCOME_BLOCK, OUTCOME_ACTION = "checkin_outcome", "outcome"
PROBLEM_BLOCK, PROBLEM_ACTION = "checkin_problem", "problem"
COMMENT_BLOCK, COMMENT_ACTION = "checkin_comment", "comment"
LEAVING_BLOCK, LEAVING_ACTION = "checkin_leaving", "leaving_at"
KW_BLOCK, KW_ACTION = "checkin_kw", "kilowatts"

#: PlugShare's outcomes, in the order its app offers them.
OUTCOMES = (
    (ReviewRating.POSITIVE, "✅ Charged"),
    (ReviewRating.NEUTRAL, "💬 Tip"),
    (ReviewRating.PROBLEM, "⚠️ Problem"),
)
E = TypeVar("E", ReviewRating, Problem)
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class CheckinForm:
    """A submitted check-in, checked."""

    rating: ReviewRating
    problem: Problem | None
    comment: str | None
    #: "HH:MM", the member's local time of day (the timepicker's value), or None.
    leaving_at: str | None
    kilowatts: float | None


class FormErrors(ValueError):
    """What is wrong with a submission: block id -> a short message for that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def checkin_modal(
    location_name: str | None,
    private_metadata: str,
    *,
    comment_max: int,
    kilowatts_max: float,
) -> dict[str, Any]:
    """The modal the "Check in" button opens. ``location_name`` is untrusted text."""
    name = truncate(escape_mrkdwn(location_name or ""), limits.NAME) or "this location"
    blocks = [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Checking in at *{name}*. Everyone in this workspace sees your "
                    "check-in on this location's card, with your first name.",
                    verbatim=True,
                )
            ]
        ),
        InputBlock(
            block_id=OUTCOME_BLOCK,
            label="How did it go?",
            element=RadioButtonsElement(
                action_id=OUTCOME_ACTION,
                options=options((label, str(int(r))) for r, label in OUTCOMES),
            ),
        ),
        select_input(
            PROBLEM_BLOCK,
            PROBLEM_ACTION,
            "Problem",
            options((p.label, str(int(p))) for p in Problem),
            placeholder="Choose the problem",
            hint="Needed when the outcome is Problem.",
        ),
        text_input(
            COMMENT_BLOCK,
            COMMENT_ACTION,
            "Comment",
            optional=True,
            multiline=True,
            max_length=comment_max,
            placeholder="e.g. Stall 3 is fastest; the garage closes at 10 pm",
        ),
        InputBlock(
            block_id=LEAVING_BLOCK,
            label="Leaving at",
            optional=True,
            hint="Your local time; others see how long until then.",
            element=TimePickerElement(action_id=LEAVING_ACTION, placeholder="Pick a time"),
        ),
        InputBlock(
            block_id=KW_BLOCK,
            label="kW you saw",
            optional=True,
            element=NumberInputElement(
                action_id=KW_ACTION,
                is_decimal_allowed=True,
                min_value="0.1",
                max_value=f"{kilowatts_max:g}",
                placeholder="e.g. 50",
            ),
        ),
    ]
    return modal(CALLBACK_ID, "Check in", "Check in", blocks, private_metadata)


def _chosen(values: dict[str, Any], block: str, action: str, kind: type[E]) -> E | None:
    """The chosen option as one of ``kind``'s members (``None`` when none or foreign)."""
    value = _selected(values, block, action)
    try:
        return kind(int(value)) if value is not None else None
    except ValueError:
        return None


def read_checkin(values: dict[str, Any], *, comment_max: int, kilowatts_max: float) -> CheckinForm:
    """The check-in in a submitted modal's ``state.values``; :class:`FormErrors` if wrong."""
    errors: dict[str, str] = {}

    rating = _chosen(values, OUTCOME_BLOCK, OUTCOME_ACTION, ReviewRating)
    if rating is None:
        errors[OUTCOME_BLOCK] = "Choose how it went: charged, tip or problem."

    problem: Problem | None = None
    if rating is ReviewRating.PROBLEM:
        problem = _chosen(values, PROBLEM_BLOCK, PROBLEM_ACTION, Problem)
        if problem is None:
            errors[PROBLEM_BLOCK] = "Choose the problem: broken, in use, blocked, and so on."
    # A problem type left over from a changed mind (Slack's select cannot be cleared)
    # is ignored unless the outcome is Problem.

    comment = _element(values, COMMENT_BLOCK, COMMENT_ACTION).get("value")
    comment = comment.strip() if isinstance(comment, str) else ""
    if len(comment) > comment_max:
        errors[COMMENT_BLOCK] = f"Comments are {comment_max:,} characters at most."

    leaving = _element(values, LEAVING_BLOCK, LEAVING_ACTION).get("selected_time")
    if leaving is not None and not (isinstance(leaving, str) and _TIME.match(leaving)):
        errors[LEAVING_BLOCK] = "Pick a time like 14:30."

    kilowatts: float | None = None
    typed = _element(values, KW_BLOCK, KW_ACTION).get("value")
    if isinstance(typed, str) and typed.strip():
        try:
            kilowatts = float(typed)
        except ValueError:
            kilowatts = math.nan
        if not (math.isfinite(kilowatts) and 0 < kilowatts <= kilowatts_max):
            errors[KW_BLOCK] = f"kW is a number above 0 and up to {kilowatts_max:,.0f}."

    if errors or rating is None:
        raise FormErrors(errors)
    return CheckinForm(
        rating=rating,
        problem=problem,
        comment=comment or None,
        leaving_at=leaving,
        kilowatts=kilowatts,
    )
