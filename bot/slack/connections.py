"""Waitress sized for a Slack app: many connections, and slow ones closed early.

Waitress's defaults suit a server behind a buffering proxy: 100 connections, and
a connection closed after 120 s without a byte. Facing the internet directly, that
lets about 100 idle or trickling sockets, which need no signature, shut everyone
out. Slack sends each request whole, in one go, and reuses a connection briefly if
at all, so:

- up to :data:`CONNECTION_LIMIT` connections (polled with ``poll``, not ``select``,
  which stops at 1,024 descriptors; kept under the process's open-file limit);
- a connection with nothing to do is closed after :data:`IDLE_SECONDS`;
- a request must arrive whole within :data:`REQUEST_SECONDS` of its first byte,
  however steadily it trickles (waitress alone resets its timer on every byte);
- headers are capped at :data:`MAX_HEADER_BYTES` (Slack's are about 1 kB).

A request being answered is never cut: these limits apply only while one is read.
"""

from __future__ import annotations

import resource
import time
from typing import Any, Final

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

CONNECTION_LIMIT: Final = 1000
IDLE_SECONDS: Final = 10
REQUEST_SECONDS: Final = 10.0
MAX_HEADER_BYTES: Final = 32 * 1024
#: How often the server looks for connections past these limits.
CLEANUP_SECONDS: Final = 1
#: Descriptors kept free for the rest of the process (database, geocoder, Slack calls).
_SPARE_FILES: Final = 128


def _connection_limit(wanted: int) -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(32, min(wanted, soft - _SPARE_FILES))


class _SlackChannel(HTTPChannel):
    """Remembers when the request being read began (its first byte)."""

    request_began = 0.0

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_began = time.monotonic()
        return bool(super().received(data))


class _SlackServer(TcpWSGIServer):
    channel_class = _SlackChannel
    request_seconds = REQUEST_SECONDS

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle connections (channel_timeout)
        cutoff = time.monotonic() - self.request_seconds
        for channel in list(self.active_channels.values()):
            if channel.request is not None and channel.request_began < cutoff:
                channel.will_close = True


def slack_sized_server(application: Any, **options: Any) -> Any:
    """Like ``waitress.create_server``, with the limits above (``options`` may override)."""
    from bot.slack import connections  # read at call time, so tests can shorten them

    settings: dict[str, Any] = {
        "connection_limit": _connection_limit(connections.CONNECTION_LIMIT),
        "channel_timeout": connections.IDLE_SECONDS,
        "cleanup_interval": connections.CLEANUP_SECONDS,
        "max_request_header_size": MAX_HEADER_BYTES,
        "asyncore_use_poll": True,
        **options,
    }
    adj = Adjustments(**settings)
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict[int, Any] = {}
    servers = []
    for sockinfo in adj.listen:
        server = _SlackServer(
            application, socket_map, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo
        )
        server.request_seconds = connections.REQUEST_SECONDS
        servers.append(server)
    if len(servers) == 1:
        return servers[0]
    listening = [(s.effective_host, s.effective_port) for s in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher)
