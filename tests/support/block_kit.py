"""Checks that a Slack payload is one Slack accepts and that data cannot abuse.

``check_message`` / ``check_view`` parse the blocks with slack-sdk's model classes
(whose validation covers many limits), then walk the JSON for every limit in
``bot.render.limits`` (some of which slack-sdk does not check), and for markup that
could ping people or link somewhere: data must never produce ``<!…>``, ``<@…>``,
``<#…>`` or a link, and the only links allowed are well-formed http(s) ones.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.render import limits

ZWSP = "\u200b"
_LINK = re.compile(r"<([^<>|]*)\|([^<>]*)>")
_MENTION_OPEN = re.compile(r"<[!@#]")
_BROADCAST = re.compile(r"(?<![\w\u200b])@(here|channel|everyone|group)\b", re.IGNORECASE)
_BLOCK_TYPES = {"header", "section", "context", "actions", "divider"}


class Problems:
    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            self.found.append(message)


def check_message(payload: dict[str, Any]) -> list[str]:
    """Every problem with a ``chat.postMessage``-style payload; empty when it is fine."""
    problems = Problems()
    text = payload.get("text")
    problems.check(isinstance(text, str) and bool(text.strip()), "text fallback missing")
    if isinstance(text, str):
        problems.check(len(text) <= limits.MESSAGE_TEXT, f"text fallback {len(text)} chars")
        problems.check("<" not in text and ">" not in text, f"markup in text fallback: {text!r}")
        problems.check(not _BROADCAST.search(text), f"broadcast in fallback: {text!r}")
    blocks = payload.get("blocks", [])
    problems.check(0 < len(blocks) <= limits.MESSAGE_BLOCKS, f"{len(blocks)} blocks")
    _check_blocks(blocks, problems)
    _check_dump(payload, problems)
    return problems.found


def check_view(view: dict[str, Any]) -> list[str]:
    """Every problem with a ``views.open`` modal; empty when it is fine."""
    problems = Problems()
    try:
        View(**view).validate_json()
    except Exception as error:
        problems.check(False, f"view does not validate: {error}")
    problems.check(view.get("type") == "modal", "not a modal")
    title = view.get("title", {}).get("text", "")
    problems.check(0 < len(title) <= limits.MODAL_TITLE, f"modal title {title!r}")
    for key in ("close", "submit"):
        if key in view:
            problems.check(0 < len(view[key]["text"]) <= limits.MODAL_BUTTON, f"modal {key}")
    blocks = view.get("blocks", [])
    problems.check(0 < len(blocks) <= limits.MODAL_BLOCKS, f"{len(blocks)} modal blocks")
    _check_blocks(blocks, problems)
    _check_dump(view, problems)
    return problems.found


def _check_blocks(blocks: list[dict[str, Any]], problems: Problems) -> None:
    try:
        parsed = Block.parse_all(blocks)
        problems.check(all(p is not None for p in parsed), "a block did not parse")
        problems.check(
            [p.to_dict() for p in parsed if p is not None] == blocks,
            "blocks change when parsed and serialized again",
        )
    except Exception as error:
        problems.check(False, f"blocks do not validate: {error}")
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    problems.check(len(block_ids) == len(set(block_ids)), "duplicate block_id")
    for block in blocks:
        _check_block(block, problems)


def _check_block(block: dict[str, Any], problems: Problems) -> None:
    kind = block.get("type")
    problems.check(kind in _BLOCK_TYPES, f"unexpected block type {kind}")
    if "block_id" in block:
        problems.check(0 < len(block["block_id"]) <= limits.BLOCK_ID, "block_id length")
    if kind == "header":
        _check_text(block["text"], limits.HEADER_TEXT, problems, plain=True)
    elif kind == "section":
        problems.check("text" in block or "fields" in block, "section without text")
        if "text" in block:
            _check_text(block["text"], limits.SECTION_TEXT, problems)
        fields = block.get("fields", [])
        problems.check(len(fields) <= limits.SECTION_FIELDS, f"{len(fields)} fields")
        for field in fields:
            _check_text(field, limits.FIELD_TEXT, problems)
        if "accessory" in block:
            _check_element(block["accessory"], problems)
    elif kind == "context":
        elements = block.get("elements", [])
        problems.check(0 < len(elements) <= limits.CONTEXT_ELEMENTS, "context elements")
        for element in elements:
            if element.get("type") == "image":
                _check_element(element, problems)
            else:
                _check_text(element, limits.TEXT_OBJECT, problems)
    elif kind == "actions":
        elements = block.get("elements", [])
        problems.check(0 < len(elements) <= limits.ACTIONS_ELEMENTS, "actions elements")
        ids = [e.get("action_id") for e in elements]
        problems.check(len(ids) == len(set(ids)), f"duplicate action_id in a block: {ids}")
        for element in elements:
            _check_element(element, problems)


def _check_element(element: dict[str, Any], problems: Problems) -> None:
    kind = element.get("type")
    if kind == "button":
        _check_text(element["text"], limits.BUTTON_TEXT, problems, plain=True)
        action_id = element.get("action_id", "")
        problems.check(0 < len(action_id) <= limits.ACTION_ID, "action_id length")
        if "url" in element:
            _check_url(element["url"], limits.URL, problems)
        if "value" in element:
            value = element["value"]
            problems.check(0 < len(value) <= limits.BUTTON_VALUE, f"value {len(value)} chars")
        problems.check("url" in element or "value" in element, "button without url or value")
    elif kind == "image":
        _check_url(element.get("image_url", ""), limits.URL, problems)
        alt = element.get("alt_text", "")
        problems.check(len(alt.strip()) > 0 and len(alt) <= limits.ALT_TEXT, "alt_text")
        problems.check(not _MENTION_OPEN.search(alt), f"markup in alt text: {alt!r}")
    else:
        problems.check(False, f"unexpected element {kind}")


def _check_text(obj: dict[str, Any], limit: int, problems: Problems, plain: bool = False) -> None:
    kind = obj.get("type")
    text = obj.get("text", "")
    problems.check(bool(text.strip()), f"empty {kind} text")
    problems.check(len(text) <= limit, f"{kind} text {len(text)} > {limit}")
    problems.check(not _BROADCAST.search(text), f"broadcast word in {text[:200]!r}")
    if plain or kind == "plain_text":
        problems.check(kind == "plain_text", f"expected plain_text, got {kind}")
        problems.check(
            re.search("<(?!" + ZWSP + ")", text) is None, f"markup opener in plain text {text!r}"
        )
        return
    problems.check(kind == "mrkdwn", f"unexpected text type {kind}")
    problems.check(obj.get("verbatim") is True, "mrkdwn without verbatim")
    for match in _LINK.finditer(text):
        _check_url(match.group(1), limits.INLINE_URL, problems)
    rest = _LINK.sub("", text)
    problems.check("<" not in rest and ">" not in rest, f"stray markup in mrkdwn {rest[:300]!r}")


def _check_url(url: str, limit: int, problems: Problems) -> None:
    problems.check(0 < len(url) <= limit, f"url of {len(url)} chars")
    problems.check(not any(c.isspace() for c in url), f"space in url {url[:100]!r}")
    problems.check(not any(c in url for c in "<>|"), f"markup in url {url[:100]!r}")
    try:
        parts = urlsplit(url)
    except ValueError:
        problems.check(False, f"unparseable url {url[:100]!r}")
        return
    problems.check(parts.scheme in ("http", "https") and bool(parts.hostname), f"url {url[:100]!r}")


def _check_dump(payload: dict[str, Any], problems: Problems) -> None:
    dump = json.dumps(payload, ensure_ascii=False)
    found = _MENTION_OPEN.search(dump)
    problems.check(
        found is None,
        f"mention markup: {dump[max(0, (found.start() if found else 0) - 80) :][:200]!r}",
    )
