"""What an answer says, independent of where it is shown.

The Slack card and the terminal text show the same facts; this module decides
them once. Functions that mix untrusted values into a sentence take a
:class:`~bot.render.style.Style`, which escapes and cuts them for the surface.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import humanize

from bot.answer.answer import MAX_PER_PAGE, Answer
from bot.geo.units import format_distance
from bot.geometry.bearing import compass_point, measure
from bot.plugshare.enums import (
    DC_FAST,
    Access,
    AmenityType,
    Availability,
    Connector,
    Problem,
    ReviewRating,
    StationCost,
    connector_label,
)
from bot.plugshare.filters import MAX_RADIUS_M, Filters, format_number
from bot.plugshare.models import WORKSPACE_SOURCE, Location, Outlet, Review, User
from bot.plugshare.networks import network_name
from bot.render import limits
from bot.render.checks import checks_text
from bot.render.escape import strip_html, truncate
from bot.render.style import Style
from bot.render.trip_facts import along_text

SEP = " · "
#: Between connector groups: wider than SEP, which already joins a group's count and power.
GROUP_SEP = "   "

AMENITY_WORDS = {
    AmenityType.LODGING: "lodging",
    AmenityType.DINING: "dining",
    AmenityType.RESTROOMS: "restrooms",
    AmenityType.EV_PARKING: "EV parking",
    AmenityType.VALET: "valet parking",
    AmenityType.PARK: "a park",
    AmenityType.WIFI: "WiFi",
    AmenityType.SHOPPING: "shopping",
    AmenityType.GROCERY: "a grocery store",
}
AVAILABILITY_WORDS = {
    Availability.UNKNOWN: "status unknown",
    Availability.AVAILABLE: "available now",
    Availability.IN_USE: "in use",
    Availability.OFFLINE: "offline",
    Availability.UNDER_REPAIR: "under repair",
}


def join_or(words: Iterable[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _network_word(network_id: int) -> str:
    return network_name(network_id) or f"network {network_id}"


# --- What was asked -------------------------------------------------------------------


def connector_phrase(filters: Filters) -> str | None:
    """The connectors asked for, as a driver says them: ``CCS or CHAdeMO``."""
    labels = list(dict.fromkeys(connector_label(o.connector, o.power) for o in filters.outlets))
    return join_or(labels) or None


def searched_radius(answer: Answer) -> float | None:
    radius = answer.radius_m or answer.filters.radius_m
    return radius if radius and math.isfinite(radius) and radius > 0 else None


def filter_words(answer: Answer) -> list[str]:
    """The applied filters in words: ``["free only", "public", "within 3 mi"]``.

    Connectors are left out: the headline names them. "Free only" keeps the sites whose
    cost the data doesn't give (PlugShare's ``cost=false`` drops only a known fee); when
    such a site is shown, the words say so ("free or cost unknown"), so its card's
    "Cost unknown" doesn't read as a filter that failed.
    """
    filters = answer.filters
    words: list[str] = []
    if filters.free_only:
        unknown = any(cost_of(location)[0] is CostKind.UNKNOWN for location in answer.locations)
        words.append("free or cost unknown" if unknown else "free only")
    if filters.access:
        words.append(join_or(_access_word(a) for a in filters.access))
    if filters.availability:
        words.append(join_or(AVAILABILITY_WORDS[a] for a in filters.availability))
    if filters.networks:
        words.append(join_or(_network_word(n) for n in filters.networks) + " only")
    if filters.exclude_networks:
        words.append("no " + join_or(_network_word(n) for n in filters.exclude_networks))
    if filters.min_power_kw is not None:
        words.append(f"{format_number(filters.min_power_kw)} kW+")
    if filters.min_score is not None:
        words.append(f"PlugScore {format_number(filters.min_score)}+")
    if filters.amenities:
        words.append("with " + join_or(AMENITY_WORDS[a] for a in filters.amenities))
    radius = searched_radius(answer)
    if radius is not None:
        words.append("within " + format_distance(radius, answer.units))
    return words


def _access_word(access: Access) -> str:
    return {
        Access.PUBLIC: "public",
        Access.RESTRICTED: "restricted",
        Access.RESIDENTIAL: "residential",
    }[access]


def loosen_suggestions(answer: Answer) -> list[str]:
    """What to relax when nothing matched, most effective first."""
    filters = answer.filters
    tips: list[str] = []
    phrase = connector_phrase(filters)
    if phrase:
        tips.append(f"any connector instead of {phrase}")
    if filters.availability:
        tips.append(
            "stations in any status, not only "
            + join_or(AVAILABILITY_WORDS[a] for a in filters.availability)
        )
    if filters.free_only:
        tips.append("paid stations too (drop “free only”)")
    if filters.networks:
        tips.append("any network")
    if filters.exclude_networks:
        tips.append(join_or(_network_word(n) for n in filters.exclude_networks) + " too")
    if filters.min_power_kw is not None:
        tips.append(f"less than {format_number(filters.min_power_kw)} kW")
    if filters.min_score is not None:
        tips.append("a lower PlugScore")
    if filters.amenities:
        tips.append("without " + join_or(AMENITY_WORDS[a] for a in filters.amenities))
    if filters.access and filters.access != [Access.PUBLIC]:
        tips.append("public stations")
    radius = searched_radius(answer)
    if radius is not None and radius < MAX_RADIUS_M:
        tips.append("a wider radius than " + format_distance(radius, answer.units))
    return tips


def capped_notes(answer: Answer, how_next: str) -> list[str]:
    """The "I show 10 at a time" note when more was asked than a page holds (``top 50``);
    ``how_next`` is how this surface shows the next page."""
    return [f"I show {answer.per_page} at a time; {how_next}."] if answer.capped else []


def next_page_option(answer: Answer) -> str:
    """The ``chargebot ask`` option for the page after this one."""
    return f"--page {answer.page + 2}"


def terminal_capped_notes(answer: Answer) -> list[str]:
    """The page-size note in the terminal's words (it has no “More results” button)."""
    return capped_notes(answer, f"add {next_page_option(answer)} to the command for the next page")


