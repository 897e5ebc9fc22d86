"""The "Find chargers" form (a global or message shortcut): place, connectors, within,
free only, open now; prefilled from the person's settings (home, car, free only).

:func:`read_find_form` turns a submission into the request text and refinement the
pipeline answers; the place is written after "near", the rest as filter words, so the
answer reads exactly as if the person had typed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.answer.request import Refinement
from bot.render.refine import RADII

CALLBACK_ID = "find_chargers_submit"
PLACE_BLOCK, PLACE_ACTION = "find_place", "place"
CONNECTORS_BLOCK, CONNECTORS_ACTION = "find_connectors", "connectors"
RADIUS_BLOCK, RADIUS_ACTION = "find_radius", "radius"
OPTIONS_BLOCK, OPTIONS_ACTION = "find_options", "options"
FREE_ONLY, OPEN_NOW = "free_only", "open_now"
#: Longest place text the form takes (a message's text is cut to it).
PLACE_MAX = 150

#: (label, connector word the parser knows, PlugShare connector id)
CONNECTORS = (
    ("CCS", "CCS", 13),
    ("CHAdeMO", "CHAdeMO", 3),
    ("J1772", "J1772", 2),
    ("Tesla / NACS", "Tesla", 6),
)


@dataclass(frozen=True)
class FindPrefill:
    place: str = ""
    connector_ids: tuple[int, ...] = ()
    free_only: bool = False


def _option(label: str, value: str) -> Option:
    return Option(text=label, value=value)


def find_modal(prefill: FindPrefill, private_metadata: str = "") -> dict[str, Any]:
    connectors = [_option(label, word) for label, word, _ in CONNECTORS]
    chosen = [o for (_, _, cid), o in zip(CONNECTORS, connectors, strict=True)
              if cid in prefill.connector_ids]  # fmt: skip
    radii = [_option(label, f"{metres:.0f}") for label, metres in RADII]
    checks = [_option("Free only", FREE_ONLY), _option("Open now", OPEN_NOW)]
    blocks = [
        InputBlock(
            block_id=PLACE_BLOCK,
            label="Near",
            element=PlainTextInputElement(
                action_id=PLACE_ACTION,
                placeholder="Union Station, 94103, an address, home…",
                initial_value=prefill.place[:PLACE_MAX] or None,
                max_length=PLACE_MAX,
            ),
        ),
        InputBlock(
            block_id=CONNECTORS_BLOCK,
            label="Connectors",
            optional=True,
            element=StaticMultiSelectElement(
                action_id=CONNECTORS_ACTION,
                placeholder="Your car's, or any",
                options=connectors,
                initial_options=chosen or None,
            ),
        ),
        InputBlock(
            block_id=RADIUS_BLOCK,
            label="Within",
            optional=True,
            element=StaticSelectElement(
                action_id=RADIUS_ACTION, placeholder="Nearest first", options=radii
            ),
        ),
        InputBlock(
            block_id=OPTIONS_BLOCK,
            label="Only",
            optional=True,
            element=CheckboxesElement(
                action_id=OPTIONS_ACTION,
                options=checks,
                initial_options=[checks[0]] if prefill.free_only else None,
            ),
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="The answer comes to your DM with ChargeBot. Your car and home"
                    " come from your settings (`/charge set car CCS`, `/charge set home …`)."
                )
            ]
        ),
    ]
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title="Find chargers",
        submit="Search",
        close="Cancel",
        blocks=blocks,
        private_metadata=private_metadata,
    ).to_dict()


def read_find_form(state_values: dict[str, Any]) -> tuple[str, Refinement]:
    """(request text, refinement) from a submitted form. Raises ValueError: an empty place
    (its message says what to type) or a foreign shape."""

    def field(block: str, action: str) -> dict[str, Any]:
        value = (state_values.get(block) or {}).get(action) or {}
        return value if isinstance(value, dict) else {}

    place = " ".join(str(field(PLACE_BLOCK, PLACE_ACTION).get("value") or "").split())
    if not place:
        raise ValueError("Type a place: a name, an address, a ZIP code or “home”.")
    known = {word for _, word, _ in CONNECTORS}
    words = [
        o.get("value")
        for o in field(CONNECTORS_BLOCK, CONNECTORS_ACTION).get("selected_options") or []
        if isinstance(o, dict)
    ]
    if any(word not in known for word in words):
        raise ValueError("unknown connector")
    radius = (field(RADIUS_BLOCK, RADIUS_ACTION).get("selected_option") or {}).get("value")
    checked = {
        o.get("value")
        for o in field(OPTIONS_BLOCK, OPTIONS_ACTION).get("selected_options") or []
        if isinstance(o, dict)
    }
    parts = [" or ".join(words) if words else "chargers", "near", place]
    if OPEN_NOW in checked:
        parts.append(", open now")
    text = " ".join(parts).replace(" ,", ",")
    refinement = Refinement(
        radius_m=float(radius) if radius else None,
        free_only=True if FREE_ONLY in checked else None,
    )
    return text, refinement
