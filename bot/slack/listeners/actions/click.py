"""How every button listener opens: ack, find the services, read who clicked and where the
answer goes, decode the button's value (or say the button is stale), rate-limit, and hand
the work to the background pool. A listener is then only what is particular to it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.render import status
from bot.render.actions import decode_request
from bot.search import SearchContext, SearchRequest
from bot.slack import searches
from bot.slack.delivery import Destination, Message
from bot.slack.payloads import action_destination, context_of, first_action, for_the_clicker
from bot.slack.services import SlackServices, services_of

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Click:
    services: SlackServices
    body: dict[str, Any]
    #: Where an answer to the click goes (the clicked message), when Slack says.
    destination: Destination | None
    #: Who clicked, in which workspace and channel.
    who: SearchContext

    @property
    def action(self) -> dict[str, Any]:
        return first_action(self.body)

    def submit(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``work`` on the background pool (the ack has gone already)."""
        self.services.background.submit(work, *args, **kwargs)

    def tell(self, message: Message) -> None:
        """Say something privately to the person who clicked, where they clicked."""
        if self.destination is not None:
            self.submit(self.services.sender.notify, self.destination, message)

    def _stale(self) -> None:
        log.info("action.bad_value", extra={"action": str(self.action.get("action_id", ""))[:40]})
        self.tell(status.stale_button())

    def request(self) -> SearchRequest | None:
        """The search request the button carries; ``None`` (said) when it is unreadable."""
        value = self.action.get("value")
        try:
            if not isinstance(value, str):
                raise ValueError("no value")
            return decode_request(value)
        except ValueError:
            self._stale()
            return None

    def location_id(self) -> int | None:
        """The location id a card's button carries; ``None`` (said) when it is unreadable."""
        value = self.action.get("value")
        try:
            return int(value) if isinstance(value, str) else self._stale()
        except ValueError:
            return self._stale()

    def rate_limited(self) -> bool:
        """True (and said) when this person may not search again yet."""
        denied = searches.rate_limit_message(self.services, self.who.team_id, self.who.user_id)
        if denied:
            self.tell(denied)
        return denied is not None

    def for_owner(self, owner: str | None) -> Click | None:
        """This click, answered to the clicker alone when it is on another member's shared
        answer (``owner``: whose answer); ``None`` when that cannot be done."""
        if self.destination is None:
            return self
        destination = for_the_clicker(self.body, owner, self.destination)
        return None if destination is None else dataclasses.replace(self, destination=destination)

    def redo(self) -> tuple[SearchRequest, Click, Destination] | None:
        """For a button that redoes its answer's search: the request it carries, this click
        as its owner may answer it, and where; ``None`` when it cannot be done (said)."""
        request = self.request()
        if request is None or self.destination is None:
            return None
        click = self.for_owner(request.owner)
        if click is None or click.destination is None:
            return None
        return request, click, click.destination

    def open_view(self, view: dict[str, Any]) -> str | None:
        """Open a modal with the click's trigger (valid 3 s); its view id, or ``None``."""
        trigger_id = self.body.get("trigger_id")
        if not isinstance(trigger_id, str):
            return None
        return self.services.sender.open_view(trigger_id, view)


def clicked(ack: Ack, body: dict[str, Any], context: BoltContext) -> Click:
    """Ack the click at once and gather what every button listener needs."""
    ack()
    return Click(services_of(context), body, action_destination(body), context_of(body))