def more_in_the_terminal(answer: Answer, more: str, ask_more: str) -> str:
    """How to see more in the terminal: a higher count while a page can grow, else the
    next page (``--page``)."""
    if answer.per_page < MAX_PER_PAGE:
        return f"{more}. {ask_more}"
    return f"{more}: add {next_page_option(answer)} to the command for the next page."


def credit(answer: Answer, style: Style) -> str:
    """Where the data comes from, in the source's own words, without a closing period.

    The attribution names the source; the provider's machine name ("local") only
    stands in when there is none.
    """
    return style(answer.attribution or answer.source, limits.NOTE).rstrip(" .")


def place_words(answer: Answer) -> str | None:
    """The place as the user wrote it (``SearchQuery.place``), or the place they chose."""
    words = getattr(answer.query, "place", None)
    if isinstance(words, str) and words.strip():
        return words
    if answer.request.place is not None:
        return answer.request.place.name
    return None


def place_name(answer: Answer) -> str:
    if answer.place is not None and answer.place.name.strip():
        return answer.place.name
    return place_words(answer) or "the place you gave"


def headline(answer: Answer, style: Style) -> str:
    """``5 CCS stations near Union Station, Los Angeles`` (page 2: ``CCS stations 6–10 near …``)."""
    count = len(answer.locations)
    phrase = connector_phrase(answer.filters)
    kind = f"{phrase} " if phrase else ""
    near = "near " + style(place_name(answer), limits.PLACE)
    if answer.page > 0 and count:
        first = answer.page * answer.per_page + 1
        return f"{kind}stations {first}–{first + count - 1} {near}"
    return f"{count} {kind}station{'' if count == 1 else 's'} {near}"


# --- Where a location is ----------------------------------------------------------------


def position(answer: Answer, location: Location) -> tuple[float, float] | None:
    """Distance (m) and bearing (degrees) from the searched place, as PlugShare reports them
    or computed when the source does not."""
    distance, bearing = location.distance_meters, location.compass_bearing
    if (distance is None or bearing is None) and answer.place is not None:
        points = (answer.place.latitude, answer.place.longitude, location.latitude,
                  location.longitude)  # fmt: skip
        if all(math.isfinite(p) for p in points):
            computed = measure(*points)
            distance = computed[0] if distance is None else distance
            bearing = computed[1] if bearing is None else bearing
    if distance is None or bearing is None:
        return None
    if not (math.isfinite(distance) and math.isfinite(bearing)):
        return None
    return distance, bearing


def distance_text(answer: Answer, location: Location) -> str | None:
    """``0.4 mi NE``; on a route, ``mile 142 of 520 · 0.4 mi off the road, on the right``."""
    if answer.trip is not None:
        return along_text(answer, location)
    found = position(answer, location)
    if found is None:
        return None
    return f"{format_distance(found[0], answer.units)} {compass_point(found[1])}"


