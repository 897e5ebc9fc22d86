"""The online geocoder: any geopy service by name, Nominatim by default.

One geopy geocoder per resolver, every request through the process-wide gate for
its endpoint (:mod:`bot.geo.throttle`), several candidates asked for
(``exactly_one=False``) with address details, so the country and a short label are
known. Failures become :class:`OnlineFailure` with a reason a user can read.
"""

from __future__ import annotations

import inspect
import logging
import socket
import threading
from typing import Any, NoReturn
from urllib.error import URLError

from geopy.adapters import AdapterHTTPError
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderNotFound,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.geocoders import Nominatim, Pelias, Photon, get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from bot.config import ConfigError, Settings
from bot.geo.deferred import OnlineFailure
from bot.geo.match import Match
from bot.geo.place import Place, PlaceKind
from bot.geo.throttle import Gate, GateBusy, GateClosed, gate_for

log = logging.getLogger(__name__)

#: Candidates asked for: enough to see that a name is ambiguous, and Nominatim's default.
CANDIDATE_LIMIT = 10
#: Half the side, in degrees, of the box around a bias region that results are preferred in.
BIAS_BOX_HALF_SIDE = 1.5
#: How long a server that said 429 without Retry-After is left alone, at least.
RATE_LIMITED_HOLD_S = 60.0
MAX_HOLD_S = 900.0

#: Services whose server can be one's own, so CHARGEBOT_NOMINATIM_URL may point at it.
_SELF_HOSTABLE = (Nominatim, Pelias, Photon)
_KEY_PARAMETERS = ("api_key", "apikey", "subscription_key", "ak")
_CITY_TYPES = frozenset(
    {
        "city", "town", "village", "hamlet", "municipality", "borough", "suburb",
        "quarter", "neighbourhood", "locality", "county", "state", "region",
        "province", "district", "island", "country", "administrative",
    }
)  # fmt: skip


class OnlineGeocoder:
    """One geopy geocoder behind the fair-use gate, paced by the settings
    (``CHARGEBOT_GEOCODER_MIN_DELAY``, ``..._TIMEOUT``, ``..._BACKOFF``)."""

    def __init__(
        self, geocoder: Geocoder, settings: Settings, *, service: str, secret: str | None = None
    ) -> None:
        self.service = service
        self._geocoder = geocoder
        self._secret = secret
        self._min_delay = settings.geocoder_min_delay
        self._max_wait = settings.geocoder_timeout
        self._backoff = settings.geocoder_backoff
        self.endpoint = f"{service}:{getattr(geocoder, 'api', '') or service}"
        # With Redis, the gate is the deploy's: one request per min_delay from all instances.
        self._gate: Gate = gate_for(self.endpoint, settings.redis_url_value)
        self._options = _geocode_options(geocoder)

    def search(self, query: str, region: tuple[int, int] | None) -> list[Match]:
        """Candidates best-first (``[]`` when the service knows nothing); :class:`OnlineFailure`."""
        options = dict(self._options)
        if region is not None:
            options.update(_bias_options(self._geocoder, region))
        try:
            with self._gate.turn(self._min_delay, self._max_wait):
                return self._call(query, options)
        except GateBusy:
            raise OnlineFailure("it is busy with other requests") from None
        except GateClosed as closed:
            raise OnlineFailure(str(closed.reason)) from None

    def _call(self, query: str, options: dict[str, Any]) -> list[Match]:
        try:
            found = self._geocoder.geocode(query, exactly_one=False, **options)
            if isinstance(found, Location):
                found = [found]
            return [_to_match(location, self.service) for location in found or ()]
        except GeocoderRateLimited as error:
            hold = min(MAX_HOLD_S, max(float(error.retry_after or 0), RATE_LIMITED_HOLD_S))
            self._fail("it asked us to slow down", error, hold)
        except GeocoderTimedOut as error:
            self._fail("it didn't answer in time", error, self._backoff)
        except GeocoderUnavailable as error:
            self._fail("it can't be reached", error, self._backoff)
        except (
            GeocoderAuthenticationFailure,
            GeocoderInsufficientPrivileges,
            GeocoderQuotaExceeded,
        ) as error:
            self._fail("it refused our requests", error, self._backoff)
        except GeocoderQueryError as error:
            self._fail("it couldn't read the request", error, 0.0)
        except GeopyError as error:
            if _is_connection_failure(error):
                self._fail("it can't be reached", error, self._backoff)
            self._fail("it had an error", error, self._backoff)
        except Exception as error:  # an answer that isn't the shape geopy or we expect
            log.exception("geocoder %s: unexpected failure", self.service)
            self._fail("it sent an answer I couldn't read", error, self._backoff)

    def _fail(self, reason: str, error: BaseException, hold: float) -> NoReturn:
        detail = redact(f"{type(error).__name__}: {error}", self._secret)
        log.warning("geocoder %s failed (%s); using the offline fallback", self.service, detail)
        if hold > 0:
            self._gate.hold_off(hold, reason)
        raise OnlineFailure(reason) from None


