"""Load on the Slack server: 500 slash commands from 25 concurrent clients.

The real app (Bolt + listeners + the search pipeline + the Block Kit renderer) runs
under the production server (waitress, default thread counts) in its own process,
with a data source that sleeps 200 ms per search and a fixed geocoder. Two processes
play Slack, as Slack's own machines would be apart from each other: in one, 25 client
threads send signed ``/charge`` requests and time each ack; in this one, a loopback
mock Web API records what arrives at the response URLs.

    python benchmarks/bench_slack_load.py [--commands 500] [--clients 25] [--delay 0.2]
        [--workers N] [--threads N] [--state] [--ny] [--instances N] [--any-cpu]

``--state`` gives the app a state database (SQLite, in a temporary directory) in which
each of the 50 askers has a car and the nearest locations have workspace check-ins:
every search then reads the asker's defaults and merges check-ins into the cards.

``--ny`` replaces the sleeping data source with the real local index of New York's
stations (``../shared/data/afdc/ny.csv``, imported once into a temporary file) and the
real geocoder pointed at the loopback Nominatim fake (``tests/support/nominatim.py``):
searches are then CPU-bound (index query, ranking, rendering), which is what competes
with the acks for the interpreter. ``--instances N`` starts N server processes and
spreads the clients' commands over them, as a platform's router would.

Each server's threads run on one CPU, as ``chargebot serve``'s do
(``CHARGEBOT_HTTP_ONE_CPU``); ``--any-cpu`` lets them run on any, for comparison.

Prints ack p50/p90/p99/max, replies delivered, duplicates. Aim: p99 ack < 100 ms,
every reply delivered, none duplicated.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import signal
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the loopback Slack and the edge doubles
sys.path.insert(0, str(ROOT / "benchmarks"))

from aims import aim, cpu_seconds  # noqa: E402
from support.slack import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    MockSlack,
    signature_headers,
    slash_command,
)

SHARED_DATA = ROOT.parent / "shared" / "data"
TEXT = "chargers near Penn Station"
#: ``--ny``: requests spread over New York, each a real search of the local index.
NY_TEXTS = (
    "chargers near Penn Station",
    "CCS near Times Square",
    "J1772 near Grand Central",
    "chargers within 10 miles of Brooklyn",
    "fast chargers near Yonkers",
    "chargers near Albany",
    "CCS near Buffalo",
    "free chargers near Penn Station",
)


def seeded_store(directory: str, locations: list[Any]) -> Any:
    """A state database where every asker has a car and the nearest locations have
    workspace check-ins."""
    from support.slack import TEAM_ID

    from bot.plugshare.filters import OutletFilter
    from bot.state import StateStore

    store = StateStore(f"sqlite:///{directory}/state.sqlite3")
    for index in range(50):
        store.set_preferences(TEAM_ID, f"U{index:04d}", connectors=[OutletFilter(connector=2)])
    for location in locations[:5]:
        for index in range(5):
            store.add_checkin(TEAM_ID, data_source="local", location_id=location.id,
                              user_id=f"U{index:04d}", user_name="Dana", rating=1,
                              comment="Worked fine")  # fmt: skip
    return store


def serve(
    api_url: str,
    delay: float,
    overrides: dict[str, Any],
    state: bool,
    ports: Any,
    ny: dict[str, str] | None = None,
    threads_only: bool = False,
) -> None:
    """The server process: the production app and server, a sleeping data source, or
    with ``ny`` the local New York index and the geocoder fake."""
    import tempfile

    from support.penn import FixedProvider, FixedResolver, load_penn_locations

    from bot.config import load_settings
    from bot.search import SearchPipeline, build_pipeline
    from bot.slack.app import create_app
    from bot.slack.logs import configure_logging
    from bot.slack.server import acks_on_one_cpu, create_server, quick_thread_switches

    configure_logging("WARNING")
    directory = tempfile.mkdtemp(prefix="bench-state-")
    if ny is not None:
        overrides = {
            "provider": "local",
            "db_path": ny["index"],
            "nominatim_url": ny["nominatim"],
            "geocoder_min_delay": 0,
            "log_level": "WARNING",  # the search process logs what the settings say
            "geocode_cache_path": f"{directory}/geocode-cache.sqlite3",
            **overrides,
        }
    settings = load_settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=api_url,
        rate_limit_per_minute=0,
        **overrides,
    )
    if ny is not None:
        store = None
        if state:
            from bot.state import StateStore

            store = StateStore(f"sqlite:///{directory}/state.sqlite3")
        pipeline = build_pipeline(settings, checkins=store)
    else:
        threads_only = True  # the child builds its pipeline from settings: not the fake
        provider = FixedProvider(load_penn_locations(SHARED_DATA), delay=delay)
        store = seeded_store(directory, provider.locations) if state else None
        pipeline = SearchPipeline(settings, provider, FixedResolver(), checkins=store)
    background = None
    if not threads_only:
        from bot.slack.search_process import SearchProcessBackground

        background = SearchProcessBackground(settings)  # as `chargebot serve` does
    app = create_app(settings, pipeline, store=store, background=background)

    def stop(*_: Any) -> None:
        # Stopped as a platform stops an instance: the search process goes too, and its
        # queues are released rather than reported as leaked.
        if background is not None:
            background.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    # As `chargebot serve` does: the server's threads on one CPU (CHARGEBOT_HTTP_ONE_CPU),
    # and quick switches of the interpreter lock.
    with acks_on_one_cpu(settings.http_one_cpu) as cpu:
        server = create_server(app, "127.0.0.1", 0, settings.http_threads)
        ports.put((server.effective_port, settings.http_threads, settings.search_workers, cpu))
        with quick_thread_switches():
            server.run()


@contextlib.contextmanager
def ny_setup() -> Any:
    """The New York index (imported once, shared read-only by every instance) and the
    loopback Nominatim fake every instance geocodes with."""
    import tempfile

    from support.nominatim import running_nominatim

    from bot.opendata.importer import import_file

    with tempfile.TemporaryDirectory(prefix="bench-ny-") as folder:
        index = Path(folder) / "stations.sqlite3"
        import_file(SHARED_DATA / "afdc" / "ny.csv", index)
        with running_nominatim() as nominatim:
            yield {"index": str(index), "nominatim": nominatim.url}


def send_commands(
    urls: list[str], events_urls: list[str], concurrency: int, ny: bool, results: Any
) -> None:
    """Send one signed /charge per response URL from ``concurrency`` threads, time each
    ack, and put ``(ack seconds, failures, this process's CPU seconds)`` on ``results``.

    Each thread keeps one HTTP/1.1 connection per server (as a pooled client would) with
    the standard library's ``http.client``: the load generator shares the server's cores,
    and every millisecond of its own CPU per request is timed as ack latency (httpx cost
    it about 2 ms a request on the 2-core machine; this, well under 1 ms). The bodies
    are built before the clock starts; each is signed when it is sent, as Slack does."""
    import http.client
    from urllib.parse import urlsplit

    lock = threading.Lock()
    next_index = iter(range(len(urls)))
    acks: list[float] = []
    failures: list[str] = []
    bodies = [
        slash_command(NY_TEXTS[index % len(NY_TEXTS)] if ny else TEXT, url,
                      user=f"U{index % 50:04d}")
        for index, url in enumerate(urls)
    ]  # fmt: skip
    targets = [urlsplit(url) for url in events_urls]
    start = threading.Barrier(concurrency)

    def client() -> None:
        connections: dict[int, http.client.HTTPConnection] = {}
        start.wait()
        try:
            while True:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                request = bodies[index]
                server = index % len(targets)
                target = targets[server]
                started = time.perf_counter()
                headers = {"Content-Type": request.content_type,
                           **signature_headers(request.body)}  # fmt: skip
                connection = connections.get(server)
                if connection is None:
                    connection = http.client.HTTPConnection(target.hostname, target.port,
                                                            timeout=30)  # fmt: skip
                    connections[server] = connection
                connection.request("POST", target.path, body=request.body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode()
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    del connections[server]
                with lock:
                    acks.append(elapsed)
                    if response.status != 200 or "Looking for" not in text:
                        failures.append(f"{response.status} {text[:80]}")
        finally:
            for connection in connections.values():
                connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    cpu_started = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((acks, failures, time.process_time() - cpu_started))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=500)
    parser.add_argument("--clients", type=int, default=25)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds per search")
    parser.add_argument(
        "--warmup",
        type=int,
        default=50,
        help="commands sent first and not measured (imports, thread pools, first renders)",
    )
    parser.add_argument("--workers", type=int, help="CHARGEBOT_WORKERS (default: the default)")
    parser.add_argument("--threads", type=int, help="CHARGEBOT_HTTP_THREADS (default: the default)")
    parser.add_argument(
        "--state", action="store_true", help="with a state database (defaults, check-ins)"
    )
    parser.add_argument(
        "--ny",
        action="store_true",
        help="CPU-bound searches: the real New York index and the geocoder fake",
    )
    parser.add_argument("--instances", type=int, default=1, help="server processes (default 1)")
    parser.add_argument(
        "--any-cpu",
        action="store_true",
        help="CHARGEBOT_HTTP_ONE_CPU=false: the server's threads on any CPU (for comparison)",
    )
    parser.add_argument(
        "--threads-only",
        action="store_true",
        help="--ny: answer searches on the server's threads (before the search process)",
    )
    args = parser.parse_args()
    overrides = {
        key: value
        for key, value in (("search_workers", args.workers), ("http_threads", args.threads))
        if value is not None
    }
    if args.any_cpu:
        overrides["http_one_cpu"] = False

    slack = MockSlack()
    stack = contextlib.ExitStack()
    ny = stack.enter_context(ny_setup()) if args.ny else None
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    servers = [
        context.Process(
            target=serve,
            args=(slack.api_url, args.delay, overrides, args.state, ports, ny, args.threads_only),
            daemon=False,  # a server starts its own search process (a daemon may not)
        )
        for _ in range(args.instances)
    ]
    for server in servers:
        server.start()
    started_servers = [ports.get(timeout=120) for _ in servers]
    _, http_threads, workers, _ = started_servers[0]
    cpus = [cpu for _, _, _, cpu in started_servers]
    events_urls = [f"http://127.0.0.1:{port}/slack/events" for port, _, _, _ in started_servers]

    def run_load(urls: list[str]) -> tuple[list[float], list[str], float]:
        """The clients, in a process of their own (Slack's mock Web API, which receives
        the replies, stays in this one): neither's work is timed as the other's."""
        results = context.Queue()
        clients = context.Process(
            target=send_commands, args=(urls, events_urls, args.clients, args.ny, results)
        )
        clients.start()
        acks, failures, client_cpu = results.get(timeout=600)
        clients.join(30)
        return acks, failures, client_cpu

    warmup_urls = [slack.response_url() for _ in range(args.warmup)]
    cold, _, _ = run_load(warmup_urls)
    warm_paths = {"/" + url.split("/", 3)[3] for url in warmup_urls}
    with contextlib.suppress(AssertionError):
        slack.wait_for(
            lambda calls: len({c.path for c in calls if c.path in warm_paths}) >= args.warmup,
            timeout=120,
        )

    urls = [slack.response_url() for _ in range(args.commands)]
    cpu_before = [cpu_seconds(server.pid) for server in servers if server.pid is not None]
    started = time.perf_counter()
    acks, failures, client_cpu = run_load(urls)
    sent_in = time.perf_counter() - started
    cpu_after = [cpu_seconds(server.pid) for server in servers if server.pid is not None]
    # The server processes' own CPU while the commands were acked (their search
    # processes are children with clocks of their own): the cost of an ack, all in.
    server_cpu = (
        sum(after - before for before, after in zip(cpu_before, cpu_after, strict=True))  # type: ignore[operator]
        if None not in cpu_before + cpu_after
        else None
    )

    paths = {"/" + url.split("/", 3)[3] for url in urls}

    def answered(calls: list[Any]) -> int:
        return len({c.path for c in calls if c.method == "response_url"} & paths)

    with contextlib.suppress(AssertionError):
        slack.wait_for(lambda calls: answered(calls) >= args.commands, timeout=300)
    all_in = time.perf_counter() - started
    time.sleep(2 * args.delay + 1.0)  # let any second (duplicate) reply arrive
    per_url = Counter(c.path for c in slack.calls if c.method == "response_url")
    delivered = sum(1 for path in paths if per_url.get(path, 0) >= 1)
    # Counted over warm-up and measured commands alike: each must be answered once.
    duplicates = sum(count - 1 for count in per_url.values() if count > 1)
    for server in servers:
        server.terminate()
    for server in servers:
        server.join(5)
    slack.close()
    stack.close()

    ms = [a * 1000 for a in acks]
    state = "a SQLite state database" if args.state else "no state database"
    print(
        f"server: {args.instances} instance(s) of waitress, {http_threads} HTTP threads, "
        f"{workers} search workers, {state}, searches answered "
        + ("in a child process" if args.ny and not args.threads_only else "on the server's threads")
    )
    print(
        "server threads on "
        + (
            "any CPU"
            if None in cpus
            else "one CPU each (CHARGEBOT_HTTP_ONE_CPU): " + ", ".join(f"CPU {c}" for c in cpus)
        )
    )
    source = (
        "the local New York index (CPU-bound searches) and the geocoder fake"
        if args.ny
        else f"data source {args.delay * 1000:.0f} ms per search"
    )
    print(f"load: {args.commands} /charge commands, {args.clients} concurrent clients, {source}")
    print(
        f"ack p50 {percentile(ms, 0.50):.1f} ms   p90 {percentile(ms, 0.90):.1f} ms   "
        f"p99 {percentile(ms, 0.99):.1f} ms   max {max(ms):.1f} ms   "
        f"mean {statistics.fmean(ms):.1f} ms"
    )
    cold_ms = sorted(a * 1000 for a in cold)
    if cold_ms:
        print(
            f"warm-up ({args.warmup} commands, not measured): max ack {cold_ms[-1]:.1f} ms, "
            f"p50 {percentile(cold_ms, 0.5):.1f} ms"
        )
    print(f"acks failed: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    print(f"replies delivered: {delivered}/{args.commands}   duplicates: {duplicates}")
    print(f"all commands acked in {sent_in:.1f} s; all replies in {all_in:.1f} s")
    if server_cpu is not None:
        print(
            f"server CPU while acking: {server_cpu * 1000 / args.commands:.2f} ms a command "
            + (
                "(HTTP, Bolt, the hand-over to the search process), "
                if args.ny and not args.threads_only
                else "(HTTP, Bolt, and the searches answered meanwhile on the server's threads), "
            )
            + f"{server_cpu / sent_in * 100:.0f}% of a core"
        )
    print(
        f"clients' CPU (same machine, so it competes with the server): "
        f"{client_cpu * 1000 / args.commands:.2f} ms a command, "
        f"{client_cpu / sent_in * 100:.0f}% of a core"
    )
    what = f"{args.instances} instance(s), {args.clients} clients, " + (
        "CPU-bound searches" if args.ny else "sleeping searches"
    ) + (" on the server's threads" if args.threads_only or not args.ny else "")
    aim(f"Slack ack p99, {what}", percentile(ms, 0.99), 100, "ms", digits=1)
    aim(
        f"Slack replies delivered once, {what}",
        delivered - duplicates,
        args.commands,
        "replies",
        higher=True,
    )
    ok = not failures and delivered == args.commands and duplicates == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
