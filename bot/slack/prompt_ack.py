"""Send an ack the moment a listener calls ``ack()``, not at Bolt's next 10 ms poll.

With ``process_before_response=False`` (Bolt's HTTP default, and ours: listeners ack,
then hand work over on the listener pool), Bolt's ``ThreadListenerRunner`` submits the
listener to ``listener_executor`` and then polls ``ack.response`` with
``time.sleep(0.01)``. Every ack thus waited at least one sleep: about 10 of the 11 ms a
command took in-process, and under load a sleeping HTTP thread must also win the
interpreter back before it can answer.

Here each request gets an :class:`SignallingAck` (by the app's first middleware,
:func:`install_ack`), and :class:`AckWaitingExecutor` (the listener pool) returns from
``submit`` only once that ack was called or the listener finished. Bolt's poll then
finds the response already set and never sleeps. What a listener does after its
``ack()`` still runs on the pool, after the response has been handed back.

A listener that only acks and hands its work over (``/charge``: the search goes to the
background pool or the search process, both a non-blocking ``submit``) is marked with
:data:`HANDS_OVER`, a listener middleware, and runs on the HTTP thread itself: its ack
is then not two thread hand-offs away (HTTP thread to pool and back), each of which
waits for the interpreter lock behind every other busy thread under load. Anything
that may wait after its ack (a Web API call, a view opened) keeps the pool.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from slack_bolt import Ack, BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.slack.background import ContextThreadPoolExecutor

#: Bolt's own limit for a listener's ack (``Listener.ack_timeout``): past it Bolt gives up.
ACK_TIMEOUT_SECONDS = 3.0

#: The ack of the request this thread is dispatching, until its listener is submitted.
_pending: contextvars.ContextVar[SignallingAck | None] = contextvars.ContextVar(
    "chargebot_pending_ack", default=None
)


class SignallingAck(Ack):
    """Bolt's ``ack``, which also says when it has been called."""

    def __init__(self) -> None:
        super().__init__()
        self.called = threading.Event()
        #: Run the listener on the HTTP thread (see :data:`HANDS_OVER`).
        self.inline = False

    @property  # type: ignore[override]
    def response(self) -> BoltResponse | None:
        return self._response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        # Bolt's runner, when a listener fails after its ack, sets the ack's response to
        # None ("already acknowledged"). Run on the HTTP thread, that would erase the ack
        # before it is sent: an ack once made stands.
        if value is not None or getattr(self, "_response", None) is None:
            self._response = value

    def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.called.set()


def install_ack(context: BoltContext) -> None:
    """Give this request a :class:`SignallingAck` (before any listener sees ``ack``)."""
    ack = SignallingAck()
    context["ack"] = ack
    _pending.set(ack)


class _HandsOver(Middleware):
    """Listener middleware: this listener only acks and hands its work over."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        ack = _pending.get()
        if ack is not None:
            ack.inline = True
        next()
        return None


#: ``app.command(..., middleware=[HANDS_OVER])``: the listener runs on the HTTP thread.
HANDS_OVER = _HandsOver()


class AckWaitingExecutor(ContextThreadPoolExecutor):
    """Bolt's listener pool: ``submit`` returns when the request's ack is ready."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        ack = _pending.get()
        _pending.set(None)  # one listener per request; nothing is left for the next
        if ack is not None and ack.inline:
            return self._run_here(fn, *args, **kwargs)
        future = super().submit(fn, *args, **kwargs)
        if ack is not None:
            # A listener that fails, or never acks, must not hold the HTTP thread longer
            # than Bolt would: its own poll takes over (and warns) as before.
            future.add_done_callback(lambda _: ack.called.set())
            ack.called.wait(ACK_TIMEOUT_SECONDS)
        return future

    def _run_here(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn`` on this thread, counted and its failure logged as the pool's tasks are."""
        future: Future[Any] = Future()
        with self._idle:
            self._pending += 1
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # Bolt's runner reports a listener's own errors first
            future.set_exception(error)
        self._finished(future)
        return future
