"""How long the PlugShare client takes, apart from PlugShare itself.

    python benchmarks/bench_plugshare_client.py

Prints the time to read a full 500-location answer (PlugShare's maximum count)
into the models, and the round trip of ``nearby`` and ``location`` against the
loopback PlugShare-shaped server the tests use (HTTP, auth, JSON, models: all of
the client's own cost, none of the internet's).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pydantic import TypeAdapter
from support import plugshare_payloads as payloads
from support.plugshare_server import PlugShareServer, Reply

from bot.plugshare.client import PlugShareClient
from bot.plugshare.models import Location

COUNT = 500
NEARBY = "/locations/nearby"


def _many() -> list[dict[str, object]]:
    """500 distinct locations around Venice, cycling through the test payloads."""
    shapes = [p for p in payloads.all_locations() if p.get("enabled") is not False]
    made = []
    for index in range(COUNT):
        item = shapes[index % len(shapes)] | {"id": 1_000_000 + index}
        item["latitude"] = 33.99 + (index % 50) * 0.001
        item["longitude"] = -118.47 + (index // 50) * 0.001
        made.append(item)
    return made


def _timed(label: str, call: Callable[[], object], runs: int) -> None:
    call()  # warm up: connection, imports, validator build
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[max(0, round(len(samples) * 0.95) - 1)]
    print(f"{label:<46} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")


def main() -> None:
    many = _many()
    body = json.dumps(many).encode()
    adapter = TypeAdapter(list[Location])
    print(f"payload: {COUNT} locations, {len(body) / 1024:.0f} KiB of JSON")
    _timed("parse + validate 500 locations (models only)", lambda: adapter.validate_json(body), 20)

    # Pre-encoded answers, so the figures are the client's cost, not the test server's.
    ten = Reply(200, json.dumps(many[:10]).encode(), content_type="application/json")
    full = Reply(200, body, content_type="application/json")
    with (
        PlugShareServer(many) as server,
        PlugShareClient(server.key, server.secret, base_url=server.url) as client,
    ):
        server.script(NEARBY, *[ten] * 51)
        _timed("nearby, 10 locations, over loopback", lambda: client.nearby(33.99, -118.47), 50)
        server.script(NEARBY, *[full] * 11)
        _timed("nearby, 500 locations, over loopback", lambda: client.nearby(33.99, -118.47), 10)
        _timed("location by id, over loopback", lambda: client.location(1_000_000), 50)


if __name__ == "__main__":
    main()
