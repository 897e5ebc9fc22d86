"""Interactive elements on ChargeBot's messages: their action ids and what their values carry.

This is the contract between the renderers (which put buttons on cards) and the
Slack action listeners (which answer the clicks).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from bot.answer.request import SearchRequest
from bot.render.escape import truncate, valid_unicode
from bot.render.limits import BUTTON_VALUE, PLACE

#: Button on an ambiguous-place reply; value: SearchRequest with ``place`` set.
CHOOSE_PLACE = "choose_place"
#: Button after the last card; value: SearchRequest with ``page`` + 1.
MORE_RESULTS = "more_results"
#: Button on a card; value: the location id (``str(int)``).
SHOW_CHECKINS = "show_checkins"
#: Button on a card; value: the location id. Opens the check-in modal.
CHECK_IN = "check_in"
#: Button under the answer; value: SearchRequest. Opens the Refine modal.
REFINE = "refine"
#: Button in the check-ins modal, on the viewer's own workspace check-ins; value: the
#: check-in's id (``Review.source_id``). Deletes it (the store checks it is theirs).
DELETE_CHECKIN = "delete_checkin"
#: Button on an ephemeral answer; value: SearchRequest. Posts the answer for everyone.
SHARE = "share_in_channel"
#: URL buttons; Slack still sends a block_actions payload that must be acked.
OPEN_LOCATION = "open_location"
DIRECTIONS = "directions"

#: Slack's limit on a button's ``value``.
MAX_VALUE = BUTTON_VALUE

# Slack never shows a button's value, but the user's words ride in it; writing < > & as
# JSON escapes keeps markup like <!channel> out of the payload entirely (decoding is unchanged).
_JSON_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def encode_request(request: SearchRequest) -> str:
    """A SearchRequest as a button value, at most 2,000 characters.

    When the JSON would be longer, the text is shortened (the parser reads at most
    1,000 characters of it anyway), and so is an overlong place name; callers should
    set ``place`` so that nothing needs geocoding again.
    """
    if request.place is not None and len(request.place.name) > PLACE:
        place = dataclasses.replace(request.place, name=truncate(request.place.name, PLACE))
        request = request.model_copy(update={"place": place})

    fields = _valid_strings(request.model_dump(exclude_defaults=True))
    text = fields.pop("text", "")

    def encoded(length: int) -> str:
        value = json.dumps({"text": text[:length], **fields}, ensure_ascii=False,
                           separators=(",", ":"))  # fmt: skip
        return value.translate(_JSON_HTML_SAFE)

    value = encoded(len(text))
    if len(value) <= MAX_VALUE:
        return value
    # JSON escaping makes a character cost one to six; find the longest prefix that fits.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(encoded(middle)) <= MAX_VALUE:
            low = middle
        else:
            high = middle - 1
    return encoded(low)


def _valid_strings(value: Any) -> Any:
    """Lone surrogates (from JSON escapes in Slack's payloads) cannot be encoded: replace them."""
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, dict):
        return {key: _valid_strings(item) for key, item in value.items()}
    return value


def decode_request(value: str) -> SearchRequest:
    """The SearchRequest in a button value. Raises ``ValueError`` on a malformed value."""
    return SearchRequest.model_validate_json(value)
