"""What a Refine modal remembers between opening and submission (its ``private_metadata``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.render.actions import decode_request, encode_request
from bot.search import SearchRequest
from bot.slack.delivery import Destination

#: Slack's limit on a view's private_metadata.
MAX_METADATA = 3000


@dataclass(frozen=True, slots=True)
class RefineState:
    request: SearchRequest
    destination: Destination

    def to_metadata(self) -> str:
        # The request is at most 2,000 characters (encode_request); a destination ~300.
        text = json.dumps({"r": encode_request(self.request), "d": self.destination.to_json()})
        if len(text) > MAX_METADATA:
            raise ValueError("refine state does not fit private_metadata")
        return text

    @classmethod
    def from_metadata(cls, text: str) -> RefineState:
        """Raises ValueError on metadata this module did not write."""
        try:
            data = json.loads(text)
            return cls(decode_request(data["r"]), Destination.from_json(data["d"]))
        except (TypeError, KeyError, json.JSONDecodeError) as error:
            raise ValueError("not refine state") from error
