"""A labelled corpus of requests, written by hand: text -> the full expected parse.

Every case states the complete PlugShare parameters, the place, min_power_kw, is_help
and the ignored words, so any change in what the parser understands shows up here.
Outlet parameters are written out as PlugShare receives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time


@dataclass(frozen=True)
class Case:
    text: str
    place: str | None
    params: dict[str, str]
    min_power_kw: float | None = None
    is_help: bool = False
    ignored: list[str] = field(default_factory=list)
    open_at: str | time | None = None
    max_price_per_kwh: float | None = None
    sort: str = "distance"


WALL = '[{"connector":1}]'
J1772 = '[{"connector":2}]'
CHADEMO = '[{"connector":3}]'
ROADSTER = '[{"connector":4}]'
NEMA_14_50 = '[{"connector":5}]'
TESLA = '[{"connector":6}]'
TESLA_WALL = '[{"connector":6,"power":0}]'
SUPERCHARGER = '[{"connector":6,"power":1}]'
TYPE_2 = '[{"connector":7}]'
TYPE_3 = '[{"connector":8}]'
BS1363 = '[{"connector":9}]'
EUROPLUG = '[{"connector":10}]'
COMMANDO = '[{"connector":11}]'
AS3112 = '[{"connector":12}]'
CCS = '[{"connector":13}]'
THREE_PHASE = '[{"connector":14}]'
CARAVAN = '[{"connector":15}]'
GBT = '[{"connector":16},{"connector":17}]'
GBT_2 = '[{"connector":17}]'
DC_FAST = '[{"connector":3},{"connector":6,"power":1},{"connector":13}]'
CCS_CHADEMO = '[{"connector":3},{"connector":13}]'
J1772_CCS = '[{"connector":2},{"connector":13}]'

CONNECTORS = [
    # CCS (13)
    Case("CCS near Union Station, free only", "Union Station", {"outlets": CCS, "cost": "false"}),
    Case("CCS1 near Denver", "Denver", {"outlets": CCS}),
    Case("ccs 1 chargers in Boston", "Boston", {"outlets": CCS}),
    Case("Combo plugs in Tulsa", "Tulsa", {"outlets": CCS}),
    Case("SAE Combo chargers in Austin, TX", "Austin, TX", {"outlets": CCS}),
    Case("J1772 combo near Omaha", "Omaha", {"outlets": CCS}),
    Case("CCS2 in Lyon", "Lyon", {"outlets": CCS}),
    # CHAdeMO (3)
    Case("chademo near Portland", "Portland", {"outlets": CHADEMO}),
    Case("CHAdeMO for my Leaf in Sacramento", "Sacramento", {"outlets": CHADEMO}, ignored=["Leaf"]),
    # J1772 (2), Level 2
    Case(
        "any free J1772 within 2 miles of the Ferry Building?",
        "Ferry Building",
        {"outlets": J1772, "cost": "false", "radius": "3219"},
    ),
    Case("j-1772 near 94103", "94103", {"outlets": J1772}),
    Case("J 1772 in Fresno", "Fresno", {"outlets": J1772}),
    Case("Type 1 in Seattle", "Seattle", {"outlets": J1772}),
    Case("Level 2 charging around Portland, OR", "Portland, OR", {"outlets": J1772}),
    Case("L2 near me", None, {"outlets": J1772}),
    Case("level two stations in Spokane", "Spokane", {"outlets": J1772}),
    # Tesla (6) by power
    Case("superchargers near Barstow, top 3", "Barstow", {"outlets": SUPERCHARGER, "count": "3"}),
    Case("Tesla Supercharger in Kettleman City", "Kettleman City", {"outlets": SUPERCHARGER}),
    Case("tesla superchargers around Gilroy", "Gilroy", {"outlets": SUPERCHARGER}),
    Case("super charger near Tejon Ranch", "Tejon Ranch", {"outlets": SUPERCHARGER}),
    Case("Tesla HPWC at the Hilton Garden Inn", "Hilton Garden Inn", {"outlets": TESLA_WALL}),
    Case("tesla wall connector near Palo Alto", "Palo Alto", {"outlets": TESLA_WALL}),
    Case("wall connectors in Carmel", "Carmel", {"outlets": TESLA_WALL}),
    Case("Tesla chargers near Fremont", "Fremont", {"outlets": TESLA}),
    Case("NACS chargers near Chicago", "Chicago", {"outlets": TESLA}),
    Case("J3400 in Detroit", "Detroit", {"outlets": TESLA}),
    # Tesla Roadster (4)
    Case("Tesla Roadster plug in San Carlos", "San Carlos", {"outlets": ROADSTER}),
    Case("roadster charger near Hawthorne", "Hawthorne", {"outlets": ROADSTER}),
    # NEMA 14-50 (5)
    Case("NEMA 14-50 near Moab", "Moab", {"outlets": NEMA_14_50}),
    # PlugShare has no campground amenity: "RV parks" is reported, not read as a park.
    Case(
        "14-50 outlet at RV parks near Yellowstone",
        "Yellowstone",
        {"outlets": NEMA_14_50},
        ignored=["RV parks"],
    ),
    # Wall outlet (1)
    Case("wall outlet near me", None, {"outlets": WALL}),
    Case("120V outlet in Fresno", "Fresno", {"outlets": WALL}),
    Case("Level 1 near Sacramento", "Sacramento", {"outlets": WALL}),
    Case("L1 charging in Bakersfield", "Bakersfield", {"outlets": WALL}),
    # Type 2 (7), Type 3 (8)
    Case("Type 2 near Berlin", "Berlin", {"outlets": TYPE_2}),
    Case("Mennekes in Amsterdam", "Amsterdam", {"outlets": TYPE_2}),
    Case("type 3 in Milan", "Milan", {"outlets": TYPE_3}),
    # UK / EU / AU / China plugs
    Case("BS1363 in London", "London", {"outlets": BS1363}),
    Case("UK 3-pin near Manchester", "Manchester", {"outlets": BS1363}),
    Case("Europlug in Paris", "Paris", {"outlets": EUROPLUG}),
    Case("Commando near Leeds", "Leeds", {"outlets": COMMANDO}),
    Case("UK Commando sockets in Bristol", "Bristol", {"outlets": COMMANDO}),
    Case("AS3112 in Sydney", "Sydney", {"outlets": AS3112}),
    Case("three phase near Melbourne", "Melbourne", {"outlets": THREE_PHASE}),
    Case("3-phase in Perth", "Perth", {"outlets": THREE_PHASE}),
    Case("caravan mains in Brisbane", "Brisbane", {"outlets": CARAVAN}),
    Case("caravan sockets near Hobart", "Hobart", {"outlets": CARAVAN}),
    Case("GB/T in Beijing", "Beijing", {"outlets": GBT}),
    Case("GBT chargers near Shenzhen", "Shenzhen", {"outlets": GBT}),
    Case("GB/T 2 near Shanghai", "Shanghai", {"outlets": GBT_2}),
    # DC fast
    Case("DC fast near Boise", "Boise", {"outlets": DC_FAST}),
    Case("fast chargers near Reno", "Reno", {"outlets": DC_FAST}),
    Case("DCFC in Salt Lake City", "Salt Lake City", {"outlets": DC_FAST}),
    Case("rapid chargers near Glasgow", "Glasgow", {"outlets": DC_FAST}),
    Case("dc fast charging on I-80 near Elko", "Elko", {"outlets": DC_FAST}, ignored=["I-80"]),
    # Lists
    Case("CCS or CHAdeMO near Denver", "Denver", {"outlets": CCS_CHADEMO}),
    Case("chademo, ccs near Boulder", "Boulder", {"outlets": CCS_CHADEMO}),
    Case("CCS and J1772 in Austin", "Austin", {"outlets": J1772_CCS}),
    Case("J1772/CCS near Provo", "Provo", {"outlets": J1772_CCS}),
]

NETWORKS = [
    Case("ChargePoint near Denver", "Denver", {"networks": "1"}),
    Case("Charge Point stations in Leeds", "Leeds", {"networks": "1"}),
    Case("ChargePoint Network chargers in San Jose", "San Jose", {"networks": "1"}),
    Case("Blink chargers in Miami", "Miami", {"networks": "2"}),
    Case("Blink Network near Tampa", "Tampa", {"networks": "2"}),
    Case("blink charging in Orlando", "Orlando", {"networks": "2"}),
    Case("SemaConnect near Baltimore", "Baltimore", {"networks": "3"}),
    Case("SemaCharge in DC", "DC", {"networks": "3"}),
    Case("Sema Connect near Annapolis", "Annapolis", {"networks": "3"}),
    Case("Sema Charge in Bethesda", "Bethesda", {"networks": "3"}),
    Case("Sema chargers near Rockville", "Rockville", {"networks": "3"}),
    Case("GE WattStation near Atlanta", "Atlanta", {"networks": "4"}),
    Case("WattStation in Savannah", "Savannah", {"networks": "4"}),
    Case("Watt Station near Macon", "Macon", {"networks": "4"}),
    Case("GE chargers in Louisville", "Louisville", {"networks": "4"}),
    Case("Sun Country near Regina", "Regina", {"networks": "5"}),
    Case("Sun Country Highway in Saskatoon", "Saskatoon", {"networks": "5"}),
    Case("Circuit Électrique à Montréal", "Montréal", {"networks": "6"}),
    Case("Circuit Electrique near Quebec City", "Quebec City", {"networks": "6"}),
    Case("Electric Circuit in Sherbrooke", "Sherbrooke", {"networks": "6"}),
    Case("FLO chargers in Ottawa", "Ottawa", {"networks": "7"}),
    Case("AddEnergie near Gatineau", "Gatineau", {"networks": "7"}),
    Case("Add Energie in Laval", "Laval", {"networks": "7"}),
    Case("Tesla Supercharger network near Needles", "Needles", {"outlets": SUPERCHARGER}),
    Case("Webasto near Phoenix", "Phoenix", {"networks": "9"}),
    Case("AeroVironment in Los Angeles", "Los Angeles", {"networks": "9"}),
    Case("Aero Vironment near Pasadena", "Pasadena", {"networks": "9"}),
    Case("EVCS chargers in Long Beach", "Long Beach", {"networks": "9"}),
    Case("OpenChargeMap in Oslo", "Oslo", {"networks": "11"}),
    Case("Open Charge Map near Trondheim", "Trondheim", {"networks": "11"}),
    Case("Innogy near Dortmund", "Dortmund", {"networks": "13"}),
    Case("RWE in Essen", "Essen", {"networks": "13"}),
    Case("Oplaadpalen in Utrecht", "Utrecht", {"networks": "14"}),
    Case("Endesa near Madrid", "Madrid", {"networks": "15"}),
    Case("ESB in Dublin", "Dublin", {"networks": "16"}),
    Case("ESB ecars near Cork", "Cork", {"networks": "16"}),
    Case("ESB Networks in Galway", "Galway", {"networks": "16"}),
    Case("Uppladdning near Stockholm", "Stockholm", {"networks": "17"}),
    Case("Clever in Copenhagen", "Copenhagen", {"networks": "18"}),
    Case("EVgo only near Houston", "Houston", {"networks": "19"}),
    Case("EVgo stations in Dallas", "Dallas", {"networks": "19"}),
    Case("eVgo Network near Austin", "Austin", {"networks": "19"}),
    Case("EV go chargers in Plano", "Plano", {"networks": "19"}),
    Case("EVgo Network in Irving", "Irving", {"networks": "19"}),
    Case("Lastestasjoner near Bergen", "Bergen", {"networks": "22"}),
    Case("Enel Drive near Rome", "Rome", {"networks": "23"}),
    Case("Enel X in Milan", "Milan", {"networks": "23"}),
    Case("Enel near Naples", "Naples", {"networks": "23"}),
    Case("Volta near Las Vegas", "Las Vegas", {"networks": "25"}),
    Case("Volta Charging in Henderson", "Henderson", {"networks": "25"}),
    Case("Shell Recharge in Amsterdam", "Amsterdam", {"networks": "26"}),
    Case("Greenlots near Singapore", "Singapore", {"networks": "26"}),
    Case("Shell chargers in The Hague", "The Hague", {"networks": "26"}),
    Case("SHELL_RECHARGE near Delft", "Delft", {"networks": "26"}),
    Case("OpConnect near Portland", "Portland", {"networks": "29"}),
    Case("Op Connect in Salem", "Salem", {"networks": "29"}),
    Case("Shorepower at truck stops in Ohio", "Ohio", {"networks": "30"}, ignored=["truck stops"]),
    Case("Shore Power near Toledo", "Toledo", {"networks": "30"}),
    Case("CarCharging near Miami", "Miami", {"networks": "33"}),
    Case("Car Charging network in Hialeah", "Hialeah", {"networks": "33"}),
    Case("JNSH near Tokyo", "Tokyo", {"networks": "34"}),
    Case("Tesla Destination near Napa", "Napa", {"networks": "35"}),
    Case("Tesla Destination Charging in Sonoma", "Sonoma", {"networks": "35"}),
    Case(
        "Tesla Destination Charger at a hotel in Carmel",
        "Carmel",
        {"networks": "35", "amenities": "1"},
    ),
    Case("destination chargers near Healdsburg", "Healdsburg", {"networks": "35"}),
    Case("ChargeNet in Auckland", "Auckland", {"networks": "36"}),
    Case("Charge Net near Hamilton", "Hamilton", {"networks": "36"}),
    Case("Recargo near LA", "LA", {"networks": "37"}),
    Case("KSI near Seoul", "Seoul", {"networks": "41"}),
    Case("POLAR in Leeds", "Leeds", {"networks": "45"}),
    Case("BP Pulse UK near York", "York", {"networks": "45"}),
    Case("EV Connect near Boston", "Boston", {"networks": "46"}),
    Case("EVConnect in Cambridge", "Cambridge", {"networks": "46"}),
    Case("on Electrify America near Chicago", "Chicago", {"networks": "47"}),
    Case("EA near Nashville", "Nashville", {"networks": "47"}),
    Case("ElectrifyAmerica chargers in Memphis", "Memphis", {"networks": "47"}),
    Case("Chargefox in Melbourne", "Melbourne", {"networks": "48"}),
    Case("Charge Fox near Geelong", "Geelong", {"networks": "48"}),
    Case("BC Hydro EV near Kamloops", "Kamloops", {"networks": "49"}),
    Case("BC Hydro near Vancouver, BC", "Vancouver, BC", {"networks": "49"}),
    Case("Irvine Company in Irvine", "Irvine", {"networks": "50"}),
    Case("Ionity near Munich", "Munich", {"networks": "51"}),
    Case("Fastned in Rotterdam", "Rotterdam", {"networks": "52"}),
    Case("Electrify Canada near Toronto", "Toronto", {"networks": "54"}),
    Case("Ivy near Kingston", "Kingston", {"networks": "55"}),
    Case("IVY chargers in Barrie", "Barrie", {"networks": "55"}),
    Case("Ivy Charging Network near Sudbury", "Sudbury", {"networks": "55"}),
    Case("EVgo or Volta near San Diego", "San Diego", {"networks": "19,25"}),
]

EXCLUSIONS = [
    Case("no ChargePoint near Denver", "Denver", {"exclude_networks": "1"}),
    Case("CCS not Blink in Miami", "Miami", {"outlets": CCS, "exclude_networks": "2"}),
    Case("except ChargePoint and Blink near Austin", "Austin", {"exclude_networks": "1,2"}),
    Case("excluding EVgo in Houston", "Houston", {"exclude_networks": "19"}),
    Case(
        "CCS but not EVgo near Long Beach", "Long Beach", {"outlets": CCS, "exclude_networks": "19"}
    ),
    Case("without Volta near San Jose", "San Jose", {"exclude_networks": "25"}),
    Case("no Tesla near Fremont", "Fremont", {"exclude_networks": "8,35"}),
    Case(
        "DC fast, no superchargers, near Reno",
        "Reno",
        {"outlets": DC_FAST, "exclude_networks": "8"},
    ),
    Case(
        "no ChargePoint or Blink stations, free only, in Denver",
        "Denver",
        {"cost": "false", "exclude_networks": "1,2"},
    ),
    Case("anything but Electrify America near Flagstaff", "Flagstaff", {"exclude_networks": "47"}),
    Case("other than EVgo, Volta or Blink in Tucson", "Tucson", {"exclude_networks": "2,19,25"}),
    Case("EVgo but not Blink in Mesa", "Mesa", {"networks": "19", "exclude_networks": "2"}),
    Case(
        "non-Tesla fast chargers near Kingman",
        "Kingman",
        {"outlets": DC_FAST, "exclude_networks": "8,35"},
    ),
    Case("no CCS near Denver", "Denver", {}, ignored=["no CCS"]),
    Case("without restrooms in Boise", "Boise", {}, ignored=["without restrooms"]),
]

AMENITIES = [
    Case("chargers near a hotel in Denver", "Denver", {"amenities": "1"}),
    Case("lodging near Yosemite", "Yosemite", {"amenities": "1"}),
    Case("J1772 at a motel in Barstow", "Barstow", {"outlets": J1772, "amenities": "1"}),
    Case("restaurant with CCS in Austin", "Austin", {"outlets": CCS, "amenities": "2"}),
    Case("dining near the Ferry Building", "Ferry Building", {"amenities": "2"}),
    Case("CCS with restrooms near Denver", "Denver", {"outlets": CCS, "amenities": "3"}),
    Case("bathroom and wifi near Boulder", "Boulder", {"amenities": "3,7"}),
    Case("EV parking near Seattle", "Seattle", {"amenities": "4"}),
    Case("valet parking in Miami", "Miami", {"amenities": "5"}),
    Case("chargers near a park in Denver", "Denver", {"amenities": "6"}),
    Case("chargers with wi-fi in Palo Alto", "Palo Alto", {"amenities": "7"}),
    Case("shopping near Scottsdale", "Scottsdale", {"amenities": "8"}),
    Case("chargers at the mall near Dallas", "Dallas", {"amenities": "8"}),
    Case("grocery store with chargers in Austin", "Austin", {"amenities": "9"}),
    Case("supermarket in Leeds", "Leeds", {"amenities": "9"}),
    Case("CCS near food and toilets in Fresno", "Fresno", {"outlets": CCS, "amenities": "2,3"}),
    Case("free wifi and a restaurant near Eugene", "Eugene", {"amenities": "2,7"}),
]

ACCESS_AVAILABILITY_COST = [
    Case("public chargers near Denver", "Denver", {"access": "1"}),
    Case("restricted near Denver", "Denver", {"access": "2"}),
    Case("workplace chargers in Sunnyvale", "Sunnyvale", {"access": "2"}),
    Case("residential in Boulder", "Boulder", {"access": "3"}),
    Case("home (shared) chargers near Eugene", "Eugene", {"access": "3"}),
    Case("public or residential in Portland", "Portland", {"access": "1,3"}),
    Case("available CCS in Denver", "Denver", {"outlets": CCS, "availability": "1"}),
    Case("CCS near Phoenix available now", "Phoenix", {"outlets": CCS, "availability": "1"}),
    Case("not in use near Tucson", "Tucson", {"availability": "1"}),
    Case("a charger that isn't in use near Mesa", "Mesa", {"availability": "1"}),
    Case("in use near Miami", "Miami", {"availability": "2"}),
    Case("offline chargers near Fresno", "Fresno", {"availability": "3"}),
    Case("under repair near Reno", "Reno", {"availability": "4"}),
    Case("free CCS near Denver", "Denver", {"outlets": CCS, "cost": "false"}),
    Case("free only in Boulder", "Boulder", {"cost": "false"}),
    Case("no fee chargers in Austin", "Austin", {"cost": "false"}),
    Case("free of charge near Dallas", "Dallas", {"cost": "false"}),
    Case("chargers that are free near Houston", "Houston", {"cost": "false"}),
    Case(
        "free and available J1772 near Ann Arbor",
        "Ann Arbor",
        {"outlets": J1772, "cost": "false", "availability": "1"},
    ),
]

QUANTITIES = [
    Case(
        "CCS within 2 miles of Union Station", "Union Station", {"outlets": CCS, "radius": "3219"}
    ),
    Case("chargers within 2 mi of Denver", "Denver", {"radius": "3219"}),
    Case("J1772 3mi from the Space Needle", "Space Needle", {"outlets": J1772, "radius": "4828"}),
    Case("within a mile of Times Square", "Times Square", {"radius": "1609"}),
    Case("CCS within 5 km of Zürich HB", "Zürich HB", {"outlets": CCS, "radius": "5000"}),
    Case("500 m from King's Cross", "King's Cross", {"radius": "500"}),
    Case("within 1.5 km of São Paulo", "São Paulo", {"radius": "1500"}),
    Case("half a mile from Pike Place Market", "Pike Place Market", {"radius": "805"}),
    Case("within 10 kilometres of Oslo", "Oslo", {"radius": "10000"}),
    Case("2.5 miles around Boulder", "Boulder", {"radius": "4023"}),
    Case("in a 5 mile radius of Boston", "Boston", {"radius": "8047"}),
    Case("within 3 miles", None, {"radius": "4828"}),
    Case("within 100 miles of Denver", "Denver", {"radius": "50000"}),
    Case("top 3 superchargers near Barstow", "Barstow", {"outlets": SUPERCHARGER, "count": "3"}),
    Case("5 closest CCS near Denver", "Denver", {"outlets": CCS, "count": "5"}),
    Case("show me 10 chargers in Austin", "Austin", {"count": "10"}),
    Case(
        "the nearest supercharger to Union Station",
        "Union Station",
        {"outlets": SUPERCHARGER, "count": "1"},
    ),
    Case("nearest CCS chargers near Denver", "Denver", {"outlets": CCS}),
    Case("closest 5 in Reno", "Reno", {"count": "5"}),
    Case("give me 3 free chargers near Boston", "Boston", {"cost": "false", "count": "3"}),
    Case("top three chademo in Salem", "Salem", {"outlets": CHADEMO, "count": "3"}),
    Case("50kW+ near Denver", "Denver", {}, min_power_kw=50),
    Case("at least 150 kW near Boise", "Boise", {}, min_power_kw=150),
    Case("over 100kw CCS in Reno", "Reno", {"outlets": CCS}, min_power_kw=100),
    Case("350 kW chargers near LA", "LA", {}, min_power_kw=350),
    Case("CCS 150+ kW near Denver", "Denver", {"outlets": CCS}, min_power_kw=150),
    Case("more than 250 kilowatts near Vegas", "Vegas", {}, min_power_kw=250),
    Case("rated 8+ near Denver", "Denver", {"score": "8"}),
    Case("score above 7 in Boulder", "Boulder", {"score": "7"}),
    Case("PlugScore of at least 7.5 near Austin", "Austin", {"score": "7.5"}),
    Case("8+ rating chargers in Dallas", "Dallas", {"score": "8"}),
    Case("CCS rated 9 or higher near Seattle", "Seattle", {"outlets": CCS, "score": "9"}),
    Case("up to 50kW near Denver", "Denver", {}, ignored=["up to 50kW"]),
    Case("score above 12 near Denver", "Denver", {}, ignored=["score above 12"]),
    Case("20 minutes from Denver", "Denver", {}, ignored=["20 minutes"]),
    Case("4 stars near Denver", "Denver", {}, ignored=["4 stars"]),
    Case("1/2 mile from Denver", "Denver", {"radius": "805"}),
    Case("within two miles of Coors Field", "Coors Field", {"radius": "3219"}),
    Case("within 300 yards of the Alamo", "Alamo", {"radius": "274"}),
    Case("top five chademo near Denver", "Denver", {"outlets": CHADEMO, "count": "5"}),
    Case("a couple of free chargers near Denver", "Denver", {"cost": "false", "count": "2"}),
    Case("rated 7/10 or better near Denver", "Denver", {"score": "7"}),
    Case("50-150 kW near Denver", "Denver", {}, min_power_kw=50),
    Case("the nearest superchargers to Denver", "Denver", {"outlets": SUPERCHARGER}),
]

COMBINATIONS = [
    Case(
        "free superchargers near Barstow with restrooms, 5 closest",
        "Barstow",
        {"outlets": SUPERCHARGER, "cost": "false", "amenities": "3", "count": "5"},
    ),
    Case(
        "<@U012AB3CD> chademo in Denver, no ChargePoint",
        "Denver",
        {"outlets": CHADEMO, "exclude_networks": "1"},
    ),
    Case(
        "free CCS or CHAdeMO within 5 km of Union Station, available now, top 5",
        "Union Station",
        {
            "outlets": CCS_CHADEMO,
            "cost": "false",
            "availability": "1",
            "radius": "5000",
            "count": "5",
        },
    ),
    Case(
        "public EVgo DC fast 150kW+ near Phoenix with restrooms, rated 7+",
        "Phoenix",
        {"outlets": DC_FAST, "access": "1", "amenities": "3", "networks": "19", "score": "7"},
        min_power_kw=150,
    ),
    Case(
        "J1772 at a grocery store within 1 mile of 80202, no Blink, free",
        "80202",
        {
            "outlets": J1772,
            "cost": "false",
            "amenities": "9",
            "exclude_networks": "2",
            "radius": "1609",
        },
    ),
    Case(
        "show me the 3 closest available superchargers to SFO",
        "SFO",
        {"outlets": SUPERCHARGER, "availability": "1", "count": "3"},
    ),
    Case(
        "Type 2 or CCS2 on Ionity or Fastned near Utrecht, 350 kW",
        "Utrecht",
        {"outlets": '[{"connector":7},{"connector":13}]', "networks": "51,52"},
        min_power_kw=350,
    ),
    Case(
        "EA or EVgo, CCS at least 150kW, within 10 km of Denver International Airport",
        "Denver International Airport",
        {"outlets": CCS, "networks": "19,47", "radius": "10000"},
        min_power_kw=150,
    ),
    Case(
        "Level 2 with wifi and dining near Stanford Shopping Center, except ChargePoint",
        "Stanford Shopping Center",
        {"outlets": J1772, "amenities": "2,7", "exclude_networks": "1"},
    ),
    Case(
        "5 free public J1772 near Ann Arbor that are not in use",
        "Ann Arbor",
        {"outlets": J1772, "cost": "false", "access": "1", "availability": "1", "count": "5"},
    ),
    Case(
        "nearest free chademo to Portland, OR please",
        "Portland, OR",
        {"outlets": CHADEMO, "cost": "false", "count": "1"},
    ),
    Case(
        "CCS near Union Station, free only, no EVgo, within 2 miles",
        "Union Station",
        {"outlets": CCS, "cost": "false", "exclude_networks": "19", "radius": "3219"},
    ),
]

PLACES = [
    Case("near Union Station, CCS, free", "Union Station", {"outlets": CCS, "cost": "false"}),
    Case("Union Station: CCS, free only", "Union Station", {"outlets": CCS, "cost": "false"}),
    Case(
        "Denver International Airport: superchargers",
        "Denver International Airport",
        {"outlets": SUPERCHARGER},
    ),
    Case(
        "CCS near 1600 Amphitheatre Pkwy, Mountain View, CA 94043",
        "1600 Amphitheatre Pkwy, Mountain View, CA 94043",
        {"outlets": CCS},
    ),
    Case(
        "chademo near 350 5th Ave, New York, NY 10118",
        "350 5th Ave, New York, NY 10118",
        {"outlets": CHADEMO},
    ),
    Case("94103", "94103", {}),
    Case("CCS 94103", "94103", {"outlets": CCS}),
    Case("free chargers in 10001-1234", "10001-1234", {"cost": "false"}),
    # "plug in" is a verb, not "in <place>": the place is the one after "near".
    Case(
        "need a free place to plug in my chevy bolt near 10001",
        "10001",
        {"cost": "false"},
        ignored=["chevy bolt"],
    ),
    Case("where can I plug it in around Houston?", "Houston", {}),
    Case("superchargers near SFO", "SFO", {"outlets": SUPERCHARGER}),
    Case("LAX ccs", "LAX", {"outlets": CCS}),
    Case("CCS at JFK, free only", "JFK", {"outlets": CCS, "cost": "false"}),
    Case("37.7749, -122.4194", "37.7749, -122.4194", {}),
    Case("CCS near 40.7580,-73.9855", "40.7580,-73.9855", {"outlets": CCS}),
    Case("J1772 near 40.7580 -73.9855", "40.7580 -73.9855", {"outlets": J1772}),
    Case("superchargers at 40.7 N 73.9 W", "40.7 N 73.9 W", {"outlets": SUPERCHARGER}),
    Case(
        """40°45'29.1"N 73°59'8.4"W free CCS""",
        """40°45'29.1"N 73°59'8.4"W""",
        {"outlets": CCS, "cost": "false"},
    ),
    Case("CCS at 91.0,200.0", "91.0,200.0", {"outlets": CCS}),  # the geocoder explains
    Case(
        "free J1772 at 51.5074° N, 0.1278° W",
        "51.5074° N, 0.1278° W",
        {"outlets": J1772, "cost": "false"},
    ),
    Case("CCS near St. Louis", "St. Louis", {"outlets": CCS}),
    Case("chargers in Washington, D.C.", "Washington, D.C.", {}),
    Case("superchargers in Washington DC", "Washington DC", {"outlets": SUPERCHARGER}),
    Case("Type 2 near Place de la Concorde", "Place de la Concorde", {"outlets": TYPE_2}),
    Case("CCS near Bank of America Plaza", "Bank of America Plaza", {"outlets": CCS}),
    Case("chargers near Barnes & Noble, Union Square", "Barnes & Noble, Union Square", {}),
    Case("CCS in Zürich HB", "Zürich HB", {"outlets": CCS}),
    Case("São Paulo CCS", "São Paulo", {"outlets": CCS}),
    Case("chargers near King's Cross, London", "King's Cross, London", {}),
    Case("CCS in München", "München", {"outlets": CCS}),
    Case("Type 2 near 東京駅", "東京駅", {"outlets": TYPE_2}),
    Case("CCS near Москва", "Москва", {"outlets": CCS}),
    Case("superchargers Barstow top 3", "Barstow", {"outlets": SUPERCHARGER, "count": "3"}),
    Case("Barstow superchargers", "Barstow", {"outlets": SUPERCHARGER}),
    Case("CCS near Phoenix Sky Harbor", "Phoenix Sky Harbor", {"outlets": CCS}),
    Case("CCS near Union Station in Denver", "Union Station in Denver", {"outlets": CCS}),
    Case("closest CCS to the Space Needle", "Space Needle", {"outlets": CCS, "count": "1"}),
    Case("next to Pike Place Market, J1772", "Pike Place Market", {"outlets": J1772}),
    Case("chargers close to Fenway Park", "Fenway Park", {}),
    Case("CCS by the Golden Gate Bridge", "Golden Gate Bridge", {"outlets": CCS}),
    Case("EVgo around Rice University", "Rice University", {"networks": "19"}),
    Case("CCS near Penn station", "Penn station", {"outlets": CCS}),
    # A place that contains a filter word stays whole where the text makes it clear.
    Case("near Free Library of Philadelphia", "Free Library of Philadelphia", {}),
    Case(
        "near Free Library of Philadelphia, free CCS",
        "Free Library of Philadelphia",
        {"outlets": CCS, "cost": "false"},
    ),
    Case("superchargers near Tesla Motors HQ", "Tesla Motors HQ", {"outlets": SUPERCHARGER}),
    Case("CCS at Tesla Motors HQ in Palo Alto", "Tesla Motors HQ in Palo Alto", {"outlets": CCS}),
    Case("J1772 near Blink Fitness, Brooklyn", "Blink Fitness, Brooklyn", {"outlets": J1772}),
    Case("CCS at Shell Gas Station on Main St", "Shell Gas Station on Main St", {"outlets": CCS}),
    Case("CCS near Central Park", "Central Park", {"outlets": CCS}),
    Case("chargers near Denver Public Library", "Denver Public Library", {}),
    Case("near denver public library", "denver public library", {}),
    Case("Denver Public Library CCS", "Denver Public Library", {"outlets": CCS}),
    Case('CCS near "Free Parking Garage"', "Free Parking Garage", {"outlets": CCS}),
    Case("Free Library of Philadelphia: CCS", "Free Library of Philadelphia", {"outlets": CCS}),
    Case("Electrify America Denver", "Denver", {"networks": "47"}),
    Case("Shell chargers near the Shell Building", "Shell Building", {"networks": "26"}),
    # Filter words after a place are not part of it.
    Case("CCS near Phoenix free only", "Phoenix", {"outlets": CCS, "cost": "false"}),
    Case("chargers near Union Station with restrooms", "Union Station", {"amenities": "3"}),
    Case("CCS in Denver or near Boulder", "Denver", {"outlets": CCS}, ignored=["Boulder"]),
]

