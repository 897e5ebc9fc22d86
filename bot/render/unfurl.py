"""A pasted station link, unfolded: that station's card, as in an answer (without a number)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.answer.answer import Answer, Outcome
from bot.answer.request import SearchRequest
from bot.plugshare.models import Location
from bot.render.slack import _card


def station_unfurl(
    location: Location,
    *,
    source: str,
    attribution: str = "",
    live_availability: bool = False,
    checkins_enabled: bool = False,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``chat.unfurl`` attachment for one station: connectors, power, network, cost,
    access and hours, recent check-ins and the card's buttons (Directions...)."""
    answer = Answer(
        outcome=Outcome.RESULTS,
        request=SearchRequest(text=""),
        locations=[location],
        source=source,
        attribution=attribution,
        live_availability=live_availability,
    )
    blocks = _card(answer, location, None, checkins_enabled, True, now or datetime.now(UTC))
    return {"blocks": [block.to_dict() for block in blocks]}
