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
from typing import Any

log = logging.getLogger(__name__)


class ContextThreadPoolExecutor(ThreadPoolExecutor):
    """A ThreadPoolExecutor whose tasks run in a copy of the submitter's contextvars,
    and which can say when everything submitted has finished."""

    def __init__(self, max_workers: int, thread_name_prefix: str = "") -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        context = contextvars.copy_context()
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(context.run, fn, *args, **kwargs)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future[Any] | None) -> None:
        if future is not None and not future.cancelled() and future.exception() is not None:
            log.error("task.failed", exc_info=future.exception())
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    @property
    def pending(self) -> int:
        """Tasks submitted and not yet finished (queued or running)."""
        with self._idle:
            return self._pending

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every submitted task has finished; False if ``timeout`` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)


class Background(ContextThreadPoolExecutor):
    """The pool that finishes requests after the ack: search, render, send.

    A task that raises is logged, never lost silently; tasks send their own
    friendly error first (see ``bot/slack/searches.py``).
    """

    def __init__(self, workers: int) -> None:
        super().__init__(max_workers=workers, thread_name_prefix="chargebot-work")

    def drain(self, timeout: float | None = None) -> bool:
        """Stop taking work and let what was accepted finish (up to ``timeout`` seconds)."""
        finished = self.wait_idle(timeout)
        self.shutdown(wait=finished, cancel_futures=not finished)
        return finished
