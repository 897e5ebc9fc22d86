"""Data sources behind one interface (:class:`~bot.providers.base.Provider`)."""

from __future__ import annotations

from bot.config import Settings
from bot.providers.base import (
    IndexEmpty,
    LocationNotFound,
    Provider,
    ProviderError,
    ProviderUnavailable,
)


def make_provider(settings: Settings) -> Provider:
    """The provider ``CHARGEBOT_PROVIDER`` picks: the local index unless PlugShare or OCM is.

    ``auto`` (the default) means PlugShare when partner credentials are set.
    Imports are deferred so that a deployment on one source never loads the other.
    """
    if settings.effective_provider == "plugshare":
        from bot.providers.plugshare import PlugShareProvider

        return PlugShareProvider.from_settings(settings)
    if settings.effective_provider == "ocm":
        from bot.providers.ocm import OcmProvider

        return OcmProvider.from_settings(settings)
    from bot.providers.local import LocalProvider

    return LocalProvider.from_settings(settings)


__all__ = [
    "IndexEmpty",
    "LocationNotFound",
    "Provider",
    "ProviderError",
    "ProviderUnavailable",
    "make_provider",
]
