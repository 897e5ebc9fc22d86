"""Turn what Slack (or a terminal) delivers into the plain words a person typed.

Slack sends markup inside message text: ``<@U012AB3CD>`` mentions, ``<!here>``
broadcasts, ``<#C123|general>`` channel links, ``<http://x|label>`` links and
``&amp;``/``&lt;``/``&gt;`` escapes. A link reads as its label; everything that only
addresses someone is noise. Mentions typed in a terminal (``@chargebot``) and emoji
codes (``:zap:``) are noise too. Removed markup leaves a space so that words on
either side never run together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest text parsed; the rest is dropped (and the query says so) to bound the work.
MAX_PARSED_CHARS = 1_000
#: Raw input beyond this is never even scanned for markup.
MAX_RAW_CHARS = 8 * MAX_PARSED_CHARS

# <target|label> or <target>. Slack never nests angle brackets inside markup.
_MARKUP_RE = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_TERMINAL_MENTION_RE = re.compile(r"(?<![\w@.])@[\w.\-]+")
# An emoji code has at least one letter, so times such as 10:30:45 are left alone.
_EMOJI_CODE_RE = re.compile(r":(?=[a-z0-9_+'\-]*[a-z])[a-z0-9_+'\-]{1,60}:")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    #: True when the text was longer than :data:`MAX_PARSED_CHARS` and was cut.
    truncated: bool


def _replace_markup(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(("http://", "https://", "mailto:", "tel:")):
        # A bare link has no words of its own worth parsing.
        return f" {label} " if label else " "
    if target.startswith("!date") and label:
        return f" {label} "
    # <@U..>, <!here>, <!channel>, <#C..|name>, <!subteam^..|@team>: addressing only.
    return " "


def clean_slack_text(text: str) -> CleanText:
    raw = text[:MAX_RAW_CHARS]
    if "<" in raw:
        raw = _MARKUP_RE.sub(_replace_markup, raw)
    if "&" in raw:
        for entity, char in _ENTITIES:
            raw = raw.replace(entity, char)
    if "@" in raw:
        raw = _TERMINAL_MENTION_RE.sub(" ", raw)
    if ":" in raw:
        raw = _EMOJI_CODE_RE.sub(" ", raw)
    if not raw.isprintable():
        raw = _CONTROL_RE.sub(" ", raw)
    truncated = len(raw) > MAX_PARSED_CHARS
    if truncated:
        cut = raw[:MAX_PARSED_CHARS]
        # Cut at a word boundary when one is near, so no half word becomes a place.
        space = cut.rfind(" ", MAX_PARSED_CHARS - 60)
        raw = cut[:space] if space > 0 else cut
    return CleanText(raw, truncated)
