"""The words drivers use for PlugShare's filters: connectors, networks, amenities, access,
availability and cost.

Phrases are written the way people type them; the lexicon reads them with the same
tokenizer as requests, so ``J-1772``, ``J1772`` and ``J 1772`` are one entry, and case and
accents never matter. A plural of the last word is added automatically.
"""

from __future__ import annotations

from bot.plugshare.enums import DC_FAST, Access, AmenityType, Availability, Connector, Power
from bot.plugshare.filters import OutletFilter
from bot.plugshare.networks import NETWORKS

from .meaning import Kind, Meaning

_C = Connector
_TESLA_NETWORKS = (8, 35)  # Tesla Supercharger, Tesla Destination
_SUPERCHARGER_NETWORK = (8,)


def _outlets(*pairs: tuple[Connector, Power | None]) -> tuple[OutletFilter, ...]:
    return tuple(OutletFilter(connector=c, power=p) for c, p in pairs)


# (label, outlets, networks excluded when negated, phrases)
CONNECTORS: tuple[tuple[str, tuple[OutletFilter, ...], tuple[int, ...], tuple[str, ...]], ...] = (
    (
        "Wall outlet (120V)",
        _outlets((_C.WALL, None)),
        (),
        (
            "wall outlet",
            "wall socket",
            "wall plug",
            "standard outlet",
            "regular outlet",
            "household outlet",
            "120v",
            "120 volt",
            "110v",
            "110 volt",
            "level 1",
            "level one",
            "lvl 1",
            "l1",
            "nema 5-15",
            "nema 5-20",
            "5-15",
            "5-20",
            "nema 515",
            "nema 520",
            "trickle",
        ),
    ),
    (
        "J1772",
        _outlets((_C.J1772, None)),
        (),
        (
            "j1772",
            "sae j1772",
            "j plug",
            "type 1",
            "type one",
            "level 2",
            "level two",
            "lvl 2",
            "l2",
        ),
    ),
    ("CHAdeMO", _outlets((_C.CHADEMO, None)), (), ("chademo", "cha de mo")),
    ("Tesla Roadster", _outlets((_C.TESLA_ROADSTER, None)), (), ("tesla roadster", "roadster")),
    ("NEMA 14-50", _outlets((_C.NEMA_14_50, None)), (), ("nema 14-50", "14-50", "nema 1450")),
    (
        "Tesla wall connector",
        _outlets((_C.TESLA, Power.AC)),
        (),
        ("tesla hpwc", "hpwc", "tesla wall connector", "wall connector", "tesla wall charger"),
    ),
    (
        "Tesla Supercharger",
        _outlets((_C.TESLA, Power.DC)),
        _SUPERCHARGER_NETWORK,
        (
            "tesla supercharger",
            "supercharger",
            "super charger",
            "tesla super charger",
            "supercharger network",
            "tesla supercharger network",
        ),
    ),
    (
        "Tesla (NACS)",
        _outlets((_C.TESLA, None)),
        _TESLA_NETWORKS,
        (
            "tesla",
            "nacs",
            "j3400",
            "sae j3400",
            "north american charging standard",
            "tesla plug",
            "tesla connector",
        ),
    ),
    ("Type 2", _outlets((_C.TYPE_2, None)), (), ("type 2", "type two", "mennekes")),
    (
        "Type 3",
        _outlets((_C.TYPE_3, None)),
        (),
        ("type 3", "type three", "type 3a", "type 3c", "scame"),
    ),
    (
        "BS1363 (UK 3-pin)",
        _outlets((_C.BS1363, None)),
        (),
        ("bs1363", "uk 3-pin", "uk three pin", "3-pin", "three pin", "uk plug", "uk socket"),
    ),
    ("Europlug", _outlets((_C.EUROPLUG, None)), (), ("europlug", "euro plug", "cee 7/16")),
    (
        "Commando",
        _outlets((_C.COMMANDO, None)),
        (),
        ("commando", "uk commando", "blue commando", "iec 60309"),
    ),
    (
        "AS3112",
        _outlets((_C.AS3112, None)),
        (),
        ("as3112", "as/nzs 3112", "australian plug", "australian socket", "australian outlet"),
    ),
    (
        "CCS",
        _outlets((_C.CCS, None)),
        (),
        (
            "ccs",
            "ccs1",
            "ccs2",
            "combo",
            "ccs combo",
            "sae combo",
            "combo 1",
            "combo 2",
            "j1772 combo",
            "sae ccs",
            "combined charging system",
        ),
    ),
    (
        "Three phase",
        _outlets((_C.THREE_PHASE, None)),
        (),
        ("three phase", "3 phase", "3ph"),
    ),
    (
        "Caravan mains",
        _outlets((_C.CARAVAN, None)),
        (),
        ("caravan", "caravan mains", "caravan mains socket", "caravan socket", "caravan plug"),
    ),
    (
        "GB/T",
        _outlets((_C.GBT, None), (_C.GBT_2, None)),
        (),
        ("gb/t", "gbt", "china gb/t", "guobiao"),
    ),
    ("GB/T 2", _outlets((_C.GBT_2, None)), (), ("gb/t 2", "china gb/t 2")),
    (
        "DC fast",
        _outlets(*DC_FAST),
        (),
        (
            "dc fast",
            "dcfc",
            "dc",
            "fast",
            "rapid",
            "quick charger",
            "quick charging",
            "quick charge",
            "dc quick",
            "level 3",
            "level three",
            "lvl 3",
            "l3",
            "high power",
            "high powered",
            "hpc",
            "ultra fast",
            "ultrafast",
            "ultra rapid",
        ),
    ),
)

