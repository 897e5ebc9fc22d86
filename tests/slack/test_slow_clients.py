"""Idle and trickling connections cannot stop the HTTP server (issue 12, item 2).

Waitress's defaults (100 connections, 120 s of inactivity, reset by every byte)
let about 100 idle sockets, which need no signature, shut everyone out. Slack
sends whole requests at once, so the server takes many connections and closes
the slow ones early. Real sockets on loopback; bounded in count and time.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest
from support.slack import Harness, slash_command

from bot.slack.connections import CONNECTION_LIMIT, REQUEST_SECONDS

SLOW_CONNECTIONS = 300
#: A client gives up on an answer after this long (liveness, not speed).
ANSWER_WITHIN = 10.0


def _port(harness: Harness) -> int:
    return int(harness.server.base_url.rsplit(":", 1)[1])


@contextmanager
def slow_connections(port: int, count: int) -> Iterator[list[socket.socket]]:
    """``count`` open connections: a third idle, a third stuck in their headers, a third
    that declared a body and never send it."""
    partial = [
        b"",
        b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Sig",
        b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4000\r\n\r\n{",
    ]
    with ExitStack() as stack:
        sockets = []
        for i in range(count):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            if partial[i % 3]:
                sock.sendall(partial[i % 3])
            sockets.append(sock)
        yield sockets


def test_the_server_takes_far_more_connections_than_waitress_defaults() -> None:
    assert CONNECTION_LIMIT >= 4 * SLOW_CONNECTIONS / 3  # room for the slow ones and Slack
    assert REQUEST_SECONDS <= 15


def test_health_and_signed_requests_are_answered_while_300_slow_connections_are_open(
    harness: Harness,
) -> None:
    with slow_connections(_port(harness), SLOW_CONNECTIONS):
        with httpx.Client(timeout=ANSWER_WITHIN) as client:
            assert client.get(harness.server.base_url + "/healthz").json() == {"ok": True}
        url = harness.slack.response_url()
        request = slash_command("CCS near Penn Station", url)
        assert harness.server.send(request).status_code == 200
        harness.slack.wait_response(url)


@pytest.fixture
def quick_harness(make_harness: object, monkeypatch: pytest.MonkeyPatch) -> Harness:
    """The app with a 1-second request deadline and idle limit, to watch them act."""
    import bot.slack.connections as connections

    monkeypatch.setattr(connections, "REQUEST_SECONDS", 1.0)
    monkeypatch.setattr(connections, "IDLE_SECONDS", 1)
    monkeypatch.setattr(connections, "CLEANUP_SECONDS", 0)
    return make_harness()  # type: ignore[operator]


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while True:
            if not sock.recv(4096):
                return True
    except TimeoutError:
        return False
    except OSError:
        return True


def test_a_client_trickling_its_request_is_closed_at_the_deadline(quick_harness: Harness) -> None:
    sock = socket.create_connection(("127.0.0.1", _port(quick_harness)), timeout=5)
    with sock:
        started = time.monotonic()
        request = b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
        sent = 0
        closed = False
        # One byte every 0.1 s keeps waitress's inactivity timer from ever firing; the
        # request deadline (1 s here) closes the connection anyway.
        while time.monotonic() - started < 8:
            try:
                sock.sendall(request[sent % len(request) : sent % len(request) + 1])
            except OSError:
                closed = True
                break
            sent += 1
            if _closed_by_server(sock, 0.1):
                closed = True
                break
        assert closed, "a trickling client kept its connection for 8 s"
        assert sent < 60


def test_an_idle_connection_is_closed(quick_harness: Harness) -> None:
    sock = socket.create_connection(("127.0.0.1", _port(quick_harness)), timeout=5)
    with sock:
        assert _closed_by_server(sock, 8.0)
