"""A member's "leaving at" time: their wall-clock time, turned into a moment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.slack.people import leaving_time

# 22:00 on Saturday 9 March 2024 in Los Angeles; clocks go forward at 02:00 that night.
NOW = datetime(2024, 3, 10, 6, 0, tzinfo=UTC)
LA = "America/Los_Angeles"


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        ("23:30", datetime(2024, 3, 10, 7, 30, tzinfo=UTC)),  # later tonight (PST)
        ("21:00", datetime(2024, 3, 10, 5, 0, tzinfo=UTC)),  # an hour ago, still tonight
        ("07:00", datetime(2024, 3, 10, 14, 0, tzinfo=UTC)),  # tomorrow morning, now PDT
    ],
)
def test_the_nearest_such_time_where_the_member_is(picked: str, expected: datetime) -> None:
    assert leaving_time(picked, LA, NOW) == expected


def test_the_same_time_means_different_moments_in_different_zones() -> None:
    berlin = leaving_time("09:00", "Europe/Berlin", NOW)  # 07:00 there: in two hours
    assert berlin == datetime(2024, 3, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("tz", [None, "Mars/Olympus_Mons", "../../etc/passwd"])
def test_without_a_known_time_zone_there_is_no_moment(tz: str | None) -> None:
    assert leaving_time("09:00", tz, NOW) is None
