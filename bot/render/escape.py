"""Make untrusted text safe for Slack: it may neither ping anyone nor break formatting.

Station names, addresses, descriptions, check-in comments, user names and the
user's own words echoed back all pass through here before they reach a message.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bot.control_chars import strip_control_chars

# Zero-width space: splits a token so Slack no longer recognises it, invisible to readers.
ZWSP = "\u200b"
ELLIPSIS = "…"

# No word boundary required: "@here_" or a cut "@heres…" must not become "@here" later.
_BROADCAST = re.compile(r"@(?=here|channel|everyone|group)", re.IGNORECASE)
# mrkdwn's emphasis and code markers; a stray one can swallow the rest of a line's formatting.
_FORMAT_CHARS = re.compile(r"([*_~`])")
# An escaped emphasis marker is ZWSP + marker + ZWSP; a cut must not keep half of one.
# What a cut can leave of an escape: an emphasis marker without its closing split, or a
# "<" without the zero-width space that defused it.
_HALF_ESCAPED = re.compile(ZWSP + r"[*_~`]$|<$")
_SPACES = re.compile(r"\s+")


def escape_mrkdwn(text: str) -> str:
    """Escape text for a mrkdwn field (and the top-level ``text`` fallback).

    ``&``, ``<`` and ``>`` become entities, so no ``<!channel>``, ``<@U…>``, ``<#C…>``
    or ``<url|label>`` markup can come from data; ``@here``-style words and the
    emphasis markers ``* _ ~ ` `` are split with a zero-width space; control and
    bidi-override characters are dropped; runs of white space fold to one space.
    """
    text = clean(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BROADCAST.sub("@" + ZWSP, text)
    return _FORMAT_CHARS.sub(ZWSP + r"\1" + ZWSP, text)


#: A conversation id from Slack that may become a channel link: public (C) or private (G)
#: channels; a DM (D) is not a channel anyone else can open.
_CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,30}")


def channel_link(channel_id: str) -> str:
    """mrkdwn for a channel: a link for a well-formed Slack channel id, else escaped text."""
    if _CHANNEL_ID.fullmatch(channel_id):
        return f"<#{channel_id}>"
    return escape_mrkdwn(channel_id)


def escape_plain(text: str) -> str:
    """Text for a ``plain_text`` object (headers, buttons, options): one clean line.

    Slack does not parse plain text, but it may be copied into mrkdwn elsewhere, so
    ``@here``-style words and markup openers are split with a zero-width space too.
    """
    # Slack's markup opens with "<" (<!here>, <@U…>, <#C…>, <url|label>).
    return _BROADCAST.sub("@" + ZWSP, clean(text)).replace("<", "<" + ZWSP)


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (from a JSON ``"\\ud800"`` escape) replaced by U+FFFD.

    Such a string cannot be encoded as UTF-8, so it could be neither sent nor printed.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def clean(text: str) -> str:
    """Drop control and invisible characters (:mod:`bot.control_chars`), fold white space."""
    return _SPACES.sub(" ", strip_control_chars(text)).strip()


class _TextExtractor(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Plain text of an HTML fragment (PlugShare descriptions may contain HTML)."""
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    return clean(html.unescape("".join(extractor.parts)))


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, ending with an ellipsis when cut.

    Never cuts inside an ``&amp;``-style entity, which Slack would show half-escaped,
    nor keeps half of an escaped emphasis marker or markup opener (which could pair
    with real markup).
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    cut = _HALF_ESCAPED.sub("", cut)
    return cut.rstrip() + ELLIPSIS
