"""Cold start: whole ``chargebot`` processes, from exec to exit, against ``python -c pass``.

    python benchmarks/bench_cold_start.py            # 9 runs of each
    python benchmarks/bench_cold_start.py --runs 21

Times, for each command, the median wall time of fresh processes (the installed
``chargebot`` script, as a user types it) and their peak resident memory (VmHWM),
with the ratio to ``python -c pass`` on the same interpreter:

- ``chargebot --help``;
- ``chargebot ask`` with a ZIP, with coordinates, with an airport code;
- ``chargebot ask`` with a place name already in the geocode cache (filled once
  beforehand from a loopback Nominatim; the runs must not call it again).

Every ``ask`` reads the NY index (``../shared/data/afdc/ny.csv``, imported into a
temporary folder first). The machine's other work shows in these figures: medians
of several runs, and the spread, are printed.

Peak memory comes from GNU time (``/usr/bin/time -f %M``): the kernel's own
``ru_maxrss`` for a child includes the memory of the process that forked it, so a
child of this (larger) process would read too high.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from aims import aim  # noqa: E402

NY_CSV = ROOT.parent / "shared" / "data" / "afdc" / "ny.csv"
GNU_TIME = Path("/usr/bin/time")
CHARGEBOT = Path(sys.executable).with_name("chargebot")


def run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """(wall seconds, peak MiB or None) of one process."""
    if GNU_TIME.exists():
        command = [str(GNU_TIME), "-f", "%M", *command]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    peak = float(done.stderr.strip().splitlines()[-1]) / 1024 if GNU_TIME.exists() else None
    return wall, peak


def measure(command: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    run(command, env)  # warm the OS file cache
    walls, peaks = [], []
    for _ in range(runs):
        wall, peak = run(command, env)
        walls.append(wall)
        if peak is not None:
            peaks.append(peak)
    return {
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "peak": max(peaks) if peaks else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    args = parser.parse_args()
    if not CHARGEBOT.exists():
        raise SystemExit(f"no chargebot script beside {sys.executable}: pip install -e .")
    from support.nominatim import running_nominatim

    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp, running_nominatim() as server:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CHARGEBOT_")}
        # An installed app starts from bytecode: a shell that forbids writing it would time
        # compiling every module from source on every run instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(
            CHARGEBOT_DB=str(Path(tmp) / "ny.sqlite3"),
            CHARGEBOT_GEOCODE_CACHE=str(Path(tmp) / "geocode.sqlite3"),
            CHARGEBOT_NOMINATIM_URL=server.url,
            CHARGEBOT_GEOCODER_MIN_DELAY="0",
            CHARGEBOT_PROVIDER="local",
        )
        subprocess.run(
            [str(CHARGEBOT), "data", "import", str(NY_CSV)], env=env, check=True,
            capture_output=True,
        )  # fmt: skip
        place = ["ask", "CCS near Times Square, free only"]
        run([str(CHARGEBOT), *place], env)  # the geocoder answers once; the cache keeps it
        searches = server.search_count
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("chargebot --help", [str(CHARGEBOT), "--help"], 150),
            ("ask, ZIP", [str(CHARGEBOT), "ask", "CCS near 10036, free only"], 250),
            ("ask, coordinates", [str(CHARGEBOT), "ask", "CCS near 40.7580,-73.9855"], 250),
            ("ask, airport", [str(CHARGEBOT), "ask", "chargers near JFK"], 250),
            ("ask, cached place name", [str(CHARGEBOT), *place], None),
        ]
        print(f"Medians of {args.runs} fresh processes each (spread: fastest to slowest).")
        results = {}
        for name, command, _ in cases:
            results[name] = measure(command, env, args.runs)
        if server.search_count != searches:
            raise SystemExit("the cached place name called the geocoder again")
        base = results["python -c pass"]
        print(f"{'':<24} {'median':>9} {'spread':>15} {'peak':>9}  vs python -c pass")
        for name, _, _ in cases:
            r = results[name]
            spread = f"{r['min'] * 1e3:6.0f}-{r['max'] * 1e3:<6.0f}ms"
            print(f"{name:<24} {r['median'] * 1e3:7.0f} ms {spread} {r['peak']:6.1f} MiB  "
                  f"{r['median'] / base['median']:5.1f}x time, "
                  f"{r['peak'] / base['peak']:.1f}x memory")  # fmt: skip
        for name, _, wall_aim in cases:
            if wall_aim is not None:
                aim(f"cold {name}", results[name]["median"] * 1e3, wall_aim, "ms")
            if name.startswith("ask"):
                aim(f"cold {name} peak memory", results[name]["peak"], 50, "MiB", digits=1)
        # A place name may cost the cache's (or geocoder's) work: at most 50 ms more than a ZIP.
        above = (results["ask, cached place name"]["median"] - results["ask, ZIP"]["median"]) * 1e3
        aim("cold ask, cached place name above ZIP", above, 50, "ms")


if __name__ == "__main__":
    main()
