"""The checks the property tests rely on do catch what Slack would reject or abuse."""

from __future__ import annotations

from typing import Any

import pytest
from support.block_kit import check_message, check_view


def _mrkdwn(text: str, verbatim: bool = True) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": verbatim}


def _section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text), **extra}


def _button(text: str = "Go", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": "a",
            "value": "v", **extra}  # fmt: skip


def _message(*blocks: dict[str, Any], text: str = "fallback") -> dict[str, Any]:
    return {"text": text, "blocks": list(blocks)}


def test_a_good_message_passes() -> None:
    message = _message(
        {"type": "header", "text": {"type": "plain_text", "text": "⚡ Title"}},
        _section("*<https://example.com/x|Name>* &lt;!channel&gt;"),
        {"type": "actions", "elements": [_button(), _button(action_id="b")]},
    )
    assert check_message(message) == []


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (_message(*[{"type": "divider"}] * 51), "51 blocks"),
        (_message(_section("x" * 3001)), "mrkdwn text 3001 > 3000"),
        (_message(_section("<!channel> hi")), "mention markup"),
        (_message(_section("hi <@U123>")), "mention markup"),
        (_message(_section("<http://evil.example|x>")), None),  # a well-formed link is allowed
        (_message(_section("<javascript:alert(1)|x>")), "url 'javascript:alert(1)'"),
        (_message(_section("a > b")), "stray markup in mrkdwn"),
        (_message(_section("@here look")), "broadcast word"),
        (_message({"type": "section", "text": _mrkdwn("x", verbatim=False)}), "without verbatim"),
        (_message(_section(" ")), "empty mrkdwn text"),
        (_message({"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}),
         "plain_text text 151 > 150"),
        (_message({"type": "header", "text": {"type": "plain_text", "text": "<!here>"}}),
         "markup opener in plain text"),
        (_message({"type": "actions", "elements": [_button("b" * 76)]}), "75"),
        (_message({"type": "actions", "elements": [_button(), _button()]}), "duplicate action_id"),
        (_message({"type": "actions", "elements": [_button(value="v" * 2001)]}), "value 2001"),
        (_message({"type": "actions", "elements": [_button(url="ftp://x.example")]}), "url"),
        (_message({"type": "context", "elements": [_mrkdwn("c")] * 11}), "context elements"),
        (_message(_section("x", accessory={"type": "image", "image_url": "https://x.example/"
                                           + "a" * 3000, "alt_text": "a"})), "url of 3018"),
        (_message(_section("x"), text="<!channel>"), "markup in text fallback"),
        (_message(_section("x"), text=""), "text fallback missing"),
    ],
)  # fmt: skip
def test_each_violation_is_reported(message: dict[str, Any], problem: str | None) -> None:
    problems = check_message(message)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_view_checks() -> None:
    good = {"type": "modal", "title": {"type": "plain_text", "text": "Check-ins"},
            "blocks": [_section("x")]}  # fmt: skip
    assert check_view(good) == []
    too_many = {**good, "blocks": [_section("x")] * 101}
    assert any("101 modal blocks" in p for p in check_view(too_many))
    long_title = {**good, "title": {"type": "plain_text", "text": "T" * 25}}
    assert any("modal title" in p for p in check_view(long_title))
