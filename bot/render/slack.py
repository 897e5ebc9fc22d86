"""Answer -> a Slack message (Block Kit). A location's check-ins: ``render/checkins.py``.

Built with slack-sdk's Block Kit model classes, whose ``to_dict()`` validates each
block. Every untrusted string is escaped and cut (see :mod:`bot.render.style`), and
blocks are budgeted so that no data, however large, exceeds Slack's limits
(:mod:`bot.render.limits`): content that does not fit is dropped with a notice
rather than sent and rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    ImageElement,
    SectionBlock,
)

from bot.answer.answer import Answer, Outcome
from bot.answer.request import SearchRequest
from bot.plugshare.models import Location, Photo
from bot.render import actions, limits, links

# Shared pieces under their old local names: this module's code reads as before.
from bot.render.blocks import UNNAMED
from bot.render.blocks import button as _button
from bot.render.blocks import context as _context
from bot.render.blocks import fit_lines as _fit_lines
from bot.render.blocks import header as _header
from bot.render.blocks import mrkdwn as _mrkdwn
from bot.render.blocks import name_link as _name_link
from bot.render.blocks import notes as _notes
from bot.render.blocks import section as _section
from bot.render.escape import escape_mrkdwn, escape_plain, truncate
from bot.render.facts import (
    SEP,
    capped_notes,
    checkin_line,
    credit,
    details,
    distance_text,
    filter_words,
    headline,
    recent_checkins,
)
from bot.render.replies import (
    EXAMPLES,
    HELP_INTRO,
    HELP_TITLE,
    HELP_TOPICS,
    SLACK_EXTRAS,
    candidate_label,
    paragraphs,
)
from bot.render.style import MRKDWN, PLAIN, TERMINAL

#: Ambiguous places offered at most; geocoders rarely return more that matter.
MAX_CANDIDATES = 10


# --- Public API ---------------------------------------------------------------------------


def render_message(
    answer: Answer,
    *,
    ephemeral: bool = False,
    checkins_enabled: bool = False,
    thumbnails: bool = True,
    now: datetime | None = None,
    settings_help: str | None = None,
) -> dict[str, Any]:
    """The Slack message for an answer: ``{"text": fallback, "blocks": [...]}``.

    ``ephemeral`` adds a "Share in channel" button; ``checkins_enabled`` adds a
    "Check in" button to each card; ``thumbnails=False`` leaves photos out (Slack
    rejects a whole message whose image it cannot download, so a sender may retry
    without them); ``now`` fixes the clock for "3 days ago"; ``settings_help`` (trusted
    mrkdwn, ``bot.settings.SETTINGS_HELP`` where settings are kept) ends the help answer.
    """
    now = now or datetime.now(UTC)
    if answer.outcome is Outcome.RESULTS and answer.trip is not None:
        from bot.render.slack_trip import trip_results  # it builds on this module's blocks

        blocks, fallback = trip_results(answer, ephemeral, checkins_enabled, thumbnails, now)
    elif answer.outcome is Outcome.RESULTS and answer.locations:
        blocks, fallback = _results(answer, ephemeral, checkins_enabled, thumbnails, now)
    elif answer.outcome is Outcome.HELP:
        blocks, fallback = _help(answer)
        if settings_help:
            blocks.append(_section(settings_help))
    elif answer.outcome is Outcome.AMBIGUOUS_PLACE:
        blocks, fallback = _ambiguous(answer)
    else:
        blocks, fallback = _reply(answer)
    return {"text": _fallback(fallback), "blocks": [block.to_dict() for block in blocks]}


# --- Results --------------------------------------------------------------------------------


def _results(
    answer: Answer, ephemeral: bool, checkins_enabled: bool, thumbnails: bool, now: datetime
) -> tuple[list[Block], str]:
    top: list[Block] = [_header("⚡ " + headline(answer, PLAIN))]
    notes = [*answer.notes, *capped_notes(answer, "use “More results” for the rest")]
    top += [block for block in (_summary(answer), _notes(notes)) if block is not None]
    footer = answer_buttons(answer, ephemeral)
    # Room for the cards: the footer (a divider and its buttons), and a notice if some
    # cards do not fit.
    room = limits.MESSAGE_BLOCKS - len(top) - (2 if footer else 0) - 1
    cards: list[Block] = []
    shown = 0
    first = answer.page * answer.per_page + 1
    for number, location in enumerate(answer.locations, start=first):
        card = _card(answer, location, number, checkins_enabled, thumbnails, now)
        needed = len(card) + (1 if cards else 0)
        if len(cards) + needed > room:
            break
        if cards:
            cards.append(DividerBlock())
        cards.extend(card)
        shown += 1
    blocks = top + cards
    left_out = len(answer.locations) - shown
    if left_out:
        plural = "s" if left_out != 1 else ""
        blocks.append(_context([f"{left_out} more station{plural} did not fit in this message."]))
    if footer:
        blocks += [DividerBlock(), footer]
    return blocks, _results_fallback(answer, shown)


def _summary(answer: Answer) -> ContextBlock | None:
    """Filters in words, the data source, and (once) whether live status is known."""
    elements = []
    words = filter_words(answer)
    if words:
        elements.append(SEP.join(words))
    source = credit(answer, MRKDWN)
    if source:
        elements.append(source)
    if not answer.live_availability:
        elements.append("Live status isn't available from this source")
    return _context(elements) if elements else None


def _card(
    answer: Answer,
    location: Location,
    number: int | None,
    checkins_enabled: bool,
    thumbnails: bool,
    now: datetime,
) -> list[Block]:
    page = links.location_page(location, answer.source)
    # Numbered like the map's pins (an unfurled station has no number).
    first = f"*{_name_link(location, page)}*"
    if number is not None:
        first = f"{number}. {first}"
    distance = distance_text(answer, location)
    if distance:
        first += SEP + distance
    text = _fit_lines([first, *details(answer, location, MRKDWN)], limits.SECTION_TEXT)
    photo = _thumbnail(location) if thumbnails else None
    blocks: list[Block] = [SectionBlock(text=_mrkdwn(text), accessory=photo)]
    reviews = recent_checkins(location, limits.CARD_CHECKINS)
    if reviews:
        lines = [
            checkin_line(r, now, MRKDWN, emoji=True, comment_limit=limits.COMMENT) for r in reviews
        ]
        blocks.append(_context(["\n".join(lines)]))
    buttons = [
        _button("Directions", actions.DIRECTIONS, url=links.directions(
            location.latitude, location.longitude
        )),
        _button("Open", actions.OPEN_LOCATION, url=page),
    ]  # fmt: skip
    if location.reviews:
        count = len(location.reviews)
        buttons.append(
            _button(f"Check-ins ({count})", actions.SHOW_CHECKINS, value=str(location.id))
        )
    if checkins_enabled:
        buttons.append(_button("Check in", actions.CHECK_IN, value=str(location.id)))
    present = [b for b in buttons if b is not None]
    if present:
        blocks.append(ActionsBlock(elements=present))
    return blocks


def _thumbnail(location: Location) -> ImageElement | None:
    for photo in _photos_in_order(location.photos):
        url = links.source_url(photo.thumbnail) or links.source_url(photo.thumbnail2x)
        url = url or links.source_url(photo.url)
        if url:
            caption = escape_plain(photo.caption or "") or escape_plain(f"Photo of {location.name}")
            alt = truncate(caption, limits.NAME) or "Photo of the charging location"
            return ImageElement(image_url=url, alt_text=alt)
    return None


def _photos_in_order(photos: Sequence[Photo]) -> list[Photo]:
    return sorted(photos, key=lambda p: p.order if p.order is not None else len(photos))


def answer_buttons(
    answer: Answer,
    ephemeral: bool,
    *,
    more_label: str = "More results",
    first: ButtonElement | None = None,
) -> ActionsBlock | None:
    """An answer's buttons: ``first`` (if any), the next page, Refine, Share in channel."""
    buttons = [first]
    if answer.has_more:
        more = _request(answer, page=answer.page + 1)
        buttons.append(
            _button(more_label, actions.MORE_RESULTS, value=actions.encode_request(more))
        )
    request = actions.encode_request(_request(answer, page=answer.page))
    buttons.append(_button("Refine", actions.REFINE, value=request))
    if ephemeral:
        buttons.append(_button("Share in channel", actions.SHARE, value=request, primary=True))
    present = [b for b in buttons if b is not None]
    return ActionsBlock(elements=present) if present else None


