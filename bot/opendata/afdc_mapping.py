"""AFDC station records -> PlugShare locations. The one place open data is mapped.

Input is one AFDC station as a mapping keyed by the AFDC API's snake_case field
names (the CSV readers rename the export's column titles to these). Values may
be text (CSV) or typed (API JSON). Output is a :class:`~bot.plugshare.models.Location`,
or :class:`RowSkipped` / :class:`RowInvalid` saying why not.

The mapping, field by field:

- ``id`` -> the location id (:mod:`bot.records.ids`: AFDC station N is location N).
- ``fuel_type_code`` other than ``ELEC`` -> skipped (another fuel).
- ``status_code``: ``E`` in service -> stations ``available`` 0 (unknown: open data
  has no live status); ``T`` temporarily unavailable -> 3 (offline); ``P`` planned
  -> skipped, and removed from the index if it was there. Blank reads as ``E``.
- ``access_code``: public -> access 1, private -> 2 (blank: public).
- ``ev_connector_types`` -> outlet connectors: J1772 -> 2, J1772COMBO -> 13,
  CHADEMO -> 3, TESLA -> 6, NEMA1450 -> 5, NEMA515 and NEMA520 -> 1. TESLA gets
  power 1 (Supercharger) at a DC site (network ``Tesla`` or any DC fast port) and
  power 0 (Tesla destination / wall connector) otherwise. Unknown names are ignored.
- ``ev_level1_evse_num``, ``ev_level2_evse_num``, ``ev_dc_fast_num`` -> one station
  per port, each with the site's connectors of that level: NEMA 5-x at Level 1,
  J1772 at Level 2 (Level 1 when the site has no Level 2 ports), NEMA 14-50 and the
  Tesla destination connector at Level 2, CCS, CHAdeMO and the Supercharger at DC.
  Every listed connector lands on some station; a site with no port counts (the
  minimal export) gets one station carrying whatever connectors are listed, or
  none (connectors unknown).
- ``ev_charging_units`` (API JSON only), when present, replaces the counts: each
  unit becomes ``port_count`` stations whose outlets carry the unit's connectors
  with their ``power_kw`` as ``kilowatts``; a Tesla connector's power follows the
  unit's ``charging_level``. Power is otherwise unknown: nothing is guessed.
- ``ev_network`` -> each station's network: the PlugShare ids in
  :data:`AFDC_NETWORK_IDS` with PlugShare's name for them; ``Non-Networked`` -> no
  network; anything else keeps its brand name (:data:`AFDC_NETWORK_NAMES`, or the
  AFDC code in words: ``VIALYNK`` -> ``Vialynk``) with no id.
- ``ev_pricing`` -> station cost (:mod:`bot.opendata.pricing`) and cost
  description; the location's ``cost`` is true when a station has a known fee.
- ``facility_type`` -> amenities (:data:`FACILITY_AMENITIES`) and parking type.
- ``street_address``, ``city``, ``state``, ``zip`` -> address; ``station_phone`` ->
  phone; ``access_days_time`` -> hours ("24 hours daily..." also sets open247);
  ``intersection_directions`` -> description; ``open_date`` -> created_at;
  ``date_last_confirmed`` (else ``updated_at``) -> updated_at;
  the AFDC station page -> url.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple

from bot.opendata.facets import facets_from
from bot.opendata.pricing import station_cost
from bot.opendata.store import LocationRows, location_row, timestamp
from bot.plugshare import trusted
from bot.plugshare.enums import Access, AmenityType, Availability, Connector, Power, StationCost
from bot.plugshare.models import Location, Network, Station
from bot.plugshare.networks import network_name
from bot.records.fields import coordinate
from bot.records.ids import (
    MAX_STATIONS_PER_LOCATION,
    IdOutOfRange,
    location_id,
    outlet_id,
    station_id,
)
from bot.records.outcome import RowInvalid, RowSkipped

SOURCE: Final = "afdc"
STATION_PAGE: Final = "https://afdc.energy.gov/stations#/station/{id}"

#: AFDC ``EV Network`` values (compared case-insensitively) -> PlugShare network ids.
AFDC_NETWORK_IDS: Final[dict[str, int]] = {
    "chargepoint network": 1,
    "blink network": 2,
    "semacharge network": 3,
    "evgo network": 19,
    "volta": 25,
    "greenlots": 26,
    "shell_recharge": 26,
    "tesla": 8,
    "tesla destination": 35,
    "electrify america": 47,
    "ev connect": 46,
    "flo": 7,
    "opconnect": 29,
}
NON_NETWORKED: Final = frozenset({"non-networked", "non networked", "none"})
#: Networks PlugShare has no id for, under their brand names: AFDC's export spells
#: newer networks as codes ("CHARGESMART_EV"), which no driver would recognise.
AFDC_NETWORK_NAMES: Final[dict[str, str]] = {
    "AMPUP": "AmpUp",
    "BP_PULSE": "bp pulse",
    "CHARGELAB": "ChargeLab",
    "CHARGESMART_EV": "ChargeSmart EV",
    "CIRCLE_K": "Circle K",
    "EVGATEWAY": "EVgateway",
    "FORD_CHARGE": "Ford Charge",
    "GRAVITY_CHARGING_CENTER": "Gravity",
    "IONNA": "IONNA",
    "RIVIAN_ADVENTURE": "Rivian Adventure Network",
    "RIVIAN_WAYPOINTS": "Rivian Waypoints",
    "SWTCH": "SWTCH",
    "ZEFNET": "ZEF Energy",
}

#: AFDC ``Facility Type`` -> PlugShare amenities, where the facility implies them.
FACILITY_AMENITIES: Final[dict[str, tuple[AmenityType, ...]]] = {
    "HOTEL": (AmenityType.LODGING,),
    "INN": (AmenityType.LODGING,),
    "B_AND_B": (AmenityType.LODGING,),
    "RESTAURANT": (AmenityType.DINING,),
    "BREWERY_DISTILLERY_WINERY": (AmenityType.DINING,),
    "REST_STOP": (AmenityType.RESTROOMS,),
    "TRAVEL_CENTER": (AmenityType.RESTROOMS, AmenityType.DINING),
    "TRUCK_STOP": (AmenityType.RESTROOMS, AmenityType.DINING),
    "PARK": (AmenityType.PARK,),
    "NATL_PARK": (AmenityType.PARK,),
    "STATE_PARK": (AmenityType.PARK,),
    "CAMPGROUND": (AmenityType.PARK,),
    "RV_PARK": (AmenityType.PARK,),
    "SHOPPING_CENTER": (AmenityType.SHOPPING,),
    "SHOPPING_MALL": (AmenityType.SHOPPING,),
    "RETAIL": (AmenityType.SHOPPING,),
    "HARDWARE_STORE": (AmenityType.SHOPPING,),
    "CONVENIENCE_STORE": (AmenityType.SHOPPING,),
    "PHARMACY": (AmenityType.SHOPPING,),
    "GROCERY": (AmenityType.GROCERY,),
}
FACILITY_PARKING: Final[dict[str, str]] = {
    "PARKING_GARAGE": "Garage",
    "PAY_GARAGE": "Garage (paid)",
    "PARKING_LOT": "Lot",
    "PAY_LOT": "Lot (paid)",
    "STREET_PARKING": "Street",
}

_L1, _L2, _DC = "Level 1", "Level 2", "DC fast"
_LEVELS: Final = (_L1, _L2, _DC)

# Connector name -> (PlugShare connector, levels it is placed at, in preference order).
# TESLA is decided per site (see _tesla).
_CONNECTORS: Final[dict[str, tuple[Connector, tuple[str, ...]]]] = {
    "NEMA515": (Connector.WALL, (_L1, _L2)),
    "NEMA520": (Connector.WALL, (_L1, _L2)),
    "J1772": (Connector.J1772, (_L2, _L1)),
    "NEMA1450": (Connector.NEMA_14_50, (_L2,)),
    "J1772COMBO": (Connector.CCS, (_DC,)),
    "CHADEMO": (Connector.CHADEMO, (_DC,)),
}
_CONNECTOR_ORDER: Final = (
    "NEMA515",
    "NEMA520",
    "NEMA1450",
    "J1772",
    "TESLA",
    "J1772COMBO",
    "CHADEMO",
)
# Which connectors can serve a level, to fill a level that got none by preference.
_CAN_SERVE: Final[dict[str, frozenset[str]]] = {
    _L1: frozenset({"NEMA515", "NEMA520", "J1772"}),
    _L2: frozenset({"J1772", "NEMA1450", "NEMA520", "TESLA-AC"}),
    _DC: frozenset({"J1772COMBO", "CHADEMO", "TESLA-DC"}),
}

_STATUS: Final = {"E": Availability.UNKNOWN, "T": Availability.OFFLINE}
_ACCESS: Final = {"public": Access.PUBLIC, "private": Access.RESTRICTED}


def _text(value: Any) -> str | None:
    if value is None or value == "":  # most of a CSV row's cells: answered at once
        return None
    text = str(value).strip()
    return text or None


def _count(record: Mapping[str, Any], field: str, title: str) -> int:
    value = record.get(field)
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowInvalid(f"{title} {str(value)[:20]!r} is not a number") from None
    if not number.is_integer() or number < 0:
        raise RowInvalid(f"{title} {str(value)[:20]!r} is not a whole number of ports")
    return int(number)


def _external_id(record: Mapping[str, Any]) -> int:
    value = record.get("id")
    text = _text(value)
    if text is None:
        raise RowInvalid("ID is missing")
    try:
        number = float(text)
    except ValueError:
        raise RowInvalid(f"ID {text[:30]!r} is not a number") from None
    if not number.is_integer():
        raise RowInvalid(f"ID {text[:30]!r} is not a whole number")
    return int(number)


def parse_date(value: Any) -> datetime | None:
    """AFDC dates: ``2025-04-21``, ``2025-02-12 00:16:32 UTC``, ``2025-02-12T00:16:32Z``."""
    text = _text(value)
    if text is None:
        return None
    text = text.removesuffix(" UTC").replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None  # a bad date never costs a station; it is just not known
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def connector_names(value: Any) -> list[str]:
    """``"J1772 TESLA"`` (CSV) or ``["J1772", "TESLA"]`` (API) -> known names, canonical order."""
    if value is None or value == "":  # "": most sites of the minimal export
        return []
    tokens: Iterable[str]
    if isinstance(value, str):
        tokens = re.split(r"[\s,;]+", value)
    else:
        tokens = (str(item) for item in value)
    names = {token.strip().upper() for token in tokens if token and token.strip()}
    return [name for name in _CONNECTOR_ORDER if name in names]


def network_for(value: Any) -> Network | None:
    name = _text(value)
    if name is None or name.lower() in NON_NETWORKED:
        return None
    network_id = AFDC_NETWORK_IDS.get(name.lower())
    if network_id is None:
        return trusted.network(name=_brand(name))
    return trusted.network(id=network_id, name=network_name(network_id) or name)


def _brand(name: str) -> str:
    """``CHARGESMART_EV`` -> ``ChargeSmart EV``; an unknown code -> ``Some Network``."""
    known = AFDC_NETWORK_NAMES.get(name.upper())
    if known is not None:
        return known
    if name.isupper() or "_" in name:
        return " ".join(word.capitalize() for word in name.replace("_", " ").split())
    return name


def _address(record: Mapping[str, Any]) -> str | None:
    street = _text(record.get("street_address"))
    city = _text(record.get("city"))
    state, zip_code = _text(record.get("state")), _text(record.get("zip"))
    region = f"{state} {zip_code}" if state and zip_code else state or zip_code
    if not (street or city):
        return region  # the minimal export: a ZIP at most
    return ", ".join(p for p in (street, city, region) if p)


class _Site:
    """What every station of one AFDC site shares."""

    def __init__(self, record: Mapping[str, Any], network: Network | None, dc_ports: int):
        self.network = network
        self.supercharger = dc_ports > 0 or (network is not None and network.id == 8)
        self.pricing = _text(record.get("ev_pricing"))
        self.cost = station_cost(self.pricing)
        self.hours = _text(record.get("access_days_time"))
        self.created_at = parse_date(record.get("open_date"))


def _level_outlets(
    names: list[str], counts: dict[str, int], supercharger: bool
) -> dict[str, list[tuple[Connector, Power | None]]]:
    """Which connectors each level's stations carry (see the module docstring)."""
    if not names:
        return {level: [] for level in _LEVELS}
    placed: dict[str, list[str]] = {level: [] for level in _LEVELS}
    keys: list[str] = []
    for name in names:
        if name == "TESLA":
            key, preferred = ("TESLA-DC", (_DC,)) if supercharger else ("TESLA-AC", (_L2,))
        else:
            key, preferred = name, _CONNECTORS[name][1]
        keys.append(key)
        level = next((lv for lv in preferred if counts[lv] > 0), None)
        if level is None:  # the data lists a connector at a level it has no port for
            level = next((lv for lv in (_L2, _DC, _L1) if counts[lv] > 0), None)
        if level is not None:
            placed[level].append(key)
    for level in _LEVELS:
        if counts[level] > 0 and not placed[level]:
            placed[level] = [key for key in keys if key in _CAN_SERVE[level]]
    return {level: _unique(_plug(key) for key in keys_) for level, keys_ in placed.items()}


