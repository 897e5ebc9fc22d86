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
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    InputInteractiveElement,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.plugshare.enums import Connector
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


#: (label, a connector word the request parser knows, its connector): the connectors a car
#: can have (App Home); the search forms offer the first four, which most chargers have.
CAR_CONNECTORS = (
    ("CCS", "CCS", Connector.CCS),
    ("CHAdeMO", "CHAdeMO", Connector.CHADEMO),
    ("J1772", "J1772", Connector.J1772),
    ("Tesla / NACS", "Tesla", Connector.TESLA),
    ("Type 2", "Type 2", Connector.TYPE_2),
    ("NEMA 14-50", "NEMA 14-50", Connector.NEMA_14_50),
    ("Wall outlet", "wall outlet", Connector.WALL),
)
SEARCH_CONNECTORS = CAR_CONNECTORS[:4]


def connector_options(choices: Iterable[tuple[str, str, Connector]]) -> list[Option]:
    """Options of :data:`CAR_CONNECTORS`, valued by connector word."""
    return options((label, word) for label, word, _ in choices)


def options(choices: Iterable[tuple[str, str]]) -> list[Option]:
    """Options from (label, value) pairs, in order."""
    return [Option(text=label, value=value) for label, value in choices]


def chosen(choices: Sequence[Option], value: object) -> Option | None:
    """The option whose value is ``value`` (``None`` when none is)."""
    return next((o for o in choices if value is not None and o.value == value), None)


def ticked(choices: Sequence[Option], on: Mapping[str, bool | None]) -> list[Option] | None:
    """The checkbox options to show ticked (``on``: value -> ticked), or ``None`` for none."""
    return [o for o in choices if on.get(str(o.value))] or None


def metres_options(choices: Iterable[tuple[str, float]]) -> list[Option]:
    """Options from (label, metres) pairs, valued in whole metres."""
    return options((label, f"{metres:.0f}") for label, metres in choices)


def nearest(choices: Sequence[Option], metres: float | None) -> Option | None:
    """The option of :func:`metres_options` for ``metres`` (``None`` when none is)."""
    return next((o for o in choices if metres and abs(float(str(o.value)) - metres) < 1), None)


# --- Forms ----------------------------------------------------------------------------------


def select_input(
    block_id: str,
    action_id: str,
    label: str,
    choices: Sequence[Option],
    *,
    placeholder: str,
    initial: Option | None = None,
    optional: bool = True,
    hint: str | None = None,
) -> InputBlock:
    """A form's one-choice menu."""
    menu = StaticSelectElement(
        action_id=action_id, placeholder=placeholder, options=choices, initial_option=initial
    )
    return _input(block_id, label, menu, optional=optional, hint=hint)


def checkboxes_input(
    block_id: str,
    action_id: str,
    label: str,
    choices: Sequence[Option],
    *,
    initial: Sequence[Option] | None = None,
) -> InputBlock:
    """A form's optional checkboxes (``initial``: those ticked)."""
    boxes = CheckboxesElement(action_id=action_id, options=choices, initial_options=initial or None)
    return _input(block_id, label, boxes, optional=True)


def text_input(
    block_id: str,
    action_id: str,
    label: str,
    *,
    placeholder: str,
    max_length: int,
    initial: str | None = None,
    optional: bool = False,
    multiline: bool = False,
    hint: str | None = None,
) -> InputBlock:
    """A form's text field."""
    field = PlainTextInputElement(
        action_id=action_id,
        placeholder=placeholder,
        initial_value=initial,
        max_length=max_length,
        multiline=multiline or None,
    )
    return _input(block_id, label, field, optional=optional, hint=hint)


def _input(
    block_id: str,
    label: str,
    element: InputInteractiveElement,
    *,
    optional: bool,
    hint: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=optional or None,  # Slack's default: required
        hint=hint,
        element=element,
    )


def modal(
    callback_id: str, title: str, submit: str, blocks: Sequence[Block], private_metadata: str = ""
) -> dict[str, Any]:
    """A modal whose Cancel closes it."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close="Cancel",
        blocks=list(blocks),
        private_metadata=private_metadata,
    ).to_dict()


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


def selected_in_order(values: Mapping[str, Any], block: str, action: str) -> list[str]:
    """The values of a multi-select's choices (or the ticked checkboxes), in their order."""
    found = element(values, block, action).get("selected_options")
    return [
        o["value"]
        for o in (found if isinstance(found, list) else [])
        if isinstance(o, dict) and isinstance(o.get("value"), str)
    ]


def selected_all(values: Mapping[str, Any], block: str, action: str) -> set[str]:
    """The values of the ticked checkboxes (or a multi-select's choices)."""
    return set(selected_in_order(values, block, action))


def typed(values: Mapping[str, Any], block: str, action: str) -> str:
    """A text input's value, white space folded ("" when empty)."""
    value = element(values, block, action).get("value")
    return " ".join(value.split()) if isinstance(value, str) else ""
