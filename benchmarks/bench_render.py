"""Rendering speed: an answer to a Slack message, terminal text, and JSON.

    python benchmarks/bench_render.py [--rounds 500]

Answers are built outside the timed part: the 5 stations nearest to random points
around real New York stations (../shared/data/afdc/ny.csv through the importer's
mapping, no live status), and PlugShare-shaped answers of 5 locations each with 4
stations, 50 check-ins and a photo. Prints per-answer p50 and p99 in milliseconds
for each renderer, and the same for the worst case the property tests use (500
locations, 10,000-character markup everywhere), whose output is cut to Slack's
limits.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "render")]

from support.answers import (  # noqa: E402
    NOW,
    afdc_answer,
    plugshare_answer,
    plugshare_payload,
    read_ny_locations,
)
from test_adversarial import _worst_case  # noqa: E402

from bot.geo.place import Place, PlaceKind  # noqa: E402
from bot.geometry.bearing import distance_m  # noqa: E402
from bot.plugshare.models import Location  # noqa: E402
from bot.render.data import render_json  # noqa: E402
from bot.render.slack import render_message  # noqa: E402
from bot.render.text import render_text  # noqa: E402
from bot.search import Answer  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def ny_answers(rounds: int, rng: random.Random) -> list[Answer]:
    by_id = read_ny_locations(SHARED)
    locations = list(by_id.values())
    template = afdc_answer(by_id)
    answers = []
    for _ in range(rounds):
        seed = rng.choice(locations)
        lat = seed.latitude + rng.uniform(-0.02, 0.02)
        lng = seed.longitude + rng.uniform(-0.02, 0.02)
        nearest = sorted(locations, key=lambda loc: distance_m(lat, lng, loc.latitude,
                                                               loc.longitude))[:5]  # fmt: skip
        place = Place(f"{lat:.4f},{lng:.4f}", lat, lng, PlaceKind.COORDINATES, "bench", "US")
        answers.append(replace(template, place=place, locations=nearest))
    return answers


def plugshare_answers(rounds: int) -> list[Answer]:
    payload = plugshare_payload()
    payload["reviews"] = (payload["reviews"] * 13)[:50]
    heavy = Location.model_validate(payload)
    template = plugshare_answer()
    locations = [heavy.model_copy(update={"id": i}) for i in range(5)]
    return [replace(template, locations=locations) for _ in range(rounds)]


def timed(render: Callable[[Answer], object], answers: list[Answer]) -> tuple[float, float]:
    times = []
    for answer in answers:
        start = time.perf_counter()
        render(answer)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(5)
    renderers: dict[str, Callable[[Answer], object]] = {
        "Slack message": lambda a: render_message(a, ephemeral=True, now=NOW),
        "terminal text": lambda a: render_text(a, now=NOW),
        "JSON": render_json,
    }
    sets = {
        "AFDC, 5 nearest (NY)": ny_answers(args.rounds, rng),
        "PlugShare, 5 x 50 check-ins": plugshare_answers(args.rounds),
        "worst case (500 hostile)": [_worst_case().answer] * max(5, args.rounds // 50),
    }
    print(f"{'answers':<30}{'renderer':<16}{'p50 ms':>9}{'p99 ms':>9}")
    for name, answers in sets.items():
        for label, render in renderers.items():
            if name.startswith("worst") and label != "Slack message":
                continue  # text and JSON print every location in full: not a latency case
            p50, p99 = timed(render, answers)
            print(f"{name:<30}{label:<16}{p50:>9.2f}{p99:>9.2f}")


if __name__ == "__main__":
    main()
