"""URLs that may go into a message: a location's page, directions, photos.

A URL from data is used only when it is http(s), has a host and no user name or
password, and fits Slack's limit; otherwise it is dropped rather than sent (Slack
rejects the whole message for one bad URL, a ``javascript:`` link must never reach
a user, and ``https://plugshare.com@evil.example`` is a phishing trick, not a page).
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from bot.plugshare.models import Location
from bot.render import limits

PLUGSHARE_LOCATION = "https://www.plugshare.com/location/{id}"
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


def is_plugshare(source: str) -> bool:
    return source.strip().lower().startswith("plugshare")


def location_page(location: Location, source: str) -> str | None:
    """The location's own page: its ``url``, else PlugShare's page when the data is PlugShare's."""
    page = safe_url(location.url)
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
