"""Who a member is, as much as a check-in needs: a first name and a time zone.

One ``users.info`` call (the ``users:read`` scope). The time zone turns the "leaving at"
time a member picks (their wall-clock time) into a moment, which others read as a span
("leaving in 40 minutes") whatever their own time zone; the first name goes beside
their check-ins (never a mention, which would ping them). Without the scope, or when
Slack fails, a check-in is still saved, without a name and without a leaving time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

#: A picked time is the occurrence of that time of day nearest to now, at most this far
#: back (a member who says they leave at 08:00 at 23:00 means tomorrow morning).
MOST_HOURS_BACK = 12


@dataclass(frozen=True, slots=True)
class Member:
    first_name: str | None = None
    #: IANA time zone name (``America/New_York``), or None when unknown.
    tz: str | None = None


def _first_word(text: object) -> str | None:
    if isinstance(text, str) and text.split():
        return text.split()[0]
    return None


def member(client: WebClient, user_id: str) -> Member:
    """The member's first name and time zone; empty when Slack will not say."""
    try:
        response = client.users_info(user=user_id)
    except SlackApiError as error:
        reason = error.response.get("error", "unknown") if error.response else "unknown"
        log.warning("users_info.failed", extra={"error": str(reason)})
        return Member()
    except OSError as error:
        log.warning("users_info.failed", extra={"error": type(error).__name__})
        return Member()
    user = response.get("user")
    if not isinstance(user, dict):
        return Member()
    profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
    name = (
        _first_word(profile.get("first_name"))
        or _first_word(profile.get("display_name"))
        or _first_word(profile.get("real_name"))
        or _first_word(user.get("real_name"))
    )
    tz = user.get("tz")
    return Member(first_name=name, tz=tz if isinstance(tz, str) and tz else None)


def leaving_time(picked: str, tz: str | None, now: datetime) -> datetime | None:
    """The moment a member's "HH:MM" means where they are, or None if their zone is unknown.

    The nearest occurrence of that wall-clock time: today's, unless that is more than
    :data:`MOST_HOURS_BACK` hours ago (then tomorrow's) or more than
    ``24 - MOST_HOURS_BACK`` hours ahead (then yesterday's).
    """
    if tz is None:
        return None
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        log.info("tz.unknown", extra={"tz": tz[:40]})
        return None
    hours, minutes = (int(part) for part in picked.split(":"))
    local_now = now.astimezone(zone)
    moment = local_now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    if moment < local_now - timedelta(hours=MOST_HOURS_BACK):
        moment = _same_time_on(moment, 1, zone)
    elif moment > local_now + timedelta(hours=24 - MOST_HOURS_BACK):
        moment = _same_time_on(moment, -1, zone)
    return moment


def _same_time_on(moment: datetime, days: int, zone: ZoneInfo) -> datetime:
    # Wall-clock arithmetic: "08:00 tomorrow" stays 08:00 across a DST change.
    shifted = (moment.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=zone)
    return shifted
