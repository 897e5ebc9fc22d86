"""Thread pools that carry the request's log context into the threads they run.

Two pools, on purpose. Bolt runs a listener in its ``listener_executor`` and the
HTTP thread waits for that listener's ``ack()``; if searches ran in that pool, a
burst of slow searches would leave no thread free to ack the next command and
Slack's 3-second limit would be missed. So listeners only ack and hand the search
to a separate pool (``CHARGEBOT_WORKERS`` threads): acks never queue behind searches.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class ContextThreadPoolExecutor(ThreadPoolExecutor):
    """A ThreadPoolExecutor whose tasks run in a copy of the submitter's contextvars."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)  # type: ignore[arg-type]


class Background:
    """The pool that finishes requests after the ack: search, render, send.

    A task that raises is logged, never lost silently; tasks are expected to send
    their own friendly error first (see ``bot/slack/searches.py``).
    """

    def __init__(self, workers: int, name: str = "chargebot-work") -> None:
        self._pool = ContextThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._pending += 1
        future = self._pool.submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        error = future.exception() if not future.cancelled() else None
        if error is not None:
            log.error("background.failed", exc_info=error)
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    @property
    def pending(self) -> int:
        with self._idle:
            return self._pending

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every submitted task has finished; False if ``timeout`` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self, timeout: float | None = None) -> bool:
        """Stop taking work and let what was accepted finish (up to ``timeout`` seconds)."""
        finished = self.wait_idle(timeout)
        self._pool.shutdown(wait=finished, cancel_futures=not finished)
        return finished
