"""An AFDC-API-shaped HTTP server on loopback, for the sync tests."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class AfdcServer:
    url: str
    payload: Any = None
    status: int = 200
    gzip: bool = False
    #: Close the connection after sending this many body bytes (a dropped download).
    cut_after: int | None = None
    #: Send no Content-Length (the body ends when the connection closes), as a proxy or
    #: an HTTP/1.0 server may: a cut then looks like a normal end to the client.
    no_length: bool = False
    #: Send these bytes instead of the JSON payload (an HTML notice, say), with this type.
    body: bytes | None = None
    content_type: str = "application/json"
    #: Wait this long before answering (a server that hangs).
    delay: float = 0.0
    #: Answer every request with a redirect here (a retired host forwarding elsewhere).
    redirect_to: str | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def afdc_server() -> Iterator[AfdcServer]:
    state = AfdcServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            state.requests.append(
                {"path": parts.path, "query": parse_qs(parts.query), "headers": dict(self.headers)}
            )
            if state.delay:
                time.sleep(state.delay)
            if state.redirect_to is not None:
                self.send_response(301)
                self.send_header("Location", state.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = json.dumps(state.payload).encode() if state.body is None else state.body
            if state.gzip:
                body = gzip.compress(body)
            self.send_response(state.status)
            self.send_header("Content-Type", state.content_type)
            if state.gzip:
                self.send_header("Content-Encoding", "gzip")
            if not state.no_length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if state.cut_after is not None:
                self.wfile.write(body[: state.cut_after])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that gave up (timed out) closed the connection: expected here

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/api/alt-fuel-stations/v1.json"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
