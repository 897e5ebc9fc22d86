"""Interactive elements on ChargeBot's messages: their action ids and what their values carry.

This is the contract between the renderers (which put buttons on cards) and the
Slack action listeners (which answer the clicks).
"""

from __future__ import annotations

from bot.search.request import SearchRequest

#: Button on an ambiguous-place reply; value: SearchRequest with ``place`` set.
CHOOSE_PLACE = "choose_place"
#: Button after the last card; value: SearchRequest with ``page`` + 1.
MORE_RESULTS = "more_results"
#: Button on a card; value: the location id (``str(int)``).
SHOW_CHECKINS = "show_checkins"
#: Button on a card; value: the location id. Opens the check-in modal (state issue).
CHECK_IN = "check_in"
#: Button under the answer; value: SearchRequest. Opens the Refine modal.
REFINE = "refine"
#: Button on an ephemeral answer; value: SearchRequest. Posts the answer for everyone.
SHARE = "share_in_channel"
#: URL buttons; Slack still sends a block_actions payload that must be acked.
OPEN_LOCATION = "open_location"
DIRECTIONS = "directions"

#: Slack's limit on a button's ``value``.
MAX_VALUE = 2000


def encode_request(request: SearchRequest) -> str:
    """A SearchRequest as a button value, at most 2,000 characters.

    When the JSON would be longer, the text is shortened (the parser reads at most
    1,000 characters of it anyway); callers should set ``place`` so that nothing
    needs geocoding again.
    """

    def encoded(length: int) -> str:
        shorter = request.model_copy(update={"text": request.text[:length]})
        return shorter.model_dump_json(exclude_defaults=True)

    value = encoded(len(request.text))
    if len(value) <= MAX_VALUE:
        return value
    # JSON escaping makes a character cost one to six; find the longest prefix that fits.
    low, high = 0, len(request.text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(encoded(middle)) <= MAX_VALUE:
            low = middle
        else:
            high = middle - 1
    return encoded(low)


def decode_request(value: str) -> SearchRequest:
    """The SearchRequest in a button value. Raises ``ValueError`` on a malformed value."""
    return SearchRequest.model_validate_json(value)
