"""PlugShare's data model (API v3) as pydantic models: the project's domain language.

Every provider returns these; every renderer reads them. They accept real
payloads, quirks included (see ``shared/docs/plugshare-api.md``):

- unknown fields are ignored;
- empty strings, and the string ``"None"`` in non-text fields, read as absent;
- ``"network": ""`` (a string where an object belongs) reads as no network;
- numbers sent as strings are converted;
- missing or ``null`` lists read as empty;
- enum fields accept ids as numbers or strings, and member names (``"IN_USE"``);
  an id newer than this code is kept as a plain ``int`` rather than rejected;
- timestamps become timezone-aware datetimes (UTC when the payload has no zone);
  ``opening_date`` is a ``date`` (``yyyy-mm-dd``), and unreadable there means unknown;
- ``reverse_geocoded_address_components`` may be a list or an object (both are seen).

``to_plugshare_json()`` serializes back to PlugShare's shape. A JSON document that
is not valid JSON (the reference's examples include one with a trailing comma) is
not a payload: the client reports it as a bad response.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import IntEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
)

from bot.plugshare.enums import (
    Access,
    AmenityType,
    Availability,
    Connector,
    Power,
    Problem,
    ReviewRating,
    StationCost,
    connector_label,
)

#: ``Review.source`` of the check-ins a Slack workspace's members made.
WORKSPACE_SOURCE = "workspace"

_ABSENT_STRINGS = frozenset({"", "none", "null", "nil", "n/a"})


def _blank_to_none(value: Any) -> Any:
    """Empty strings (and ``"None"``-like strings) mean "absent" in non-text fields."""
    if isinstance(value, str) and value.strip().lower() in _ABSENT_STRINGS:
        return None
    return value


def _empty_str_to_none(value: Any) -> Any:
    """Text fields: only an empty or blank string means absent; "None" could be a name."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _none_to_list(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    return value


def _text_or_empty(value: Any) -> Any:
    return "" if value is None else value


def _bool_or_false(value: Any) -> Any:
    value = _blank_to_none(value)
    return False if value is None else value


def _object_or_none(value: Any) -> Any:
    """``"network": ""`` and other non-objects where an object belongs read as absent."""
    if isinstance(value, dict | BaseModel):
        return value
    return None


def _aware(value: Any) -> Any:
    value = _blank_to_none(value)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return value  # let pydantic report it
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _date_or_none(value: Any) -> Any:
    """``opening_date`` is a ``yyyy-mm-dd`` date; anything unreadable there means "not known"."""
    value = _blank_to_none(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return value


def _format_timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


OptStr = Annotated[str | None, BeforeValidator(_empty_str_to_none)]
OptInt = Annotated[int | None, BeforeValidator(_blank_to_none)]
OptFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
OptBool = Annotated[bool | None, BeforeValidator(_blank_to_none)]
Timestamp = Annotated[
    datetime, BeforeValidator(_aware), PlainSerializer(_format_timestamp, when_used="json")
]
OptTimestamp = Annotated[
    datetime | None,
    BeforeValidator(_aware),
    PlainSerializer(_format_timestamp, when_used="json"),
]
OptDate = Annotated[date | None, BeforeValidator(_date_or_none)]
Objects = Annotated[list[dict[str, Any]], BeforeValidator(_none_to_list)]


def _enum_member(enum: type[IntEnum], value: Any) -> Any:
    """An id (``2``, ``"2"``) or a member name (``"IN_USE"``) as a member.

    An id this code does not know stays a plain ``int``; anything else is left for
    pydantic to report.
    """
    if isinstance(value, str):
        value = value.strip()
        name = value.upper().replace(" ", "_").replace("-", "_")
        if name in enum.__members__:
            return enum[name]
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    try:
        return enum(number)
    except ValueError:
        return number


def _enum_or(enum: type[IntEnum], default: IntEnum | int | None) -> Callable[[Any], Any]:
    """A validator for an enum field: absent or blank reads as ``default``."""

    def coerce(value: Any) -> Any:
        value = _blank_to_none(value)
        return default if value is None else _enum_member(enum, value)

    return coerce


# Enum fields keep an id newer than this code as a plain int instead of failing.
ConnectorId = Annotated[Connector | int, BeforeValidator(_enum_or(Connector, 0))]
OptPower = Annotated[Power | int | None, BeforeValidator(_enum_or(Power, None))]
OptAvailability = Annotated[
    Availability | int | None, BeforeValidator(_enum_or(Availability, None))
]
StationAvailability = Annotated[
    Availability | int, BeforeValidator(_enum_or(Availability, Availability.UNKNOWN))
]
StationCostId = Annotated[
    StationCost | int, BeforeValidator(_enum_or(StationCost, StationCost.UNKNOWN))
]
Rating = Annotated[
    ReviewRating | int, BeforeValidator(_enum_or(ReviewRating, ReviewRating.NEUTRAL))
]
OptProblem = Annotated[Problem | int | None, BeforeValidator(_enum_or(Problem, None))]
AmenityId = Annotated[AmenityType | int, BeforeValidator(_enum_or(AmenityType, 0))]
AccessId = Annotated[Access | int, BeforeValidator(_enum_or(Access, Access.PUBLIC))]


class PlugShareModel(BaseModel):
    """Base for every PlugShare object: lenient in, PlugShare-shaped out."""

    # Validators are built at the first validation, not at import: answers read from the
    # index build their models without one (bot/plugshare/trusted.py), so a one-shot
    # `chargebot ask` never pays for building them.
    model_config = ConfigDict(
        extra="ignore", populate_by_name=True, use_enum_values=False, defer_build=True
    )

    def to_plugshare_json(self) -> dict[str, Any]:
        """This object as PlugShare's JSON (absent optional fields omitted)."""
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)