def _unique(
    plugs: Iterable[tuple[Connector, Power | None]],
) -> list[tuple[Connector, Power | None]]:
    """NEMA 5-15 and 5-20 are both PlugShare's wall outlet: one outlet, not two."""
    return list(dict.fromkeys(plugs))


def _plug(key: str) -> tuple[Connector, Power | None]:
    if key == "TESLA-DC":
        return Connector.TESLA, Power.DC
    if key == "TESLA-AC":
        return Connector.TESLA, Power.AC
    return _CONNECTORS[key][0], None


def _unit_level(value: Any) -> str | None:
    text = (_text(value) or "").lower().replace(" ", "").replace("_", "")
    if "dc" in text:
        return _DC
    if text in {"1", "level1", "l1"}:
        return _L1
    if text in {"2", "level2", "l2"}:
        return _L2
    return None


def _unit_plugs(
    unit: Mapping[str, Any], supercharger: bool
) -> tuple[str | None, list[tuple[Connector, Power | None, float | None]]]:
    level = _unit_level(unit.get("charging_level"))
    connectors = unit.get("connectors") or {}
    if isinstance(connectors, list):  # tolerate a list of {"connector_type": ..., "power_kw": ...}
        connectors = {
            str(c.get("connector_type") or c.get("type") or ""): c
            for c in connectors
            if isinstance(c, Mapping)
        }
    plugs: list[tuple[Connector, Power | None, float | None]] = []
    if not isinstance(connectors, Mapping):
        return level, plugs
    for raw_name, details in connectors.items():
        details = details if isinstance(details, Mapping) else {}
        ports = details.get("port_count")
        kw = details.get("power_kw")
        try:
            kilowatts = float(kw) if kw is not None and float(kw) > 0 else None
        except (TypeError, ValueError):
            kilowatts = None
        if ports is not None and not ports and kilowatts is None:
            continue  # the API lists every connector type, with port_count 0 for absent ones
        name = str(raw_name).strip().upper()
        if name == "TESLA":
            dc = level == _DC if level is not None else supercharger
            plugs.append((Connector.TESLA, Power.DC if dc else Power.AC, kilowatts))
        elif name in _CONNECTORS:
            plugs.append((_CONNECTORS[name][0], None, kilowatts))
    plugs.sort(key=lambda p: (int(p[0]), -1 if p[1] is None else int(p[1])))
    return level, plugs


