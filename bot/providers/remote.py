"""Errors of an API-backed provider (PlugShare, Open Charge Map) in words a user can act on.

Both API clients raise the shared kinds of :mod:`bot.http_client.errors`; this
turns each into the provider error whose ``user_message`` says what happened
and what to do, naming the service.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Self, TypeVar

from bot.config import Settings
from bot.http_client import (
    AuthenticationFailed,
    BadResponse,
    NotFound,
    RateLimited,
    ServiceError,
    UpstreamUnavailable,
)
from bot.http_client.closing import Closing
from bot.providers.base import LocationNotFound, ProviderError, ProviderUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
C = TypeVar("C", bound=Closing)


class ApiProvider(Closing, Generic[C]):
    """A provider over one API client (PlugShare, Open Charge Map), which it closes."""

    #: The API client's class, built from the settings by :meth:`from_settings`.
    client_type: ClassVar[Any]

    def __init__(self, client: C) -> None:
        self.client = client

    @classmethod
    def from_settings(cls, settings: Settings, **client_options: Any) -> Self:
        """A provider over a client of the configured service (``client_options`` go to the
        client: ``max_retries``, ``backoff``...). Raises :class:`~bot.config.ConfigError`
        when the service's credentials are not set."""
        return cls(cls.client_type.from_settings(settings, **client_options))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client!r})"

    def close(self) -> None:
        self.client.close()


def answer_or_raise(call: Callable[[], T], service: str, credentials: str) -> T:
    """``call()``'s result, or a provider error naming ``service``.

    ``credentials`` names the settings to check when the service refuses them
    (logged for the admin, never shown to users).
    """
    try:
        return call()
    except NotFound as error:
        raise LocationNotFound(str(error)) from error
    except RateLimited as error:
        raise ProviderUnavailable(
            str(error),
            user_message=(
                f"{service} is getting too many requests from ChargeBot. "
                f"Try again {retry_in(error.retry_after)}."
            ),
        ) from error
    except UpstreamUnavailable as error:
        raise ProviderUnavailable(
            str(error),
            user_message=(
                f"{service} is not answering right now. Try again {retry_in(error.retry_after)}."
            ),
        ) from error
    except AuthenticationFailed as error:
        log.error("%s: check %s", error, credentials)
        raise ProviderUnavailable(
            str(error),
            user_message=(
                f"{service} refused ChargeBot's credentials, so it cannot search right now. "
                "Please let the admin who installed ChargeBot know."
            ),
        ) from error
    except BadResponse as error:
        raise ProviderUnavailable(
            str(error),
            user_message=(
                f"{service} sent an answer ChargeBot could not read. Try again in a minute."
            ),
        ) from error
    except ServiceError as error:
        raise ProviderError(str(error)) from error


def retry_in(seconds: float | None) -> str:
    """When to try again, the way a person says it."""
    if seconds is None:
        return "in a minute"
    amount, unit = (max(1, math.ceil(seconds)), "second")
    if seconds > 60:
        amount, unit = (math.ceil(seconds / 60), "minute")
    return f"in {amount} {unit}{'' if amount == 1 else 's'}"
