"""Run every benchmark, one after another, and print their figures.

    python benchmarks/run.py                 # all of them (a few minutes)
    python benchmarks/run.py parse index     # only those whose name contains a word

Each benchmark is a script of its own (``benchmarks/bench_*.py``, each with ``--help``)
run in a fresh process, so one's imports and caches never flatter another's figures.
Figures are only comparable on a quiet machine: close other work first.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Options that keep the whole run to a few minutes without losing the figures' meaning.
OPTIONS: dict[str, list[str]] = {"bench_render.py": ["--rounds", "100"]}


def main(words: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    chosen = [s for s in scripts if not words or any(w in s.stem for w in words)]
    if not chosen:
        print(f"no benchmark matches {' '.join(words)}; there are:", *[s.stem for s in scripts])
        return 2
    failed = []
    for script in chosen:
        command = [sys.executable, str(script), *OPTIONS.get(script.name, [])]
        print(f"\n=== {script.stem} ({' '.join(command[1:]).replace(str(HERE) + '/', '')})")
        sys.stdout.flush()
        start = time.perf_counter()
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(script.stem)
        print(f"--- {script.stem}: {time.perf_counter() - start:.1f} s")
    if failed:
        print("\nfailed:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