REAL_WORLD = [
    Case(
        "what's the closest free supercharger to LAX?",
        "LAX",
        {"outlets": SUPERCHARGER, "cost": "false", "count": "1"},
    ),
    Case("where are the nearest EVgo stations around Houston?", "Houston", {"networks": "19"}),
    Case(
        "Any Level 2 chargers at Macy's in Herald Square?",
        "Macy's in Herald Square",
        {"outlets": J1772},
    ),
    Case("chargers in downtown Denver", "downtown Denver", {}),
    Case("CCS in the Denver area", "Denver", {"outlets": CCS}),
    Case(
        "J1772 near 123 Main St., Springfield, IL 62701",
        "123 Main St., Springfield, IL 62701",
        {"outlets": J1772},
    ),
    Case("EVgo near Seattle but not in use", "Seattle", {"networks": "19", "availability": "1"}),
    Case("CCS near Clever Park", "Clever Park", {"outlets": CCS}),
    Case("Find me chademo. Denver.", "Denver", {"outlets": CHADEMO}),
    Case("near Boulder: CCS", "Boulder", {"outlets": CCS}),
    Case("CCS 50 kW near Denver", "Denver", {"outlets": CCS}, min_power_kw=50),
    Case(
        "Show 5 CCS chargers within 3 miles of 80302 that are free",
        "80302",
        {"outlets": CCS, "cost": "false", "radius": "4828", "count": "5"},
    ),
    Case("I'm interested in CCS chargers in Denver", "Denver", {"outlets": CCS}),
    Case("Is there a free charger near Walmart in Moab?", "Walmart in Moab", {"cost": "false"}),
    Case("ccs near union station, denver", "union station, denver", {"outlets": CCS}),
    Case(
        "my Bolt needs a DC fast charger near Reno", "Reno", {"outlets": DC_FAST}, ignored=["Bolt"]
    ),
    Case("yo bot, need juice near Pike Place", "Pike Place", {}),
    Case("CCS near Union Station (Denver)", "Union Station (Denver)", {"outlets": CCS}),
    Case("CCS near Denver (free only)", "Denver", {"outlets": CCS, "cost": "false"}),
    Case("chargers near Barnes and Noble", "Barnes and Noble", {}),
    Case("Charging stations along I-70 near Vail", "Vail", {}, ignored=["along I-70"]),
    Case(
        "ev charging at Costco in Mountain View, free", "Costco in Mountain View", {"cost": "false"}
    ),
    Case(
        "any free L2 within half a mile of 1 Infinite Loop, Cupertino?",
        "1 Infinite Loop, Cupertino",
        {"outlets": J1772, "cost": "false", "radius": "805"},
    ),
    Case("<@U012AB3CD> where can I charge near the office?", None, {}, ignored=["near the office"]),
]