class _Ports(NamedTuple):
    """``count`` identical stations numbered from ``first``, each with ``plugs``."""

    first: int
    count: int
    level: str | None
    plugs: list[tuple[Connector, Power | None, float | None]]


def _ports(
    first: int,
    count: int,
    level: str | None,
    plugs: list[tuple[Connector, Power | None, float | None]],
) -> _Ports:
    if first + count > MAX_STATIONS_PER_LOCATION:
        raise IdOutOfRange(f"more than {MAX_STATIONS_PER_LOCATION - 1} charging ports at one site")
    return _Ports(first, count, level, plugs)


def _stations(record: Mapping[str, Any], site: _Site, counts: dict[str, int]) -> list[_Ports]:
    names = connector_names(record.get("ev_connector_types"))
    units = record.get("ev_charging_units")
    groups: list[_Ports] = []
    if isinstance(units, list) and units:
        first = 0
        for unit in units:
            if not isinstance(unit, Mapping):
                continue
            level, plugs = _unit_plugs(unit, site.supercharger)
            try:
                ports = max(1, int(unit.get("port_count") or 1))
            except (TypeError, ValueError):
                ports = 1
            groups.append(_ports(first, ports, level, plugs))
            first += ports
        if any(group.plugs for group in groups):
            return groups
        groups = []
    if not names and not (counts[_L1] or counts[_L2] or counts[_DC]):
        return [_ports(0, 1, None, [])]  # the minimal export: one station, plugs unknown
    by_level = _level_outlets(names, counts, site.supercharger)
    first = 0
    for level in _LEVELS:
        if counts[level]:
            plugs = [(c, p, None) for c, p in by_level[level]]
            groups.append(_ports(first, counts[level], level, plugs))
            first += counts[level]
    if not groups:
        site_plugs = _unique(_plug(k) for k in _site_keys(names, site.supercharger))
        groups.append(_ports(0, 1, None, [(c, p, None) for c, p in site_plugs]))
    return groups


