"""``link_shared``: a PlugShare, Open Charge Map or AFDC station link unfolds into its card.

Runs on the background pool. A link to a station the data source doesn't know (or a
page that isn't a station) unfurls to nothing, silently: no ``chat.unfurl`` at all.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.providers.links import linked_location
from bot.render.unfurl import station_unfurl
from bot.search.credits import answer_attribution
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)

#: Links looked up per message (Slack sends at most a handful).
MAX_LINKS = 5


def unfurl_links(services: SlackServices, event: dict[str, Any]) -> None:
    links = event.get("links")
    if not isinstance(links, list):
        return
    provider = services.provider
    unfurls: dict[str, dict[str, Any]] = {}
    for link in links[:MAX_LINKS]:
        url = link.get("url") if isinstance(link, dict) else None
        if not isinstance(url, str) or url in unfurls:
            continue
        location = linked_location(provider, url)
        if location is None:
            continue
        unfurls[url] = station_unfurl(
            location,
            source=provider.name,
            attribution=answer_attribution(provider, [location]),
            live_availability=provider.live_availability,
            checkins_enabled=services.store is not None,
        )
    log.info("unfurl", extra={"links": len(links), "unfurled": len(unfurls)})
    if unfurls:
        services.sender.unfurl(event, unfurls)
