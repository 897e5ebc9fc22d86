"""The Refine modal: connector, radius, free only, available only; on a route, the corridor
width (in place of the radius) and the car's range.

It opens from the Refine button under an answer; ``private_metadata`` carries the
request and where the refined answer goes (written and read by the Slack app).
:func:`read_refinement` turns a submission's state back into a ``Refinement``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from bot.answer.request import Refinement, SearchRequest
from bot.geo.units import METERS_PER_MILE
from bot.query import parse_query
from bot.render.blocks import (
    SEARCH_CONNECTORS,
    checkboxes_input,
    chosen,
    metres_options,
    modal,
    nearest,
    options,
    select_input,
    selected_all,
    ticked,
)
from bot.render.blocks import selected as selected_value
from bot.render.escape import escape_mrkdwn, truncate

CALLBACK_ID = "refine_submit"
CONNECTOR_BLOCK, CONNECTOR_ACTION = "refine_connector", "connector"
RADIUS_BLOCK, RADIUS_ACTION = "refine_radius", "radius"
OPTIONS_BLOCK, OPTIONS_ACTION = "refine_options", "options"
RANGE_BLOCK, RANGE_ACTION = "refine_range", "range"
FREE_ONLY, AVAILABLE_ONLY = "free_only", "available_only"

#: (label, connector word the parser knows)
CONNECTORS = (("Any connector", "any"), *((label, word) for label, word, _ in SEARCH_CONNECTORS))
AS_ASKED = "As in my request"


def _distances(miles: Iterable[float]) -> tuple[tuple[str, float], ...]:
    """(label, metres) choices, labelled in both units: "5 mi · 8 km", "1 mi · 1.6 km"."""
    choices = []
    for mi in miles:
        metres = mi * METERS_PER_MILE
        km = f"{metres / 1000:.1f}" if metres < 5000 else f"{metres / 1000:.0f}"
        choices.append((f"{mi:g} mi · {km} km", metres))
    return tuple(choices)


#: (label, metres); 50 km is the largest radius any data source searches.
RADII = (*_distances((1, 2, 5, 10, 25)), ("31 mi · 50 km", 50_000.0))
#: On a route: (label, metres) of the corridor each side of the road.
CORRIDORS = _distances((0.5, 1, 2, 5, 10, 25))
#: On a route: (label, metres) of the car's range; stops are planned for it.
RANGES = _distances((100, 150, 200, 250, 300, 350))


def refine_modal(request: SearchRequest, private_metadata: str) -> dict[str, Any]:
    current = request.refine or Refinement()
    is_route = parse_query(request.text).route is not None
    connectors = options(CONNECTORS)
    radii = metres_options(CORRIDORS if is_route else RADII)
    checks = options(
        [
            ("Free only", FREE_ONLY),
            ("Available now only (where live status is known)", AVAILABLE_ONLY),
        ]
    )
    asked = truncate(escape_mrkdwn(request.text), 500) or "your search"
    blocks = [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Refining: {asked}\nLeave a field empty to keep what you asked for."
                )
            ]
        ),
        select_input(
            CONNECTOR_BLOCK,
            CONNECTOR_ACTION,
            "Connector",
            connectors,
            placeholder=AS_ASKED,
            initial=chosen(connectors, current.connector),
        ),
        select_input(
            RADIUS_BLOCK,
            RADIUS_ACTION,
            "Within, each side of the road" if is_route else "Within",
            radii,
            placeholder=AS_ASKED,
            initial=nearest(radii, current.radius_m),
        ),
    ]
    if is_route:
        ranges = metres_options(RANGES)
        blocks.append(
            select_input(
                RANGE_BLOCK,
                RANGE_ACTION,
                "Range (plans charging stops)",
                ranges,
                placeholder=AS_ASKED,
                initial=nearest(ranges, current.range_m),
            )
        )
    on = {FREE_ONLY: current.free_only, AVAILABLE_ONLY: current.available_only}
    blocks.append(
        checkboxes_input(OPTIONS_BLOCK, OPTIONS_ACTION, "Only", checks, initial=ticked(checks, on))
    )
    return modal(CALLBACK_ID, "Refine search", "Search", blocks, private_metadata)


def read_refinement(state_values: dict[str, Any]) -> Refinement:
    """The Refinement in a submitted Refine modal. Raises ValueError on a foreign shape."""

    def selected(block: str, action: str) -> str | None:
        return selected_value(state_values, block, action)

    connector = selected(CONNECTOR_BLOCK, CONNECTOR_ACTION)
    if connector is not None and connector not in {value for _, value in CONNECTORS}:
        raise ValueError("unknown connector")
    radius = selected(RADIUS_BLOCK, RADIUS_ACTION)
    reach = selected(RANGE_BLOCK, RANGE_ACTION)
    values = selected_all(state_values, OPTIONS_BLOCK, OPTIONS_ACTION)
    # An empty field or unticked box keeps what the text asked for (None), so
    # refining the radius of "free CCS near X" does not drop "free".
    return Refinement(
        connector=connector,
        radius_m=float(radius) if radius is not None else None,
        range_m=float(reach) if reach is not None else None,
        free_only=True if FREE_ONLY in values else None,
        available_only=True if AVAILABLE_ONLY in values else None,
    )
