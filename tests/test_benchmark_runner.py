"""``python benchmarks/run.py --help`` explains itself instead of looking for a benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_help_prints_usage_and_runs_nothing() -> None:
    for flag in ("--help", "-h"):
        done = subprocess.run(
            [sys.executable, str(RUN), flag], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "python benchmarks/run.py" in done.stdout
        assert "bench_parse" in done.stdout  # the benchmarks it can run are listed
        assert "===" not in done.stdout  # and none of them ran


def test_an_unknown_word_still_says_what_exists() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "no-such-benchmark"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "no benchmark matches no-such-benchmark" in done.stdout
