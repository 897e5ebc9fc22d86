"""A labelled corpus of trips, written by hand: text -> the route and the filters.

Each case states the whole route (origin, destination, via, corridor, range, reserve,
road) and the complete PlugShare parameters the same words give in a point search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from query.corpus import CCS, DC_FAST, J1772, SUPERCHARGER

from bot.geo.units import METERS_PER_MILE
from bot.query.search_query import DEFAULT_CORRIDOR_M

MI = METERS_PER_MILE


@dataclass(frozen=True)
class RouteCase:
    text: str
    origin: str | None
    destination: str
    params: dict[str, str]
    via: tuple[str, ...] = ()
    corridor_m: float = DEFAULT_CORRIDOR_M
    range_m: float | None = None
    full_range_m: float | None = None
    reserve: float | None = None
    road: str | None = None
    ignored: list[str] = field(default_factory=list)


ROUTES = [
    # The four examples.
    RouteCase(
        "/charge CCS between Denver and Salt Lake City",
        "Denver",
        "Salt Lake City",
        {"outlets": CCS},
    ),
    RouteCase(
        "CCS between Denver and Salt Lake City", "Denver", "Salt Lake City", {"outlets": CCS}
    ),
    RouteCase(
        "fast chargers along I-80 from Reno to San Francisco",
        "Reno",
        "San Francisco",
        {"outlets": DC_FAST},
        road="I-80",
    ),
    RouteCase("free J1772 on my way to Tahoe", None, "Tahoe", {"outlets": J1772, "cost": "false"}),
    RouteCase(
        "superchargers from Boston to New York, range 220 mi",
        "Boston",
        "New York",
        {"outlets": SUPERCHARGER},
        range_m=220 * MI,
    ),
    # Each phrase form.
    RouteCase("supercharger between Denver and Vail", "Denver", "Vail", {"outlets": SUPERCHARGER}),
    RouteCase("find a fast charger on my way to Vegas", None, "Vegas", {"outlets": DC_FAST}),
    RouteCase("chargers on the way to Lake Placid", None, "Lake Placid", {}),
    RouteCase(
        "CCS on our way to Montauk, free only", None, "Montauk", {"outlets": CCS, "cost": "false"}
    ),
    RouteCase("Buffalo to New York City CCS", "Buffalo", "New York City", {"outlets": CCS}),
    RouteCase("Denver to Salt Lake City", "Denver", "Salt Lake City", {}),
    RouteCase("CCS from Albany to Syracuse", "Albany", "Syracuse", {"outlets": CCS}),
    RouteCase("ccs from buffalo to new york", "buffalo", "new york", {"outlets": CCS}),
    RouteCase("from here to Tahoe", None, "Tahoe", {}),
    RouteCase("CCS from home to Ithaca", None, "Ithaca", {"outlets": CCS}),
    RouteCase(
        "fast chargers from Reno to San Francisco via Sacramento",
        "Reno",
        "San Francisco",
        {"outlets": DC_FAST},
        via=("Sacramento",),
    ),
    RouteCase(
        "CCS from Buffalo to Albany via Rochester and Syracuse",
        "Buffalo",
        "Albany",
        {"outlets": CCS},
        via=("Rochester", "Syracuse"),
    ),
    RouteCase(
        "EA on I-90 from Seattle to Spokane", "Seattle", "Spokane", {"networks": "47"}, road="I-90"
    ),
    RouteCase(
        "CCS along Interstate 87 from Albany to Plattsburgh",
        "Albany",
        "Plattsburgh",
        {"outlets": CCS},
        road="Interstate 87",
    ),
    RouteCase("taking US 101 from San Jose to SF", "San Jose", "SF", {}, road="US 101"),
    # Corridor.
    RouteCase(
        "CCS within 5 miles of the road from Denver to Vail",
        "Denver",
        "Vail",
        {"outlets": CCS},
        corridor_m=5 * MI,
    ),
    RouteCase(
        "range 300 km CCS from Berlin to Munich within 1 km",
        "Berlin",
        "Munich",
        {"outlets": CCS},
        corridor_m=1000.0,
        range_m=300_000.0,
    ),
    # Range and reserve.
    RouteCase(
        "CCS from Buffalo to New York City, I have 40% of 300 mi, 20% reserve",
        "Buffalo",
        "New York City",
        {"outlets": CCS},
        range_m=0.4 * 300 * MI,
        full_range_m=300 * MI,
        reserve=0.2,
    ),
    RouteCase(
        "EA between Syracuse and Albany, 220 miles of range",
        "Syracuse",
        "Albany",
        {"networks": "47"},
        range_m=220 * MI,
    ),
    RouteCase(
        "CCS Albany to Buffalo range: 150 mi, reserve 10%",
        "Albany",
        "Buffalo",
        {"outlets": CCS},
        range_m=150 * MI,
        reserve=0.1,
    ),
    # Filters read exactly as in a point search; unknown words are still reported.
    RouteCase(
        "free CCS with restrooms between Denver and Vail, fastest",
        "Denver",
        "Vail",
        {"outlets": CCS, "cost": "false", "amenities": "3"},
        ignored=["fastest"],
    ),
    RouteCase(
        "@ChargeBot no Tesla from Boston to Hartford :zap:",
        "Boston",
        "Hartford",
        {"exclude_networks": "8,35"},
    ),
]

#: Requests that name one place: they keep the point-search contract (route is None).
NOT_ROUTES = [
    "the nearest CCS to Union Station",
    "J1772 3mi from the Space Needle",
    "Charging stations along I-70 near Vail",
    "closest CCS to the Space Needle",
    "500 m from King's Cross",
    "CCS near Denver",
    "chargers close to Fenway Park",
    "next to Pike Place Market, J1772",
    "how to charge near Denver",
    "20 minutes from Denver",
]
