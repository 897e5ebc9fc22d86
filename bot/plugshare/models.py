"""PlugShare's data model (API v3) as pydantic models: the project's domain language.

Every provider returns these; every renderer reads them. They accept real
payloads, quirks included (see ``shared/docs/plugshare-api.md``):

- unknown fields are ignored;
- empty strings, and the string ``"None"`` in non-text fields, read as absent;
- ``"network": ""`` (a string where an object belongs) reads as no network;
- numbers sent as strings are converted;
- missing or ``null`` lists read as empty;
- timestamps become timezone-aware datetimes (UTC when the payload has no zone).

``to_plugshare_json()`` serializes back to PlugShare's shape.
"""

from __future__ import annotations

from datetime import UTC, datetime
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
)

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


def _lenient_enum(enum: type) -> Any:
    """An enum field that keeps an id newer than this code as a plain int instead of failing."""

    def coerce(value: Any) -> Any:
        value = _blank_to_none(value)
        if value is None:
            return None
        try:
            return enum(int(value))
        except (TypeError, ValueError):
            return value  # pydantic reports a non-integer

    return Annotated[enum | int | None, BeforeValidator(coerce)]


def _required_enum(enum: type, default: Any) -> Any:
    def coerce(value: Any) -> Any:
        value = _blank_to_none(value)
        if value is None:
            return default
        try:
            return enum(int(value))
        except (TypeError, ValueError):
            return value

    return Annotated[enum | int, BeforeValidator(coerce)]


class PlugShareModel(BaseModel):
    """Base for every PlugShare object: lenient in, PlugShare-shaped out."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, use_enum_values=False)

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
    connector: _required_enum(Connector, 0)
    power: _lenient_enum(Power) = None
    available: _lenient_enum(Availability) = None
    kilowatts: OptFloat = None
    volts: OptFloat = None
    amps: OptFloat = None


class Station(PlugShareModel):
    id: OptInt = None
    name: OptStr = None
    created_at: OptTimestamp = None
    network: Annotated[Network | None, BeforeValidator(_object_or_none)] = None
    network_id: OptInt = None
    network_ext_id: OptStr = None
    cost: _required_enum(StationCost, StationCost.UNKNOWN) = StationCost.UNKNOWN
    cost_description: OptStr = None
    manufacturer: OptStr = None
    model: OptStr = None
    latitude: OptFloat = None
    longitude: OptFloat = None
    outlets: Annotated[list[Outlet], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    available: _required_enum(Availability, Availability.UNKNOWN) = Availability.UNKNOWN
    hours: OptStr = None
    location_id: OptInt = None
    pre_charge_instructions: OptStr = None
    qr_enabled: OptBool = None
    pwps_version: OptInt = None
    promos: Annotated[list[Any], BeforeValidator(_none_to_list)] = Field(default_factory=list)

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
    rating: _required_enum(ReviewRating, ReviewRating.NEUTRAL) = ReviewRating.NEUTRAL
    created_at: OptTimestamp = None
    finished: OptTimestamp = None
    comment: OptStr = None
    user: Annotated[User | None, BeforeValidator(_object_or_none)] = None
    volts: OptFloat = None
    amps: OptFloat = None
    kilowatts: OptFloat = None
    problem: _lenient_enum(Problem) = None
    problem_description: OptStr = None
    waiting: OptBool = None
    vehicle_name: OptStr = None
    station_id: OptInt = None
    connector_type: OptInt = None
    #: ChargeBot's own addition, not a PlugShare field: where a check-in comes from when it
    #: is not the location's data source (``"workspace"`` for check-ins members made in
    #: Slack). ``None`` for the data source's own reviews. Never serialized, so
    #: ``to_plugshare_json`` stays PlugShare's shape.
    source: str | None = Field(None, exclude=True)


class Amenity(PlugShareModel):
    location_id: OptInt = None
    type: _required_enum(AmenityType, 0)


class Location(PlugShareModel):
    id: int
    name: str
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
    cost: Annotated[bool, BeforeValidator(lambda v: _blank_to_none(v) or False)] = False
    cost_description: OptStr = None
    access: _required_enum(Access, Access.PUBLIC) = Access.PUBLIC
    url: OptStr = None
    phone: OptStr = None
    address: OptStr = None
    reverse_geocoded_address: OptStr = None
    reverse_geocoded_address_components: Annotated[list[Any], BeforeValidator(_none_to_list)] = (
        Field(default_factory=list)
    )
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
    opening_date: OptTimestamp = None
    compass_bearing: OptFloat = None
    distance_meters: OptFloat = None

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