def _site_keys(names: list[str], supercharger: bool) -> list[str]:
    return [("TESLA-DC" if supercharger else "TESLA-AC") if n == "TESLA" else n for n in names]


class _Mapped(NamedTuple):
    """One AFDC station, mapped: what both of its forms (model, index rows) are built from."""

    loc_id: int
    external: int
    name: str
    latitude: float
    longitude: float
    description: str | None
    address: str | None
    phone: str | None
    open247: bool | None
    access: Access
    parking: str | None
    updated_at: datetime | None
    site: _Site
    available: Availability
    groups: list[_Ports]
    amenities: tuple[AmenityType, ...]


def _map(record: Mapping[str, Any]) -> _Mapped:
    """The mapping itself (see the module docstring). Raises RowSkipped or RowInvalid."""
    external = _external_id(record)
    try:
        loc_id = location_id(SOURCE, external)
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    fuel = (_text(record.get("fuel_type_code")) or "ELEC").upper()
    if fuel != "ELEC":
        raise RowSkipped("not an electric charging station")
    status = (_text(record.get("status_code")) or "E").upper()
    if status == "P":
        raise RowSkipped("planned, not open yet", withdrawn_id=loc_id)
    if status not in _STATUS:
        raise RowInvalid(f"unknown status code {status[:10]!r}")
    latitude = coordinate(record.get("latitude"), "Latitude", 90.0)
    longitude = coordinate(record.get("longitude"), "Longitude", 180.0)
    if latitude == 0.0 and longitude == 0.0:
        raise RowInvalid("Latitude and longitude are both 0 (no position)")
    access_text = (_text(record.get("access_code")) or "public").lower()
    if access_text not in _ACCESS:
        raise RowInvalid(f"unknown access code {access_text[:20]!r}")
    counts = {
        _L1: _count(record, "ev_level1_evse_num", "EV Level1 EVSE Num"),
        _L2: _count(record, "ev_level2_evse_num", "EV Level2 EVSE Num"),
        _DC: _count(record, "ev_dc_fast_num", "EV DC Fast Count"),
    }
    site = _Site(record, network_for(record.get("ev_network")), counts[_DC])
    try:
        groups = _stations(record, site, counts)
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    facility = (_text(record.get("facility_type")) or "").upper()
    hours = site.hours
    name = _text(record.get("station_name")) or _text(record.get("street_address"))
    return _Mapped(
        loc_id,
        external,
        name or "EV charging station",
        latitude,
        longitude,
        _text(record.get("intersection_directions")),
        _address(record),
        _text(record.get("station_phone")),
        True if hours and hours.lower().startswith("24 hours") else None,
        _ACCESS[access_text],
        FACILITY_PARKING.get(facility),
        parse_date(record.get("date_last_confirmed")) or parse_date(record.get("updated_at")),
        site,
        _STATUS[status],
        groups,
        FACILITY_AMENITIES.get(facility, ()),
    )