# --- What a location offers ---------------------------------------------------------------


_CONNECTOR_IDS = frozenset(int(c) for c in Connector)


@dataclass(frozen=True, slots=True)
class ConnectorGroup:
    label: str
    count: int
    max_kw: float | None
    dc_fast: bool


def outlet_label(outlet: Outlet) -> str:
    """The driver's name for a plug; one PlugShare has no id for keeps its source's name."""
    connector = int(outlet.connector)
    if connector not in _CONNECTOR_IDS and outlet.description:
        return outlet.description
    if connector == 0:
        return "Unknown connector"
    return connector_label(connector, outlet.power)


def connector_groups(location: Location) -> list[ConnectorGroup]:
    """Outlets grouped by the name a driver uses, fastest first."""
    counts: dict[str, int] = {}
    power: dict[str, float | None] = {}
    fast: dict[str, bool] = {}
    for outlet in location.outlets:
        label = outlet_label(outlet)
        counts[label] = counts.get(label, 0) + 1
        kw = outlet.kilowatts
        known = kw is not None and math.isfinite(kw) and kw > 0
        best = power.get(label)
        power[label] = max(best, kw) if known and best is not None else (kw if known else best)
        fast[label] = fast.get(label, False) or any(
            int(outlet.connector) == connector and (p is None or outlet.power == p)
            for connector, p in DC_FAST
        )
    order = {label: index for index, label in enumerate(counts)}
    groups = [ConnectorGroup(label, counts[label], power[label], fast[label]) for label in counts]
    groups.sort(key=lambda g: (-(g.max_kw or 0.0), not g.dc_fast, order[g.label]))
    return groups


def format_kw(kw: float) -> str:
    return f"{format_number(round(kw, 1))} kW"


def connectors_text(location: Location) -> str | None:
    """``CCS ×4 · 150 kW   J1772 ×2``."""
    parts = []
    for group in connector_groups(location):
        part = f"{group.label} ×{group.count}"
        if group.max_kw is not None:
            part += SEP + format_kw(group.max_kw)
        parts.append(part)
    return GROUP_SEP.join(parts) or None


def network_names(location: Location) -> list[str]:
    """Distinct network names of the stations (untrusted: data may name a network)."""
    names: dict[str, None] = {}
    for station in location.stations:
        name = station.network.name if station.network and station.network.name else None
        name = name or network_name(station.effective_network_id)
        if name and name.strip():
            names[name.strip()] = None
    return list(names)


class CostKind(StrEnum):
    FREE = "free"
    FEE = "fee"
    UNKNOWN = "unknown"


_LEADING_FREE = re.compile(r"^\s*free\b[\s;,:.\-–—]*", re.IGNORECASE)


def cost_of(location: Location) -> tuple[CostKind, str | None]:
    """Free, fee or unknown, with the description (HTML stripped) when there is one."""
    descriptions = [location.cost_description] + [s.cost_description for s in location.stations]
    description = next((strip_html(d) for d in descriptions if d and strip_html(d)), None)
    station_costs = {int(s.cost) for s in location.stations}
    if location.cost or StationCost.FEE in station_costs:
        return CostKind.FEE, description
    if station_costs == {StationCost.FREE}:
        return CostKind.FREE, description
    return CostKind.UNKNOWN, description


def cost_text(location: Location, style: Style) -> str:
    """``Free``, ``Free — 3 hour maximum``, ``Fee: $0.45/kWh``, ``Cost unknown``."""
    kind, description = cost_of(location)
    if kind is CostKind.FREE:
        rest = _LEADING_FREE.sub("", description or "")
        return f"Free — {style(rest, limits.COST_DESCRIPTION)}" if rest else "Free"
    if kind is CostKind.FEE:
        return f"Fee: {style(description, limits.COST_DESCRIPTION)}" if description else "Fee"
    if description:
        return f"Cost: {style(description, limits.COST_DESCRIPTION)}"
    return "Cost unknown"


def access_text(location: Location, style: Style) -> str:
    """``Public · 24/7``."""
    try:
        access = Access(int(location.access)).label
    except ValueError:
        access = "Access unknown"
    if location.open247:
        return f"{access}{SEP}24/7"
    if location.hours and location.hours.strip():
        return f"{access}{SEP}{style(location.hours, limits.HOURS)}"
    return access


