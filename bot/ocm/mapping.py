"""Open Charge Map POIs -> PlugShare locations. The one place OCM data is mapped.

Input is one POI as a mapping in OCM's compact form (the API with
``compact=true&verbose=false``, and OCM's published export): reference data as
ids, names from :mod:`bot.ocm.reference`. The verbose form's embedded objects
(``ConnectionType``, ``OperatorInfo``, ...) are read too, where they carry a
title the shipped reference lacks. Output is a :class:`~bot.plugshare.models.Location`
or :class:`~bot.records.outcome.RowSkipped` / :class:`~bot.records.outcome.RowInvalid`
saying why not. The API provider and the importer both call :func:`map_poi`.

The mapping, field by field (the README's table says the same):

- ``ID`` -> location id ``2_000_000_000 + ID`` (:mod:`bot.records.ids`, source
  ``ocm``), so a POI keeps its id across imports, syncs and the live API.
- ``AddressInfo`` -> name (``Title``, else the first address line), position,
  address (lines, town, region and postcode, country), phone
  (``ContactTelephone1``; e-mail addresses are not kept); ``AccessComments`` and
  ``GeneralComments`` -> description; url: the POI's page on openchargemap.org.
- ``Connections`` -> stations: each connection is ``Quantity`` stations (1 when
  absent or 0), each with one outlet: ``ConnectionTypeID`` -> connector by
  :data:`CONNECTORS` (J1772, CCS1/CCS2 -> CCS, CHAdeMO, Type 2, NACS/Tesla,
  NEMA ...), ``PowerKW`` -> kilowatts, ``Voltage`` / ``Amps`` -> volts / amps.
  Tesla: Supercharger (27) is power DC; "Tesla (Model S/X)" (30, the NACS plug)
  is DC at level 3 or on DC current, else AC (destination charger). A connection
  type PlugShare has no id for is kept as connector 0 with OCM's title as the
  outlet's description ("SCAME Type 3C", "NEMA 6-20"), never dropped; so is an
  id missing from the reference ("OCM connection type 1043"), and counted.
- ``OperatorID`` -> every station's network: PlugShare's id where OCM's operator
  is a PlugShare network (:data:`OPERATOR_NETWORKS`; Tesla is 8 at DC, 35
  "Tesla Destination" otherwise), else OCM's operator name with no id;
  "(Unknown Operator)", "(Business Owner at Location)" and "(Private
  Residence/Individual)" -> no network. An operator id missing from the
  shipped reference keeps the station without a network, and is counted.
- ``UsageTypeID`` -> access (:data:`USAGE_ACCESS`: public 1, 4, 5, 7 -> public;
  private 2, 6 -> restricted; privately owned 3 -> residential) and a cost hint
  (5 "Pay At Location" -> fee). ``UsageCost`` -> cost description, and cost by
  :mod:`bot.ocm.costs`.
- ``StatusTypeID`` (the connection's, else the POI's; a POI out of service puts
  all its connections out) -> station availability:
  operational and unknown -> 0 (unknown: an import is a snapshot), temporarily
  unavailable (30) and not operational (100) -> 3 (offline). From the live API
  (``live=True``) OCM's automated statuses count: 10 -> 1 (available), 20 -> 2
  (in use). A POI planned (150) or removed (200, 210) is skipped, and removed
  from the index if it was there; such connections of a POI in service are left out.
- ``MediaItems`` -> photos (enabled pictures with an http(s) address), with caption,
  date and uploader.
- ``UserComments`` -> check-ins (reviews): ``CheckinStatusTypeID`` -> PlugShare's
  outcome by :data:`CHECKIN_OUTCOMES` (charged / couldn't charge with the
  problem / problem / comment); a comment with no check-in status is a comment,
  or a problem when it is a fault report (comment type 1000); author
  (``UserName``, as a display name, of which cards show the first word), date, text.
- ``DataProviderID`` -> credits: every POI credits "Open Charge Map
  contributors, CC BY-SA 4.0"; one whose data provider has another licence also
  names that provider and its licence. Non-commercial licences are counted.
- ``DateCreated`` -> created_at; ``DateLastVerified`` (else
  ``DateLastStatusUpdate``) -> updated_at.

Refused (:class:`RowInvalid`, counted with the reason): no ``ID``; no
``AddressInfo``; a missing, null or out-of-range position; no ``Connections``;
a ``StatusTypeID`` or ``UsageTypeID`` OCM's reference does not know (whether the
site is open, or public, cannot be told).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from bot.ocm.costs import usage_cost
from bot.ocm.reference import Reference, shipped_reference
from bot.ocm.source import OCM_CREDIT, SOURCE
from bot.plugshare.enums import (
    Access,
    Availability,
    Connector,
    Power,
    Problem,
    ReviewRating,
    StationCost,
)
from bot.plugshare.models import Location, Network, Outlet, Photo, Review, Station, User
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

POI_PAGE: Final = "https://openchargemap.org/site/poi/details/{id}"
#: DataProviderID of OCM's own contributors (the records under OCM_CREDIT alone).
OCM_CONTRIBUTORS: Final = 1

# --- Connectors -------------------------------------------------------------------------

_TESLA_BY_CURRENT: Final = "tesla-by-current"
#: ConnectionTypeID -> (PlugShare connector, power). Power is set only where PlugShare
#: sets it (Tesla: Supercharger vs destination); others leave it to the connector.
CONNECTORS: Final[dict[int, tuple[Connector, Power | None] | str]] = {
    1: (Connector.J1772, None),  # Type 1 (J1772)
    2: (Connector.CHADEMO, None),  # CHAdeMO
    3: (Connector.BS1363, None),  # BS1363 3 Pin 13 Amp
    4: (Connector.COMMANDO, None),  # Blue Commando (2P+E)
    8: (Connector.TESLA_ROADSTER, None),  # Tesla (Roadster)
    9: (Connector.WALL, None),  # NEMA 5-20R
    22: (Connector.WALL, None),  # NEMA 5-15R
    11: (Connector.NEMA_14_50, None),  # NEMA 14-50
    13: (Connector.EUROPLUG, None),  # Europlug 2-Pin (CEE 7/16)
    16: (Connector.CARAVAN, None),  # CEE 3 Pin (the blue caravan socket)
    34: (Connector.COMMANDO, None),  # IEC 60309 3-pin
    17: (Connector.THREE_PHASE, None),  # CEE 5 Pin
    35: (Connector.THREE_PHASE, None),  # IEC 60309 5-pin
    1041: (Connector.THREE_PHASE, None),  # Three Phase 5-Pin (AS/NZ 3123)
    25: (Connector.TYPE_2, None),  # Type 2 (Socket Only)
    1036: (Connector.TYPE_2, None),  # Type 2 (Tethered Connector)
    26: (Connector.TYPE_3, None),  # SCAME Type 3C (Schneider-Legrand)
    36: (Connector.TYPE_3, None),  # SCAME Type 3A (Low Power)
    27: (Connector.TESLA, Power.DC),  # Tesla Supercharger
    30: _TESLA_BY_CURRENT,  # Tesla (Model S/X): the NACS plug, AC or DC
    29: (Connector.AS3112, None),  # Type I (AS 3112)
    32: (Connector.CCS, None),  # CCS (Type 1)
    33: (Connector.CCS, None),  # CCS (Type 2)
    1038: (Connector.GBT, None),  # GB-T AC (socket)
    1039: (Connector.GBT, None),  # GB-T AC (tethered cable)
    1040: (Connector.GBT_2, None),  # GB-T DC
}
#: OCM's "Unknown" connection type: an outlet of unknown connector, like AFDC's minimal list.
UNKNOWN_CONNECTION_TYPE: Final = 0
_DC_CURRENT: Final = 30
_DC_LEVEL: Final = 3

# --- Networks ---------------------------------------------------------------------------

#: OCM OperatorID -> PlugShare network id (Tesla, 23, is decided per station).
OPERATOR_NETWORKS: Final[dict[int, int]] = {
    5: 1,  # ChargePoint (Coulomb Technologies)
    9: 2,  # Blink Network/ECOtality
    3426: 2,  # Blink Charging Europe
    39: 3,  # SemaConnect
    1242: 4,  # GE WattStation
    51: 5,  # Sun Country Highway
    90: 6,  # Circuit Electrique
    89: 7,  # flo
    3373: 9,  # Webasto
    105: 13,  # Innogy SE (RWE eMobility)
    207: 15,  # Endesa
    22: 16,  # ESB Ecars
    185: 18,  # CLEVER
    15: 19,  # eVgo Network
    3252: 19,  # NRG EVgo
    80: 23,  # Enel X
    50: 25,  # Volta Charging
    59: 26,  # GreenLots (now Shell Recharge)
    107: 29,  # OpConnect
    32: 45,  # BP Pulse (PlugShare's POLAR)
    3372: 46,  # EV Connect
    3318: 47,  # Electrify America
    3339: 48,  # Chargefox
    3385: 49,  # BC Hydro
    3299: 51,  # Ionity
    74: 52,  # FastNed
    3400: 54,  # Electrify Canada
    3416: 55,  # IVY
}
TESLA_OPERATOR: Final = 23
_TESLA_SUPERCHARGER, _TESLA_DESTINATION = 8, 35
#: "(Unknown Operator)", "(Private Residence/Individual)", "(Business Owner at Location)".
NO_NETWORK_OPERATORS: Final = frozenset({1, 44, 45})

# --- Usage, status, check-ins -----------------------------------------------------------

#: UsageTypeID -> access. 0 "(Unknown)" reads as public, as a blank AFDC access code does.
USAGE_ACCESS: Final[dict[int, Access]] = {
    0: Access.PUBLIC,
    1: Access.PUBLIC,  # Public
    4: Access.PUBLIC,  # Public - Membership Required
    5: Access.PUBLIC,  # Public - Pay At Location
    7: Access.PUBLIC,  # Public - Notice Required
    2: Access.RESTRICTED,  # Private - Restricted Access
    6: Access.RESTRICTED,  # Private - For Staff, Visitors or Customers
    3: Access.RESIDENTIAL,  # Privately Owned - Notice Required
}
#: StatusTypeID -> station availability for a POI or connection in service.
STATUS_AVAILABILITY: Final[dict[int, Availability]] = {
    0: Availability.UNKNOWN,  # Unknown
    10: Availability.UNKNOWN,  # Currently Available (Automated Status): live only
    20: Availability.UNKNOWN,  # Currently In Use (Automated Status): live only
    30: Availability.OFFLINE,  # Temporarily Unavailable
    50: Availability.UNKNOWN,  # Operational
    75: Availability.UNKNOWN,  # Partly Operational (Mixed)
    100: Availability.OFFLINE,  # Not Operational
}
LIVE_AVAILABILITY: Final[dict[int, Availability]] = {
    10: Availability.AVAILABLE,
    20: Availability.IN_USE,
}
#: StatusTypeID of POIs (and connections) that are not there to charge at.
NOT_IN_SERVICE: Final[dict[int, str]] = {
    150: "planned, not open yet",
    200: "removed (decommissioned)",
    210: "removed (a duplicate listing)",
}

#: CheckinStatusTypeID -> (PlugShare outcome, problem).
CHECKIN_OUTCOMES: Final[dict[int, tuple[ReviewRating, Problem | None]]] = {
    0: (ReviewRating.NEUTRAL, None),  # Did Not Visit Location: a comment
    10: (ReviewRating.POSITIVE, None),  # Charged Successfully
    15: (ReviewRating.POSITIVE, None),  # Charged Successfully (Automated Checkin)
    20: (ReviewRating.PROBLEM, Problem.BROKEN),  # Failed: Equipment Not Operational
    22: (ReviewRating.PROBLEM, Problem.BROKEN),  # Failed: Equipment Not Fully Installed
    25: (ReviewRating.PROBLEM, Problem.BROKEN),  # Failed: Equipment Problem
    30: (ReviewRating.PROBLEM, None),  # Failed: Equipment Not Compatible
    40: (ReviewRating.PROBLEM, Problem.COULD_NOT_ACTIVATE),  # Failed: Other Access Card Needed
    50: (ReviewRating.PROBLEM, Problem.PERMANENTLY_CLOSED),  # Failed: No Equipment Present
    100: (ReviewRating.PROBLEM, Problem.IN_USE),  # Spot In Use (Other EV Parked)
    110: (ReviewRating.PROBLEM, Problem.BLOCKED),  # Spot In Use (Non-EV Parked)
    120: (ReviewRating.PROBLEM, None),  # Not Accessible (Access locked or site closed)
    130: (ReviewRating.PROBLEM, None),  # Not Found (Inadequate or Incorrect Details)
    140: (ReviewRating.NEUTRAL, None),  # Equipment & Location Confirmed Correct
    150: (ReviewRating.NEUTRAL, None),  # Location Is A Duplicate
    160: (ReviewRating.PROBLEM, Problem.PERMANENTLY_CLOSED),  # Has Been Decommissioned
    200: (ReviewRating.PROBLEM, None),  # Other (Negative/Bad)
    210: (ReviewRating.NEUTRAL, None),  # Other (Positive/Good)
}
FAULT_REPORT: Final = 1000  # UserCommentTypeID "Fault Report (Notice To Users And Operator)"

_NON_COMMERCIAL: Final = re.compile(r"non[\s-]?commercial|\bby-nc\b|\bnc-sa\b", re.IGNORECASE)


@dataclass
class MappingNotes:
    """What mapping kept but could not fully read, and whose licences apply: for the report.

    Pass one to :func:`map_poi` to collect it across many POIs (an import does).
    """

    #: OperatorID -> POIs naming it that the reference lacks (kept without a network).
    unknown_operators: Counter[int] = field(default_factory=Counter)
    #: ConnectionTypeID -> outlets of a type the reference lacks (kept as connector 0).
    unknown_connection_types: Counter[int] = field(default_factory=Counter)
    #: Data provider credit -> POIs under a licence other than OCM's own.
    other_licences: Counter[str] = field(default_factory=Counter)
    #: Data provider credit -> POIs under a non-commercial licence.
    non_commercial: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """Sentences for an import's summary (empty when there is nothing to say)."""
        lines = []
        for unknown, what, id_name, kept in (
            (self.unknown_operators, "records name an operator", "OperatorID", "without a network"),
            (
                self.unknown_connection_types,
                "connections are of a type",
                "ConnectionTypeID",
                "as an unknown connector",
            ),
        ):
            if unknown:
                ids = ", ".join(str(i) for i in sorted(unknown)[:10])
                lines.append(
                    f"{sum(unknown.values()):,} {what} missing from OCM's reference data "
                    f"({id_name} {ids}); kept {kept}"
                )
        for credit, count in sorted(self.non_commercial.items()):
            lines.append(
                f"{count:,} records are under a NON-COMMERCIAL licence ({credit}); "
                "check it allows your use before serving them"
            )
        for credit, count in sorted(self.other_licences.items()):
            if credit not in self.non_commercial:
                lines.append(f"{count:,} records are credited to {credit}")
        return lines