def map_station(record: Mapping[str, Any]) -> Location:
    """One AFDC station -> a PlugShare location. Raises RowSkipped or RowInvalid."""
    mapped = _map(record)
    site, loc_id = mapped.site, mapped.loc_id
    stations: list[Station] = []
    for first, count, level, plugs in mapped.groups:
        # One station validated, the rest copies of it.
        sid = station_id(loc_id, first)
        template = trusted.station(
            id=sid,
            name=level,
            network=site.network,
            network_id=site.network.id if site.network else None,
            cost=site.cost,
            cost_description=site.pricing,
            available=mapped.available,
            hours=site.hours,
            created_at=site.created_at,
            location_id=loc_id,
            outlets=[
                trusted.outlet(id=outlet_id(sid, k), connector=c, power=p, kilowatts=kw)
                for k, (c, p, kw) in enumerate(plugs)
            ],
        )
        stations.append(template)
        for ordinal in range(first + 1, first + count):
            sid = station_id(loc_id, ordinal)
            outlets = [o.model_copy(update={"id": outlet_id(sid, k)}) for k, o in
                       enumerate(template.outlets)]  # fmt: skip
            stations.append(template.model_copy(update={"id": sid, "outlets": outlets}))
    return trusted.location(
        id=loc_id,
        url=STATION_PAGE.format(id=mapped.external),
        name=mapped.name,
        latitude=mapped.latitude,
        longitude=mapped.longitude,
        stations=stations,
        description=mapped.description,
        address=mapped.address,
        phone=mapped.phone,
        cost=site.cost == 2,
        hours=site.hours,
        open247=mapped.open247,
        access=mapped.access,
        amenities=[trusted.amenity(location_id=loc_id, type=t) for t in mapped.amenities],
        cost_description=site.pricing,
        parking_type_name=mapped.parking,
        created_at=site.created_at,
        updated_at=mapped.updated_at,
    )


