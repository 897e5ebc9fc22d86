"""What instances share through Redis: a person's rate limit and the geocoder's gate
(several limiter and gate objects on one Redis stand for several processes; the
three-process test is tests/slack/test_many_instances.py)."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

from support.nominatim import running_nominatim
from support.redis_db import DEAD_REDIS_URL

from bot.config import load_settings
from bot.geo.online import make_geocoder
from bot.geo.shared_gate import SharedRequestGate
from bot.geo.throttle import RequestGate, forget_gates
from bot.redis_client import shared_client
from bot.slack.ratelimit import UserRateLimiter


def test_a_persons_limit_holds_across_limiters_sharing_redis(redis_url: str) -> None:
    first, second = UserRateLimiter(3, redis_url), UserRateLimiter(3, redis_url)
    verdicts = [limiter.hit("T1", "U1").allowed for limiter in (first, second, first, second)]
    assert verdicts == [True, True, True, False]
    denied = second.hit("T1", "U1")
    assert not denied.allowed and 1 <= denied.retry_after <= 60
    assert first.hit("T1", "U2").allowed  # someone else is not limited


def test_without_redis_each_limiter_counts_alone() -> None:
    first, second = UserRateLimiter(1), UserRateLimiter(1)
    assert first.hit("T1", "U1").allowed and second.hit("T1", "U1").allowed
    assert not first.hit("T1", "U1").allowed


def test_a_redis_that_is_down_lets_searches_run() -> None:
    limiter = UserRateLimiter(1, DEAD_REDIS_URL)
    assert limiter.hit("T1", "U1").allowed and limiter.hit("T1", "U1").allowed


def test_gates_sharing_redis_keep_min_delay_between_any_two_requests(redis_url: str) -> None:
    client = shared_client(redis_url)
    # Two "processes": each its own gate object and its own local fallback.
    gates = [SharedRequestGate(client, "nominatim:test", RequestGate()) for _ in range(2)]
    starts: list[float] = []
    lock = threading.Lock()

    def ask(gate: SharedRequestGate) -> None:
        with gate.turn(min_delay=0.3, max_wait=10):
            with lock:
                starts.append(time.monotonic())
            time.sleep(0.02)  # the request

    threads = [threading.Thread(target=ask, args=(gates[i % 2],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    gaps = [b - a for a, b in pairwise(starts)]
    assert len(starts) == 6 and min(gaps) >= 0.3, gaps


def test_a_hold_off_after_a_429_is_shared(redis_url: str) -> None:
    client = shared_client(redis_url)
    one, other = (SharedRequestGate(client, "nominatim:held", RequestGate()) for _ in range(2))
    one.hold_off(30, "it asked us to slow down")
    try:
        with other.turn(0, 1):
            raise AssertionError("the other instance should be held off too")
    except Exception as error:
        assert type(error).__name__ == "GateClosed" and "slow down" in str(error)


def test_geocoders_configured_with_redis_share_one_gate(redis_url: str) -> None:
    forget_gates()
    with running_nominatim() as server:
        settings = load_settings(
            nominatim_url=server.url, geocoder_min_delay=0.4, redis_url=redis_url
        )
        geocoders = [make_geocoder(settings) for _ in range(2)]
        assert all(isinstance(g._gate, SharedRequestGate) for g in geocoders)
        threads = [
            threading.Thread(target=geocoders[i % 2].search, args=(query, None))
            for i, query in enumerate(["Times Square", "Penn Station", "Grand Central"])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        arrivals = sorted(r.at for r in server.searches)
    forget_gates()
    assert len(arrivals) == 3
    assert min(b - a for a, b in pairwise(arrivals)) >= 0.4
