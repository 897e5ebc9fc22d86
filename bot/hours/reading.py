"""Opening-hours free text -> :class:`WeeklyHours`, or None when it can't be read.

The texts come from AFDC's ``access_days_time`` ("24 hours daily", "Mon 6:00am - 11:59pm;
Tue ...", "8am-5pm M-F, 24 hours Sat-Sun"), PlugShare's ``hours`` and OCM's access
comments ("Lundi: 9.00-18.30 ...", "Du Lundi au Vendredi : de 08h30 à 17h30").

How a text is read:

- it is cut into clauses at ";", "," and sentence ends; each clause holds day names
  (ranges such as "M-F", "Mon-Sat", "du lundi au vendredi", or "daily") and time ranges
  ("6am-9pm", "9.00-18.30", "08h30 à 17h30", "24 hours"), in either order; days
  without a time range after them take the next one ("Mon 8am-5pm" and "8am-5pm Mon");
- a clause with no time range is a note ("guests only", "2 hour limit") and is skipped;
- a clause with a time range that can't be read (an unknown day such as "S") makes the
  whole text unreadable: a half-read schedule would call a station closed when it isn't;
- a text with no readable time range ("Dealership business hours", "Dawn to dusk") is
  unreadable. The caller keeps such stations and marks them "hours unknown".
- "12:00am - 12:00am" is the whole day; an end of "11:59pm" is read as midnight; an end
  before the start runs past midnight; "7:30-7:30" without am/pm is 7:30 to 19:30.
"""

from __future__ import annotations

import re
from typing import Final

from .week import MINUTES_PER_DAY, Span, WeeklyHours

