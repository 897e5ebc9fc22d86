"""How fast requests are understood: ``python benchmarks/bench_parse.py``.

Prints requests parsed per second over the labelled corpus (tests/query/corpus.py) on
one core, and latency percentiles for 1,000-character inputs (long real-looking
requests, long word salad, and random Unicode). Times are this process's CPU time
(each long input timed three times, the best kept), so that other processes on a
shared machine do not count as parser time; the wall-clock rate is printed too.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aims import aim  # noqa: E402

from bot.query import parse_query  # noqa: E402


def load_corpus() -> list[str]:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "tests" / "query" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return [case.text for case in module.CORPUS]


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity here)"


def long_inputs(corpus: list[str], count: int, rng: random.Random) -> list[str]:
    """1,000-character inputs of three kinds, in equal parts."""
    words = " ".join(corpus).split()
    inputs: list[str] = []
    for i in range(count):
        kind = i % 3
        if kind == 0:  # many real requests run together
            text = ", ".join(rng.sample(corpus, 40))
        elif kind == 1:  # word salad from the corpus vocabulary
            text = " ".join(rng.choices(words, k=250))
        else:  # random Unicode, spaces included
            text = "".join(chr(rng.choice((32, rng.randrange(33, 0x2FFF)))) for _ in range(1_100))
        inputs.append(text[:1_000].ljust(1_000, "."))
    return inputs


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="passes over the corpus")
    parser.add_argument("--long", type=int, default=3_000, help="1,000-character inputs")
    args = parser.parse_args()

    pinned = pin_to_one_core()
    corpus = load_corpus()
    for text in corpus:  # warm up caches and lazy imports
        parse_query(text)

    # Rates per second of this process's CPU time (what one core delivers) and per
    # second of wall-clock time (lower when other processes share the core).
    cpu_rates: list[float] = []
    wall_rates: list[float] = []
    per_run = max(1, args.rounds // 5)
    for _ in range(5):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for _ in range(per_run):
            for text in corpus:
                parse_query(text)
        cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
        cpu_rates.append(per_run * len(corpus) / cpu)
        wall_rates.append(per_run * len(corpus) / wall)

    rng = random.Random(20240601)
    latencies: list[float] = []
    for text in long_inputs(corpus, args.long, rng):
        # CPU time, best of three per input: the parser's own cost, not another
        # process's burst on a shared machine.
        best = float("inf")
        for _ in range(3):
            start = time.process_time_ns()
            parse_query(text)
            best = min(best, (time.process_time_ns() - start) / 1e6)
        latencies.append(best)
    latencies.sort()

    print(f"parse_query benchmark ({pinned}, Python {sys.version.split()[0]})")
    print(
        f"corpus: {len(corpus)} requests x {5 * per_run} passes: "
        f"{statistics.median(cpu_rates):,.0f} requests per CPU-second on one core "
        f"(median of 5 runs; wall clock {statistics.median(wall_rates):,.0f}/s)"
    )
    aim("parse requests per CPU-second", statistics.median(cpu_rates), 20_000, "/s", higher=True)
    print(
        f"1,000-character inputs ({len(latencies)}, CPU time, best of 3 each): "
        f"p50 {percentile(latencies, 0.5):.3f} ms, p99 {percentile(latencies, 0.99):.3f} ms, "
        f"max {latencies[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
