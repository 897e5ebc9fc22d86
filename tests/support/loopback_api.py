"""A scripted HTTP API on loopback: real HTTP, every request recorded, replies scripted.

Subclass :class:`LoopbackApi` and answer in ``_route``; tests then script
exceptions to it::

    server.script("/poi", Reply(503), Reply(429, headers={"Retry-After": "1"}))
    server.requests[-1].query["latitude"]

A scripted :class:`Reply` answers instead of ``_route``, once, in order. The
PlugShare, Open Charge Map and other API doubles in this folder are built on it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    """One scripted answer.

    ``body`` is JSON-encoded unless it is ``str`` or ``bytes`` (sent as is). With
    status 200 and no body, the server answers normally, after ``delay`` seconds.
    """

    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str | None = None
    #: Send only this many bytes of the body (its full length announced), then hang up.
    cut_after: int | None = None
    #: Answer only once this is set: a server slower than any time-out, whatever the
    #: load on the machine (set it after the client has given up).
    hold: threading.Event | None = None


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    raw_query: str
    #: Query parameters, decoded; the last value wins for repeated names.
    query: dict[str, str]
    #: Header names in lower case.
    headers: dict[str, str]
    body: bytes
    #: The client's port: equal ports mean one reused connection.
    client_port: int
    received_at: float

    def json(self) -> Any:
        return json.loads(self.body)


def closed_port() -> int:
    """A loopback port nothing listens on: the "unreachable service" of every test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackApi:
    """The server: start it (or use it as a context manager), script it, read ``requests``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._scripts: defaultdict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.app = self
        # A short poll interval: shutdown() waits for the loop to notice, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- lifecycle ---

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- test controls ---

    def script(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` (no query string) with ``replies``, in order."""
        with self._lock:
            self._scripts[path].extend(replies)

    def wait_for_requests(self, count: int, timeout: float = 30.0) -> bool:
        """Whether ``count`` requests have arrived within ``timeout`` seconds: a request
        a client sent is recorded when the server's thread gets to it, not at once."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.requests) >= count, timeout)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    # --- answering ---

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        """The unscripted answer: status and body (JSON-encoded unless str or bytes)."""
        return 404, {"error": "Not Found"}

    def _next_reply(self, path: str) -> Reply | None:
        with self._lock:
            queue = self._scripts.get(path)
            return queue.popleft() if queue else None

    def _record(self, request: RecordedRequest) -> None:
        with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()

    def _held(self, reply: Reply) -> bool:
        """Wait for ``reply.hold`` to be set; True when the server stops first."""
        if reply.hold is None:
            return False
        while not reply.hold.wait(0.05):
            if self._stopping.is_set():
                return True
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: LoopbackApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and hung up is what some tests are about; stay quiet.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, the client's
    # delayed ACK would add ~40 ms to every answer on a kept-alive connection.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        app = self.server.app
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = RecordedRequest(
            method=self.command,
            path=parts.path,
            raw_query=parts.query,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            client_port=self.client_address[1],
            received_at=time.monotonic(),
        )
        app._record(request)
        reply = app._next_reply(parts.path) or Reply()
        if (reply.delay and app._stopping.wait(reply.delay)) or app._held(reply):
            self.close_connection = True
            return
        status, body = reply.status, reply.body
        if status == 200 and body is None:
            status, body = app._route(request)
        if isinstance(body, bytes):
            payload = body
        elif isinstance(body, str):
            payload = body.encode()
        elif body is None:
            payload = b""
        else:
            payload = json.dumps(body).encode()
        content_type = reply.content_type or (
            "application/json" if not isinstance(body, str | bytes) else "text/plain"
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.cut_after is not None:
                self.wfile.write(payload[: reply.cut_after])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