_DAYS: Final[dict[str, int]] = {
    **dict.fromkeys(("mon", "monday", "mo", "m", "lundi", "lun"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday", "tu", "mardi", "mar"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday", "we", "w", "mercredi", "mer"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday", "th", "r", "jeudi", "jeu"), 3),
    **dict.fromkeys(("fri", "friday", "fr", "f", "vendredi", "ven"), 4),
    **dict.fromkeys(("sat", "saturday", "sa", "samedi", "sam"), 5),
    **dict.fromkeys(("sun", "sunday", "su", "dimanche", "dim"), 6),
}
_ALL_DAYS: Final = frozenset(range(7))
_DAY_SETS: Final[dict[str, frozenset[int]]] = {
    "daily": _ALL_DAYS,
    "everyday": _ALL_DAYS,
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}
_CLOSED: Final = frozenset({"closed", "fermé", "ferme", "fermee", "fermée"})
_RANGE_WORDS: Final = frozenset(
    {"-", "–", "—", "to", "thru", "through", "until", "till", "à", "au"}
)

_TIME = r"(?:\d{1,2}(?:[:.h]\d{2})?(?!\d)\s*(?:[ap]\.?m\.?)?|noon|midnight)"
_TOKEN: Final = re.compile(
    rf"(?P<range>(?:de\s+)?(?<![\d:.-]){_TIME}\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|à)\s*{_TIME})"
    r"|(?P<allday>\b24\s*(?:/\s*7|x7|hours?|hrs?|h)\b|\ball\s+day\b|\baround the clock\b)"
    r"|(?P<word>[a-zéè]+)"
    r"|(?P<dash>[-–—])",
    re.IGNORECASE,
)
_ONE_TIME: Final = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*(?P<meridiem>[ap])?\.?m?\.?|(?P<named>noon|midnight)",
    re.IGNORECASE,
)
_CLAUSES: Final = re.compile(r"[;,]|\.(?:\s|$)|\n")
#: A clause that mentions a time range at all: if it can't be read, the text can't be.
_LOOKS_LIKE_HOURS: Final = re.compile(
    rf"(?<![\d:.-]){_TIME}\s*(?:-|–|—|\bto\b|à)\s*{_TIME}|\b24\s*(?:/\s*7|x7|hours?)", re.IGNORECASE
)
#: Words that carry no meaning for hours and may sit between days and times.
_FILLER: Final = frozenset(
    {
        "open",
        "opening",
        "hours",
        "hour",
        "from",
        "de",
        "du",
        "le",
        "les",
        "and",
        "et",
        "&",
        "days",
        "day",
        "a",
        "week",
        "the",
        "every",
        "on",
        "is",
        "station",
        "jours",
        "tous",
        "y",
        "during",
        "business",
        "available",
        "access",
    }
)


class _Unreadable(Exception):
    pass


def _minutes(text: str) -> tuple[int, bool]:
    """Minutes after midnight of one time, and whether it had am/pm."""
    match = _ONE_TIME.fullmatch(text.strip())
    if match is None:
        raise _Unreadable(text)
    if match["named"]:
        return (720 if match["named"].lower() == "noon" else 0), True
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    meridiem = (match["meridiem"] or "").lower()
    if minute >= 60:
        raise _Unreadable(text)
    if meridiem:
        if not 1 <= hour <= 12:
            raise _Unreadable(text)
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour > 24:
        raise _Unreadable(text)
    return hour * 60 + minute, bool(meridiem)


def _span(text: str) -> Span:
    text = re.sub(r"^de\s+", "", text.strip(), flags=re.IGNORECASE)
    first, second = re.split(r"\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|à)\s*", text, maxsplit=1)
    start, start_meridiem = _minutes(first)
    end, end_meridiem = _minutes(second)
    # "9-5pm": the start shares the end's half of the day when that keeps it first.
    if not start_meridiem and end_meridiem and end >= 720 and start + 720 < end:
        start += 720
    if end % 60 == 59:
        end += 1  # "11:59pm" closes at midnight
    if end == start:
        return (0, MINUTES_PER_DAY) if start == 0 or start_meridiem else (start, start + 720)
    if end < start:
        if not start_meridiem and not end_meridiem and end + 720 > start and end < 720:
            return start, end + 720  # "7:30-5:30" without am/pm: 7:30 to 17:30
        end += MINUTES_PER_DAY  # runs past midnight
    return start, min(end, MINUTES_PER_DAY * 2)


class _Group:
    def __init__(self) -> None:
        self.days: set[int] = set()
        self.spans: list[Span] = []
        self.closed = False
        self.days_first: bool | None = None


def _clause_groups(clause: str) -> list[_Group]:
    groups: list[_Group] = [_Group()]
    pending_day: int | None = None  # the start of a day range ("Mon" in "Mon-Fri")
    in_range = False
    for match in _TOKEN.finditer(clause):
        group = groups[-1]
        kind = match.lastgroup
        value = match.group(0).lower()
        if kind in ("range", "allday"):
            span = _span(match.group(0)) if kind == "range" else (0, MINUTES_PER_DAY)
            if group.days_first is False and group.days:
                group = _Group()
                groups.append(group)
            if group.days_first is None:
                group.days_first = False
            group.spans.append(span)
            in_range = False
            continue
        if kind == "dash" or value in _RANGE_WORDS:
            in_range = pending_day is not None
            continue
        if value in _DAYS or value in _DAY_SETS:
            days = {_DAYS[value]} if value in _DAYS else set(_DAY_SETS[value])
            if group.days_first and group.spans:
                group = _Group()
                groups.append(group)
            if group.days_first is None:
                group.days_first = True
            if in_range and pending_day is not None and value in _DAYS:
                last = _DAYS[value]
                day = pending_day
                while day != last:
                    group.days.add(day)
                    day = (day + 1) % 7
                group.days.add(last)
                pending_day = None
            else:
                group.days |= days
                pending_day = _DAYS.get(value)
            in_range = False
            continue
        if value in _CLOSED:
            group.closed = True
            continue
        if value in _FILLER:
            continue
        pending_day = None
        in_range = False
    return [g for g in groups if g.spans or g.closed]


def parse_hours(text: str | None, *, days_named: bool = False) -> WeeklyHours | None:
    """The week ``text`` describes, or None when it can't be read with confidence.

    ``days_named``: every time range must come with days ("Lundi: 9.00-18.30", "8am-5pm
    daily"), for free text that is not an hours field (an OCM description), where "2-4
    hours" is a time limit, not an opening time.
    """
    if not text or not text.strip():
        return None
    days: list[list[Span]] = [[] for _ in range(7)]
    read_any = False
    try:
        for clause in _CLAUSES.split(text):
            if not _LOOKS_LIKE_HOURS.search(clause):
                continue
            groups = _clause_groups(clause)
            if not groups:
                raise _Unreadable(clause)
            for group in groups:
                if days_named and not group.days and not group.closed:
                    raise _Unreadable(clause)
                for day in group.days or _ALL_DAYS:
                    days[day].extend(group.spans)
                read_any = True
            _check_words(clause)
    except (_Unreadable, ValueError):
        return None
    if not read_any:
        return None
    return WeeklyHours(tuple(tuple(sorted(spans)) for spans in days))


def _check_words(clause: str) -> None:
    """A lone letter that is not a day we know ("8:00-12:00 S") makes the clause unsure."""
    for word in re.findall(r"(?<![\w:.])([a-z])(?![\w:.])", clause, re.IGNORECASE):
        if word.lower() not in _DAYS and word.lower() not in ("a", "à", "y"):
            raise _Unreadable(clause)
