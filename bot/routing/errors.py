"""What a router can answer instead of a route (imported without the HTTP client)."""

from __future__ import annotations


class RouterError(Exception):
    """No route came back. ``reason`` completes "I couldn't get a road route: ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RouterUnavailable(RouterError):
    """The router did not answer (down, slow, busy): a straight line may stand in."""


class NoRoute(RouterError):
    """The router answered that no road joins the places."""
