"""Run every benchmark, one after another, and print their figures.

    python benchmarks/run.py                 # all of them (a few minutes)
    python benchmarks/run.py parse index     # only those whose name contains a word

Each benchmark is a script of its own (``benchmarks/bench_*.py``, each with ``--help``)
run in a fresh process, so one's imports and caches never flatter another's figures.
Figures are only comparable on a quiet machine: close other work first.

Benchmarks print each aim beside its figure (``AIM | name | figure | aim | met``, see
``benchmarks/aims.py``); the run ends with all of them in one table, misses marked.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from aims import PREFIX  # noqa: E402

#: Options that keep the whole run to a few minutes without losing the figures' meaning;
#: a script listed with several runs runs once with each.
OPTIONS: dict[str, list[list[str]]] = {
    "bench_render.py": [["--rounds", "100"]],
    # As `chargebot serve` runs (searches in the search process, CPU-bound on the real
    # index), and the fallback when that process is gone (searches on the server's
    # threads, against a data source that sleeps as a remote API would).
    "bench_slack_load.py": [["--ny"], []],
}


def main(words: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if any(word in ("-h", "--help") for word in words):
        print((__doc__ or "").strip())
        print("\nBenchmarks:", *[s.stem for s in scripts])
        return 0
    chosen = [s for s in scripts if not words or any(w in s.stem for w in words)]
    if not chosen:
        print(f"no benchmark matches {' '.join(words)}; there are:", *[s.stem for s in scripts])
        return 2
    failed = []
    aims: list[list[str]] = []
    runs = [(script, options) for script in chosen for options in OPTIONS.get(script.name, [[]])]
    for script, options in runs:
        command = [sys.executable, "-u", str(script), *options]
        print(f"\n=== {script.stem} ({' '.join(command[2:]).replace(str(HERE) + '/', '')})")
        sys.stdout.flush()
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                print(line, end="", flush=True)
                if line.startswith(PREFIX):
                    aims.append([script.stem, *line.removeprefix(PREFIX).rstrip().split(" | ")])
        if child.returncode != 0:
            failed.append(script.stem)
        print(f"--- {script.stem}: {time.perf_counter() - start:.1f} s")
    print_aims(aims)
    if failed:
        print("\nfailed:", ", ".join(failed))
        return 1
    return 0


def print_aims(aims: list[list[str]]) -> None:
    if not aims:
        return
    header = ["benchmark", "what", "figure", "aim", ""]
    widths = [max(len(row[i]) for row in [header, *aims]) for i in range(len(header))]
    print("\nEvery aim beside its figure:")
    for row in [header, *aims]:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    missed = sum(row[-1] != "met" for row in aims)
    print(
        f"  {len(aims) - missed} of {len(aims)} aims met"
        + (f"; {missed} NOT met" if missed else "")
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
