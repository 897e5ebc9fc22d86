"""Answer -> text for a terminal: the same facts as the Slack card, without markup.

Untrusted text is cleaned of control characters (a station name must not be able
to move the cursor or recolour the terminal) and cut to readable lengths.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.answer.answer import Answer, Outcome
from bot.plugshare.models import Location
from bot.render import limits, links
from bot.render.facts import (
    SEP,
    checkin_line,
    credit,
    details,
    distance_text,
    filter_words,
    headline,
    more_in_the_terminal,
    recent_checkins,
    terminal_capped_notes,
)
from bot.render.replies import EXAMPLES, HELP_INTRO, HELP_TITLE, HELP_TOPICS, candidate_label
from bot.render.replies import paragraphs as reply_paragraphs
from bot.render.style import TERMINAL
from bot.render.trip_facts import directions_url, plan_title, route_summary, route_title

INDENT = "   "
UNNAMED = "Unnamed location"


def render_text(answer: Answer, *, now: datetime | None = None) -> str:
    """The answer as lines of plain text, ending with a newline."""
    now = now or datetime.now(UTC)
    if answer.outcome is Outcome.RESULTS and answer.trip is not None:
        lines = _trip(answer, now)
    elif answer.outcome is Outcome.RESULTS and answer.locations:
        lines = _results(answer, now)
    elif answer.outcome is Outcome.HELP:
        lines = _help(answer)
    else:
        lines = _reply(answer)
    return "\n".join(lines).rstrip() + "\n"


def _results(answer: Answer, now: datetime) -> list[str]:
    lines = [headline(answer, TERMINAL)]
    words = filter_words(answer)
    if words:
        lines.append(SEP.join(words))
    lines.extend(_source(answer))
    lines.extend(_notes(answer))
    lines.extend(f"Note: {note}" for note in terminal_capped_notes(answer))
    first = answer.page * answer.per_page + 1
    for number, location in enumerate(answer.locations, start=first):
        lines.append("")
        lines.extend(_card(answer, location, number, now))
    if answer.has_more:
        ask_more = "Ask for more, e.g. add “top 10” to your request."
        lines += ["", more_in_the_terminal(answer, "More stations match", ask_more)]
    return lines


def _trip(answer: Answer, now: datetime) -> list[str]:
    """The route card: the trip, the stops (when planned), then more along the route."""
    trip = answer.trip
    assert trip is not None
    lines = [route_title(answer, TERMINAL), route_summary(answer)]
    words = filter_words(answer)
    if words:
        lines.append(SEP.join(words))
    lines.extend(_source(answer))
    lines.extend(_notes(answer))
    number = 1
    title = plan_title(answer)
    if title and answer.page == 0:
        lines += ["", title + ":"]
        for entry in trip.stops:
            lines.append("")
            lines.extend(_card(answer, entry.location, number, now))
            number += 1
    if trip.more:
        lines += ["", "More along the route:"]
        number = max(number, answer.page * answer.per_page + 1)
        for entry in trip.more:
            lines.append("")
            lines.extend(_card(answer, entry.location, number, now))
            number += 1
    directions = directions_url(answer)
    if directions:
        lines += ["", f"Directions for the whole trip: {directions}"]
    if answer.has_more:
        ask_more = "Ask for more, e.g. add “top 10”."
        lines += ["", more_in_the_terminal(answer, "More stations along the route", ask_more)]
    return lines


def _source(answer: Answer) -> list[str]:
    source = credit(answer, TERMINAL)
    line = f"{source}." if source else ""
    if not answer.live_availability:
        line += (" " if line else "") + "Live status isn't available from this source."
    return [line] if line else []


def _notes(answer: Answer) -> list[str]:
    return [f"Note: {TERMINAL(note, limits.NOTE)}" for note in answer.notes if note.strip()]


def _card(answer: Answer, location: Location, number: int, now: datetime) -> list[str]:
    name = TERMINAL(location.name, limits.NAME) or UNNAMED
    distance = distance_text(answer, location)
    lines = [f"{number}. {name}" + (f"{SEP}{distance}" if distance else "")]
    lines += [INDENT + line for line in details(answer, location, TERMINAL)]
    reviews = recent_checkins(location, limits.CARD_CHECKINS)
    if reviews:
        total = len(location.reviews)
        shown = f"latest {len(reviews)} of {total}" if total > len(reviews) else f"{total}"
        lines.append(f"{INDENT}Check-ins ({shown}):")
        lines += [
            INDENT * 2 + checkin_line(r, now, TERMINAL, emoji=False, comment_limit=limits.COMMENT)
            for r in reviews
        ]
    page = links.location_page(location, answer.source)
    if page:
        lines.append(f"{INDENT}Page: {page}")
    directions = links.directions(location.latitude, location.longitude)
    if directions:
        lines.append(f"{INDENT}Directions: {directions}")
    return lines


def _help(answer: Answer) -> list[str]:
    lines = [HELP_TITLE, "", HELP_INTRO, ""]
    width = max(len(topic) for topic, _ in HELP_TOPICS)
    lines += [f"{topic + ':':<{width + 2}}{words}" for topic, words in HELP_TOPICS]
    lines += ["", "Try:"] + [f'{INDENT}chargebot ask "{example}"' for example in EXAMPLES]
    source = credit(answer, TERMINAL)
    if source:
        lines += ["", f"{source}."]
    return lines


def _reply(answer: Answer) -> list[str]:
    paragraphs = reply_paragraphs(answer, TERMINAL)
    lines = [paragraphs[0]]
    if answer.outcome is Outcome.AMBIGUOUS_PLACE:
        for number, candidate in enumerate(answer.candidates, start=1):
            name = TERMINAL(candidate.name, limits.NAME) or "Unnamed place"
            lines.append(f"{INDENT}{number}. {name} ({candidate_label(candidate)})")
        lines.append("Ask again with the one you mean, e.g. add the city or state.")
    lines += paragraphs[1:]
    lines.extend(_notes(answer))
    return lines
