"""Searches answered in a separate process, so their CPU never delays an ack.

Searching the local index, ranking and rendering are CPU-bound. In the server's
own interpreter they compete with the threads that ack for the one interpreter
lock, and acks slow down under load (measured with ``bench_slack_load.py --ny``).
:class:`SearchProcessBackground` is the server's background pool with one
difference: a search (``searches.answer_to``, ``searches.share``), a settings
command (``personal.reply_to_command``) and a place from the Home tab's modal
(``home.geocode_and_store``, whose result the modal's ack waits for) are handed to
one child process, which
builds its own pipeline, state store and Slack client from the same settings and
answers on its own pool of ``CHARGEBOT_WORKERS`` threads. Everything else (notes,
check-ins, the Home tab) stays on the server's threads.

One child, not several: every geocoder request of the instance's searches is made
from it, so its process-wide gate keeps Nominatim's one request per second (with
``CHARGEBOT_REDIS_URL`` the gate is the deploy's anyway). If the child is gone,
work runs on the server's threads as before, and that is logged.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from bot.config import Settings
from bot.slack import home, personal, searches
from bot.slack.background import Background
from bot.slack.logs import current_request_id, request_scope
from bot.slack.services import SlackServices

log = logging.getLogger(__name__)

#: Work the child does, by name (what crosses the process boundary is the name).
WORK: dict[str, Callable[..., Any]] = {
    "answer": searches.answer_to,
    "share": searches.share,
    "settings": personal.reply_to_command,
    "place": home.geocode_and_store,
}
#: Work whose result the server waits for (a Home tab place modal is acked with it).
RETURNS = frozenset({"place"})
_NAMES = {work: name for name, work in WORK.items()}
#: Seconds the server waits for the child to start (imports, pipeline) before serving.
START_SECONDS = 60.0


@dataclass(frozen=True)
class Job:
    number: int
    work: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    request_id: str | None
    #: The workspace's bot token (installs in many workspaces), or None: the app's.
    token: str | None


class SearchProcessBackground(Background):
    """The background pool, with searches and settings commands answered in a child."""

    def __init__(self, settings: Settings, loading: Any | None = None) -> None:
        """``loading``: the index's "first download running" flag (:func:`shared_flag`),
        which the child's data source reads too, so it says "loading", not "empty"."""
        super().__init__(settings.search_workers)
        context = multiprocessing.get_context("spawn")
        self._jobs: Any = context.Queue()
        self._done: Any = context.Queue()
        self._numbers = itertools.count(1)
        #: Futures of handed-over work whose result the server waits for, by job number.
        self._waiting: dict[int, Future[Any]] = {}
        self._process = context.Process(
            target=_child_main,
            args=(settings, self._jobs, self._done, loading),
            name="chargebot-search",
            daemon=True,
        )
        self._process.start()
        try:
            self._done.get(timeout=START_SECONDS)  # the child's "ready"
        except queue.Empty:
            log.error("search_process.not_ready")
        self._reader = threading.Thread(target=self._read_done, daemon=True)
        self._reader.start()
        #: Cleared when the child exits. Read on every hand-over instead of asking the
        #: OS (``is_alive`` is a ``waitpid`` system call, during which the acking thread
        #: lets go of the interpreter lock and, under load, waits to take it back).
        self._running = threading.Event()
        self._running.set()
        threading.Thread(target=self._watch, name="chargebot-search-watch", daemon=True).start()

    def _watch(self) -> None:
        multiprocessing.connection.wait([self._process.sentinel])
        self._running.clear()

    @property
    def alive(self) -> bool:
        return self._running.is_set()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        name = _NAMES.get(fn)
        if name is None or not args or not isinstance(args[0], SlackServices):
            return super().submit(fn, *args, **kwargs)
        if not self.alive:
            log.error("search_process.gone")
            return super().submit(fn, *args, **kwargs)
        services: SlackServices = args[0]
        job = Job(
            next(self._numbers),
            name,
            args[1:],
            kwargs,
            current_request_id(),
            services.sender.client.token if services.multi_workspace else None,
        )
        handed: Future[Any] = Future()
        with self._idle:
            self._pending += 1
            if name in RETURNS:
                self._waiting[job.number] = handed
        self._jobs.put(job)
        if name not in RETURNS:
            handed.set_result(None)  # handed over; the child answers (and logs) the rest
        return handed

    def _read_done(self) -> None:
        while True:
            try:
                finished = self._done.get()
            except (EOFError, OSError):
                return
            if finished is None:
                return
            number, result = finished
            with self._idle:
                waiting = self._waiting.pop(number, None)
            if waiting is not None:
                waiting.set_result(result)
            self._finished(None)

    def drain(self, timeout: float | None = None) -> bool:
        finished = super().drain(timeout)
        self.close()
        return finished

    def close(self) -> None:
        """Stop the child (work it has not finished is abandoned: drain first)."""
        if self._process.is_alive():
            self._jobs.put(None)
            self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        if not self._process.is_alive():
            self._running.clear()  # as the watcher will: ``alive`` is false once this returns


