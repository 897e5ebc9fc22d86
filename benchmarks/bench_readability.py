"""How much of the sources' hours and price text ChargeBot can read:
``python benchmarks/bench_readability.py`` (``--show`` lists the texts not read).

Prints, for every distinct hours text (AFDC ``Access Days Time``, OCM access comments)
and price text (AFDC ``EV Pricing``, OCM ``UsageCost``) in ../shared/data, the share the
parsers read. Aims: AFDC hours >= 75 % (the rest say "business hours" and the like),
texts that hold a time range >= 95 %, AFDC prices >= 90 %, OCM prices >= 85 %.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from aims import aim  # noqa: E402
from support.station_texts import (  # noqa: E402
    afdc_hours_texts,
    afdc_price_texts,
    ocm_access_comments,
    ocm_price_texts,
)

from bot.hours import parse_hours  # noqa: E402
from bot.hours.reading import _LOOKS_LIKE_HOURS  # noqa: E402
from bot.prices import parse_price  # noqa: E402


def report(
    name: str, texts: list[str], read: Callable[[str], object], floor: float | None, show: bool
) -> None:
    unread = [text for text in texts if read(text) is None]
    done = len(texts) - len(unread)
    share = done / len(texts) if texts else 0.0
    print(f"{name:<32} {done:>4} of {len(texts):>4} distinct texts read = {share:6.1%}")
    if floor is not None:
        aim(f"{name}: texts read", share * 100, floor, "%", digits=1, higher=True)
    if show:
        for text in unread:
            print(f"    unread: {text[:100]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the texts that were not read")
    args = parser.parse_args()
    hours = afdc_hours_texts() + ocm_access_comments()
    timed = [text for text in hours if _LOOKS_LIKE_HOURS.search(text)]
    report("hours, AFDC ny.csv", afdc_hours_texts(), parse_hours, 75, args.show)
    # Most OCM access comments are directions, not hours: no aim of their own.
    report("hours, OCM access comments", ocm_access_comments(), parse_hours, None, args.show)
    report("hours, texts with a time range", timed, parse_hours, 95, args.show)
    report("prices, AFDC ny.csv", afdc_price_texts(), parse_price, 90, args.show)
    report("prices, OCM UsageCost", ocm_price_texts(), parse_price, 85, args.show)
    report("prices, all", afdc_price_texts() + ocm_price_texts(), parse_price, None, False)


if __name__ == "__main__":
    main()
