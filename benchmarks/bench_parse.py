"""How fast requests are understood: ``python benchmarks/bench_parse.py``.

Prints requests parsed per second over the labelled corpus (tests/query/corpus.py) on
one core, and latency percentiles for 1,000-character inputs (long real-looking
requests, long word salad, and random Unicode; each timed three times, the best kept,
so that bursts from other processes on a shared machine do not count as parser time).
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

    runs: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(max(1, args.rounds // 5)):
            for text in corpus:
                parse_query(text)
        elapsed = time.perf_counter() - start
        runs.append(max(1, args.rounds // 5) * len(corpus) / elapsed)

    rng = random.Random(20240601)
    latencies: list[float] = []
    for text in long_inputs(corpus, args.long, rng):
        # Best of three per input: the parser's own cost, not another process's burst
        # on this shared machine.
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter_ns()
            parse_query(text)
            best = min(best, (time.perf_counter_ns() - start) / 1e6)
        latencies.append(best)
    latencies.sort()

    print(f"parse_query benchmark ({pinned}, Python {sys.version.split()[0]})")
    print(
        f"corpus: {len(corpus)} requests x {5 * max(1, args.rounds // 5)} passes: "
        f"{statistics.median(runs):,.0f} requests/s (median of 5; best {max(runs):,.0f})"
    )
    print(
        f"1,000-character inputs ({len(latencies)}, best of 3 each): "
        f"p50 {percentile(latencies, 0.5):.3f} ms, p99 {percentile(latencies, 0.99):.3f} ms, "
        f"max {latencies[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
