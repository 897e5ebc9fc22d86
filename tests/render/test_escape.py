"""Untrusted text made safe: mrkdwn, plain text, HTML, cutting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render.escape import (
    ELLIPSIS,
    ZWSP,
    clean,
    escape_mrkdwn,
    escape_plain,
    strip_html,
    truncate,
    valid_unicode,
)
from bot.render.style import MRKDWN, PLAIN, TERMINAL


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<!channel> lunch", "&lt;!channel&gt; lunch"),
        ("<@U123ABC>", "&lt;@U123ABC&gt;"),
        ("<#C0123|general>", "&lt;#C0123|general&gt;"),
        ("<http://evil.example|Free charging>", "&lt;http://evil.example|Free charging&gt;"),
        ("AT&T Park", "AT&amp;T Park"),
        ("&lt;already&gt;", "&amp;lt;already&amp;gt;"),
        ("Ask @here or @Channel", f"Ask @{ZWSP}here or @{ZWSP}Channel"),
        # "_" is a word character: "@here_" must be split too, before "_" is escaped.
        ("@here_x @heresy", f"@{ZWSP}here{ZWSP}_{ZWSP}x @{ZWSP}heresy"),
        ("*bold* _it_", f"{ZWSP}*{ZWSP}bold{ZWSP}*{ZWSP} {ZWSP}_{ZWSP}it{ZWSP}_{ZWSP}"),
        ("line\none\t\ttwo", "line one two"),
        ("\x1b[31mred\x1b[0m\u202egnp", "[31mred[0mgnp"),
    ],
)
def test_escape_mrkdwn_neutralises_markup(raw: str, escaped: str) -> None:
    assert escape_mrkdwn(raw) == escaped


def test_escape_plain_keeps_text_readable_but_breaks_markup_openers() -> None:
    assert escape_plain("Joe's <!here> spot @everyone") == (
        f"Joe's <{ZWSP}!here> spot @{ZWSP}everyone"
    )
    assert escape_plain("  Level 2\n& more ") == "Level 2 & more"


def test_clean_drops_terminal_control_sequences_c0_and_c1() -> None:
    # ESC (C0) and CSI (C1, U+009B) would let a station name drive the terminal.
    assert clean("A\x1b]0;title\x07B\x9b2JC") == "A]0;titleB2JC"


def test_strip_html_keeps_the_words_only() -> None:
    html = "<p>Level P2,<br>near <b>the</b> lifts &amp; stairs</p><script>alert(1)</script>"
    assert strip_html(html) == "Level P2, near the lifts & stairs"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("a long sentence here", 10, "a long se" + ELLIPSIS),
        ("AT&amp;T Park", 6, "AT" + ELLIPSIS),  # never half an entity
        ("AT&amp;T Park", 9, "AT&amp;T" + ELLIPSIS),
        ("x", 0, ""),
    ],
)
def test_truncate(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit


def test_cutting_never_uncovers_a_broadcast() -> None:
    assert MRKDWN("@heresy", 6) == f"@{ZWSP}her…"
    assert MRKDWN("x @heresy", 8) == f"x @{ZWSP}her…"


def test_truncate_never_keeps_half_an_escaped_emphasis_marker() -> None:
    escaped = escape_mrkdwn("ab*cd")  # ab ZWSP * ZWSP cd
    cut = truncate(escaped, 5)  # would end in ZWSP *
    assert cut == "ab" + ZWSP + ELLIPSIS or cut == "ab" + ELLIPSIS
    assert "*" not in cut


def test_styles_escape_before_cutting() -> None:
    assert MRKDWN("<" * 10, 9) == "&lt;&lt;" + ELLIPSIS
    assert PLAIN("@here " + "x" * 100, 20).startswith("@" + ZWSP + "here")
    assert TERMINAL("tab\there\x1b", 50) == "tab here"
    assert MRKDWN.code("CCS near X") == "`CCS near X`"
    assert TERMINAL.code("CCS near X") == '"CCS near X"'


def test_valid_unicode_replaces_lone_surrogates_only() -> None:
    assert valid_unicode("ok 😀") == "ok 😀"
    assert valid_unicode("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert clean("a\ud800b") == "ab"


def test_a_huge_value_is_cut_to_the_same_text_as_escaping_it_all() -> None:
    huge = "&<*" * 5000
    assert MRKDWN(huge, 100) == truncate(escape_mrkdwn(huge), 100)
    spaced = "word" + " " * 300 + "end"
    assert MRKDWN(spaced, 50) == "word end"


@given(
    text=st.lists(st.sampled_from(["a", " ", "\n", "&", "<", "*", "@here", "\x1b", "😀"])).map(
        "".join
    ),
    limit=st.integers(1, 40),
)
def test_styles_cut_exactly_as_escaping_everything_would(text: str, limit: int) -> None:
    assert MRKDWN(text, limit) == truncate(escape_mrkdwn(text), limit)
    assert PLAIN(text, limit) == truncate(escape_plain(text), limit)
    assert TERMINAL(text, limit) == truncate(clean(text), limit)


def test_truncate_never_keeps_a_markup_opener_without_its_split() -> None:
    escaped = escape_plain("ab<!here>")  # ab < ZWSP !here>
    cut = truncate(escaped, 4)  # would end in "<", the split cut away
    assert "<" not in cut
    assert cut.endswith(ELLIPSIS)
