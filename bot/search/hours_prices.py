"""Open now / 24/7 / open at 7am, and prices, checked on the locations a provider found.

No provider filters on hours or price, so the pipeline asks for more candidates and this
step keeps, drops and orders them:

- opening hours are read from the text (:mod:`bot.hours`) and compared in the *place's*
  local time zone (found offline from its coordinates); "open at 7am" is the next 7:00
  there (today if it is still ahead, else tomorrow). A location whose hours can't be read
  is kept and marked "hours unknown";
- a price per kWh is read from the price text (:mod:`bot.prices`); "under 30 cents/kWh"
  drops the dearer ones, "cheapest" orders by price (nearest first on a tie); locations
  without a readable price are kept after the priced ones, in distance order.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.answer.checked import HoursAndPrices
from bot.hours import WeeklyHours, location_hours, next_moment, zone_at
from bot.plugshare.models import Location
from bot.prices import format_price, location_price
from bot.query import SearchQuery


def asks_hours_or_prices(query: SearchQuery | None) -> bool:
    return query is not None and (
        query.open_at is not None or query.max_price_per_kwh is not None or query.sort == "price"
    )


def check_moment(
    open_at: str | time | None, latitude: float, longitude: float, now: datetime
) -> datetime | None:
    """The local moment to check, in the zone at the place; None for "24/7" or not asked."""
    if open_at is None or open_at == "24/7":
        return None
    local_now = now.astimezone(zone_at(round(latitude, 3), round(longitude, 3)))
    if isinstance(open_at, time):
        return next_moment(local_now, open_at)
    return local_now


def _open(hours: WeeklyHours, open_at: str | time, moment: datetime | None) -> bool:
    if open_at == "24/7":
        return hours.is_always_open
    assert moment is not None
    return hours.open_on(moment)


def check(
    locations: list[Location],
    query: SearchQuery,
    latitude: float,
    longitude: float,
    now: datetime | None = None,
    found: HoursAndPrices | None = None,
) -> tuple[list[Location], HoursAndPrices]:
    """The locations to show, in order, and what the checks found (added to ``found``)."""
    found = found or HoursAndPrices()
    kept: list[Location] = locations
    if query.open_at is not None:
        moment = check_moment(query.open_at, latitude, longitude, now or datetime.now(UTC))
        found.moment = moment
        kept = []
        for location in locations:
            hours = location_hours(location)
            if hours is None:
                found.hours_unknown.add(location.id)
                kept.append(location)
            elif _open(hours, query.open_at, moment):
                kept.append(location)
            else:
                found.closed += 1
    if query.max_price_per_kwh is not None or query.sort == "price":
        priced: list[tuple[float, int, Location]] = []
        unpriced: list[Location] = []
        for order, location in enumerate(kept):
            price = location_price(location)
            if price is None:
                found.price_unknown.add(location.id)
                unpriced.append(location)
                continue
            if query.max_price_per_kwh is not None and price[0] > query.max_price_per_kwh + 1e-9:
                found.too_dear += 1
                found.too_dear_currencies.add(price[1])
                continue
            found.prices[location.id] = price
            priced.append((price[0], order, location))
        if query.sort == "price":
            priced.sort(key=lambda item: (item[0], item[1]))
        kept = [location for _, _, location in priced] + unpriced
    return kept, found


def notes(found: HoursAndPrices, query: SearchQuery, shown: list[Location]) -> list[str]:
    """What the answer says about the checks: how many had unreadable hours or prices."""
    said: list[str] = []
    shown_ids = {location.id for location in shown}
    unknown_hours = len(found.hours_unknown & shown_ids)
    if query.open_at is not None and unknown_hours:
        said.append(
            f"{_stations(unknown_hours)} {_have(unknown_hours)} hours I couldn't read:"
            " I kept them, marked “hours unknown”."
        )
    if found.closed and found.moment is not None:
        when = "now" if query.open_at == "now" else found.moment.strftime("%a %H:%M")
        said.append(f"I left out {_stations(found.closed)} closed {_at(when)} local time.")
    elif found.closed:
        said.append(f"I left out {_stations(found.closed)} not open 24/7.")
    if found.too_dear and query.max_price_per_kwh is not None:
        said.append(_too_dear_note(found, query.max_price_per_kwh))
    unknown_prices = len(found.price_unknown & shown_ids)
    if unknown_prices and (query.max_price_per_kwh is not None or query.sort == "price"):
        said.append(
            f"{_stations(unknown_prices)} had no price I could read: they're listed after"
            " the priced ones."
        )
    return said


def _too_dear_note(found: HoursAndPrices, cap: float) -> str:
    """How many the price cap dropped, with the cap in the currency it was compared in."""
    said = f"I left out {_stations(found.too_dear)} over {cap:.2f} per kWh"
    currencies = found.too_dear_currencies - {""}
    if len(currencies) == 1:
        return f"{said} ({format_price(cap, currencies.pop())}, your price cap)."
    return f"{said}."


def _stations(count: int) -> str:
    return f"{count} station{'s' if count != 1 else ''}"


def _at(when: str) -> str:
    return "now" if when == "now" else f"at {when}"


def _have(count: int) -> str:
    return "has" if count == 1 else "have"