def _request(answer: Answer, *, page: int) -> SearchRequest:
    """The request that reproduces this answer, with the place fixed so nothing is geocoded."""
    update: dict[str, Any] = {"page": page}
    if answer.request.place is None and answer.place is not None:
        update["place"] = answer.place
    return answer.request.model_copy(update=update)


def _results_fallback(answer: Answer, shown: int) -> str:
    names = []
    first = answer.page * answer.per_page + 1
    for index, location in enumerate(answer.locations[:shown], start=first):
        distance = distance_text(answer, location)
        name = TERMINAL(location.name, limits.NAME) or UNNAMED
        names.append(f"{index}. {name}" + (f" ({distance})" if distance else ""))
    return headline(answer, TERMINAL) + ": " + "; ".join(names)


# --- Other outcomes -----------------------------------------------------------------------


def _help(answer: Answer) -> tuple[list[Block], str]:
    fields = [_mrkdwn(f"*{topic}*\n{words}") for topic, words in HELP_TOPICS]
    examples = "\n".join(f"• `{example}`" for example in EXAMPLES)
    extras = "\n".join(f"• {extra}" for extra in SLACK_EXTRAS)
    blocks: list[Block] = [
        _header("⚡ " + HELP_TITLE),
        _section(HELP_INTRO),
        SectionBlock(fields=fields[: limits.SECTION_FIELDS]),
        _section(f"*Try*\n{examples}"),
        _section(f"*Also in Slack*\n{extras}"),
    ]
    source = credit(answer, MRKDWN)
    if source:
        blocks.append(_context([source]))
    fallback = f"{HELP_TITLE}. {HELP_INTRO} For example: {EXAMPLES[0]}"
    return blocks, fallback


