"""Block Kit pieces every Slack surface builds with: text objects, sections, context
lines, buttons, option lists, and reading a submitted form's values.

Answers (``render/slack.py``), route cards (``render/slack_trip.py``), check-ins
(``render/checkins.py``), the Refine and check-in modals and the App Home settings all
use these, so that a limit or an escaping rule is kept in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
)

from bot.plugshare.models import Location
from bot.render import actions, limits, links
from bot.render.escape import truncate
from bot.render.style import MRKDWN

UNNAMED = "Unnamed location"
#: Buttons that only make sense with a URL.
URL_BUTTONS = frozenset({actions.DIRECTIONS, actions.OPEN_LOCATION})


# --- Text and blocks ------------------------------------------------------------------------


def mrkdwn(text: str) -> MarkdownTextObject:
    # verbatim: Slack must not turn data into links, channel names or mentions on its own.
    return MarkdownTextObject(text=text, verbatim=True)


def section(text: str) -> SectionBlock:
    return SectionBlock(text=mrkdwn(truncate(text, limits.SECTION_TEXT) or "…"))


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=truncate(text, limits.HEADER_TEXT), emoji=True))


def context(texts: Sequence[str]) -> ContextBlock:
    """Up to 10 elements; any beyond the tenth are folded into it."""
    texts = [text for text in texts if text.strip()]
    if len(texts) > limits.CONTEXT_ELEMENTS:
        keep = limits.CONTEXT_ELEMENTS - 1
        texts = [*texts[:keep], "\n".join(texts[keep:])]
    elements = [mrkdwn(fit_lines(text.split("\n"), limits.TEXT_OBJECT)) for text in texts]
    return ContextBlock(elements=elements or [mrkdwn("…")])


def notes(notes: Sequence[str]) -> ContextBlock | None:
    lines = [f"ℹ️ {MRKDWN(note, limits.NOTE)}" for note in notes if note.strip()]
    return context(["\n".join(lines)]) if lines else None


def button(
    text: str,
    action_id: str,
    *,
    url: str | None = None,
    value: str | None = None,
    primary: bool = False,
) -> ButtonElement | None:
    """A button, or ``None`` when its URL or value cannot be sent."""
    if action_id in URL_BUTTONS and url is None:
        return None
    if value is not None and len(value) > limits.BUTTON_VALUE:
        return None
    return ButtonElement(
        text=PlainTextObject(text=truncate(text, limits.BUTTON_TEXT), emoji=True),
        action_id=action_id,
        url=url,
        value=value,
        style="primary" if primary else None,
    )


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """Whole lines joined while they fit; never a line cut through its markup."""
    kept: list[str] = []
    size = 0
    for line in lines:
        extra = len(line) + (1 if kept else 0)
        if size + extra > limit:
            break
        kept.append(line)
        size += extra
    # Callers bound every line well below the limit; cutting the first is a last resort.
    return "\n".join(kept) or truncate(lines[0] if lines else "", limit) or "…"


def name_link(location: Location, page: str | None) -> str:
    """A location's name (escaped), linked to its page when it has a safe one."""
    name = MRKDWN(location.name, limits.NAME) or UNNAMED
    inline = links.safe_url(page, limits.INLINE_URL) if page else None
    return f"<{inline}|{name}>" if inline else name


# --- Options --------------------------------------------------------------------------------


def options(choices: Iterable[tuple[str, str]]) -> list[Option]:
    """Options from (label, value) pairs, in order."""
    return [Option(text=label, value=value) for label, value in choices]


def chosen(choices: Sequence[Option], value: object) -> Option | None:
    """The option whose value is ``value`` (``None`` when none is)."""
    return next((o for o in choices if value is not None and o.value == value), None)


def ticked(choices: Sequence[Option], on: Mapping[str, bool | None]) -> list[Option] | None:
    """The checkbox options to show ticked (``on``: value -> ticked), or ``None`` for none."""
    return [o for o in choices if on.get(str(o.value))] or None


# --- Reading a submitted form ---------------------------------------------------------------


def element(values: Mapping[str, Any], block: str, action: str) -> dict[str, Any]:
    """One input's state in a submission's ``state.values`` ({} when missing or foreign)."""
    found = values.get(block)
    state = found.get(action) if isinstance(found, dict) else None
    return state if isinstance(state, dict) else {}


def selected(values: Mapping[str, Any], block: str, action: str) -> str | None:
    """The value of a select's or radio group's chosen option."""
    option = element(values, block, action).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def selected_all(values: Mapping[str, Any], block: str, action: str) -> set[str]:
    """The values of the ticked checkboxes (or a multi-select's choices)."""
    found = element(values, block, action).get("selected_options")
    return {
        o["value"]
        for o in (found if isinstance(found, list) else [])
        if isinstance(o, dict) and isinstance(o.get("value"), str)
    }


def typed(values: Mapping[str, Any], block: str, action: str) -> str:
    """A text input's value, white space folded ("" when empty)."""
    value = element(values, block, action).get("value")
    return " ".join(value.split()) if isinstance(value, str) else ""
