"""The member's own part of the App Home tab: their settings, places and "Forget me",
and the two small modals it opens (set the home place, add a saved place).

Every control writes through the Slack app (``bot/slack/home.py``), which then
publishes the tab again. Names and places are untrusted text and are escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    Option,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)

from bot.render import limits
from bot.render.blocks import (
    CAR_CONNECTORS,
    chosen,
    connector_options,
    modal,
    mrkdwn,
    options,
    text_input,
    ticked,
    typed,
)
from bot.render.escape import channel_link, truncate
from bot.render.style import MRKDWN

# Action ids of the controls on the Home tab.
CONNECTORS = "home_connectors"  # multi-select; values: the connector words of CAR_CONNECTORS
UNITS = "home_units"  # select; values: "auto", "mi", "km"
OPTIONS = "home_options"  # checkboxes; values: FREE_ONLY, PUBLIC_ONLY
SET_HOME = "home_set_home"  # opens the home place modal
CLEAR_HOME = "home_clear_home"
ADD_PLACE = "home_add_place"  # opens the saved place modal
DELETE_PLACE = "home_delete_place"  # value: the saved place's name (place_value)
FORGET_ME = "home_forget_me"
FREE_ONLY, PUBLIC_ONLY = "free_only", "public_only"

# The modals.
HOME_PLACE_VIEW = "home_place_submit"
SAVED_PLACE_VIEW = "saved_place_submit"
NAME_BLOCK, NAME_ACTION = "place_name", "name"
PLACE_BLOCK, PLACE_ACTION = "place_text", "text"

UNIT_CHOICES = (
    ("Automatic (miles in the US and UK)", "auto"),
    ("Miles", "mi"),
    ("Kilometres", "km"),
)
# A place name rides in a Delete button's value: as JSON with < > & escaped, so that
# markup a member typed never appears in a payload (decoding gives the name back).
_JSON_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def place_value(name: str) -> str:
    """A saved place's name as a Delete button's value."""
    return json.dumps(name, ensure_ascii=False).translate(_JSON_HTML_SAFE)


def place_of_value(value: str) -> str:
    """The name in a Delete button's value; ValueError if it is not one."""
    try:
        name = json.loads(value)
    except json.JSONDecodeError as error:
        raise ValueError("not a place value") from error
    if not isinstance(name, str):
        raise ValueError("not a place value")
    return name


@dataclass(frozen=True, slots=True)
class MemberSettings:
    """What the Home tab shows of one member (plain text: the renderer escapes it)."""

    #: Their car's connectors in words ("CCS or J1772"), or None when not set.
    connectors: str | None = None
    #: The CAR_CONNECTORS words their connectors cover (the multi-select's selection).
    connector_words: tuple[str, ...] = ()
    units: Literal["mi", "km"] | None = None
    free_only: bool = False
    #: Public only as searches apply it (on unless they turned it off).
    public_only: bool = True
    home: str | None = None
    #: (name, what it resolved to), by name.
    places: tuple[tuple[str, str], ...] = ()
    #: (channel id, place name) of channel places they set.
    channel_places: tuple[tuple[str, str], ...] = ()
    checkins: int = 0
    max_places: int = 25


def _button(
    text: str, action_id: str, value: str | None = None, *, style: str | None = None
) -> ButtonElement:
    return ButtonElement(text=text, action_id=action_id, value=value, style=style)


