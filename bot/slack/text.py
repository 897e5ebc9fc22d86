"""What the user typed, as the plain words the parser reads (``bot.query``'s cleaning).

Slack sends text with ``&``, ``<`` and ``>`` escaped and with mentions (the bot's
own included), channels and links as ``<…>`` tokens. The request that travels on
(into button values and modals) holds the cleaned words, at most
:data:`MAX_REQUEST_CHARS` of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.query import SearchQuery, parse_query
from bot.query.slack_text import MAX_PARSED_CHARS, CleanText, clean_slack_text

MAX_REQUEST_CHARS = MAX_PARSED_CHARS


@dataclass(frozen=True, slots=True)
class RequestText:
    text: str
    #: What the text asks, parsed once here; the pipeline answers with it.
    query: SearchQuery
    #: True when the user's text was longer than the parser reads and was cut.
    truncated: bool = False

    @property
    def looks_like_help(self) -> bool:
        """Empty, or asking for help: no search will run, so no "Looking for…" is shown."""
        return self.query.is_help


def plain_text(text: str | None) -> RequestText:
    """Slack text to the words a person sees, cut to what the parser reads, and parsed:
    cleaned once and parsed once per message."""
    clean = clean_slack_text(text or "")
    words = CleanText(" ".join(clean.text.split()), clean.truncated)
    return RequestText(words.text, parse_query(words), clean.truncated)
