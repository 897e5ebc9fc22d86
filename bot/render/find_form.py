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
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    StaticMultiSelectElement,
)

from bot.answer.request import Refinement
from bot.render.blocks import (
    SEARCH_CONNECTORS,
    checkboxes_input,
    connector_options,
    metres_options,
    modal,
    options,
    select_input,
    selected,
    selected_all,
    selected_in_order,
    text_input,
    ticked,
    typed,
)
from bot.render.refine import RADII

CALLBACK_ID = "find_chargers_submit"
PLACE_BLOCK, PLACE_ACTION = "find_place", "place"
CONNECTORS_BLOCK, CONNECTORS_ACTION = "find_connectors", "connectors"
RADIUS_BLOCK, RADIUS_ACTION = "find_radius", "radius"
OPTIONS_BLOCK, OPTIONS_ACTION = "find_options", "options"
FREE_ONLY, OPEN_NOW = "free_only", "open_now"
#: Longest place text the form takes (a message's text is cut to it).
PLACE_MAX = 150


@dataclass(frozen=True)
class FindPrefill:
    place: str = ""
    connector_ids: tuple[int, ...] = ()
    free_only: bool = False


def find_modal(prefill: FindPrefill, private_metadata: str = "") -> dict[str, Any]:
    connectors = connector_options(SEARCH_CONNECTORS)
    cars = [o for (_, _, connector), o in zip(SEARCH_CONNECTORS, connectors, strict=True)
            if connector in prefill.connector_ids]  # fmt: skip
    checks = options([("Free only", FREE_ONLY), ("Open now", OPEN_NOW)])
    blocks = [
        text_input(
            PLACE_BLOCK,
            PLACE_ACTION,
            "Near",
            placeholder="Union Station, 94103, an address, home…",
            initial=prefill.place[:PLACE_MAX] or None,
            max_length=PLACE_MAX,
        ),
        InputBlock(
            block_id=CONNECTORS_BLOCK,
            label="Connectors",
            optional=True,
            element=StaticMultiSelectElement(
                action_id=CONNECTORS_ACTION,
                placeholder="Your car's, or any",
                options=connectors,
                initial_options=cars or None,
            ),
        ),
        select_input(
            RADIUS_BLOCK,
            RADIUS_ACTION,
            "Within",
            metres_options(RADII),
            placeholder="Nearest first",
        ),
        checkboxes_input(
            OPTIONS_BLOCK,
            OPTIONS_ACTION,
            "Only",
            checks,
            initial=ticked(checks, {FREE_ONLY: prefill.free_only}),
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
    return modal(CALLBACK_ID, "Find chargers", "Search", blocks, private_metadata)


def read_find_form(state_values: dict[str, Any]) -> tuple[str, Refinement]:
    """(request text, refinement) from a submitted form. Raises ValueError: an empty place
    (its message says what to type) or a foreign shape."""
    place = typed(state_values, PLACE_BLOCK, PLACE_ACTION)
    if not place:
        raise ValueError("Type a place: a name, an address, a ZIP code or “home”.")
    known = {word for _, word, _ in SEARCH_CONNECTORS}
    words = selected_in_order(state_values, CONNECTORS_BLOCK, CONNECTORS_ACTION)
    if any(word not in known for word in words):
        raise ValueError("unknown connector")
    radius = selected(state_values, RADIUS_BLOCK, RADIUS_ACTION)
    checked = selected_all(state_values, OPTIONS_BLOCK, OPTIONS_ACTION)
    parts = [" or ".join(words) if words else "chargers", "near", place]
    if OPEN_NOW in checked:
        parts.append(", open now")
    text = " ".join(parts).replace(" ,", ",")
    refinement = Refinement(
        radius_m=float(radius) if radius else None,
        free_only=True if FREE_ONLY in checked else None,
    )
    return text, refinement
