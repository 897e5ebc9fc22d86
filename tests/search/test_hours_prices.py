"""Open now / 24/7 / open at 7am and cheapest / under X per kWh on the real NY AFDC index.

Each answer is compared with the provider's own list checked by hand: the pipeline must
keep exactly the open (or hours-unknown) ones, or order exactly by the read price.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.nominatim import NominatimServer

from bot.answer.answer import Answer
from bot.config import Settings, load_settings
from bot.geo import build_resolver
from bot.hours import location_hours
from bot.plugshare.models import Location
from bot.prices import format_price, location_price
from bot.providers import make_provider
from bot.render.text import render_text
from bot.search import Outcome, SearchPipeline

NEW_YORK = ZoneInfo("America/New_York")
#: Wednesday 2026-11-25 04:30 in New York: most business-hours stations are shut.
EARLY = datetime(2026, 11, 25, 4, 30, tzinfo=NEW_YORK).astimezone(UTC)


@pytest.fixture
def settings(ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path) -> Settings:
    return load_settings(db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3")


@pytest.fixture
def pipeline(settings: Settings) -> Iterator[SearchPipeline]:
    pipeline = SearchPipeline(
        settings, make_provider(settings), build_resolver(settings), clock=lambda: EARLY
    )
    yield pipeline
    pipeline.close()


def candidates(pipeline: SearchPipeline, answer: Answer) -> list[Location]:
    assert answer.place is not None
    return pipeline.provider.nearby(
        answer.place.latitude, answer.place.longitude, answer.filters, answer.radius_m, 100
    )


def test_open_now_keeps_open_and_unknown_stations_in_the_places_time(
    pipeline: SearchPipeline,
) -> None:
    answer = pipeline.answer("chargers within 5 miles of Penn Station open now")
    assert answer.outcome is Outcome.RESULTS
    assert answer.query is not None and answer.query.open_at == "now"
    assert answer.checks is not None and answer.checks.moment is not None
    assert answer.checks.moment.utcoffset() == datetime(2026, 11, 25, tzinfo=NEW_YORK).utcoffset()
    assert (answer.checks.moment.hour, answer.checks.moment.minute) == (4, 30)
    local = EARLY.astimezone(NEW_YORK)
    expected = []
    closed = 0
    for location in candidates(pipeline, answer):
        hours = location_hours(location)
        if hours is None or hours.open_on(local):
            expected.append(location.id)
        else:
            closed += 1
    assert closed > 0  # the test means something: some stations are shut at 4:30
    assert [loc.id for loc in answer.locations] == expected[: answer.per_page]
    assert answer.checks.closed == closed


def test_hours_unknown_are_marked_and_counted(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("chargers within 30 miles of Albany open 24/7 top 10")
    assert answer.outcome is Outcome.RESULTS
    assert answer.checks is not None
    unknown = [loc for loc in answer.locations if location_hours(loc) is None]
    for location in answer.locations:
        hours = location_hours(location)
        assert hours is None or hours.is_always_open
    text = render_text(answer)
    if unknown:
        assert f"{len(unknown)} station" in text and "hours unknown" in text
        assert text.count("hours unknown") == len(unknown) + 1  # each card, plus the note
    assert answer.checks.closed > 0


def test_open_at_seven_checks_the_next_seven_oclock(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("chargers within 5 miles of Penn Station open at 7am")
    assert answer.checks is not None and answer.checks.moment is not None
    moment = answer.checks.moment
    assert (moment.hour, moment.minute, moment.day) == (7, 0, 25)  # later the same day
    answer_late = SearchPipeline(
        pipeline.settings,
        pipeline.provider,
        pipeline.resolver,
        clock=lambda: datetime(2026, 11, 25, 20, 0, tzinfo=NEW_YORK),
    ).answer("chargers within 5 miles of Penn Station open at 7am")
    assert answer_late.checks is not None and answer_late.checks.moment is not None
    assert answer_late.checks.moment.day == 26  # 7am has passed: tomorrow's


def test_cheapest_orders_by_price_per_kwh_then_unpriced(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("cheapest CCS within 10 miles of Penn Station top 10")
    assert answer.outcome is Outcome.RESULTS
    assert answer.query is not None and answer.query.sort == "price"
    found = candidates(pipeline, answer)
    priced = sorted(
        ((p[0], i, loc.id) for i, loc in enumerate(found) if (p := location_price(loc))),
    )
    unpriced = [loc.id for loc in found if location_price(loc) is None]
    assert len(priced) >= 3 and unpriced
    expected = [i for _, _, i in priced] + unpriced
    assert [loc.id for loc in answer.locations] == expected[:10]
    text = render_text(answer)
    shown = [p for loc in answer.locations if (p := location_price(loc)) and p[0] > 0]
    assert shown  # CCS is seldom free: some cards show a price
    for price in shown:
        assert f"≈ {format_price(*price)} all in" in text


def test_under_a_price_drops_dearer_stations(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("chargers within 10 miles of Penn Station under 30 cents/kWh")
    assert answer.query is not None and answer.query.max_price_per_kwh == pytest.approx(0.30)
    assert answer.checks is not None
    assert answer.checks.too_dear > 0
    for location in answer.locations:
        price = location_price(location)
        assert price is None or price[0] <= 0.30
    dear = [loc for loc in candidates(pipeline, answer) if (p := location_price(loc))
            and p[0] > 0.30]  # fmt: skip
    assert len(dear) == answer.checks.too_dear
    assert any("over 0.30 per kWh" in note for note in answer.notes)


def test_the_price_cap_note_names_the_currency(pipeline: SearchPipeline) -> None:
    answer = pipeline.answer("chargers within 10 miles of Penn Station under 30 cents/kWh")
    assert answer.checks is not None and answer.checks.too_dear > 0
    # NY's prices are written in dollars: the cap is shown the way the cards show prices.
    assert answer.checks.too_dear_currencies == {"$"}
    note = f"I left out {answer.checks.too_dear} stations over 0.30 per kWh ($0.30/kWh,"
    assert any(n.startswith(note) for n in answer.notes), answer.notes
    assert "($0.30/kWh, your price cap)." in render_text(answer)


def test_json_says_what_was_asked_and_found(pipeline: SearchPipeline) -> None:
    from bot.render.data import render_json

    answer = pipeline.answer("cheapest CCS within 10 miles of Penn Station, open at 7am")
    data = render_json(answer)
    assert data["query"]["open_at"] == "07:00"
    assert data["query"]["sort"] == "price"
    assert data["query"]["max_price_per_kwh"] is None
    checks = data["checks"]
    assert checks["checked_at"].startswith("2026-11-25T07:00")
    shown = [str(loc["id"]) for loc in data["locations"]]
    assert set(checks["price_per_kwh"]) <= set(shown)
    prices = [checks["price_per_kwh"][i]["price"] for i in shown if i in checks["price_per_kwh"]]
    assert prices == sorted(prices)
    assert pipeline.answer("CCS near Penn Station").checks is None


def test_a_trip_says_hours_and_prices_are_not_checked_along_it(
    trip_pipeline: SearchPipeline,
) -> None:
    from bot.search.pipeline import ROUTE_UNCHECKED_NOTE

    answer = trip_pipeline.answer("cheapest CCS from Buffalo to New York City, open now")
    assert answer.trip is not None and answer.locations
    assert ROUTE_UNCHECKED_NOTE in answer.notes
    plain = trip_pipeline.answer("CCS from Buffalo to New York City")
    assert ROUTE_UNCHECKED_NOTE not in plain.notes
