"""How a surface writes text: Slack mrkdwn, Slack plain text, or a terminal.

Shared wording (card details, replies) is written once against a :class:`Style`;
each surface passes its own, so untrusted values are always escaped for the place
they land in, and cut to length after escaping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.render.escape import clean, escape_mrkdwn, escape_plain, truncate


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Style:
    #: Makes untrusted text safe for the surface.
    escape: Callable[[str], str]
    #: Formats trusted text as something to type (an example request, a command).
    code: Callable[[str], str] = _same
    #: Emphasises trusted text.
    bold: Callable[[str], str] = _same

    def __call__(self, untrusted: str, limit: int) -> str:
        """``untrusted`` escaped for this surface, then cut to ``limit`` characters."""
        # Every escape starts with clean() and only lengthens text after it, so the first
        # ``limit`` cleaned characters decide the result: no need to escape 10,000 of them.
        return truncate(self.escape(clean(untrusted)[: limit + 16]), limit)


MRKDWN = Style(escape=escape_mrkdwn, code=lambda text: f"`{text}`", bold=lambda text: f"*{text}*")
PLAIN = Style(escape=escape_plain)
TERMINAL = Style(escape=clean, code=lambda text: f'"{text}"')
