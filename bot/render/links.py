"""URLs that may go into a message: a location's page, directions, photos.

A URL from data is used only when it is http(s), has a host and no user name or
password, and fits Slack's limit; otherwise it is dropped rather than sent (Slack
rejects the whole message for one bad URL, a ``javascript:`` link must never reach
a user, and ``https://plugshare.com@evil.example`` is a phishing trick, not a page).

A location's own link (the card's name) and its photos are stricter still, because
an imported file can put any URL there: they must be https and on a host of a data
source, :data:`SOURCE_HOSTS` (or under :data:`SOURCE_PREFIXES`); anything else is
dropped, and PlugShare's data falls back to PlugShare's own page.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from bot.plugshare.models import Location
from bot.render import limits

PLUGSHARE_LOCATION = "https://www.plugshare.com/location/{id}"

#: The data sources' own sites (each with its subdomains): station pages and photos.
SOURCE_HOSTS = frozenset(
    {
        "plugshare.com",  # PlugShare pages, photos.plugshare.com
        "afdc.energy.gov",  # AFDC station pages
        "openchargemap.io",  # Open Charge Map pages, media.openchargemap.io
        "openchargemap.org",
    }
)
#: Shared hosts where only one source's folder is trusted (Open Charge Map's photos).
SOURCE_PREFIXES = ("https://s3-ap-southeast-2.amazonaws.com/openchargemap/",)
GOOGLE_DIRECTIONS = "https://www.google.com/maps/dir/?api=1&destination={lat:.6f},{lng:.6f}"

# Characters that would end or split Slack's <url|label> markup, percent-encoded instead;
# and "@", so that no "@here" can appear even inside a link (paths keep their meaning).
_MARKUP = str.maketrans({"<": "%3C", ">": "%3E", "|": "%7C", "@": "%40"})


def safe_url(url: str | None, limit: int = limits.URL) -> str | None:
    """``url`` when it is safe to send, ``None`` otherwise."""
    if not url:
        return None
    url = url.strip()
    if any(char.isspace() or not char.isprintable() for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    url = url.translate(_MARKUP)
    return url if len(url) <= limit else None


def source_url(url: str | None, limit: int = limits.URL) -> str | None:
    """``url`` when it is safe, https, and on a data source's host (see the module)."""
    url = safe_url(url, limit)
    if url is None or not url.lower().startswith("https://"):
        return None
    if url.startswith(SOURCE_PREFIXES):
        return url
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if any(host == site or host.endswith("." + site) for site in SOURCE_HOSTS):
        return url
    return None


def is_plugshare(source: str) -> bool:
    return source.strip().lower().startswith("plugshare")


def location_page(location: Location, source: str) -> str | None:
    """The location's own page: its ``url``, else PlugShare's page when the data is PlugShare's."""
    page = source_url(location.url)
    if page is None and is_plugshare(source):
        page = PLUGSHARE_LOCATION.format(id=location.id)
    return page


def directions(latitude: float, longitude: float) -> str | None:
    """A maps URL that opens turn-by-turn directions to the point on any device."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return GOOGLE_DIRECTIONS.format(lat=latitude, lng=longitude)