AMENITIES: tuple[tuple[AmenityType, tuple[str, ...]], ...] = (
    (AmenityType.LODGING, ("hotel", "motel", "lodging", "accommodation")),
    (
        AmenityType.DINING,
        ("dining", "restaurant", "food", "places to eat", "place to eat", "cafe", "coffee shop"),
    ),
    (
        AmenityType.RESTROOMS,
        ("restroom", "rest room", "bathroom", "toilet", "washroom", "lavatory", "loo"),
    ),
    (AmenityType.EV_PARKING, ("ev parking", "ev only parking")),
    (AmenityType.VALET, ("valet", "valet parking")),
    (AmenityType.PARK, ("park",)),
    (
        AmenityType.WIFI,
        ("wifi", "wi-fi", "free wifi", "free wi-fi", "internet", "wireless internet"),
    ),
    (
        AmenityType.SHOPPING,
        ("shopping", "mall", "shop", "store", "shopping center", "shopping centre", "outlet mall"),
    ),
    (AmenityType.GROCERY, ("grocery", "groceries", "grocery store", "supermarket")),
)

#: Amenity words that end a place name when written after it with a capital ("Central Park").
AMENITY_TAILS = frozenset(
    {
        "park",
        "hotel",
        "motel",
        "mall",
        "restaurant",
        "cafe",
        "shopping center",
        "shopping centre",
        "outlet mall",
        "supermarket",
        "market",
    }
)

ACCESS: tuple[tuple[Access, tuple[str, ...]], ...] = (
    (
        Access.PUBLIC,
        ("public", "public access", "publicly accessible", "publicly", "open to the public"),
    ),
    (
        Access.RESTRICTED,
        (
            "restricted",
            "workplace",
            "work place",
            "private",
            "dealership",
            "dealer",
            "employees only",
        ),
    ),
    (Access.RESIDENTIAL, ("residential", "home (shared)", "shared home", "home", "residence")),
)

AVAILABILITY: tuple[tuple[Availability, tuple[str, ...]], ...] = (
    (Availability.UNKNOWN, ("unknown status", "status unknown")),
    (
        Availability.AVAILABLE,
        (
            "available",
            "available now",
            "available right now",
            "currently available",
            "not in use",
            "isn't in use",
            "is not in use",
            "not being used",
            "unoccupied",
            "vacant",
            "not busy",
            "not occupied",
            "idle",
            "open spot",
            "empty",
        ),
    ),
    (Availability.IN_USE, ("in use", "occupied", "busy", "being used", "taken")),
    (
        Availability.OFFLINE,
        ("offline", "out of service", "out of order", "broken", "not working"),
    ),
    (
        Availability.UNDER_REPAIR,
        ("under repair", "being repaired", "under maintenance", "in repair"),
    ),
)

FREE = (
    "free",
    "no fee",
    "no fees",
    "free of charge",
    "no cost",
    "without a fee",
    "without fee",
    "without fees",
    "for free",
    "costless",
    "gratis",
    "zero cost",
    "complimentary",
    "free parking",
    "no parking fee",
    "no charging fee",
    "doesn't cost",
    "don't cost",
    "free charging",
)

# Network names that mean a connector here: "Tesla Supercharger" asks for the plug.
_NETWORK_NAMES_CLAIMED = frozenset({"tesla supercharger", "supercharger network"})
# Aliases that are everyday words or abbreviations in addresses ("5th Av").
_NETWORK_ALIASES_SKIPPED = frozenset({"AV"})
# Aliases that are generic phrases unless written as a name ("charge point" in the UK).
_NETWORK_ALIASES_CAPS_ONLY = frozenset(
    {
        "Charge Point",
        "Car Charging",
        "Charge Net",
        "Electric Circuit",
        "Shore Power",
        "Clever",
        "POLAR",
        "GE",
    }
)


def network_entries() -> list[tuple[str, Meaning, bool]]:
    """(phrase, meaning, caps_only) for every network name and alias."""
    entries: list[tuple[str, Meaning, bool]] = []
    for info in NETWORKS.values():
        meaning = Meaning(Kind.NETWORK, label=info.name, ids=(info.id,), exclude_ids=(info.id,))
        for name in info.all_names:
            if name in _NETWORK_ALIASES_SKIPPED or name.casefold() in _NETWORK_NAMES_CLAIMED:
                continue
            entries.append((name, meaning, name in _NETWORK_ALIASES_CAPS_ONLY))
    return entries


def filter_entries() -> list[tuple[str, Meaning]]:
    """(phrase, meaning) for every connector, amenity, access, availability and cost phrase."""
    entries: list[tuple[str, Meaning]] = []
    for label, outlets, exclude, phrases in CONNECTORS:
        meaning = Meaning(Kind.OUTLETS, label=label, outlets=outlets, exclude_ids=exclude)
        entries.extend((p, meaning) for p in phrases)
    for amenity, phrases in AMENITIES:
        for phrase in phrases:
            meaning = Meaning(
                Kind.AMENITY,
                label=amenity.label,
                ids=(int(amenity),),
                tail=phrase in AMENITY_TAILS,
            )
            entries.append((phrase, meaning))
    for access, phrases in ACCESS:
        meaning = Meaning(Kind.ACCESS, label=access.label, ids=(int(access),))
        entries.extend((p, meaning) for p in phrases)
    for availability, phrases in AVAILABILITY:
        meaning = Meaning(Kind.AVAILABILITY, label=availability.label, ids=(int(availability),))
        entries.extend((p, meaning) for p in phrases)
    free = Meaning(Kind.FREE, label="Free")
    entries.extend((p, free) for p in FREE)
    return entries