NOISE = [
    Case("@chargebot CCS near Denver :zap:", "Denver", {"outlets": CCS}),
    Case("Hi! Can you find me CCS near Denver please? Thanks :)", "Denver", {"outlets": CCS}),
    Case(
        "hey chargebot, any free superchargers around Reno?? thx",
        "Reno",
        {"outlets": SUPERCHARGER, "cost": "false"},
    ),
    Case("CCS NEAR UNION STATION FREE ONLY", "UNION STATION", {"outlets": CCS, "cost": "false"}),
    Case(
        "<!channel> CCS near <http://maps.google.com/?q=denver|Denver>", "Denver", {"outlets": CCS}
    ),
    Case("<!here> J1772 near <https://example.com/map>", None, {"outlets": J1772}),
    Case("CCS near Barnes &amp; Noble", "Barnes & Noble", {"outlets": CCS}),
    Case("CCS    near \n    Denver   ", "Denver", {"outlets": CCS}),
    Case("good morning :sunny: any chademo in Boise?", "Boise", {"outlets": CHADEMO}),
    Case("*free* _CCS_ near ~Denver~", "Denver", {"outlets": CCS, "cost": "false"}),
    Case(
        "Please find me a free J1772 in Boulder. Thank you!",
        "Boulder",
        {"outlets": J1772, "cost": "false"},
    ),
    Case("<@U012AB3CD|chargebot> superchargers near SFO", "SFO", {"outlets": SUPERCHARGER}),
    Case(
        "cheap fastest CCS in Seattle",
        "Seattle",
        {"outlets": CCS},
        ignored=["fastest"],
        sort="price",
    ),
    Case("CCS near Denver open 24/7", "Denver", {"outlets": CCS}, open_at="24/7"),
    Case("chargers near me", None, {}),
    Case("any superchargers nearby?", None, {"outlets": SUPERCHARGER}),
    Case("CCS near home", None, {"outlets": CCS}, ignored=["near home"]),
    Case("⚡️ CCS near Denver ⚡️", "Denver", {"outlets": CCS}),
]