def make_geocoder(settings: Settings) -> OnlineGeocoder:
    """The configured geopy geocoder; :class:`ConfigError` naming the variable when it can't be."""
    service = settings.geocoder
    try:
        geocoder_class = get_geocoder_for_service(service)
    except GeocoderNotFound:
        raise ConfigError(
            f"CHARGEBOT_GEOCODER: {service!r} is not a geopy geocoder "
            "(try 'nominatim', 'photon', 'opencage', 'google', ...)"
        ) from None
    parameters = inspect.signature(geocoder_class.__init__).parameters
    kwargs: dict[str, Any] = {}
    if "user_agent" in parameters:
        kwargs["user_agent"] = settings.geocoder_user_agent
    if "timeout" in parameters:
        kwargs["timeout"] = settings.geocoder_timeout
    secret = settings.geocoder_api_key.get_secret_value() if settings.geocoder_api_key else None
    key_parameter = next((name for name in _KEY_PARAMETERS if name in parameters), None)
    if key_parameter is None and _required(parameters, "username"):
        key_parameter = "username"  # GeoNames identifies accounts by user name
    if secret and key_parameter:
        kwargs[key_parameter] = secret
    elif key_parameter and _required(parameters, key_parameter):
        raise ConfigError(f"CHARGEBOT_GEOCODER_API_KEY: the {service!r} geocoder needs an API key")
    if settings.nominatim_url is not None and issubclass(geocoder_class, _SELF_HOSTABLE):
        kwargs["domain"], kwargs["scheme"] = _domain_and_scheme(str(settings.nominatim_url))
    elif settings.nominatim_url is not None:
        log.warning("CHARGEBOT_NOMINATIM_URL is ignored: %r is not self-hosted", service)
    elif _required(parameters, "domain"):
        raise ConfigError(
            f"CHARGEBOT_NOMINATIM_URL: the {service!r} geocoder needs its server's base URL"
        )
    try:
        geocoder = geocoder_class(**kwargs)
    except (GeopyError, TypeError, ValueError) as error:
        message = redact(str(error), secret)
        raise ConfigError(f"CHARGEBOT_GEOCODER: can't set up {service!r}: {message}") from None
    _redact_geopy_logs(secret)
    return OnlineGeocoder(geocoder, settings, service=service, secret=secret)


