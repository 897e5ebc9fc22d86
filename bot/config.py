"""Configuration: read once, at start-up, into one typed object that is passed down.

No other module reads ``os.environ``. Every field is one environment variable
(its exact name is the field's alias) and may also come from a ``.env`` file in
the working directory. A bad value stops start-up with a message naming the
variable: see :func:`load_settings`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "chargebot"
#: AFDC's station API since NREL became NLR (``developer.nrel.gov`` was retired on 2026-05-29).
DEFAULT_AFDC_URL = "https://developer.nlr.gov/api/alt-fuel-stations/v1.json"
DEFAULT_OCM_URL = "https://api.openchargemap.io/v3"


def default_data_dir() -> Path:
    # Only when CHARGEBOT_DB is unset: a cold start that names its index skips the import.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


PositiveSeconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        case_sensitive=False,
    )

    # --- PlugShare API (partner credentials) ---
    plugshare_api_url: AnyHttpUrl = Field(
        AnyHttpUrl("https://api.plugshare.com"), alias="PLUGSHARE_API_URL"
    )
    plugshare_api_key: SecretStr | None = Field(None, alias="PLUGSHARE_API_KEY")
    plugshare_api_secret: SecretStr | None = Field(None, alias="PLUGSHARE_API_SECRET")
    plugshare_connect_timeout: PositiveSeconds = Field(3.0, alias="PLUGSHARE_CONNECT_TIMEOUT")
    plugshare_read_timeout: PositiveSeconds = Field(10.0, alias="PLUGSHARE_READ_TIMEOUT")

    # --- Open Charge Map API (a free key) ---
    ocm_api_url: AnyHttpUrl = Field(AnyHttpUrl(DEFAULT_OCM_URL), alias="OCM_API_URL")
    ocm_api_key: SecretStr | None = Field(None, alias="OCM_API_KEY")

    # --- Data source ---
    provider: Literal["auto", "local", "plugshare", "ocm"] = Field(
        "auto", alias="CHARGEBOT_PROVIDER"
    )
    db_path: Path = Field(
        default_factory=lambda: default_data_dir() / "stations.sqlite3", alias="CHARGEBOT_DB"
    )
    afdc_url: AnyHttpUrl = Field(
        AnyHttpUrl(DEFAULT_AFDC_URL),
        alias="CHARGEBOT_AFDC_URL",
    )
    afdc_api_key: SecretStr = Field(SecretStr("DEMO_KEY"), alias="CHARGEBOT_AFDC_API_KEY")

    # --- Geocoding ---
    geocoder: str = Field("nominatim", alias="CHARGEBOT_GEOCODER")
    geocoder_api_key: SecretStr | None = Field(None, alias="CHARGEBOT_GEOCODER_API_KEY")
    nominatim_url: AnyHttpUrl | None = Field(None, alias="CHARGEBOT_NOMINATIM_URL")
    geocoder_user_agent: str = Field(
        "ChargeBot/0.1 (Slack EV charging finder)", alias="CHARGEBOT_GEOCODER_USER_AGENT"
    )
    geocoder_timeout: PositiveSeconds = Field(5.0, alias="CHARGEBOT_GEOCODER_TIMEOUT")
    geocoder_min_delay: Annotated[float, Field(ge=0)] = Field(
        1.0, alias="CHARGEBOT_GEOCODER_MIN_DELAY"
    )
    geocoder_backoff: Annotated[float, Field(ge=0)] = Field(
        30.0, alias="CHARGEBOT_GEOCODER_BACKOFF"
    )
    geocode_cache_path: Path | None = Field(None, alias="CHARGEBOT_GEOCODE_CACHE")

    # --- Routing (search along a route) ---
    router_url: AnyHttpUrl = Field(
        AnyHttpUrl("https://router.project-osrm.org"), alias="CHARGEBOT_ROUTER_URL"
    )
    router_timeout: PositiveSeconds = Field(10.0, alias="CHARGEBOT_ROUTER_TIMEOUT")
    router_min_delay: Annotated[float, Field(ge=0)] = Field(1.0, alias="CHARGEBOT_ROUTER_MIN_DELAY")

    # --- Map image (an XYZ tile server; none: no map) ---
    #: e.g. ``https://tiles.example.com/{z}/{x}/{y}.png?key=...``: a secret when it holds a key.
    tile_url: SecretStr | None = Field(None, alias="CHARGEBOT_TILE_URL")
    #: Credit drawn on the map, as the tile server's terms ask ("© OpenStreetMap contributors").
    tile_attribution: str = Field("", alias="CHARGEBOT_TILE_ATTRIBUTION")

    # --- Answers ---
    units: Literal["auto", "mi", "km"] = Field("auto", alias="CHARGEBOT_UNITS")
    results_per_page: Annotated[int, Field(ge=1, le=10)] = Field(5, alias="CHARGEBOT_RESULTS")
    detail_deadline: PositiveSeconds = Field(2.0, alias="CHARGEBOT_DETAIL_DEADLINE")
    detail_concurrency: Annotated[int, Field(ge=1, le=20)] = Field(
        5, alias="CHARGEBOT_DETAIL_CONCURRENCY"
    )

    # --- Slack ---
    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_api_url: AnyHttpUrl | None = Field(None, alias="SLACK_API_URL")
    slack_client_id: str | None = Field(None, alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(None, alias="SLACK_CLIENT_SECRET")
    rate_limit_per_minute: Annotated[int, Field(ge=0)] = Field(20, alias="CHARGEBOT_RATE_LIMIT")
    port: Annotated[int, Field(ge=1, le=65535)] = Field(3000, alias="PORT")
    #: HTTP mode: threads that run requests until their ack (about a millisecond of CPU
    #: each). Few, on purpose: acks are CPU work under one interpreter lock, and every
    #: extra runnable thread adds lock hand-offs (at 32 threads a command cost a third
    #: more CPU under load than at 8). Whole requests are buffered before a thread sees
    #: them, so slow clients hold none; a Home-tab place modal holds one up to 2.5 s.
    http_threads: Annotated[int, Field(ge=1, le=256)] = Field(8, alias="CHARGEBOT_HTTP_THREADS")
    #: Run the server process's threads (HTTP, acks) on one CPU, searches on any
    #: (``bot.slack.server.acks_on_one_cpu``). Linux, two CPUs or more.
    http_one_cpu: bool = Field(True, alias="CHARGEBOT_HTTP_ONE_CPU")
    #: Searches answered at once after the ack; the rest queue (the answer arrives later).
    search_workers: Annotated[int, Field(ge=1, le=256)] = Field(16, alias="CHARGEBOT_WORKERS")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", alias="CHARGEBOT_LOG_LEVEL"
    )

    #: Shared by every instance of a deploy: rate limit, geocoder throttle (and event
    #: dedupe without PostgreSQL). May carry a password, so it is a secret.
    redis_url: SecretStr | None = Field(None, alias="CHARGEBOT_REDIS_URL")

    # --- State (people's defaults, saved places, check-ins) ---
    #: May carry a password (PostgreSQL), so it is a secret: never shown in reprs or logs.
    database_url: SecretStr | None = Field(None, alias="CHARGEBOT_DATABASE_URL")
    #: Seconds to wait for a locked SQLite file or to connect to PostgreSQL before giving up.
    database_timeout: PositiveSeconds = Field(5.0, alias="CHARGEBOT_DATABASE_TIMEOUT")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("provider", "units", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("plugshare_api_url")
    @classmethod
    def _no_credentials_in_url(cls, value: AnyHttpUrl) -> AnyHttpUrl:
        # Credentials in a URL end up in logs and reprs; they belong in the secret fields.
        if value.username or value.password:
            raise ValueError(
                "must not contain a user name or password; "
                "set PLUGSHARE_API_KEY and PLUGSHARE_API_SECRET instead"
            )
        return value

    @field_validator("ocm_api_url")
    @classmethod
    def _no_key_in_ocm_url(cls, value: AnyHttpUrl) -> AnyHttpUrl:
        # The key belongs in OCM_API_KEY (sent as a header), never in a URL that gets logged.
        if value.username or value.password or "key=" in (value.query or "").lower():
            raise ValueError("must not contain a key or password; set OCM_API_KEY instead")
        return value

    @field_validator("tile_url", mode="before")
    @classmethod
    def _xyz_template(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not text.startswith(("http://", "https://")) or not all(
            part in text for part in ("{z}", "{x}", "{y}")
        ):
            raise ValueError(
                "must be an http(s) XYZ tile template with {z}, {x} and {y},"
                " e.g. https://tiles.example.com/{z}/{x}/{y}.png"
            )
        return text

    @field_validator("db_path", "geocode_cache_path", mode="before")
    @classmethod
    def _not_empty_path(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty; set it to a file's path, or unset it for the default")
        return value

    @field_validator("db_path", "geocode_cache_path")
    @classmethod
    def _names_a_file(cls, value: Path | None) -> Path | None:
        if value is not None and (not value.name or value.expanduser().is_dir()):
            raise ValueError("must name a file, not a folder (e.g. /srv/chargebot/index.sqlite3)")
        return value

    @field_validator("afdc_api_key", mode="before")
    @classmethod
    def _empty_key_is_demo_key(cls, value: object) -> object:
        return "DEMO_KEY" if isinstance(value, str) and not value.strip() else value

    @field_validator("geocoder_user_agent")
    @classmethod
    def _user_agent(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty; geocoding services require a User-Agent naming the app")
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        url = value.get_secret_value().strip() if value is not None else ""
        if url and (problem := _database_url_problem(url)):
            raise ValueError(problem)  # names the problem, never the URL (it may hold a password)
        return value

    @field_validator("geocoder")
    @classmethod
    def _geocoder_name(cls, value: str) -> str:
        name = value.strip().lower()
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError("must be a geopy service name such as 'nominatim'")
        return name

    @property
    def has_plugshare_credentials(self) -> bool:
        return bool(
            self.plugshare_api_key
            and self.plugshare_api_key.get_secret_value()
            and self.plugshare_api_secret
            and self.plugshare_api_secret.get_secret_value()
        )

    @property
    def has_ocm_key(self) -> bool:
        return bool(self.ocm_api_key and self.ocm_api_key.get_secret_value().strip())

    @property
    def has_slack_oauth(self) -> bool:
        """Installable in many workspaces: Slack's OAuth client id and secret are both set."""
        return bool(
            self.slack_client_id
            and self.slack_client_id.strip()
            and self.slack_client_secret
            and self.slack_client_secret.get_secret_value().strip()
        )

    @property
    def effective_provider(self) -> Literal["local", "plugshare", "ocm"]:
        """``auto`` means PlugShare when partner credentials are set, else the local index.

        Open Charge Map reaches ``auto`` through the index (``chargebot data sync ocm``,
        and the first-answer download when ``OCM_API_KEY`` is set); ``ocm`` asks OCM's
        API live instead.
        """
        if self.provider == "auto":
            return "plugshare" if self.has_plugshare_credentials else "local"
        return self.provider

    @property
    def resolved_geocode_cache_path(self) -> Path:
        return self.geocode_cache_path or self.db_path.with_name("geocode-cache.sqlite3")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url and self.database_url.get_secret_value().strip():
            return self.database_url.get_secret_value().strip()
        return f"sqlite:///{self.db_path.with_name('state.sqlite3')}"

    @property
    def redis_url_value(self) -> str | None:
        """``CHARGEBOT_REDIS_URL``, or None when unset or blank (nothing is shared)."""
        value = self.redis_url.get_secret_value().strip() if self.redis_url else ""
        return value or None


_DATABASE_URL_EXAMPLES = (
    "e.g. sqlite:////srv/chargebot/state.sqlite3 or postgresql://user@host:5432/db"
)


def _database_url_problem(url: str) -> str | None:
    if not re.match(r"[A-Za-z][A-Za-z0-9+]*://", url):
        return f"is not a database URL ({_DATABASE_URL_EXAMPLES})"
    try:
        urlsplit(url).port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return f"has a port that is not a number from 1 to 65535 ({_DATABASE_URL_EXAMPLES})"
    return None


def _describe(error: ValidationError) -> str:
    fields = Settings.model_fields
    lines = []
    for item in error.errors():
        loc = item["loc"][0] if item["loc"] else ""
        field = fields.get(str(loc))
        name = field.alias if field and field.alias else str(loc).upper()
        lines.append(f"{name}: {item['msg'].removeprefix('Value error, ')}")
    return "Invalid configuration:\n  " + "\n  ".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Read the environment (and ``.env``); raise :class:`ConfigError` naming a bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None
