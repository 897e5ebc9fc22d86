"""Which station a data source's page URL names, and that station from the provider in use.

- PlugShare: ``https://www.plugshare.com/location/12345`` (or ``?locationId=12345``);
- Open Charge Map: ``https://openchargemap.org/site/poi/details/12345``,
  ``https://map.openchargemap.io/?id=12345``;
- AFDC: ``https://afdc.energy.gov/stations#/station/12345`` (the id is in the fragment).

The provider in use answers for the station: PlugShare's API for PlugShare links, Open
Charge Map's API for OCM links, the local index for any source it holds (the index and the
OCM provider use the source's ids in that source's namespace, :mod:`bot.records.ids`).
A link the provider can't answer for, or a station it doesn't know, is None: the caller
says nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, urlsplit

from bot.plugshare.models import Location
from bot.providers.base import Provider, ProviderError
from bot.records.ids import IdOutOfRange, location_id

log = logging.getLogger(__name__)

#: The sites whose links unfurl (manifest.yml's ``unfurl_domains`` lists the same).
UNFURL_DOMAINS: Final = ("plugshare.com", "openchargemap.org", "afdc.energy.gov")

_NUMBER: Final = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True, slots=True)
class StationLink:
    source: str  # "plugshare", "ocm" or "afdc"
    external_id: int


def _on(host: str, *sites: str) -> bool:
    return any(host == site or host.endswith("." + site) for site in sites)


def _number(text: str | None) -> int | None:
    return int(text) if text and _NUMBER.match(text) and int(text) > 0 else None


def station_link(url: str) -> StationLink | None:
    """The station ``url`` names, or None when it is no station page of a known source."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    query = parse_qs(parts.query)
    found: int | None = None
    source = ""
    if _on(host, "plugshare.com"):
        source = "plugshare"
        match = re.match(r"^/location/(\d+)/?$", parts.path)
        found = _number(match[1]) if match else _number((query.get("locationId") or [""])[0])
    elif _on(host, "openchargemap.org", "openchargemap.io"):
        source = "ocm"
        match = re.match(r"^/(?:site/poi/details|poi)/(\d+)/?$", parts.path)
        found = _number(match[1]) if match else _number((query.get("id") or [""])[0])
    elif _on(host, "afdc.energy.gov"):
        source = "afdc"
        match = re.search(r"(?:^|/)station/(\d+)/?$", parts.fragment) or re.match(
            r"^/stations?/(\d+)/?$", parts.path
        )
        found = _number(match[1]) if match else None
    return StationLink(source, found) if found is not None else None


def provider_id(provider: Provider, link: StationLink) -> int | None:
    """The provider's id for the linked station, or None when the provider can't hold it."""
    if provider.name == "plugshare":
        return link.external_id if link.source == "plugshare" else None
    # The local index and the OCM API both use namespaced ids (bot.records.ids).
    if provider.name == "local" or provider.name == link.source:
        try:
            return location_id(link.source, link.external_id)
        except (IdOutOfRange, KeyError):
            return None
    return None


def linked_location(provider: Provider, url: str) -> Location | None:
    """The station a link names, from the provider in use; None when unknown or unreachable."""
    link = station_link(url)
    if link is None:
        return None
    wanted = provider_id(provider, link)
    if wanted is None:
        return None
    try:
        return provider.location(wanted)
    except ProviderError as error:
        log.info("unfurl.unknown", extra={"source": link.source, "error": type(error).__name__})
        return None
