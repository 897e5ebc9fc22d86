"""End-to-end answer latency: text -> parse -> place -> local index -> rendered Slack message.

    python benchmarks/bench_pipeline.py [--rounds 1000]

Imports ``../shared/data/afdc/ny.csv`` into a throw-away index, points the geocoder
at the loopback Nominatim of ``tests/support`` and warms its cache with every place
once, then answers a mix of real requests (New York places, 5 results a page) and
renders each answer as the Slack message the bot would send. Prints p50, p95 and
p99 per request kind and overall (aim: p50 under 20 ms), and the share of the time
spent rendering.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from aims import aim  # noqa: E402
from support.nominatim import running_nominatim  # noqa: E402

from bot.config import load_settings  # noqa: E402
from bot.geo import build_resolver  # noqa: E402
from bot.opendata.importer import import_file  # noqa: E402
from bot.providers import make_provider  # noqa: E402
from bot.render.slack import render_message  # noqa: E402
from bot.search import Outcome, SearchPipeline  # noqa: E402

NY_CSV = ROOT.parent / "shared" / "data" / "afdc" / "ny.csv"

REQUESTS = [
    "CCS near Penn Station, free only",
    "@ChargeBot any free J1772 within 2 miles of Times Square?",
    "superchargers near Grand Central, top 3",
    "chademo in Brooklyn, no ChargePoint",
    "level 2 near Yonkers, public or residential",
    "DC fast near Albany NY",
    "J1772 near 10036",
    "EVgo or Electrify America near 40.7580,-73.9855",
    "Tesla near Buffalo NY, top 5",
    "free chargers near JFK",
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1000, help="requests to answer")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch, running_nominatim() as nominatim:
        db = Path(scratch) / "ny.sqlite3"
        import_file(NY_CSV, db)
        settings = load_settings(
            db_path=db,
            provider="local",
            nominatim_url=nominatim.url,
            geocoder_min_delay=0,
            geocode_cache_path=Path(scratch) / "geocode.sqlite3",
        )
        pipeline = SearchPipeline(settings, make_provider(settings), build_resolver(settings))
        for text in REQUESTS:  # warm: every place reaches the cache once
            answer = pipeline.answer(text)
            if answer.outcome is not Outcome.RESULTS:
                raise SystemExit(f"warm-up: {text!r} gave {answer.outcome}")
        warm_requests = nominatim.search_count

        rng = random.Random(5)
        totals: list[float] = []
        rendering: list[float] = []
        per_text: dict[str, list[float]] = {text: [] for text in REQUESTS}
        for _ in range(args.rounds):
            text = rng.choice(REQUESTS)
            start = time.perf_counter()
            answer = pipeline.answer(text)
            middle = time.perf_counter()
            render_message(answer, ephemeral=True)
            end = time.perf_counter()
            totals.append((end - start) * 1000)
            rendering.append((end - middle) * 1000)
            per_text[text].append((end - start) * 1000)
        pipeline.close()
        assert nominatim.search_count == warm_requests, "a warm request reached the geocoder"

    print(
        f"pipeline + Slack rendering, local index (ny.csv), warm geocoder cache,"
        f" {args.rounds} requests"
    )
    print(f"{'request':<60} {'p50 ms':>8} {'p99 ms':>8}")
    for text, samples in per_text.items():
        if samples:
            print(
                f"{text[:60]:<60} {statistics.median(samples):8.2f}"
                f" {percentile(samples, 0.99):8.2f}"
            )
    print(
        f"{'all':<60} {statistics.median(totals):8.2f} {percentile(totals, 0.99):8.2f}"
        f"   (p95 {percentile(totals, 0.95):.2f} ms; aim: p50 < 20 ms)"
    )
    aim("pipeline whole answer p50", statistics.median(totals), 20, "ms", digits=2)
    print(
        f"rendering share of the median request: "
        f"{statistics.median(rendering) / statistics.median(totals):.0%};"
        f" geocoder requests during the timed run: 0"
    )


if __name__ == "__main__":
    main()