def station_rows(record: Mapping[str, Any]) -> LocationRows:
    """One AFDC station -> the index's rows for it, exactly those of :func:`map_station`'s
    location (:func:`~bot.opendata.store.rows_of`), without building the models: an
    import of millions of stations spends most of its time here. Raises RowSkipped or
    RowInvalid."""
    mapped = _map(record)
    site, loc_id = mapped.site, mapped.loc_id
    network = site.network
    network_id, network_name = (network.id, network.name) if network else (None, None)
    cost, available = int(site.cost), int(mapped.available)
    created = timestamp(site.created_at)
    stations: list[tuple[Any, ...]] = []
    outlets: list[tuple[Any, ...]] = []
    plugs_seen: list[tuple[int, int | None, float | None]] = []
    for first, count, level, plugs in mapped.groups:
        values = [(int(c), None if p is None else int(p), kw) for c, p, kw in plugs]
        plugs_seen += values
        for ordinal in range(first, first + count):
            sid = station_id(loc_id, ordinal)
            stations.append((sid, loc_id, level, network_id, network_name, None, cost,
                             site.pricing, available, site.hours, None, None, created))  # fmt: skip
            for k, (connector, power, kilowatts) in enumerate(values):
                outlets.append((outlet_id(sid, k), sid, loc_id, connector, power, kilowatts,
                                None, None))  # fmt: skip
    amenities = [int(t) for t in mapped.amenities]
    has_fee = site.cost == StationCost.FEE
    facets = facets_from(has_fee, (available,) if stations else (), plugs_seen, amenities)
    row = location_row(
        loc_id, mapped.name, mapped.latitude, mapped.longitude, mapped.description,
        mapped.address, mapped.phone, STATION_PAGE.format(id=mapped.external), site.hours,
        mapped.open247, mapped.access, has_fee, site.pricing, None, None, mapped.parking,
        None, site.created_at, mapped.updated_at, facets,
    )  # fmt: skip
    return LocationRows(
        loc_id,
        row,
        stations,
        outlets,
        [(loc_id, t) for t in amenities],
    )
