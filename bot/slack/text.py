"""What the user typed, as plain words: Slack's markup undone, the bot's mention removed.

Slack sends message and command text with ``&``, ``<`` and ``>`` escaped and with
mentions, channels and links as ``<…>`` tokens. The parser wants the words a person
sees, and reads at most :data:`MAX_REQUEST_CHARS` of them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

#: The parser reads at most this many characters; longer requests are cut (and told so).
MAX_REQUEST_CHARS = 1000

_TOKEN = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"\s+")
_HELP_WORDS = frozenset({"", "help", "?", "-h", "--help", "usage"})


@dataclass(frozen=True, slots=True)
class RequestText:
    text: str
    #: True when the user's text was longer than the parser reads and was cut.
    truncated: bool = False

    @property
    def looks_like_help(self) -> bool:
        """Empty or "help": no search will run, so no "Looking for…" message is shown."""
        return self.text.strip().lower() in _HELP_WORDS


def _replace_token(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        # The bot's mention is how the user addressed it; other people are not places.
        return " "
    if target.startswith("#"):
        return label or ""
    if target.startswith("!"):
        # <!here>, <!channel>, <!date^…|fallback>: only a date's fallback is words.
        return label if target.startswith("!date") else " "
    # A link: <https://…|label>, <mailto:…|label> or a bare <https://…>.
    return label or target


def plain_text(text: str | None) -> RequestText:
    """Slack text to the words a person sees, cut to what the parser reads."""
    text = text or ""
    text = _TOKEN.sub(_replace_token, text)
    text = _SPACES.sub(" ", html.unescape(text)).strip()
    if len(text) > MAX_REQUEST_CHARS:
        return RequestText(text[:MAX_REQUEST_CHARS].rstrip(), truncated=True)
    return RequestText(text)
