"""Characters nobody means to see or store: controls, direction overrides, invisible marks.

- C0 and C1 controls, except tab and line feed (a terminal reads ESC and CSI as
  commands; PostgreSQL refuses a NUL in text);
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
  make "moc.evil" read as "live.com";
- invisible marks that hide inside words: zero-width space, left/right-to-left and
  Arabic letter marks, word joiners and the byte-order mark;
- lone surrogates, which cannot be encoded at all.

Zero-width joiner and non-joiner stay: emoji sequences and several scripts need them.
Station data is cleaned with this before it is shown (Slack, terminal, JSON), and
text a person submits before it is stored.
"""

from __future__ import annotations

import re
from typing import Final

_UNWANTED: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def strip_control_chars(text: str) -> str:
    """``text`` without the characters above; tabs, line feeds and spacing are kept."""
    return _UNWANTED.sub("", text)
