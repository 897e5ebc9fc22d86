"""ChargeBot's App Home tab: what it understands, examples, and the data source in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.render.escape import escape_mrkdwn, truncate

#: What a user can put in a request, in words, one line per kind of word.
UNDERSTANDS = (
    ("Place", "an address, a landmark, a city, a ZIP code, an airport code, or coordinates"),
    ("Connector", "CCS, CHAdeMO, J1772, Tesla / NACS, Supercharger"),
    ("Speed", "fast, DC fast, level 2, at least 50 kW"),
    ("Cost and access", "free only, public, open 24/7"),
    ("Network", "ChargePoint, Electrify America, EVgo, Blink, or not Tesla"),
    ("Distance and count", "within 2 miles, within 10 km, top 3"),
)

EXAMPLES = (
    "/charge CCS near Union Station, free only",
    "/charge J1772 within 2 miles of 10001",
    "@ChargeBot any free chargers near the Ferry Building?",
    "superchargers near Barstow, top 3   (here, in Messages)",
)


@dataclass(frozen=True, slots=True)
class DataSourceInfo:
    """What the home tab says about the data source (from the provider in use)."""

    name: str
    attribution: str
    live_availability: bool
    has_checkins: bool


def _describe_source(source: DataSourceInfo) -> str:
    if source.name == "plugshare":
        title = "PlugShare"
    elif source.name == "local":
        title = "Local open-data station index"
    else:
        title = source.name
    facts = [
        "live availability" if source.live_availability else "no live availability",
        "check-ins" if source.has_checkins else "no check-ins",
    ]
    text = f"*{escape_mrkdwn(title)}* ({', '.join(facts)})"
    if source.attribution:
        text += f"\n{escape_mrkdwn(source.attribution)}"
    return truncate(text, 3000)


def home_view(source: DataSourceInfo) -> dict[str, Any]:
    understands = "\n".join(f"• *{kind}:* {words}" for kind, words in UNDERSTANDS)
    examples = "\n".join(f"`{example}`" for example in EXAMPLES)
    blocks = [
        HeaderBlock(text="⚡ ChargeBot finds EV chargers"),
        SectionBlock(
            text=MarkdownTextObject(
                text=(
                    "Ask in plain words with `/charge`, by mentioning me in a channel, "
                    "or right here in *Messages*. I answer with the nearest stations: "
                    "distance and direction, connectors and power, cost, network, "
                    "and buttons for directions, check-ins, more results and refining."
                )
            )
        ),
        SectionBlock(text=MarkdownTextObject(text="*What I understand*\n" + understands)),
        SectionBlock(text=MarkdownTextObject(text="*Try*\n" + examples)),
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text="*Data source*\n" + _describe_source(source))),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="`/charge help` shows this list in any channel. "
                    "Answers to `/charge` are visible only to you until you share them."
                )
            ]
        ),
    ]
    return View(type="home", blocks=blocks).to_dict()