def settings_blocks(member: MemberSettings, notice: str | None = None) -> list[Block]:
    """The member's settings with a control for each (``notice``: trusted mrkdwn)."""
    blocks: list[Block] = [HeaderBlock(text="Your settings")]
    if notice:
        blocks.append(ContextBlock(elements=[mrkdwn(notice)]))

    cars = connector_options(CAR_CONNECTORS)
    selected = [o for o in cars if o.value in member.connector_words]
    car = MRKDWN(member.connectors, limits.LINE) if member.connectors else "not set"
    blocks.append(
        SectionBlock(
            text=mrkdwn(f"*My car's connectors:* {car}\nUsed when a request names no connector."),
            accessory=StaticMultiSelectElement(
                action_id=CONNECTORS,
                placeholder="Every connector",
                options=cars,
                initial_options=selected or None,
            ),
        )
    )

    unit_options = options(UNIT_CHOICES)
    current_units = member.units or "auto"
    blocks.append(
        SectionBlock(
            text=mrkdwn("*Distances in*"),
            accessory=StaticSelectElement(
                action_id=UNITS,
                placeholder="Automatic",
                options=unit_options,
                initial_option=chosen(unit_options, current_units),
            ),
        )
    )

    checks = [
        Option(text="Free only", value=FREE_ONLY, description="Skip locations with a fee"),
        Option(
            text="Public only",
            value=PUBLIC_ONLY,
            description="Skip workplace, dealer and residential chargers",
        ),
    ]
    on = ticked(checks, {FREE_ONLY: member.free_only, PUBLIC_ONLY: member.public_only})
    blocks.append(
        SectionBlock(
            text=mrkdwn("*Searches show*"),
            accessory=CheckboxesElement(action_id=OPTIONS, options=checks, initial_options=on),
        )
    )

    home = MRKDWN(member.home, limits.PLACE) if member.home else "not set"
    home_buttons = [_button("Change" if member.home else "Set home", SET_HOME)]
    if member.home:
        home_buttons.append(_button("Clear", CLEAR_HOME))
    blocks += [
        SectionBlock(
            text=mrkdwn(
                f"*Home:* {home}\nAmbiguous places lean toward it; `CCS near home` searches there."
            )
        ),
        ActionsBlock(elements=home_buttons),
        DividerBlock(),
        SectionBlock(
            text=mrkdwn(
                "*Saved places*\nName a place once, then ask e.g. `CCS near office`."
                + ("" if member.places else "\nNone yet.")
            )
        ),
    ]
    for name, resolved in member.places:
        blocks.append(
            SectionBlock(
                text=mrkdwn(f"*{MRKDWN(name, limits.NAME)}*: {MRKDWN(resolved, limits.PLACE)}"),
                accessory=_button_with_confirm(
                    "Delete",
                    DELETE_PLACE,
                    place_value(name),
                    title="Delete this place?",
                    body=f"“{MRKDWN(name, limits.NAME)}” will no longer work in requests.",
                ),
            )
        )
    if len(member.places) < member.max_places:
        blocks.append(ActionsBlock(elements=[_button("Add place", ADD_PLACE)]))

    if member.channel_places:
        lines = [
            f"• {channel_link(truncate(channel, limits.NAME))}: {MRKDWN(place, limits.PLACE)}"
            for channel, place in member.channel_places
        ]
        blocks.append(
            SectionBlock(
                text=mrkdwn(
                    "*Channel places you set*\n"
                    + "\n".join(lines)
                    + "\nClear one with `/charge clear channel place` in that channel."
                )
            )
        )

    count = member.checkins
    checkins = f"{count} check-in{'' if count == 1 else 's'}"
    blocks += [
        DividerBlock(),
        SectionBlock(
            text=mrkdwn(
                f"*Your data:* these settings, {len(member.places)} saved "
                f"place{'' if len(member.places) == 1 else 's'} and {checkins} in this "
                "workspace. `/charge settings` lists it; *Forget me* deletes all of it."
            ),
            accessory=_button_with_confirm(
                "Forget me",
                FORGET_ME,
                None,
                title="Forget everything?",
                body="I delete your settings, saved places and check-ins in this workspace.",
                confirm="Forget me",
            ),
        ),
    ]
    return blocks


def unavailable_blocks(message: str) -> list[Block]:
    """Instead of the settings, when they cannot be read (``message``: trusted mrkdwn)."""
    return [HeaderBlock(text="Your settings"), SectionBlock(text=mrkdwn(f"⚠️ {message}"))]


def _button_with_confirm(
    label: str,
    action_id: str,
    value: str | None,
    *,
    title: str,
    body: str,
    confirm: str = "Delete",
) -> ButtonElement:
    return ButtonElement(
        text=label,
        action_id=action_id,
        value=value,
        style="danger",
        confirm=ConfirmObject(
            title=title, text=mrkdwn(body), confirm=confirm, deny="Cancel", style="danger"
        ),
    )


def place_modal(kind: Literal["home", "saved"]) -> dict[str, Any]:
    """The modal that sets the home place or adds a saved place (geocoded on submit)."""
    place = text_input(
        PLACE_BLOCK,
        PLACE_ACTION,
        "Place",
        hint="A street address with its city, a ZIP code, a landmark or a city.",
        max_length=500,
        placeholder="1 Market St, San Francisco",
    )
    if kind == "home":
        return modal(HOME_PLACE_VIEW, "Home place", "Save", [place])
    name = text_input(
        NAME_BLOCK,
        NAME_ACTION,
        "Name",
        hint="A word to use in requests: “CCS near office”.",
        max_length=40,
        placeholder="office",
    )
    return modal(SAVED_PLACE_VIEW, "Add a place", "Save", [name, place])


def read_place_form(values: dict[str, Any]) -> tuple[str, str]:
    """(name, place text) from a submitted place modal; name is "" in the home modal."""

    return typed(values, NAME_BLOCK, NAME_ACTION), typed(values, PLACE_BLOCK, PLACE_ACTION)
