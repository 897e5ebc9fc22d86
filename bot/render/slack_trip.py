"""The route card in Block Kit: the trip in the header, stops first, then more along the route.

Same cards, escaping and block budget as every answer (:mod:`bot.render.slack`); the
footer adds a Directions button that drives the whole trip with the stops as waypoints,
and Refine (corridor width and range).
"""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, DividerBlock

from bot.answer.answer import Answer
from bot.render import actions, limits
from bot.render.blocks import UNNAMED
from bot.render.blocks import button as _button
from bot.render.blocks import context as _context
from bot.render.blocks import header as _header
from bot.render.blocks import notes as _notes
from bot.render.blocks import section as _section
from bot.render.facts import SEP, credit, distance_text, filter_words
from bot.render.slack import _card, answer_buttons
from bot.render.style import MRKDWN, PLAIN, TERMINAL
from bot.render.trip_facts import directions_url, plan_title, route_summary, route_title


def trip_results(
    answer: Answer, ephemeral: bool, checkins_enabled: bool, thumbnails: bool, now: datetime
) -> tuple[list[Block], str]:
    trip = answer.trip
    assert trip is not None
    top: list[Block] = [_header("🛣️ " + route_title(answer, PLAIN))]
    summary = [route_summary(answer), *filter_words(answer)]
    source = credit(answer, MRKDWN)
    if source:
        summary.append(source)
    if not answer.live_availability:
        summary.append("Live status isn't available from this source")
    top.append(_context([SEP.join(summary[:2]), *summary[2:]]))
    notes = _notes(answer.notes)
    if notes is not None:
        top.append(notes)
    footer = _footer(answer, ephemeral)
    room = limits.MESSAGE_BLOCKS - len(top) - (2 if footer else 0) - 1

    sections: list[tuple[str, list]] = []
    title = plan_title(answer)
    if title and answer.page == 0:
        sections.append((f"*{MRKDWN(title, limits.NOTE)}*", [e.location for e in trip.stops]))
    if trip.more:
        more = "*More along the route*" if title and answer.page == 0 else None
        sections.append((more or "", [e.location for e in trip.more]))

    body: list[Block] = []
    shown = 0
    total = sum(len(locations) for _, locations in sections)
    for heading, locations in sections:
        if heading:
            if len(body) + 2 > room:
                break
            body.append(_section(heading))
        first = True
        for location in locations:
            card = _card(answer, location, shown + 1, checkins_enabled, thumbnails, now)
            needed = len(card) + (0 if first else 1)
            if len(body) + needed > room:
                break
            if not first:
                body.append(DividerBlock())
            body.extend(card)
            first = False
            shown += 1
    blocks = top + body
    left_out = total - shown
    if left_out:
        plural = "s" if left_out != 1 else ""
        blocks.append(_context([f"{left_out} more station{plural} did not fit in this message."]))
    if footer is not None:
        blocks += [DividerBlock(), footer]
    names = [
        f"{TERMINAL(location.name, limits.NAME) or UNNAMED} ({distance_text(answer, location)})"
        for _, locations in sections
        for location in locations
    ][:shown]
    return blocks, route_title(answer, TERMINAL) + ": " + "; ".join(names)


def _footer(answer: Answer, ephemeral: bool) -> ActionsBlock | None:
    directions = _button("Directions for the trip", actions.DIRECTIONS, url=directions_url(answer))
    return answer_buttons(answer, ephemeral, more_label="More along the route", first=directions)
