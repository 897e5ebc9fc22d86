"""The geocoder's gate shared by every instance of a deploy, through Redis.

:class:`~bot.geo.throttle.RequestGate` keeps one process to one request at a time
and ``min_delay`` between them; N instances would still send N requests a second.
With ``CHARGEBOT_REDIS_URL`` set, :class:`SharedRequestGate` does the same for the
whole deploy: a turn is a Redis lock (redis-py's ``Lock``, released by its owner
only, expiring if an instance dies holding it), and the moment the last request's
answer arrived is kept in Redis on Redis's own clock, so instances whose clocks
differ still space their requests. A hold-off after a 429 or an outage is shared
too. Threads of one process queue on a local lock first, so only one of them
polls Redis. When Redis cannot be reached, the process falls back to its own gate
(still one request per second from this instance) and logs it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.geo.throttle import GateBusy, GateClosed, RequestGate
from bot.redis_client import KEY_PREFIX, redis_errors

log = logging.getLogger(__name__)

#: Seconds after which a turn held by an instance that died is given up.
TURN_EXPIRY_S = 30.0
#: Seconds between two looks at a turn another instance holds.
POLL_S = 0.02


class SharedRequestGate:
    def __init__(self, client: Any, endpoint: str, fallback: RequestGate) -> None:
        self._client = client
        name = hashlib.sha256(endpoint.encode()).hexdigest()[:16]
        self._turn_key = f"{KEY_PREFIX}gate:{name}:turn"
        self._last_key = f"{KEY_PREFIX}gate:{name}:last"
        self._closed_key = f"{KEY_PREFIX}gate:{name}:closed"
        self._fallback = fallback
        self._local = threading.Lock()
        self._errors = redis_errors()

    @contextmanager
    def turn(self, min_delay: float, max_wait: float) -> Iterator[None]:
        """Hold the endpoint deploy-wide for one request; :class:`GateBusy`/:class:`GateClosed`."""
        deadline = time.monotonic() + max_wait
        if not self._local.acquire(timeout=max(0.0, max_wait)):
            raise GateBusy("the geocoder is busy with other requests")
        try:
            try:
                lock = self._take_turn(min_delay, deadline)
            except self._errors as error:
                _unavailable(error)
                with self._fallback.turn(min_delay, max(0.0, deadline - time.monotonic())):
                    yield
                return
            try:
                yield
            finally:
                self._end_turn(lock)
        finally:
            self._local.release()

    def hold_off(self, seconds: float, reason: str) -> None:
        """Refuse turns deploy-wide for ``seconds`` (a longer hold already in force stays)."""
        self._fallback.hold_off(seconds, reason)
        milliseconds = max(1, int(seconds * 1000))
        try:
            if self._client.pttl(self._closed_key) < milliseconds:
                self._client.set(self._closed_key, reason.encode(), px=milliseconds)
        except self._errors as error:
            _unavailable(error)

    def _take_turn(self, min_delay: float, deadline: float) -> Any:
        self._raise_if_closed()
        lock = self._client.lock(
            self._turn_key,
            timeout=TURN_EXPIRY_S,
            sleep=POLL_S,
            blocking_timeout=max(0.0, deadline - time.monotonic()),
        )
        if not lock.acquire():
            raise GateBusy("the geocoder is busy with other requests")
        try:
            self._raise_if_closed()
            last = self._client.get(self._last_key)
            wait = float(last) + min_delay - self._now() if last is not None else 0.0
            if wait > 0:
                if time.monotonic() + wait > deadline:
                    raise GateBusy("the geocoder is busy with other requests")
                time.sleep(wait)
        except BaseException:
            self._release(lock)
            raise
        return lock

    def _end_turn(self, lock: Any) -> None:
        try:
            self._client.set(self._last_key, repr(self._now()), ex=3600)
        except self._errors as error:
            _unavailable(error)
        self._release(lock)

    def _release(self, lock: Any) -> None:
        try:
            lock.release()
        except Exception as error:  # expired (held too long) or Redis gone: it frees itself
            log.warning("geocoder.shared_turn_lost", extra={"error": type(error).__name__})

    def _now(self) -> float:
        """Redis's clock, the one every instance shares."""
        seconds, microseconds = self._client.time()
        return float(seconds) + microseconds / 1_000_000

    def _raise_if_closed(self) -> None:
        pipe = self._client.pipeline()
        pipe.get(self._closed_key)
        pipe.pttl(self._closed_key)
        reason, left_ms = pipe.execute()
        if reason is not None and left_ms and left_ms > 0:
            raise GateClosed(reason.decode(errors="replace"), left_ms / 1000)


def _unavailable(error: BaseException) -> None:
    log.warning("geocoder.shared_gate_unavailable", extra={"error": type(error).__name__})
