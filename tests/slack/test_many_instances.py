"""Three ``chargebot serve`` processes on one PostgreSQL and one Redis behave as one bot.

Driven over HTTP with signed requests, as Slack would behind a platform's router:
an event and its retries sent to different instances get one reply; a person's
rate limit holds across instances; and the geocoder behind all three (a loopback
Nominatim) never sees two requests less than a second apart.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.nominatim import NominatimServer, running_nominatim
from support.redis_db import REDIS_SKIP, REDIS_URL
from support.serve_process import free_port, start_serve
from support.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    WAIT_SECONDS,
    MockSlack,
    SlackRequest,
    direct_message,
    event_callback,
    signature_headers,
)
from support.state_db import POSTGRES_SKIP, POSTGRES_URL, reset_postgres

RATE_LIMIT = 3
INSTANCES = 3


@dataclass
class Deploy:
    slack: MockSlack
    nominatim: NominatimServer
    urls: list[str]
    processes: list[subprocess.Popen[str]]

    def send(self, instance: int, request: SlackRequest, retry: int | None = None) -> int:
        headers = {"Content-Type": request.content_type, **signature_headers(request.body)}
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        response = httpx.post(self.urls[instance], content=request.body, headers=headers)
        return response.status_code

    def posts_to(self, channel: str) -> list[Any]:
        return [c for c in self.slack.of("chat.postMessage") if c.body.get("channel") == channel]


@pytest.fixture(scope="module")
def deploy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deploy]:
    if not POSTGRES_URL:
        pytest.skip(POSTGRES_SKIP)
    if not REDIS_URL:
        pytest.skip(REDIS_SKIP)
    from bot.redis_client import shared_client

    reset_postgres(POSTGRES_URL)
    shared_client(REDIS_URL).flushdb()
    slack = MockSlack()
    processes: list[subprocess.Popen[str]] = []
    urls: list[str] = []
    with running_nominatim() as nominatim:
        try:
            for number in range(INSTANCES):
                folder = tmp_path_factory.mktemp(f"instance{number}")
                process, base = start_serve(_environment(folder, slack, nominatim), folder)
                processes.append(process)
                urls.append(base + "/slack/events")
            yield Deploy(slack, nominatim, urls, processes)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.communicate(timeout=WAIT_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.communicate()
            slack.close()


def _environment(folder: Path, slack: MockSlack, nominatim: NominatimServer) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return {
        **keep,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "PORT": str(free_port()),
        # Each instance its own disk (index, geocode file); the state and Redis shared.
        "CHARGEBOT_DB": str(folder / "stations.sqlite3"),
        "CHARGEBOT_PROVIDER": "local",
        "CHARGEBOT_AFDC_URL": "http://127.0.0.1:9/",  # no open-data download in tests
        "CHARGEBOT_DATABASE_URL": POSTGRES_URL,
        "CHARGEBOT_REDIS_URL": REDIS_URL,
        "CHARGEBOT_RATE_LIMIT": str(RATE_LIMIT),
        "CHARGEBOT_NOMINATIM_URL": nominatim.url,
        "CHARGEBOT_GEOCODER_MIN_DELAY": "1.0",
        # Long enough for every instance's turn at the shared gate.
        "CHARGEBOT_GEOCODER_TIMEOUT": "15",
    }


def _dm(text: str, *, user: str, channel: str, ts: str, event_id: str) -> SlackRequest:
    event = direct_message(text, ts=ts, user=user, channel=channel)
    return event_callback(event, event_id=event_id)


def test_an_event_and_its_retries_on_different_instances_get_one_reply(deploy: Deploy) -> None:
    request = _dm("help", user="U0RETRY", channel="D0RETRY", ts="1700000100.000100",
                  event_id="EvRetried01")  # fmt: skip
    assert deploy.send(0, request) == 200
    assert deploy.send(1, request, retry=1) == 200
    assert deploy.send(2, request, retry=2) == 200
    # The same event reaching all three at the same moment (a redelivery race).
    raced = _dm("help", user="U0RACE", channel="D0RACE", ts="1700000100.000200",
                event_id="EvRaced0001")  # fmt: skip
    statuses: list[int] = []
    senders = [
        threading.Thread(target=lambda i=i: statuses.append(deploy.send(i, raced)))
        for i in range(INSTANCES)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert statuses == [200] * INSTANCES
    deploy.slack.wait_for(lambda calls: bool(deploy.posts_to("D0RETRY")))
    deploy.slack.wait_for(lambda calls: bool(deploy.posts_to("D0RACE")))
    time.sleep(2.0)  # a second answer, if any, would have arrived by now
    assert len(deploy.posts_to("D0RETRY")) == 1
    assert len(deploy.posts_to("D0RACE")) == 1


def test_a_persons_rate_limit_holds_across_instances(deploy: Deploy) -> None:
    asks = RATE_LIMIT + 2
    for number in range(asks):
        request = _dm("help", user="U0BUSY", channel="D0BUSY", ts=f"1700000200.{number:06d}",
                      event_id=f"EvBusy{number:05d}")  # fmt: skip
        assert deploy.send(number % INSTANCES, request) == 200

    def refused() -> list[Any]:
        return [c for c in deploy.slack.of("chat.postEphemeral") if c.body.get("user") == "U0BUSY"]

    deploy.slack.wait_for(lambda calls: len(deploy.posts_to("D0BUSY")) >= RATE_LIMIT)
    deploy.slack.wait_for(lambda calls: len(refused()) >= asks - RATE_LIMIT)
    time.sleep(1.0)
    assert len(deploy.posts_to("D0BUSY")) == RATE_LIMIT
    assert len(refused()) == asks - RATE_LIMIT
    assert "per minute" in str(refused()[0].body) or "minute" in str(refused()[0].body)


def test_the_geocoder_behind_all_instances_sees_at_most_one_request_a_second(
    deploy: Deploy,
) -> None:
    places = ["Denver", "Chicago", "Los Angeles", "Kansas City", "St. Louis", "Washington"]
    before = len(deploy.nominatim.searches)
    senders = []
    for number, city in enumerate(places):
        request = _dm(f"set home Union Station {city}", user=f"U0HOME{number}",
                      channel=f"D0HOME{number}", ts=f"1700000300.{number:06d}",
                      event_id=f"EvHome{number:05d}")  # fmt: skip
        senders.append(threading.Thread(target=deploy.send, args=(number % INSTANCES, request)))
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    for number in range(len(places)):
        deploy.slack.wait_for(
            lambda calls, n=number: bool(deploy.posts_to(f"D0HOME{n}")), timeout=60
        )
    arrivals = sorted(r.at for r in deploy.nominatim.searches[before:])
    assert len(arrivals) >= INSTANCES, "the instances asked the geocoder"
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert min(gaps) >= 0.99, gaps
