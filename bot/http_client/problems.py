"""Why a request got no answer, in words a person can act on.

httpx reports a host that does not resolve and a port that refuses alike, as
``ConnectError``; the difference (a wrong or retired address, or a service that
is down) is in the exception's cause chain, and it decides what to tell the user.
"""

from __future__ import annotations

import socket
from enum import Enum

import httpx


class Unreachable(Enum):
    """How a request failed before any answer arrived."""

    NO_SUCH_HOST = "does not resolve"
    REFUSED = "refused the connection"
    TIMED_OUT = "did not answer in time"
    DROPPED = "dropped the connection"

    @property
    def wording(self) -> str:
        return self.value


def _causes(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify(error: httpx.TransportError) -> Unreachable:
    """The kind of failure behind an httpx transport error."""
    if isinstance(error, httpx.TimeoutException):
        return Unreachable.TIMED_OUT
    causes = _causes(error)
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return Unreachable.NO_SUCH_HOST
    if isinstance(error, httpx.ConnectError):
        if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
            return Unreachable.REFUSED
        # Resolver failures without a gaierror in the chain (other platforms) still say so.
        text = str(error).lower()
        if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
            return Unreachable.NO_SUCH_HOST
        return Unreachable.REFUSED
    return Unreachable.DROPPED