def _ambiguous(answer: Answer) -> tuple[list[Block], str]:
    question = paragraphs(answer, MRKDWN)[0]
    blocks: list[Block] = [_section(question)]
    notes = _notes(answer.notes)
    if notes:
        blocks.append(notes)
    room = limits.MESSAGE_BLOCKS - len(blocks)
    names = []
    for candidate in answer.candidates[: min(MAX_CANDIDATES, room)]:
        request = answer.request.model_copy(update={"place": candidate, "page": 0})
        # Each button names its place: five identical "Choose" buttons cannot be told
        # apart, least of all by a screen reader reading the buttons alone.
        label = PLAIN(candidate.name, limits.BUTTON_TEXT - len("Choose ")) or "this place"
        button = _button(
            f"Choose {label}", actions.CHOOSE_PLACE, value=actions.encode_request(request)
        )
        name = MRKDWN(candidate.name, limits.NAME) or "Unnamed place"
        blocks.append(
            SectionBlock(text=_mrkdwn(f"*{name}*\n{candidate_label(candidate)}"), accessory=button)
        )
        names.append(TERMINAL(candidate.name, limits.NAME))
    fallback = paragraphs(answer, TERMINAL)[0] + " " + "; ".join(names)
    return blocks, fallback


def _reply(answer: Answer) -> tuple[list[Block], str]:
    blocks: list[Block] = [_section("\n\n".join(paragraphs(answer, MRKDWN)))]
    notes = _notes(answer.notes)
    if notes:
        blocks.append(notes)
    if answer.outcome in (Outcome.NOTHING_FOUND, Outcome.RESULTS):
        request = actions.encode_request(_request(answer, page=0))
        refine = _button("Refine", actions.REFINE, value=request)
        if refine is not None:
            blocks.append(ActionsBlock(elements=[refine]))
    return blocks, " ".join(paragraphs(answer, TERMINAL))


def _fallback(text: str) -> str:
    """The notification text: Slack parses it as mrkdwn, so it is escaped whole."""
    return truncate(escape_mrkdwn(text), limits.MESSAGE_TEXT) or "ChargeBot"