HELP = [
    Case("", None, {}, is_help=True),
    Case("   ", None, {}, is_help=True),
    Case("help", None, {}, is_help=True),
    Case("HELP!", None, {}, is_help=True),
    Case("?", None, {}, is_help=True),
    Case("what can you do?", None, {}, is_help=True),
    Case("hi", None, {}, is_help=True),
    Case("<@U012AB3CD>", None, {}, is_help=True),
    Case("<@U012AB3CD> help", None, {}, is_help=True),
    Case("how does this work", None, {}, is_help=True),
    Case("help me find CCS near Denver", "Denver", {"outlets": CCS}),
]

# Opening hours and prices: checked by ChargeBot on the results, not by the provider.
OPENING_AND_PRICES = [
    Case("CCS near Albany open now", "Albany", {"outlets": CCS}, open_at="now"),
    Case("open chargers near Buffalo", "Buffalo", {}, open_at="now"),
    Case("chargers currently open in Ithaca", "Ithaca", {}, open_at="now"),
    Case("J1772 near Troy that are open right now", "Troy", {"outlets": J1772}, open_at="now"),
    Case(
        "open 24/7 superchargers near Syracuse",
        "Syracuse",
        {"outlets": SUPERCHARGER},
        open_at="24/7",
    ),
    Case("24 hour chargers near Utica", "Utica", {}, open_at="24/7"),
    Case("chargers open 24 hours near Utica", "Utica", {}, open_at="24/7"),
    Case("always open CCS in Rochester", "Rochester", {"outlets": CCS}, open_at="24/7"),
    Case("J1772 open at 7am near Albany", "Albany", {"outlets": J1772}, open_at=time(7, 0)),
    Case("chargers open at 7:30 pm in Buffalo", "Buffalo", {}, open_at=time(19, 30)),
    Case(
        "CCS open at 19:45 near Schenectady", "Schenectady", {"outlets": CCS}, open_at=time(19, 45)
    ),
    Case("chargers open at 12am in Albany", "Albany", {}, open_at=time(0, 0)),
    Case("chargers open at noon in Albany", "Albany", {}, open_at=time(12, 0)),
    Case("free chargers open by 6am near Troy", "Troy", {"cost": "false"}, open_at=time(6, 0)),
    Case("open at 25pm near Troy", "Troy", {}, open_at="now", ignored=["25pm"]),
    Case("cheapest CCS near Denver", "Denver", {"outlets": CCS}, sort="price"),
    Case("cheapest chargers near Penn Station", "Penn Station", {}, sort="price"),
    Case("J1772 near Boston sorted by price", "Boston", {"outlets": J1772}, sort="price"),
    Case("affordable level 2 in Boise", "Boise", {"outlets": J1772}, sort="price"),
    Case("CCS under 30 cents/kWh near Albany", "Albany", {"outlets": CCS}, max_price_per_kwh=0.30),
    Case("chargers under $0.40 per kWh in Buffalo", "Buffalo", {}, max_price_per_kwh=0.40),
    Case("under €0.35/kWh chargers in Berlin", "Berlin", {}, max_price_per_kwh=0.35),
    Case("less than 35c/kWh near Troy, NY", "Troy, NY", {}, max_price_per_kwh=0.35),
    Case("chargers below 25p per kWh near Leeds", "Leeds", {}, max_price_per_kwh=0.25),
    Case("chargers at most 45¢ per kWh near Utica", "Utica", {}, max_price_per_kwh=0.45),
    Case("over $0.40 per kWh near Utica", "Utica", {}, ignored=["over $0.40 per kWh"]),
    Case("under $2 per session near Utica", "Utica", {}, ignored=["under $2 per session"]),
    Case(
        "cheapest free CCS open now under 40 cents/kWh near Albany",
        "Albany",
        {"outlets": CCS, "cost": "false"},
        open_at="now",
        max_price_per_kwh=0.40,
        sort="price",
    ),
]

CORPUS: list[Case] = [
    *CONNECTORS,
    *NETWORKS,
    *EXCLUSIONS,
    *AMENITIES,
    *ACCESS_AVAILABILITY_COST,
    *QUANTITIES,
    *COMBINATIONS,
    *REAL_WORLD,
    *PLACES,
    *NOISE,
    *HELP,
    *OPENING_AND_PRICES,
]