def shared_flag() -> Any:
    """An event the server and its search process both see (the index is loading)."""
    return multiprocessing.get_context("spawn").Event()


def _child_main(settings: Settings, jobs: Any, done: Any, loading: Any | None = None) -> None:
    """The child: its own pipeline, store and clients; answers jobs on a thread pool."""
    import signal

    from bot.slack.logs import configure_logging

    # A platform stopping the instance signals every process in it: the child finishes
    # what it was handed when the server says so (after its drain), not before.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _yield_cpu_to_acks()
    configure_logging(settings.log_level)
    services = _child_services(settings)
    if loading is not None and hasattr(services.provider, "loading"):
        # The server runs the index's first download; this process answers meanwhile.
        services.provider.loading = loading
    per_token: dict[str | None, SlackServices] = {None: services}
    pool = ThreadPoolExecutor(settings.search_workers, thread_name_prefix="chargebot-search")
    done.put("ready")

    def run(job: Job) -> None:
        result = None
        try:
            work = WORK[job.work]
            target = per_token.get(job.token)
            if target is None:
                from bot.slack.delivery import Sender
                from bot.slack.web_client import web_client

                target = dataclasses.replace(
                    services, sender=Sender(web_client(job.token, services.sender.client.base_url))
                )
                per_token[job.token] = target
            with request_scope(job.request_id):
                result = work(target, *job.args, **job.kwargs)
        except Exception:
            log.exception("search_process.job_failed", extra={"work": job.work})
        finally:
            done.put((job.number, result if job.work in RETURNS else None))

    parent = os.getppid()
    while True:
        try:
            job = jobs.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the server died without saying so: stop too
                break
            continue
        if job is None:
            break
        pool.submit(run, job)
    pool.shutdown(wait=True)
    done.put(None)
    services.pipeline.close()  # type: ignore[attr-defined]
    if services.store is not None:
        services.store.close()


#: How much lower the child's CPU priority is than the server's (``nice``): when both
#: want the CPU, the threads that ack run first and searches take what is left.
NICENESS = 10


def _yield_cpu_to_acks() -> None:
    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):  # no nice() (Windows) or not permitted: keep going
        log.info("search_process.nice_unavailable")


def _child_services(settings: Settings) -> SlackServices:
    from bot.search import build_pipeline
    from bot.slack.app import web_api_base_url
    from bot.slack.background import ContextThreadPoolExecutor
    from bot.slack.dedupe import SeenKeys
    from bot.slack.delivery import Sender
    from bot.slack.ratelimit import UserRateLimiter
    from bot.slack.server import shared_geocode_cache
    from bot.slack.web_client import web_client
    from bot.state import StateStore

    store = StateStore.from_settings(settings)
    pipeline = build_pipeline(settings, checkins=store, geocode_cache=shared_geocode_cache(store))
    token = None
    if not settings.has_slack_oauth and settings.slack_bot_token is not None:
        token = settings.slack_bot_token.get_secret_value().strip()
    return SlackServices(
        settings=settings,
        pipeline=pipeline,
        provider=pipeline.provider,
        resolver=pipeline.resolver,
        sender=Sender(web_client(token, web_api_base_url(settings))),
        # The child only answers what it is handed: these are never used there.
        background=Background(1),
        listeners=ContextThreadPoolExecutor(1),
        limiter=UserRateLimiter(0),
        seen=SeenKeys(),
        store=store,
        multi_workspace=settings.has_slack_oauth,
    )
