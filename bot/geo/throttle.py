"""One request at a time, and at most one per ``min_delay``, per geocoder, process-wide.

Nominatim's usage policy allows one request per second from an application.
geopy's ``RateLimiter`` spaces the calls of one wrapped function but is not safe
across threads, and each resolver would get its own; a Slack app answers from a
pool of threads. So every request to an endpoint passes one :class:`RequestGate`
shared by the whole process: callers take turns, and a turn starts at least
``min_delay`` after the previous request's answer arrived, so the server never
sees two requests closer than that, however many threads ask.

After an outage or a 429 the gate stays shut for a while (``hold_off``): callers
go straight to the offline fallback instead of each waiting out a timeout, and a
server that asked us to back off is left alone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol


class Gate(Protocol):
    """What a geocoder needs of a gate: this process's or the deploy's (shared_gate)."""

    def turn(self, min_delay: float, max_wait: float) -> AbstractContextManager[None]: ...

    def hold_off(self, seconds: float, reason: str) -> None: ...


class GateClosed(Exception):
    """The endpoint is being left alone after a failure or a 429."""

    def __init__(self, reason: str, seconds_left: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.seconds_left = seconds_left


class GateBusy(Exception):
    """No turn came up within the caller's patience."""


class RequestGate:
    def __init__(self) -> None:
        self._turn = threading.Lock()
        self._state = threading.Lock()
        self._last_done = float("-inf")
        self._closed_until = float("-inf")
        self._closed_reason = ""

    @contextmanager
    def turn(self, min_delay: float, max_wait: float) -> Iterator[None]:
        """Hold the endpoint for one request; raise :class:`GateBusy` or :class:`GateClosed`."""
        deadline = time.monotonic() + max_wait
        self._raise_if_closed()
        if not self._turn.acquire(timeout=max(0.0, max_wait)):
            raise GateBusy("the geocoder is busy with other requests")
        try:
            self._raise_if_closed()
            wait = self._last_done + min_delay - time.monotonic()
            if wait > 0:
                if time.monotonic() + wait > deadline:
                    raise GateBusy("the geocoder is busy with other requests")
                time.sleep(wait)
            try:
                yield
            finally:
                self._last_done = time.monotonic()
        finally:
            self._turn.release()

    def hold_off(self, seconds: float, reason: str) -> None:
        """Refuse turns for ``seconds`` from now (a longer hold already in force stays)."""
        with self._state:
            until = time.monotonic() + seconds
            if until > self._closed_until:
                self._closed_until, self._closed_reason = until, reason

    def _raise_if_closed(self) -> None:
        with self._state:
            left, reason = self._closed_until - time.monotonic(), self._closed_reason
        if left > 0:
            raise GateClosed(reason, left)


_gates: dict[str, Gate] = {}  # endpoint, or "redis url|endpoint": shared gates
_gates_lock = threading.Lock()


def gate_for(endpoint: str, redis_url: str | None = None) -> Gate:
    """The one gate for ``endpoint`` (a geocoder's service URL) in this process; with
    ``redis_url``, one shared by every process using that Redis (:mod:`bot.geo.shared_gate`)."""
    with _gates_lock:
        gate = _gates.get(endpoint)
        if gate is None:
            gate = _gates[endpoint] = RequestGate()
        assert isinstance(gate, RequestGate)
        if redis_url is None:
            return gate
        key = f"{redis_url}|{endpoint}"
        shared = _gates.get(key)
        if shared is None:
            from bot.geo.shared_gate import SharedRequestGate
            from bot.redis_client import shared_client

            shared = SharedRequestGate(shared_client(redis_url), endpoint, gate)
            _gates[key] = shared
        return shared


def forget_gates() -> None:
    """Drop every gate, open or held off. For tests, whose fresh servers may reuse a port."""
    with _gates_lock:
        _gates.clear()
