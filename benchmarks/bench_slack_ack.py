"""What one Slack ack costs in-process: signed ``/charge`` requests through the server's
WSGI app (header checks, Bolt's dispatch, our middleware, the listener and its ack).

The searches themselves are not run (the background pool takes them and drops them):
this is the server's side of an ack alone, one request at a time, so it depends far
less on what else the machine runs than ``bench_slack_load.py`` does. The Web API is
the loopback mock; texts are six searches and ``help``.

    python benchmarks/bench_slack_ack.py [--requests 600]

Prints CPU per request (best and median of 7 batches of 200) and wall time per request.
Aim: under 1 ms of CPU per ack.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from aims import aim  # noqa: E402
from support.penn import FixedProvider, FixedResolver, load_penn_locations  # noqa: E402
from support.slack import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    MockSlack,
    signature_headers,
    slash_command,
)

from bot.config import load_settings  # noqa: E402
from bot.search import SearchPipeline  # noqa: E402
from bot.slack.app import create_app  # noqa: E402
from bot.slack.background import Background  # noqa: E402
from bot.slack.logs import configure_logging  # noqa: E402
from bot.slack.server import SlackWSGI  # noqa: E402

TEXTS = (
    "chargers near Penn Station",
    "CCS near Times Square",
    "J1772 near Grand Central",
    "chargers within 10 miles of Brooklyn",
    "fast chargers near Yonkers",
    "help",
)


class Dropped(Background):
    """Takes the work a listener hands over and does none of it."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(None)
        return future


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="timed for wall time")
    args = parser.parse_args()
    configure_logging("WARNING")
    slack = MockSlack()
    settings = load_settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        rate_limit_per_minute=0,
    )
    provider = FixedProvider(load_penn_locations(ROOT.parent / "shared" / "data"))
    pipeline = SearchPipeline(settings, provider, FixedResolver())
    wsgi = SlackWSGI(create_app(settings, pipeline, background=Dropped(1)))

    def environ(index: int) -> dict[str, Any]:
        text = TEXTS[index % len(TEXTS)]
        request = slash_command(text, slack.response_url(), user=f"U{index % 50:04d}")
        signed = signature_headers(request.body)
        return {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/slack/events",
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_TYPE": request.content_type,
            "CONTENT_LENGTH": str(len(request.body)),
            "HTTP_X_SLACK_REQUEST_TIMESTAMP": signed["X-Slack-Request-Timestamp"],
            "HTTP_X_SLACK_SIGNATURE": signed["X-Slack-Signature"],
            "wsgi.input": io.BytesIO(request.body),
            "wsgi.url_scheme": "http",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "chargebot.help": text == "help",
        }

    def one(env: dict[str, Any]) -> None:
        status: list[str] = []
        body = b"".join(wsgi(env, lambda line, headers, *rest: status.append(line)))
        if not status[0].startswith("200") or not (env["chargebot.help"] or b"Looking" in body):
            raise SystemExit(f"unexpected ack: {status[0]} {body[:80]!r}")

    for env in [environ(i) for i in range(100)]:  # imports, caches, thread pools
        one(env)
    batches = []
    for _ in range(7):
        batch = [environ(i) for i in range(200)]
        started = time.process_time()
        for env in batch:
            one(env)
        batches.append((time.process_time() - started) / len(batch) * 1000)
    walls = []
    for env in [environ(i) for i in range(args.requests)]:
        started = time.perf_counter()
        one(env)
        walls.append((time.perf_counter() - started) * 1000)
    slack.close()
    walls.sort()
    print(
        f"CPU per ack: best {min(batches):.3f} ms, median {statistics.median(batches):.3f} ms "
        "(7 batches of 200 signed /charge requests)"
    )
    print(
        f"wall per ack, one at a time: p50 {walls[len(walls) // 2]:.2f} ms   "
        f"p99 {walls[int(len(walls) * 0.99)]:.2f} ms"
    )
    aim("Slack ack CPU in-process (median batch)", statistics.median(batches), 1.0, "ms", digits=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
