"""ChargeBot's App Home tab: the member's settings (when ChargeBot keeps any), what it
understands, examples, and the data source in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.render.escape import escape_mrkdwn, truncate
from bot.render.home_settings import MemberSettings, settings_blocks, unavailable_blocks
from bot.render.replies import EXAMPLES, HELP_INTRO, HELP_TOPICS, SLACK_EXTRAS

#: The three ways to ask, each with what to expect.
SURFACES = (
    ("/charge CCS near Union Station, free only", "only you see the answer, until you share it"),
    ("@ChargeBot free J1772 near the Ferry Building", "in a channel I am in; I answer in a thread"),
    ("superchargers near Barstow, top 3", "here, in Messages"),
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


def home_view(
    source: DataSourceInfo,
    member: MemberSettings | None = None,
    *,
    notice: str | None = None,
    unavailable: str | None = None,
) -> dict[str, Any]:
    """The Home tab. With ``member``, their settings come after the introduction;
    ``unavailable`` (trusted mrkdwn) says why they cannot be shown instead."""
    understands = "\n".join(f"• *{kind}:* {words}" for kind, words in HELP_TOPICS)
    ways = "\n".join(f"`{example}`  {where}" for example, where in SURFACES)
    examples = "\n".join(f"`{example}`" for example in EXAMPLES)
    blocks: list[Block] = [
        HeaderBlock(text="⚡ ChargeBot finds EV chargers"),
        SectionBlock(
            text=MarkdownTextObject(
                text=(
                    "Ask in plain words with `/charge`, by mentioning me in a channel, "
                    "or right here in *Messages*. " + HELP_INTRO
                )
            )
        ),
        SectionBlock(text=MarkdownTextObject(text="*Three ways to ask*\n" + ways)),
    ]
    if member is not None:
        blocks += [DividerBlock(), *settings_blocks(member, notice), DividerBlock()]
    elif unavailable is not None:
        blocks += [DividerBlock(), *unavailable_blocks(unavailable), DividerBlock()]
    blocks += [
        SectionBlock(text=MarkdownTextObject(text="*What I understand*\n" + understands)),
        SectionBlock(text=MarkdownTextObject(text="*More examples*\n" + examples)),
        SectionBlock(
            text=MarkdownTextObject(
                text="*Also in Slack*\n" + "\n".join(f"• {extra}" for extra in SLACK_EXTRAS)
            )
        ),
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
