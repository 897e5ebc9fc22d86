"""The words of every reply that is not a list of stations, shared by Slack and the terminal.

Each reply says what happened and what to type instead.
"""

from __future__ import annotations

from bot.answer.answer import Answer, Outcome
from bot.geo.place import Place, PlaceKind
from bot.geo.units import format_distance
from bot.render import limits
from bot.render.facts import (
    SEP,
    connector_phrase,
    filter_words,
    join_or,
    loosen_suggestions,
    place_name,
    place_words,
    searched_radius,
)
from bot.render.style import Style

HELP_TITLE = "ChargeBot finds EV charging stations"
HELP_INTRO = (
    "Name a place, and say what you need if it matters: connector, cost, network, "
    "distance. Everything but the place is optional."
)
#: What the request parser understands, by topic (see bot/query).
HELP_TOPICS: tuple[tuple[str, str], ...] = (
    ("Connectors", "CCS, CHAdeMO, J1772 / Level 2, Tesla / NACS, Supercharger, Type 2, DC fast"),
    ("Cost and access", "free only, public, workplace, residential"),
    ("Status", "available now, in use, offline"),
    ("Networks", "EVgo only, on Electrify America, no ChargePoint"),
    ("Distance and count", "within 2 miles, within 5 km, top 3"),
    ("Power and rating", "50 kW+, at least 150 kW, rated 8+"),
    ("Amenities", "dining, restrooms, WiFi, grocery, lodging, shopping"),
    ("Places", "addresses, landmarks, ZIP codes, airport codes, coordinates"),
    ("Trips", "from Denver to Salt Lake City, on my way to Tahoe, via Reno, range 220 mi"),
    ("Hours and price", "open now, open 24/7, open at 7am, cheapest, under 30 cents/kWh"),
)
EXAMPLES: tuple[str, ...] = (
    "CCS near Union Station, Los Angeles",
    "free J1772 within 2 miles of the Ferry Building",
    "Tesla Supercharger near Barstow, top 3",
    "DC fast near JFK, no ChargePoint",
    "available Level 2 near 40.7580,-73.9855",
    "cheapest CCS near Penn Station, open now",
    "J1772 under $0.40 per kWh near Albany, open at 7am",
)
#: What ChargeBot does in Slack beyond answering requests, each with how to try it (mrkdwn).
SLACK_EXTRAS: tuple[str, ...] = (
    "*Station links:* paste a PlugShare, Open Charge Map or AFDC station link"
    " (e.g. `https://afdc.energy.gov/stations#/station/358788`) where I am, and it unfolds"
    " into the station's card",
    "*Find chargers form:* the ⚡ shortcuts menu → _Find chargers_ (place, connectors,"
    " distance, free only, open now; filled in from your settings), answered in our DM",
    "*Near a message:* a message's ⋮ menu → _Find chargers near this_ searches near the place"
    " it names",
    "*Assistant view:* open ChargeBot from the assistant icon for suggestions from your"
    " places and car (e.g. `CCS near office`)",
    "*Map:* where the app has a map server, each answer comes with a map whose numbered pins"
    " match the cards",
)
FILL_INDEX = ("chargebot data sync afdc", "chargebot data import FILE")

PLACE_KIND_WORDS = {
    PlaceKind.COORDINATES: "coordinates",
    PlaceKind.POSTAL_CODE: "postal code",
    PlaceKind.AIRPORT: "airport",
    PlaceKind.CITY: "city",
    PlaceKind.ADDRESS: "address or landmark",
}


def paragraphs(answer: Answer, style: Style) -> list[str]:
    """The reply for every outcome except results and help, as paragraphs."""
    outcome = answer.outcome
    is_trip = answer.query is not None and answer.query.route is not None
    if outcome is Outcome.BAD_ROUTE or (is_trip and answer.message and answer.message.strip()):
        # A route's own sentence (which end, why not) says more than the point-search words.
        return _message(answer, style) or [
            "I can't search along that route. Name two places, e.g. "
            f"{style.code('CCS from Denver to Salt Lake City')}."
        ]
    if outcome is Outcome.NO_PLACE:
        return _no_place(answer, style)
    if outcome is Outcome.PLACE_NOT_FOUND:
        return _place_not_found(answer, style)
    if outcome is Outcome.AMBIGUOUS_PLACE:
        return [f"Which {_quoted(answer, style)} do you mean?"]
    if outcome is Outcome.SOURCE_DOWN:
        return _source_down(answer, style)
    if outcome is Outcome.INDEX_EMPTY:
        return _index_empty(answer, style)
    return _nothing_found(answer, style)


def _quoted(answer: Answer, style: Style) -> str:
    words = place_words(answer)
    return f"“{style(words, limits.PLACE)}”" if words else "place"


def _message(answer: Answer, style: Style) -> list[str]:
    if answer.message and answer.message.strip():
        return [style(answer.message, limits.NOTE)]
    return []


def _no_place(answer: Answer, style: Style) -> list[str]:
    phrase = connector_phrase(answer.filters)
    looking = f" for {phrase} stations" if phrase else ""
    example = phrase or "CCS"
    return [
        f"Where should I look{looking}? Add a place to your request, e.g. "
        f"{style.code(example + ' near Union Station, Denver')} or "
        f"{style.code(example + ' near 10001')}."
    ]


def _place_not_found(answer: Answer, style: Style) -> list[str]:
    # The geocoder's own explanation (unreachable, out-of-range coordinates...) is the
    # more specific one; the generic advice is for when there is none.
    if answer.message and answer.message.strip():
        return _message(answer, style)
    found = (
        f"I couldn't find {_quoted(answer, style)}."
        if place_words(answer)
        else "I couldn't find that place."
    )
    return [
        f"{found} Try adding a city, state or ZIP code, e.g. "
        f"{style.code('CCS near Main St, Springfield, IL')}.",
    ]


def _source_down(answer: Answer, style: Style) -> list[str]:
    if answer.message and answer.message.strip():
        return _message(answer, style)
    source = style(answer.source, limits.NOTE) if answer.source.strip() else ""
    who = f"The station data source ({source})" if source else "The station data source"
    return [
        f"{who} isn't answering right now, so I can't search. Please try again in a minute.",
    ]


def _index_empty(answer: Answer, style: Style) -> list[str]:
    fill = _message(answer, style) or [
        f"Whoever runs ChargeBot can fill it with {style.code(FILL_INDEX[0])} "
        f"(US stations from the AFDC) or {style.code(FILL_INDEX[1])}."
    ]
    return ["There is nothing to search yet: the local station index is empty.", *fill]


def _nothing_found(answer: Answer, style: Style) -> list[str]:
    phrase = connector_phrase(answer.filters)
    kind = f"{phrase} stations" if phrase else "charging stations"
    place = style(place_name(answer), limits.PLACE)
    radius = searched_radius(answer)
    where = f"within {format_distance(radius, answer.units)} of" if radius else "near"
    applied = [word for word in filter_words(answer) if not word.startswith("within ")]
    asked = f" ({SEP.join(applied)})" if applied else ""
    text = [f"I found no {kind} {where} {place}{asked}."]
    tips = loosen_suggestions(answer)
    if tips:
        text.append("You could try " + join_or(tips) + ".")
    return text


def candidate_label(candidate: Place) -> str:
    """How a candidate is told apart: its kind in words (the name comes first, escaped)."""
    return PLACE_KIND_WORDS.get(candidate.kind, "place")
