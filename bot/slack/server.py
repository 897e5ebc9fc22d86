"""Serving the app: HTTP (waitress over Bolt's WSGI adapter) or Socket Mode.

Why waitress: it is a production WSGI server (pure Python, no C build, Unix and
Windows) that runs one process with a pool of threads. One process keeps the
event dedupe and the rate limits in ``bot/slack`` authoritative for the whole
instance; threads suit the work, which is waiting on Slack, the geocoder and the
data source. It buffers whole requests before a thread sees them, so a slow
client cannot hold a thread, and it can run inside a test on an ephemeral port,
so the tests exercise the very server that production runs.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.slack import payload_shape, signature_headers
from bot.slack.logs import configure_logging, request_scope
from bot.slack.services import services_of_app
from bot.state import StateStore, StateUnavailable

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
#: Slack's payloads are a few kB; anything far larger is not from Slack.
MAX_BODY_BYTES = 1_048_576
#: Seconds a stopping server waits for accepted searches to finish and answer.
DRAIN_SECONDS = 25.0
#: Seconds a thread may hold the interpreter lock while another waits (see
#: :func:`quick_thread_switches`); Python's default is 0.005.
SWITCH_INTERVAL_S = 0.001

WSGIApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]


class _Handler(SlackRequestHandler):
    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        try:
            bolt_request = BoltRequest(
                body=request.get_body(), query=request.query_string, headers=request.get_headers()
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            # Bolt reads the body before checking its signature; a body that is not a
            # well-formed Slack payload (not JSON, not UTF-8, odd types) is refused here.
            log.info("http.malformed_body")
            return BoltResponse(status=400, body="Bad Request")
        shape = payload_shape.problem(bolt_request.body)
        if shape is not None and self._signed(bolt_request):
            # Signed by Slack (or someone holding the secret) but not shaped like Slack's
            # payloads: Bolt's routing would fail inside dispatch with a 500 Slack retries.
            log.warning("http.malformed_payload", extra={"field": shape})
            return BoltResponse(status=400, body="Bad Request")
        try:
            return self.app.dispatch(bolt_request)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            # Bolt's routing indexes payloads as Slack shapes them; a signed payload of
            # another shape ends here rather than in a 500 that Slack would retry.
            log.warning("http.malformed_payload", extra={"error": type(error).__name__})
            return BoltResponse(status=400, body="Bad Request")

    def _signed(self, request: BoltRequest) -> bool:
        """Whether Slack's signature is valid (unsigned requests get Bolt's 401)."""
        secret = services_of_app(self.app).settings.slack_signing_secret
        if secret is None:
            return False
        headers = request.headers
        return SignatureVerifier(secret.get_secret_value().strip()).is_valid(
            body=request.raw_body,
            timestamp=(headers.get("x-slack-request-timestamp") or [""])[0],
            signature=(headers.get("x-slack-signature") or [""])[0],
        )

    def handle_installation(self, request: WsgiHttpRequest) -> BoltResponse:
        with _state_unavailable_page():
            return super().handle_installation(request)
        return _UNAVAILABLE_PAGE

    def handle_callback(self, request: WsgiHttpRequest) -> BoltResponse:
        with _state_unavailable_page():
            return super().handle_callback(request)
        return _UNAVAILABLE_PAGE


_UNAVAILABLE_PAGE = BoltResponse(
    status=503,
    headers={"Content-Type": "text/html; charset=utf-8"},
    body=(
        "<!DOCTYPE html><html><body><h1>ChargeBot can't be installed right now</h1>"
        "<p>Its database is not answering, so the installation could not be saved. "
        "Please try again in a few minutes.</p></body></html>"
    ),
)


@contextmanager
def _state_unavailable_page() -> Iterator[None]:
    """An install step whose database is down ends on a page saying so, not a 500."""
    try:
        yield
    except StateUnavailable as error:
        log.error("oauth.state_unavailable", extra={"detail": error.detail})


class SlackWSGI:
    """``POST /slack/events`` (commands, events, interactivity), ``GET /healthz``, and with
    multi-workspace installs ``GET /slack/install`` and ``GET /slack/oauth_redirect``."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.handler = _Handler(app, path=EVENTS_PATH)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            body = json.dumps({"ok": True}).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if path == EVENTS_PATH and method != "POST":
            start_response("405 Method Not Allowed", [("Allow", "POST"), ("Content-Length", "0")])
            return [b""]
        if path == EVENTS_PATH and not signature_headers.well_formed(environ):
            log.info("http.unsigned")
            return _plain(start_response, "401 Unauthorized", b"Unauthorized")
        started = time.perf_counter()
        with request_scope() as request_id:
            status_line: list[str] = []

            def recording_start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
                status_line.append(status)
                return start_response(status, [*headers, ("X-Request-Id", request_id)], *args)

            try:
                result = self.handler(environ, recording_start)
            except Exception:
                log.exception("http.failed")
                result = _plain(recording_start, "500 Internal Server Error", b"Server Error")
            log.info(
                "http.request",
                extra={
                    "method": method,
                    "path": path,
                    "status": (status_line or ["-"])[0].split(" ", 1)[0],
                    "retry": environ.get("HTTP_X_SLACK_RETRY_NUM", 0),
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return result


def _plain(start_response: Any, status: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def create_server(app: App, host: str, port: int, threads: int, **options: Any) -> Any:
    """A waitress server for ``app``; ``port=0`` picks a free port (``server.effective_port``).

    ``options`` go to waitress (tests shorten ``asyncore_loop_timeout`` to stop faster).
    Connections are sized for Slack by :mod:`bot.slack.connections`.
    """
    from bot.slack.connections import slack_sized_server

    return slack_sized_server(
        SlackWSGI(app),
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=MAX_BODY_BYTES,
        ident="chargebot",
        **options,
    )


def serve_http(app: App, host: str, port: int, threads: int, one_cpu: bool = True) -> None:
    """Serve until SIGTERM or Ctrl-C, then let accepted searches finish and answer."""
    with acks_on_one_cpu(one_cpu):  # before the server's threads start: they inherit it
        server = create_server(app, host, port, threads)
        log.info(
            "serve.http", extra={"host": host, "port": server.effective_port, "path": EVENTS_PATH}
        )
        # run() returns on SIGTERM or Ctrl-C (waitress catches KeyboardInterrupt).
        _run_until_stopped(app, server.run, server.close)


def socket_mode_handler(app: App, app_token: str) -> Any:
    """Bolt's Socket Mode handler, with a request id bound for each envelope's whole
    dispatch, listener included (over HTTP, :class:`SlackWSGI` binds it): the logs,
    the work handed over and an error's "Reference for your Slack admin" then carry it.
    A middleware cannot: Bolt's middleware ``next()`` only marks that it was called, so
    a scope opened there ends before the listener runs."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    class _ScopedHandler(SocketModeHandler):
        def handle(self, client: Any, req: Any) -> None:
            with request_scope():
                super().handle(client, req)

    return _ScopedHandler(app, app_token)


def serve_socket_mode(app: App, app_token: str, one_cpu: bool = True) -> None:
    with acks_on_one_cpu(one_cpu):
        handler = socket_mode_handler(app, app_token)
        log.info("serve.socket_mode")
        _run_until_stopped(app, handler.start, handler.close)


#: Where instances on one machine note which CPU each serves on: a lock file a CPU,
#: locked (``flock``) while an instance serves on it; the OS drops a lock with its process.
CPU_CLAIMS_DIR = Path(tempfile.gettempdir())


@contextmanager
def acks_on_one_cpu(enabled: bool = True) -> Iterator[int | None]:
    """The threads this thread starts meanwhile (the server's) run on one CPU.

    The server process's work is Python under one interpreter lock (searches run in
    the search process, on any CPU), so it never uses more than one core's time;
    spread over several, its threads hand the lock to one another across cores, and
    each hand-over wakes a thread on another core (dear on a virtual machine).
    On one core, under 25 concurrent commands, an ack cost 1.0-1.4 ms of CPU instead
    of 1.5-2.2 and the ack p99 was 72-83 ms instead of 100-136 (``bench_slack_load.py
    --ny``, alternating runs). Linux only, and only with two CPUs or more to choose
    from; instances on one machine take CPUs no other has claimed (:func:`_claim_cpu`).
    Yields the CPU, or None; the calling thread's CPUs are put back afterwards.
    """
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not enabled or len(allowed) < 2:
        yield None
        return
    cpu, claim = _claim_cpu(allowed)
    try:
        try:
            os.sched_setaffinity(0, {cpu})
        except OSError:  # not permitted here: serve as before
            yield None
            return
        log.info("serve.cpu", extra={"cpu": cpu, "of": len(allowed), "claimed": claim is not None})
        try:
            yield cpu
        finally:
            os.sched_setaffinity(0, allowed)
    finally:
        if claim is not None:
            claim.close()


def _claim_cpu(allowed: list[int]) -> tuple[int, IO[bytes] | None]:
    """A CPU that no other instance on this machine serves on, and the open lock file that
    claims it (close it to let go); when every CPU is claimed, or claims cannot be
    written, a CPU at random, and None.

    The search starts at a random CPU: instances that cannot see one another's claims
    (containers, each with its own temporary folder and often the same process ids)
    then spread out rather than all taking the first CPU.
    """
    import fcntl

    start = random.SystemRandom().randrange(len(allowed))
    order = allowed[start:] + allowed[:start]
    for cpu in order:
        try:
            claim = open(CPU_CLAIMS_DIR / f"chargebot-cpu-{cpu}.lock", "ab")  # noqa: SIM115
        except OSError:  # another user's claim file, or no writable temporary folder
            continue
        try:
            fcntl.flock(claim, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # claimed by a running instance
            claim.close()
            continue
        return cpu, claim
    return order[0], None


@contextmanager
def quick_thread_switches() -> Iterator[None]:
    """While serving, a thread waiting for the interpreter lock gets it within 1 ms.

    The server's threads do short pieces of work (read a request, dispatch it, ack,
    write the response) and hand each other the lock many times per request; searches
    run in the search process. At Python's default 5 ms, a thread handed a request could
    wait up to 5 ms behind another's, and under 25 concurrent commands the ack p99 was
    about half again as long (``bench_slack_load.py --ny``: 122-131 ms against 81-83).
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _run_until_stopped(app: App, run: Callable[[], object], close: Callable[[], object]) -> None:
    """``run()`` until SIGTERM or Ctrl-C, then ``close()`` and let accepted searches finish."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with quick_thread_switches():
            run()
    except KeyboardInterrupt:
        pass
    finally:
        log.info("serve.stopping")
        signal.signal(signal.SIGTERM, previous)
        close()
        drain(app)


def drain(app: App) -> None:
    """Wait (a bounded time) for searches already acked, so their answers still arrive."""
    services = services_of_app(app)
    services.listeners.wait_idle(DRAIN_SECONDS)  # listeners may still hand work over
    pending = services.background.pending
    finished = services.background.drain(DRAIN_SECONDS)
    log.info("serve.drained", extra={"pending": pending, "finished": finished})


class StartupError(Exception):
    """Slack refused the credentials or could not be reached; the message says which."""


def run(settings: Settings, host: str, port: int | None = None) -> None:
    """``chargebot serve``: check credentials, build the store, pipeline and app, serve."""
    from slack_bolt.error import BoltError

    from bot.slack.app import create_app, web_api_base_url
    from bot.slack.credentials import ServeMode, check_credentials

    mode = check_credentials(settings)  # ConfigError names what is missing
    configure_logging(settings.log_level)

    from bot.geometry.geodesic import use_compiled
    from bot.search import build_pipeline

    use_compiled()  # a long-running process: PROJ's geodesic pays for its import at once
    store = StateStore.from_settings(settings)
    _migrate(store)
    pipeline = build_pipeline(settings, checkins=store, geocode_cache=shared_geocode_cache(store))
    from bot.slack.search_process import SearchProcessBackground, shared_flag

    # The search process answers while the first download runs: it must see the flag too.
    loading = shared_flag()
    if hasattr(pipeline.provider, "loading"):
        pipeline.provider.loading = loading
    pipeline.start_first_fill()  # an empty index downloads open data; "loading" meanwhile
    # Searches are answered in a child process: their CPU never delays an ack.
    background = SearchProcessBackground(settings, loading=loading)
    try:
        try:
            app = create_app(settings, pipeline, store=store, background=background)
        except BoltError as error:
            raise StartupError(
                "Slack did not accept SLACK_BOT_TOKEN (auth.test failed). Copy the Bot User "
                "OAuth Token again from https://api.slack.com/apps > your app > OAuth & "
                f"Permissions, and reinstall the app if it was removed. ({_reason(error)})"
            ) from None
        except OSError as error:
            raise StartupError(
                f"Could not reach Slack's Web API at {web_api_base_url(settings)}: "
                f"{type(error).__name__}. Check the network (and SLACK_API_URL if set)."
            ) from None
        except StateUnavailable as error:
            # Only a database that can never work (a bad URL, a missing driver) fails
            # here: installs in many workspaces keep their tokens in it.
            raise StartupError(
                f"Installs in many workspaces need the state database: {error.detail}. "
                "Check CHARGEBOT_DATABASE_URL."
            ) from None
        if settings.has_slack_oauth:
            log.info("serve.oauth", extra={"install": "/slack/install"})
        if mode is ServeMode.SOCKET:
            token = settings.slack_app_token.get_secret_value().strip()  # type: ignore[union-attr]
            serve_socket_mode(app, token, settings.http_one_cpu)
        else:
            serve_http(
                app, host, port or settings.port, settings.http_threads, settings.http_one_cpu
            )
    finally:
        background.close()
        pipeline.close()
        store.close()


def shared_geocode_cache(store: StateStore) -> Any:
    """On PostgreSQL the geocode cache lives in the state database, shared by every
    instance; otherwise (None) in the SQLite file beside the index."""
    if store.backend != "postgresql":
        return None
    from bot.state.geocode_cache import StateGeocodeCache

    return StateGeocodeCache(store)


def _migrate(store: StateStore) -> None:
    """Create or upgrade the state schema now, so the first request need not; a database
    that is down is logged, and each request tries again (searches work meanwhile)."""
    try:
        revision = store.migrate()
    except StateUnavailable as error:
        log.warning("state.unavailable_at_start", extra={"detail": error.detail})
        return
    log.info("state.ready", extra={"database": store.url, "revision": revision})


def _reason(error: Exception) -> str:
    # Bolt's message embeds the auth.test response ("invalid_auth", "account_inactive"),
    # never the token itself.
    text = str(error)
    for reason in ("invalid_auth", "not_authed", "account_inactive", "token_revoked"):
        if reason in text:
            return reason
    return "auth.test refused"
