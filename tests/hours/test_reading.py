"""Opening-hours texts as the sources write them, read into a week of spans."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.station_texts import afdc_hours_texts, ocm_access_comments

from bot.hours import WeeklyHours, parse_hours

ALL_DAY = ((0, 1440),)


def week(*days: tuple[tuple[int, int], ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
    return tuple(days)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("24 hours daily", week(*[ALL_DAY] * 7)),
        ("24/7", week(*[ALL_DAY] * 7)),
        (
            "Mon 5:00pm - 10:00pm; Tue 5:00pm - 10:00pm; Wed 5:00pm - 10:00pm; Thu 5:00pm - "
            "10:00pm; Fri 5:00pm - 10:00pm; Sat 8:00am - 10:00pm; Sun 8:00am - 10:00pm",
            week(*[((1020, 1320),)] * 5, ((480, 1320),), ((480, 1320),)),
        ),
        (
            "Mon 6:00am - 11:59pm; Tue 6:00am - 11:59pm",
            week(((360, 1440),), ((360, 1440),), (), (), (), (), ()),
        ),
        ("Mon 12:00am - 12:00am", week(ALL_DAY, (), (), (), (), (), ())),
        ("8am-5pm M-F, 24 hours Sat-Sun", week(*[((480, 1020),)] * 5, ALL_DAY, ALL_DAY)),
        ("9AM-5PM M-F", week(*[((540, 1020),)] * 5, (), ())),
        ("6am-11pm M-Sat; guests only", week(*[((360, 1380),)] * 6, ())),
        ("6am - 11pm", week(*[((360, 1380),)] * 7)),
        ("8pm-2am daily", week(*[((1200, 1560),)] * 7)),
        ("Mon-Fri 9-5", week(*[((540, 1020),)] * 5, (), ())),
        (
            "Open during business hours 8am -5pm M-F; need to enter building to receive code",
            week(*[((480, 1020),)] * 5, (), ()),
        ),
        ("Du Lundi au Vendredi : de 08h30 à 17h30", week(*[((510, 1050),)] * 5, (), ())),
        (
            "Lundi: \t9.00-18.30 \t  Mardi: \t9.00-18.30 \t  Mercredi: \t9.00-18.30 \t  Jeudi: "
            "\t9.00-18.30 \t  Vendredi: \t9.00-18.30 \t  Samedi: \t09.00-12.00 \t14.00-17.00 "
            "Dimanche: \tfermé \t",
            week(*[((540, 1110),)] * 5, ((540, 720), (840, 1020)), ()),
        ),
        ("24 hours daily; call 555-123-4567", week(*[ALL_DAY] * 7)),
    ],
)
def test_hours_texts_are_read(text: str, days: tuple) -> None:
    hours = parse_hours(text)
    assert hours is not None
    assert hours.days == days


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Dealership business hours",
        "Contact station for hours of availability.",
        "Dawn to dusk daily",
        "During park hours",
        "7:30-7:30 M-F, 8:00-12:00 S",  # which day is "S"?
        "Dealership business hours; contact 631-289-9100 for more information",
        "open 25pm-3am",
    ],
)
def test_texts_that_cannot_be_read_give_none(text: str) -> None:
    assert parse_hours(text) is None


def test_open_at_a_moment_uses_the_day_and_runs_past_midnight() -> None:
    late = parse_hours("8pm-2am daily")
    assert late is not None
    assert late.open_on(datetime(2026, 11, 30, 1, 30))  # Monday 01:30, from Sunday's span
    assert not late.open_on(datetime(2026, 11, 30, 2, 0))
    assert late.open_on(datetime(2026, 11, 30, 20, 0))
    weekdays = parse_hours("9AM-5PM M-F")
    assert weekdays is not None
    assert weekdays.open_on(datetime(2026, 11, 27, 9, 0))  # Friday
    assert not weekdays.open_on(datetime(2026, 11, 28, 12, 0))  # Saturday
    assert not weekdays.open_on(datetime(2026, 11, 27, 17, 0))
    assert WeeklyHours.always().is_always_open
    assert not weekdays.is_always_open
    assert parse_hours("8pm-2am daily").is_always_open is False  # type: ignore[union-attr]


def test_every_afdc_hours_text_is_read_or_left_unknown() -> None:
    texts = afdc_hours_texts()
    assert len(texts) > 100
    read = {text: parse_hours(text) for text in texts}
    # Every "24 hours daily..." is always open; every AFDC "Mon h - h; ..." list is read.
    for text, hours in read.items():
        if text.lower().startswith("24 hours daily"):
            assert hours is not None and hours.is_always_open, text
        if text.startswith("Mon ") and "am" in text:
            assert hours is not None, text
        if "business hours" in text.lower() and not any(c.isdigit() for c in text[:30]):
            assert hours is None, text
    fraction = sum(h is not None for h in read.values()) / len(texts)
    assert fraction >= 0.75, fraction


def test_ocm_access_comments_with_hours_are_read_and_others_are_not() -> None:
    read = {text: parse_hours(text) for text in ocm_access_comments()}
    with_hours = {text for text, hours in read.items() if hours is not None}
    assert with_hours == {text for text in read if text.startswith(("Lundi", "Du Lundi"))}


def test_free_text_counts_only_with_days_named() -> None:
    assert parse_hours("Charging limited to 2-4 hours", days_named=True) is None
    assert parse_hours("Limited to 2-4 hours") is not None  # an hours field would read it
    french = parse_hours("Du Lundi au Vendredi : de 08h30 à 17h30", days_named=True)
    assert french is not None and french.days[0] == ((510, 1050),)
