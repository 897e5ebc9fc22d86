"""Opening hours: text -> a week of spans, a point -> its time zone, and "open at ...?".

``location_hours(location)`` reads a PlugShare-shaped location: ``open247`` first, then
its ``hours`` text (AFDC ``access_days_time`` and OCM access comments are mapped there),
then its stations' hours, then its description when that names days and times (OCM's
access comments are mapped there). None means "hours unknown".
"""

from __future__ import annotations

from bot.plugshare.models import Location

from .reading import parse_hours
from .week import DAY_NAMES, WeeklyHours, next_moment
from .zones import zone_at

__all__ = [
    "DAY_NAMES",
    "WeeklyHours",
    "location_hours",
    "next_moment",
    "parse_hours",
    "zone_at",
]


def location_hours(location: Location) -> WeeklyHours | None:
    if location.open247:
        return WeeklyHours.always()
    found = parse_hours(location.hours)
    if found is not None:
        return found
    week: WeeklyHours | None = None
    for station in location.stations:
        hours = parse_hours(station.hours)
        if hours is not None:
            week = hours if week is None else week.union(hours)
    if week is None:
        week = parse_hours(location.description, days_named=True)
    return week