class User(PlugShareModel):
    id: OptInt = None
    first_name: OptStr = None
    last_name: OptStr = None
    display_name: OptStr = None
    photo: OptStr = None
    vehicle_description: OptStr = None


class Network(PlugShareModel):
    id: OptInt = None
    name: OptStr = None
    description: OptStr = None
    action_name: OptStr = None
    action_url: OptStr = None
    url: OptStr = None
    phone: OptStr = None
    image: OptStr = None


class Outlet(PlugShareModel):
    id: OptInt = None
    connector: ConnectorId
    power: OptPower = None
    available: OptAvailability = None
    description: OptStr = None
    kilowatts: OptFloat = None
    volts: OptFloat = None
    amps: OptFloat = None

    @property
    def label(self) -> str:
        """What a driver calls this plug: id 6 is a Supercharger or a wall connector by power."""
        return connector_label(int(self.connector), None if self.power is None else int(self.power))


class Station(PlugShareModel):
    id: OptInt = None
    name: OptStr = None
    created_at: OptTimestamp = None
    network: Annotated[Network | None, BeforeValidator(_object_or_none)] = None
    network_id: OptInt = None
    network_ext_id: OptStr = None
    cost: StationCostId = StationCost.UNKNOWN
    cost_description: OptStr = None
    manufacturer: OptStr = None
    model: OptStr = None
    latitude: OptFloat = None
    longitude: OptFloat = None
    outlets: Annotated[list[Outlet], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    available: StationAvailability = Availability.UNKNOWN
    hours: OptStr = None
    location_id: OptInt = None
    pre_charge_instructions: OptStr = None
    qr_enabled: OptBool = None
    pwps_version: OptInt = None
    promos: Objects = Field(default_factory=list)

    @field_validator("network_ext_id", mode="before")
    @classmethod
    def _ext_id_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @property
    def effective_network_id(self) -> int | None:
        """The station's network id, from ``network_id`` or the embedded network object."""
        if self.network_id is not None:
            return self.network_id
        return self.network.id if self.network else None


class Photo(PlugShareModel):
    id: OptInt = None
    created_at: OptTimestamp = None
    url: OptStr = None
    thumbnail: OptStr = None
    thumbnail2x: OptStr = None
    caption: OptStr = None
    order: OptInt = None
    user_id: OptInt = None


class Review(PlugShareModel):
    """A check-in."""

    id: OptInt = None
    rating: Rating = ReviewRating.NEUTRAL
    created_at: OptTimestamp = None
    finished: OptTimestamp = None
    comment: OptStr = None
    user: Annotated[User | None, BeforeValidator(_object_or_none)] = None
    volts: OptFloat = None
    amps: OptFloat = None
    kilowatts: OptFloat = None
    problem: OptProblem = None
    problem_description: OptStr = None
    waiting: OptBool = None
    vehicle_name: OptStr = None
    station_id: OptInt = None
    connector_type: OptInt = None
    #: ChargeBot's own addition, not a PlugShare field: where a check-in comes from when it
    #: is not the location's data source (:data:`WORKSPACE_SOURCE` for check-ins members
    #: made in Slack). ``None`` for the data source's own reviews. Never serialized, so
    #: ``to_plugshare_json`` stays PlugShare's shape.
    source: str | None = Field(None, exclude=True)
    #: ChargeBot's own addition: the check-in's id at that other source (a workspace
    #: check-in's row id), so its author can delete it. Never serialized.
    source_id: str | None = Field(None, exclude=True)


class Amenity(PlugShareModel):
    location_id: OptInt = None
    type: AmenityId


class Location(PlugShareModel):
    id: int
    name: Annotated[str, BeforeValidator(_text_or_empty)]
    icon: OptStr = None
    icon_type: OptStr = None
    latitude: float
    longitude: float
    created_at: OptTimestamp = None
    updated_at: OptTimestamp = None
    description: OptStr = None
    stations: Annotated[list[Station], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    reviews: Annotated[list[Review], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    photos: Annotated[list[Photo], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    amenities: Annotated[list[Amenity], BeforeValidator(_none_to_list)] = Field(
        default_factory=list
    )
    score: OptFloat = None
    custom_ports: OptStr = None
    enabled: OptBool = None
    cost: Annotated[bool, BeforeValidator(_bool_or_false)] = False
    cost_description: OptStr = None
    access: AccessId = Access.PUBLIC
    url: OptStr = None
    phone: OptStr = None
    address: OptStr = None
    reverse_geocoded_address: OptStr = None
    # The reference says a list; real payloads also carry an object keyed by component type.
    reverse_geocoded_address_components: Annotated[
        dict[str, Any] | list[Any] | None, BeforeValidator(_blank_to_none)
    ] = None
    payment_enabled: OptBool = None
    valid_outlets: Annotated[list[Any], BeforeValidator(_none_to_list)] = Field(
        default_factory=list
    )
    nissan_nctc: OptBool = None
    qr_enabled: OptBool = None
    pwps_version: OptInt = None
    hours: OptStr = None
    open247: OptBool = None
    parking_type_name: OptStr = None
    poi_name: OptStr = None
    locale: OptStr = None
    under_repair: OptBool = None
    coming_soon: OptBool = None
    opening_date: OptDate = None
    promos: Objects = Field(default_factory=list)
    all_promos: Objects = Field(default_factory=list)
    owner: Annotated[User | None, BeforeValidator(_object_or_none)] = None
    compass_bearing: OptFloat = None
    distance_meters: OptFloat = None
    #: ChargeBot's own addition, not a PlugShare field: whom this location's data must
    #: credit beyond the provider's attribution line ("Open Charge Map contributors, CC
    #: BY-SA 4.0", a data provider's own licence). Never serialized.
    credits: list[str] = Field(default_factory=list, exclude=True)

    @property
    def outlets(self) -> list[Outlet]:
        return [outlet for station in self.stations for outlet in station.outlets]

    @property
    def network_ids(self) -> set[int | None]:
        """Network ids of the stations; ``None`` stands for a non-networked station."""
        return {station.effective_network_id for station in self.stations}

    @property
    def amenity_types(self) -> set[int]:
        return {int(amenity.type) for amenity in self.amenities}

    @property
    def max_kilowatts(self) -> float | None:
        known = [o.kilowatts for o in self.outlets if o.kilowatts is not None]
        return max(known) if known else None
