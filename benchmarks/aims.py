"""One line per aim, in a form ``benchmarks/run.py`` collects into its closing table.

AIM | nearby 5 results p50, 1M | 143 µs | <= 200 µs | met
"""

from __future__ import annotations

import os

PREFIX = "AIM | "


def aim(
    name: str, figure: float, limit: float, unit: str, *, digits: int = 0, higher: bool = False
) -> bool:
    """Print the figure beside its aim (lower is better, or ``higher``); True when met."""
    met = figure >= limit if higher else figure <= limit
    shown = f"{figure:,.{digits}f} {unit}"
    bound = ">=" if higher else "<="
    print(f"{PREFIX}{name} | {shown} | {bound} {limit:,g} {unit} | {'met' if met else 'NOT met'}")
    return met


def rss_mb(field: str = "VmHWM") -> float:
    """This process's peak (VmHWM) or current (VmRSS) resident memory, in MB, from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no /proc/self/status: peak memory is measured on Linux only")


def cpu_seconds(pid: int) -> float | None:
    """Another process's own CPU time so far (user + system), from /proc; None off Linux."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
