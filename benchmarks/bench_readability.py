"""How much of the sources' hours and price text ChargeBot can read:
``python benchmarks/bench_readability.py``.

Prints, for every distinct hours text (AFDC ``Access Days Time``, OCM access comments)
and price text (AFDC ``EV Pricing``, OCM ``UsageCost``) in ../shared/data, the fraction
the parsers read, and the unreadable ones. Aims: AFDC hours >= 75 %, prices >= 90 %.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.station_texts import (  # noqa: E402
    afdc_hours_texts,
    afdc_price_texts,
    ocm_access_comments,
    ocm_price_texts,
)

from bot.hours import parse_hours  # noqa: E402
from bot.prices import parse_price  # noqa: E402


def report(
    name: str, texts: list[str], read: Callable[[str], object], aim: str, show: bool
) -> None:
    unread = [text for text in texts if read(text) is None]
    done = len(texts) - len(unread)
    share = done / len(texts) if texts else 0.0
    print(f"{name:<28} {done:>4} of {len(texts):>4} distinct texts read = {share:6.1%}   aim {aim}")
    if show:
        for text in unread:
            print(f"    unread: {text[:100]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the texts that were not read")
    args = parser.parse_args()
    report("hours, AFDC ny.csv", afdc_hours_texts(), parse_hours, ">= 75%", args.show)
    report("hours, OCM access comments", ocm_access_comments(), parse_hours, "(most aren't hours)",
           args.show)  # fmt: skip
    report("prices, AFDC ny.csv", afdc_price_texts(), parse_price, ">= 90%", args.show)
    report("prices, OCM UsageCost", ocm_price_texts(), parse_price, ">= 85%", args.show)
    both = afdc_hours_texts() + ocm_access_comments()
    report("hours, all", both, parse_hours, "", False)
    report("prices, all", afdc_price_texts() + ocm_price_texts(), parse_price, "", False)


if __name__ == "__main__":
    main()