# --- Small readers ----------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() else None


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def parse_date(value: Any) -> datetime | None:
    """OCM dates: ISO 8601 UTC with 0-7 fractional digits (``2020-02-19T10:41:27.2Z``)."""
    text = _text(value)
    if text is None:
        return None
    text = text.replace("Z", "+00:00")
    # Python before 3.11.? wants 3 or 6 fractional digits; OCM writes any number.
    text = re.sub(r"\.(\d+)", lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _embedded_title(poi: Mapping[str, Any], key: str) -> str | None:
    """The verbose form's ``{"ConnectionType": {"Title": ...}}``, where present."""
    obj = poi.get(key)
    return _text(obj.get("Title")) if isinstance(obj, Mapping) else None


# --- The parts of a location ------------------------------------------------------------


def _address(address: Mapping[str, Any], reference: Reference) -> str | None:
    country = reference.title("countries", _int(address.get("CountryID")))
    town = _text(address.get("Town"))
    state = _text(address.get("StateOrProvince"))
    if state is not None and town is not None and state.casefold() == town.casefold():
        state = None  # "Reykjavík, Reykjavík 105"
    region = " ".join(p for p in (state, _text(address.get("Postcode"))) if p)
    parts = [
        _text(address.get("AddressLine1")),
        _text(address.get("AddressLine2")),
        town,
        region or None,
        country,
    ]
    unique = list(dict.fromkeys(p for p in parts if p))
    return ", ".join(unique) or None


def _description(poi: Mapping[str, Any], address: Mapping[str, Any]) -> str | None:
    parts = [_text(address.get("AccessComments")), _text(poi.get("GeneralComments"))]
    unique = list(dict.fromkeys(p for p in parts if p))
    return "\n".join(unique) or None


def operator_network(
    operator_id: int | None,
    reference: Reference,
    *,
    dc: bool = False,
    embedded_title: str | None = None,
) -> Network | None:
    """The PlugShare network of an OCM operator (``dc``: the station is DC fast)."""
    if operator_id is None or operator_id in NO_NETWORK_OPERATORS:
        return None
    if operator_id == TESLA_OPERATOR:
        network_id = _TESLA_SUPERCHARGER if dc else _TESLA_DESTINATION
        return Network(id=network_id, name=network_name(network_id))
    network_id = OPERATOR_NETWORKS.get(operator_id)
    if network_id is not None:
        return Network(id=network_id, name=network_name(network_id))
    title = reference.title("operators", operator_id) or embedded_title
    return Network(name=title) if title else None


def _plug(
    connection: Mapping[str, Any], reference: Reference, notes: MappingNotes | None
) -> tuple[Connector | int, Power | None, str | None]:
    """(connector, power, description) of one connection."""
    type_id = _int(connection.get("ConnectionTypeID"))
    if type_id is None:
        type_id = UNKNOWN_CONNECTION_TYPE
    mapped = CONNECTORS.get(type_id)
    title = reference.title("connection_types", type_id) or _embedded_title(
        connection, "ConnectionType"
    )
    if mapped == _TESLA_BY_CURRENT:
        dc = (
            _int(connection.get("CurrentTypeID")) == _DC_CURRENT
            or _int(connection.get("LevelID")) == _DC_LEVEL
        )
        return Connector.TESLA, Power.DC if dc else Power.AC, title
    if isinstance(mapped, tuple):
        return mapped[0], mapped[1], title
    if type_id == UNKNOWN_CONNECTION_TYPE:
        return 0, None, None
    if title is None:
        if notes is not None:
            notes.unknown_connection_types[type_id] += 1
        title = f"OCM connection type {type_id}"
    return 0, None, title


def _is_dc(connector: Connector | int, power: Power | None, connection: Mapping[str, Any]) -> bool:
    return (
        connector in (Connector.CCS, Connector.CHADEMO, Connector.GBT_2)
        or power == Power.DC
        or _int(connection.get("CurrentTypeID")) == _DC_CURRENT
        or _int(connection.get("LevelID")) == _DC_LEVEL
    )


def _status(
    status_id: int | None, reference: Reference, what: str, *, live: bool
) -> Availability | str:
    """Availability for a status id, or the reason it is not in service (a str)."""
    if status_id is None:
        return Availability.UNKNOWN
    if status_id in NOT_IN_SERVICE:
        return NOT_IN_SERVICE[status_id]
    if live and status_id in LIVE_AVAILABILITY:
        return LIVE_AVAILABILITY[status_id]
    if status_id in STATUS_AVAILABILITY:
        return STATUS_AVAILABILITY[status_id]
    if status_id in reference.status_types:
        operational = reference.status_types[status_id].get("IsOperational")
        return Availability.OFFLINE if operational is False else Availability.UNKNOWN
    raise RowInvalid(f"{what} {status_id} is not in OCM's reference data")


@dataclass(frozen=True)
class _Site:
    operator_id: int | None
    operator_title: str | None
    cost: StationCost
    cost_description: str | None
    created_at: datetime | None
    available: Availability


def _stations(
    poi: Mapping[str, Any],
    site: _Site,
    loc_id: int,
    reference: Reference,
    notes: MappingNotes | None,
    live: bool,
) -> list[Station]:
    stations: list[Station] = []
    for connection in poi.get("Connections") or ():
        if not isinstance(connection, Mapping):
            continue
        available = _status(
            _int(connection.get("StatusTypeID")), reference, "Connection StatusTypeID", live=live
        )
        if isinstance(available, str):
            continue  # this connection is planned or removed; the site's others stay
        if _int(connection.get("StatusTypeID")) is None or site.available == Availability.OFFLINE:
            available = site.available  # a site out of service is out for every connection
        connector, power, description = _plug(connection, reference, notes)
        network = operator_network(
            site.operator_id,
            reference,
            dc=_is_dc(connector, power, connection),
            embedded_title=site.operator_title,
        )
        quantity = _int(connection.get("Quantity"))
        quantity = quantity if quantity and quantity > 0 else 1
        kilowatts = _number(connection.get("PowerKW"))
        volts, amps = _number(connection.get("Voltage")), _number(connection.get("Amps"))
        if len(stations) + quantity > MAX_STATIONS_PER_LOCATION:
            raise RowInvalid(
                f"more than {MAX_STATIONS_PER_LOCATION - 1} charging points at one site"
            )
        sid = station_id(loc_id, len(stations))
        outlet = Outlet(
            id=outlet_id(sid, 0),
            connector=connector,
            power=power,
            description=description,
            kilowatts=kilowatts,
            volts=volts,
            amps=amps,
        )
        template = Station(
            id=sid,
            location_id=loc_id,
            network=network,
            network_id=network.id if network else None,
            cost=site.cost,
            cost_description=site.cost_description,
            available=available,
            created_at=site.created_at,
            outlets=[outlet],
        )
        stations.append(template)
        for _ in range(quantity - 1):  # the connection's other points: copies, not re-validated
            sid = station_id(loc_id, len(stations))
            copy = outlet.model_copy(update={"id": outlet_id(sid, 0)})
            stations.append(template.model_copy(update={"id": sid, "outlets": [copy]}))
    return stations


def _review(comment: Mapping[str, Any]) -> Review | None:
    status = _int(comment.get("CheckinStatusTypeID"))
    if status is not None and status in CHECKIN_OUTCOMES:
        rating, problem = CHECKIN_OUTCOMES[status]
    elif _int(comment.get("CommentTypeID")) == FAULT_REPORT:
        rating, problem = ReviewRating.PROBLEM, None
    else:
        rating, problem = ReviewRating.NEUTRAL, None
    text = comment.get("Comment")
    text = text.strip() if isinstance(text, str) and text.strip() else None
    created = parse_date(comment.get("DateCreated"))
    if created is None and text is None and rating == ReviewRating.NEUTRAL:
        return None  # nothing said, no outcome, no date: nothing to show
    user = comment.get("User") if isinstance(comment.get("User"), Mapping) else {}
    name = _text(comment.get("UserName")) or _text(user.get("Username"))
    return Review(
        id=_int(comment.get("ID")),
        rating=rating,
        problem=problem,
        comment=text,
        created_at=created,
        user=User(id=_int(user.get("ID")), display_name=name) if name or user else None,
    )


def _photo(item: Mapping[str, Any]) -> Photo | None:
    if item.get("IsEnabled") is False or item.get("IsVideo") is True:
        return None
    url = _text(item.get("ItemURL"))
    if url is None or not url.lower().startswith(("https://", "http://")):
        return None
    thumbnail = _text(item.get("ItemThumbnailURL"))
    if thumbnail is not None and not thumbnail.lower().startswith(("https://", "http://")):
        thumbnail = None
    user = item.get("User") if isinstance(item.get("User"), Mapping) else {}
    return Photo(
        id=_int(item.get("ID")),
        url=url,
        thumbnail=thumbnail,
        caption=_text(item.get("Comment")),
        created_at=parse_date(item.get("DateCreated")),
        user_id=_int(user.get("ID")),
    )


def provider_credit(provider_id: int | None, reference: Reference) -> str | None:
    """The credit a POI's data provider needs beyond OCM's own, or ``None``."""
    if provider_id is None or provider_id == OCM_CONTRIBUTORS:
        return None
    row = reference.data_providers.get(provider_id)
    title = reference.title("data_providers", provider_id) or f"data provider {provider_id}"
    licence = _text(row.get("License")) if row else None
    return f"{title} via Open Charge Map: {licence or 'licence not stated'}"


def credits_for(
    poi: Mapping[str, Any], reference: Reference, notes: MappingNotes | None = None
) -> list[str]:
    credits = [OCM_CREDIT]
    extra = provider_credit(_int(poi.get("DataProviderID")), reference)
    if extra is not None:
        credits.append(extra)
        if notes is not None:
            notes.other_licences[extra] += 1
            if _NON_COMMERCIAL.search(extra):
                notes.non_commercial[extra] += 1
    return credits


def ocm_id(poi: Mapping[str, Any]) -> int:
    """The POI's OCM ``ID``; RowInvalid when it has none."""
    value = poi.get("ID")
    number = _int(value)
    if number is None:
        raise RowInvalid(
            "ID is missing" if value is None else f"ID {str(value)[:30]!r} is not a whole number"
        )
    return number


def map_poi(
    poi: Mapping[str, Any],
    *,
    reference: Reference | None = None,
    live: bool = False,
    notes: MappingNotes | None = None,
) -> Location:
    """One OCM POI -> a PlugShare location. Raises RowSkipped or RowInvalid.

    ``live``: the POI comes from OCM's API now, so its automated statuses (10
    available, 20 in use) are current; from a file they are not.
    ``notes`` collects what the mapping kept without being able to read it all.
    """
    reference = reference or shipped_reference()
    external = ocm_id(poi)
    try:
        loc_id = location_id(SOURCE, external)
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    address = poi.get("AddressInfo")
    if not isinstance(address, Mapping):
        raise RowInvalid("no AddressInfo (no position)")
    status = _status(_int(poi.get("StatusTypeID")), reference, "StatusTypeID", live=live)
    if isinstance(status, str):
        raise RowSkipped(status, withdrawn_id=loc_id)
    latitude = coordinate(address.get("Latitude"), "AddressInfo.Latitude", 90.0)
    longitude = coordinate(address.get("Longitude"), "AddressInfo.Longitude", 180.0)
    if latitude == 0.0 and longitude == 0.0:
        raise RowInvalid("AddressInfo.Latitude and Longitude are both 0 (no position)")
    connections = poi.get("Connections")
    if not isinstance(connections, list) or not connections:
        raise RowInvalid("no Connections (nothing to charge at)")
    usage_id = _int(poi.get("UsageTypeID"))
    if usage_id is not None and usage_id not in USAGE_ACCESS | reference.usage_types:
        raise RowInvalid(f"UsageTypeID {usage_id} is not in OCM's reference data")
    access = USAGE_ACCESS.get(usage_id if usage_id is not None else 0, Access.PUBLIC)
    operator_id = _int(poi.get("OperatorID"))
    operator_title = _embedded_title(poi, "OperatorInfo")
    if (
        operator_id is not None
        and operator_id not in reference.operators
        and operator_id not in OPERATOR_NETWORKS
        and operator_title is None
        and notes is not None
    ):
        notes.unknown_operators[operator_id] += 1
    cost_text = _text(poi.get("UsageCost"))
    site = _Site(
        operator_id=operator_id,
        operator_title=operator_title,
        cost=usage_cost(cost_text, usage_id),
        cost_description=cost_text,
        created_at=parse_date(poi.get("DateCreated")),
        available=status,
    )
    try:
        stations = _stations(poi, site, loc_id, reference, notes, live)
    except IdOutOfRange as error:
        raise RowInvalid(str(error)) from None
    if not stations:
        raise RowSkipped("no connection in service (all planned or removed)", withdrawn_id=loc_id)
    reviews = [
        review
        for comment in poi.get("UserComments") or ()
        if isinstance(comment, Mapping) and (review := _review(comment))
    ]
    photos = [
        photo
        for item in poi.get("MediaItems") or ()
        if isinstance(item, Mapping) and (photo := _photo(item))
    ]
    name = _text(address.get("Title")) or _text(address.get("AddressLine1"))
    return Location(
        id=loc_id,
        name=name or "EV charging station",
        latitude=latitude,
        longitude=longitude,
        description=_description(poi, address),
        address=_address(address, reference),
        phone=_text(address.get("ContactTelephone1")),
        url=POI_PAGE.format(id=external),
        access=access,
        cost=site.cost == StationCost.FEE,
        cost_description=cost_text,
        created_at=site.created_at,
        updated_at=parse_date(poi.get("DateLastVerified"))
        or parse_date(poi.get("DateLastStatusUpdate")),
        stations=stations,
        reviews=reviews,
        photos=photos,
        credits=credits_for(poi, reference, notes),
    )
