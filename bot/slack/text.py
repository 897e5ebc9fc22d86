"""What the user typed, as the plain words the parser reads (``bot.query``'s cleaning).

Slack sends text with ``&``, ``<`` and ``>`` escaped and with mentions (the bot's
own included), channels and links as ``<…>`` tokens. The request that travels on
(into button values and modals) holds the cleaned words, at most
:data:`MAX_REQUEST_CHARS` of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.query import SearchQuery, might_ask_for_help, parse_query
from bot.query.slack_text import MAX_PARSED_CHARS, CleanText, clean_slack_text

MAX_REQUEST_CHARS = MAX_PARSED_CHARS


@dataclass(frozen=True, slots=True)
class RequestText:
    text: str
    #: What the text asks, parsed here only when it might ask for help (the ack must
    #: know) or was cut; the pipeline answers with it. None: a search, parsed where it
    #: is answered.
    query: SearchQuery | None
    #: True when the user's text was longer than the parser reads and was cut.
    truncated: bool = False

    @property
    def looks_like_help(self) -> bool:
        """Empty, or asking for help: no search will run, so no "Looking for…" is shown."""
        return self.query is not None and self.query.is_help


def plain_text(text: str | None) -> RequestText:
    """Slack text to the words a person sees, cut to what the parser reads: cleaned once,
    and parsed (once) only when it might ask for help or was cut."""
    clean = clean_slack_text(text or "")
    words = CleanText(" ".join(clean.text.split()), clean.truncated)
    # A text cut to what the parser reads is parsed here too (rare: over 1,000
    # characters): its query carries the "cut" the answer mentions, which the text
    # alone no longer shows.
    query = parse_query(words) if words.truncated or might_ask_for_help(words.text) else None
    return RequestText(words.text, query, clean.truncated)
