"""Structured logs: one ``key=value`` line per event, each carrying the Slack request's id.

The id lives in a context variable; the executors in ``bot/slack/background.py``
copy it into the threads that finish a request, so the ack and the answer of one
slash command share an id. Nothing here logs message text: callers log sizes.
"""

from __future__ import annotations

import logging
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_request_id: ContextVar[str | None] = ContextVar("chargebot_request_id", default=None)

# LogRecord attributes that are not caller-supplied fields.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys() | {"message", "asctime"}
)


def new_request_id() -> str:
    """Twelve hex digits that tell one request's log lines from another's.

    Not a secret, so not from ``secrets``: reading the OS's random source is a system
    call, during which the interpreter lock is let go, and every ack binds an id. Under
    load the acking thread then waits its turn to take the lock back (measured with
    ``bench_slack_load.py --ny``). Python's generator is seeded from the OS at start and
    reseeded in a forked child, so processes and instances draw different ids."""
    return f"{random.getrandbits(48):012x}"


def current_request_id() -> str | None:
    return _request_id.get()


@contextmanager
def request_scope(request_id: str | None = None) -> Iterator[str]:
    """Bind a request id for the code inside (and the work it hands to our executors)."""
    rid = request_id or new_request_id()
    token = _request_id.set(rid)
    try:
        yield rid
    finally:
        _request_id.reset(token)


def _quote(value: object) -> str:
    text = str(value)
    if text == "" or any(c in text for c in ' ="\\\n\t'):
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return text


class RequestIdFilter(logging.Filter):
    """Stamp each record with the request id of the thread that logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = _request_id.get()
        return True


#: Requests waiting for a free HTTP thread before waitress's queue warning is worth a line.
QUEUE_WARN_DEPTH = 64


class DeepQueueOnly(logging.Filter):
    """Pass waitress's "Task queue depth is N" only when N reaches :data:`QUEUE_WARN_DEPTH`.

    Waitress warns for every request that finds no idle thread, and it does so while
    holding its task queue's lock. The server runs few threads on purpose
    (``CHARGEBOT_HTTP_THREADS``), so a burst of commands waits a few milliseconds in that
    queue by design: a line per request would bury the logs and slow the burst. A queue
    this deep means requests really are piling up, and is still said.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        depth = record.args[0] if isinstance(record.args, tuple) and record.args else None
        return not isinstance(depth, int) or depth >= QUEUE_WARN_DEPTH


class LogfmtFormatter(logging.Formatter):
    """``ts=… level=info logger=bot.slack msg=command.received request_id=… user=U1 chars=37``."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = getattr(record, "request_id", None)
        if rid:
            fields["request_id"] = rid
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key != "request_id" and not key.startswith("_"):
                fields[key] = value
        line = " ".join(f"{key}={_quote(value)}" for key, value in fields.items())
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(level: str) -> None:
    """Send every logger to stderr as logfmt; keep the Slack SDKs' payload dumps out of INFO."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # slack_sdk logs payloads at DEBUG; httpx and urllib3 log every URL at INFO, and a
    # geocoder's URL holds the place the user typed. Quiet unless DEBUG was asked for.
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in ("slack_bolt", "slack_sdk", "httpx", "httpcore", "urllib3", "geopy"):
        logging.getLogger(name).setLevel(quiet)
    queue = logging.getLogger("waitress.queue")
    if not any(isinstance(f, DeepQueueOnly) for f in queue.filters):
        queue.addFilter(DeepQueueOnly())
