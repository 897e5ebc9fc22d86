"""The Redis that several ChargeBot instances share (``CHARGEBOT_REDIS_URL``), when set.

It carries what must hold for the whole deploy rather than per process: the
per-person rate limit (``limits``' Redis storage), the geocoder's one request per
second (:mod:`bot.geo.shared_gate`) and, without PostgreSQL, the event dedupe.
The client is the ``redis`` package, installed by the ``redis`` extra
(``pip install 'chargebot[redis]'``). URLs: ``redis://[:password@]host:port/db``,
``rediss://`` (TLS) or ``unix:///path/to/redis.sock`` (``redis+unix://`` too).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from bot.config import ConfigError

if TYPE_CHECKING:
    import redis

#: Seconds to wait for Redis before a call counts as failed (each user falls back).
SOCKET_TIMEOUT = 2.0
#: Every key ChargeBot writes starts with this.
KEY_PREFIX = "chargebot:"

_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def client_url(url: str) -> str:
    """The URL as redis-py reads it (``redis+unix://`` is ``limits``' spelling)."""
    return "unix://" + url.removeprefix("redis+unix://") if url.startswith("redis+unix://") else url


def limits_url(url: str) -> str:
    """The URL as ``limits``' storage reads it (it spells Unix sockets ``redis+unix://``)."""
    return "redis+unix://" + url.removeprefix("unix://") if url.startswith("unix://") else url


def shared_client(url: str) -> redis.Redis:
    """One client (one connection pool) per URL in this process, thread-safe."""
    try:
        import redis
    except ImportError:
        raise ConfigError(
            "CHARGEBOT_REDIS_URL is set but the Redis client is not installed: "
            "pip install 'chargebot[redis]'"
        ) from None
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            try:
                client = redis.Redis.from_url(
                    client_url(url),
                    socket_timeout=SOCKET_TIMEOUT,
                    socket_connect_timeout=SOCKET_TIMEOUT,
                )
            except ValueError as error:
                raise ConfigError(f"CHARGEBOT_REDIS_URL: {error}") from None
            _clients[url] = client
        return client


def redis_errors() -> tuple[type[BaseException], ...]:
    """What a Redis that is down or refusing raises (to fall back on, never to crash)."""
    import redis

    return (redis.RedisError, OSError)