def _is_connection_failure(error: BaseException) -> bool:
    """geopy reports a refused or reset connection as a generic service error; look beneath."""
    seen: BaseException | None = error.__cause__ or error.__context__
    while seen is not None:
        if isinstance(seen, AdapterHTTPError):
            return False  # the server answered, with an HTTP error status
        if isinstance(seen, (ConnectionError, socket.gaierror)) or (
            isinstance(seen, URLError) and isinstance(seen.reason, OSError)
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def _required(parameters: Any, name: str) -> bool:
    parameter = parameters.get(name)
    return parameter is not None and parameter.default is inspect.Parameter.empty


def _domain_and_scheme(url: str) -> tuple[str, str]:
    """``https://host:8080/nominatim/`` -> (``host:8080/nominatim``, ``https``) for geopy."""
    scheme, _, rest = url.partition("://")
    domain = rest.rstrip("/")
    if domain.endswith("/search"):  # a pasted search URL rather than the base
        domain = domain[: -len("/search")]
    return domain, scheme


def _geocode_options(geocoder: Geocoder) -> dict[str, Any]:
    parameters = inspect.signature(geocoder.geocode).parameters
    options: dict[str, Any] = {}
    if "limit" in parameters:
        options["limit"] = CANDIDATE_LIMIT
    if "addressdetails" in parameters:
        options["addressdetails"] = True
    if "language" in parameters:
        options["language"] = "en"
    return options


def _bias_options(geocoder: Geocoder, region: tuple[int, int]) -> dict[str, Any]:
    """Prefer (not restrict to) results near the bias region, in the service's own terms."""
    parameters = inspect.signature(geocoder.geocode).parameters
    lat, lng = region
    if "viewbox" in parameters:
        half = BIAS_BOX_HALF_SIDE
        south, north = max(-90.0, lat - half), min(90.0, lat + half)
        west, east = max(-180.0, lng - half), min(180.0, lng + half)
        return {"viewbox": [Point(south, west), Point(north, east)], "bounded": False}
    for name in ("location_bias", "proximity"):
        if name in parameters:
            return {name: Point(lat, lng)}
    return {}


def _to_match(location: Location, service: str) -> Match:
    raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
    importance = raw.get("importance")
    try:
        importance = float(importance) if importance is not None else None
    except (TypeError, ValueError):
        importance = None
    latitude, longitude = float(location.latitude), float(location.longitude)
    if ("lat" in raw) != ("lon" in raw) or ("display_name" in raw and "lat" not in raw):
        raise ValueError("a result without coordinates")  # geopy would have made it 0, 0
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("a result with impossible coordinates")
    return Match(
        Place(
            name=_label(raw) or location.address or f"{latitude}, {longitude}",
            latitude=latitude,
            longitude=longitude,
            kind=_kind(raw),
            source=service,
            country_code=_country_code(raw),
        ),
        importance=importance,
    )


def _kind(raw: dict[str, Any]) -> PlaceKind:
    properties = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
    category = raw.get("class") or raw.get("category") or properties.get("osm_key") or ""
    kind = raw.get("type") or properties.get("osm_value") or ""
    if category == "aeroway" and kind == "aerodrome":
        return PlaceKind.AIRPORT
    if kind == "postcode" or raw.get("addresstype") == "postcode":
        return PlaceKind.POSTAL_CODE
    if category in ("place", "boundary") and kind in _CITY_TYPES:
        return PlaceKind.CITY
    return PlaceKind.ADDRESS


def _country_code(raw: dict[str, Any]) -> str | None:
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    properties = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
    components = raw.get("components") if isinstance(raw.get("components"), dict) else {}
    code = (
        address.get("country_code")
        or properties.get("countrycode")
        or components.get("ISO_3166-1_alpha-2")
        or next(
            (
                part.get("short_name")
                for part in raw.get("address_components") or []
                if isinstance(part, dict) and "country" in part.get("types", ())
            ),
            None,
        )
    )
    return code.upper() if isinstance(code, str) and len(code) == 2 else None


def _label(raw: dict[str, Any]) -> str | None:
    """A short label from Nominatim's address details: "Denver Union Station, Denver, CO, USA"."""
    address = raw.get("address")
    if not isinstance(address, dict):
        return None
    display = str(raw.get("display_name") or "")
    street = " ".join(str(address[k]) for k in ("house_number", "road") if address.get(k))
    title = raw.get("name") or street or display.split(",")[0].strip()
    locality = next(
        (address[k] for k in ("city", "town", "village", "hamlet", "suburb") if address.get(k)),
        None,
    )
    country_code = str(address.get("country_code") or "").lower()
    if country_code == "us":
        state_code = str(address.get("ISO3166-2-lvl4") or "")
        region = state_code.removeprefix("US-") if state_code.startswith("US-") else None
        country = "USA"
    else:
        region = None
        country = address.get("country")
    if country_code == "us" and region is None:
        region = address.get("state")
    parts: list[str] = []
    for part in (title, locality, region, country):
        if part and str(part) not in parts:
            parts.append(str(part))
    return ", ".join(parts) or None


_redacted_secrets: set[str] = set()
_redact_lock = threading.Lock()


class _RedactSecret(logging.Filter):
    """geopy logs request URLs at DEBUG, and some services put the API key in the URL."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self._secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._secret in message:
            record.msg, record.args = message.replace(self._secret, "***"), None
        return True


def _redact_geopy_logs(secret: str | None) -> None:
    if not secret:
        return
    with _redact_lock:
        if secret not in _redacted_secrets:
            logging.getLogger("geopy").addFilter(_RedactSecret(secret))
            _redacted_secrets.add(secret)