def availability_text(location: Location, live: bool) -> str | None:
    """``2 of 4 available (1 in use, 1 offline)``; ``live status unknown`` when the source
    has live status but not for this location; ``None`` when the source has none at all."""
    statuses = [_availability(station.available) for station in location.stations]
    if statuses and any(s != Availability.UNKNOWN for s in statuses):
        available = statuses.count(Availability.AVAILABLE)
        text = f"{available} of {len(statuses)} available"
        others = [
            f"{statuses.count(status)} {AVAILABILITY_WORDS[status]}"
            for status in (Availability.IN_USE, Availability.OFFLINE, Availability.UNDER_REPAIR)
            if statuses.count(status)
        ]
        return f"{text} ({', '.join(others)})" if others else text
    return "live status unknown" if live else None


def _availability(value: int) -> Availability:
    try:
        return Availability(int(value))
    except ValueError:
        return Availability.UNKNOWN


def status_text(location: Location, live: bool) -> str | None:
    """Availability, PlugScore and warnings on one line."""
    parts = []
    if location.under_repair:
        parts.append("Under repair")
    if location.coming_soon:
        parts.append("Coming soon")
    availability = availability_text(location, live)
    if availability:
        parts.append(availability)
    if location.score is not None and math.isfinite(location.score):
        parts.append(f"PlugScore {format_number(round(location.score, 1))}")
    return SEP.join(parts) or None


def details(answer: Answer, location: Location, style: Style) -> list[str]:
    """The card's lines after the name: address, connectors, network/cost/access, status."""
    lines = []
    address = location.address or location.reverse_geocoded_address
    if address and address.strip():
        lines.append(style(address, limits.ADDRESS))
    connectors = connectors_text(location)
    lines.append(truncate(connectors, limits.LINE) if connectors else "Connectors not listed")
    networks = ", ".join(style(name, limits.NETWORK) for name in network_names(location))
    offer = SEP.join(part for part in (networks, cost_text(location, style),
                                       access_text(location, style)) if part)  # fmt: skip
    lines.append(truncate(offer, limits.LINE))
    status = status_text(location, answer.live_availability)
    if status:
        lines.append(status)
    checked = checks_text(answer, location)
    if checked:
        lines.append(checked)
    return lines


# --- What drivers said ------------------------------------------------------------------


def recent_checkins(location: Location, count: int | None = None) -> list[Review]:
    """Check-ins newest first (PlugShare sends them so, but merged sources may not)."""
    oldest = datetime.min.replace(tzinfo=UTC)
    ordered = sorted(location.reviews, key=lambda r: r.created_at or oldest, reverse=True)
    return ordered if count is None else ordered[:count]


def checkin_kind(review: Review) -> tuple[str, str]:
    """An emoji and the words that say the same: ``("⚠️", "Problem: Broken hardware")``."""
    rating = int(review.rating)
    if rating == ReviewRating.POSITIVE:
        return "✅", "Charged"
    if rating == ReviewRating.PROBLEM:
        try:
            return "⚠️", f"Problem: {Problem(int(review.problem)).label}"
        except (TypeError, ValueError):
            return "⚠️", "Problem"
    return "💬", "Tip"


def first_name(user: User | None) -> str | None:
    """Only a first name: check-ins are public, but surnames need not travel further."""
    if user is None:
        return None
    for name in (user.first_name, user.display_name):
        if name and name.split():
            return name.split()[0]
    return None


def relative_time(moment: datetime, now: datetime) -> str:
    """``3 days ago``; a time in the future (clock skew) reads as ``now``."""
    moment = moment.astimezone(UTC)
    now = now.astimezone(UTC)
    return humanize.naturaltime(min(moment, now), when=now)


def checkin_line(
    review: Review, now: datetime, style: Style, *, emoji: bool, comment_limit: int
) -> str:
    """``✅ Charged · 3 days ago · Maria: “Worked great”``."""
    symbol, words = checkin_kind(review)
    parts = [f"{symbol} {words}" if emoji else words]
    if review.created_at is not None:
        parts.append(relative_time(review.created_at, now))
    if review.source == WORKSPACE_SOURCE:
        parts.append("in this workspace")
    name = first_name(review.user)
    line = SEP.join(parts)
    if name:
        line += SEP + style(name, limits.FIRST_NAME)
    comment = review.comment or review.problem_description
    if comment and comment.strip():
        line += (": " if name else SEP) + "“" + style(comment, comment_limit) + "”"
    return line
