"""What the Open Charge Map provider costs, apart from OCM itself.

    python benchmarks/bench_ocm.py

Prints, for a full 250-POI answer (OCM's cap per request) made of the real OCM
records in ``../shared/data/ocm``: mapping them into PlugShare's schema, the
local evaluation of the filters OCM cannot evaluate (an in-memory index searched
with the index's own code), and the provider's whole ``nearby`` round trip
against the loopback OCM-shaped server the tests use. Aim: the local part well
under the 2-second answer budget, i.e. a few tens of milliseconds.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.ocm_server import OcmServer, load_pois

from bot.ocm.client import OcmClient
from bot.ocm.mapping import map_poi
from bot.opendata.evaluate import search_locations
from bot.plugshare.enums import Connector
from bot.plugshare.filters import Filters, OutletFilter
from bot.providers.ocm import OcmProvider

ANDORRA = (42.5063, 1.5218)
COUNT = 250
FILTERS = Filters(outlets=[OutletFilter(connector=Connector.TYPE_2)], free_only=True)


def _many() -> list[dict[str, object]]:
    """250 distinct in-service POIs around Andorra la Vella, cycling through the real ones."""
    real = [p for p in load_pois("ocm-andorra.json") if p.get("StatusTypeID") not in (150, 200)]
    made = []
    for index in range(COUNT):
        poi = copy.deepcopy(real[index % len(real)])
        poi["ID"] = 900_000 + index
        poi["AddressInfo"]["Latitude"] = ANDORRA[0] + (index % 25 - 12) * 0.002
        poi["AddressInfo"]["Longitude"] = ANDORRA[1] + (index // 25 - 5) * 0.002
        made.append(poi)
    return made


def _timed(label: str, call: Callable[[], object], runs: int, aim_ms: float) -> None:
    call()  # warm up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    median = statistics.median(samples)
    print(
        f"{label:<64} median {median:7.2f} ms   p90 {sorted(samples)[int(runs * 0.9)]:7.2f} ms"
        f"   (aim < {aim_ms:g} ms)"
    )


def main() -> int:
    pois = _many()
    locations = [map_poi(poi, live=True) for poi in pois]
    print(f"{COUNT} OCM POIs, filters: Type 2, free only")
    _timed(
        "map 250 POIs into PlugShare's schema",
        lambda: [map_poi(p, live=True) for p in pois],
        20,
        50,
    )
    _timed(
        "evaluate the filters locally (in-memory index search)",
        lambda: search_locations(locations, *ANDORRA, FILTERS, 5_000, 25),
        50,
        50,
    )
    with OcmServer(pois) as server, OcmClient(server.key, base_url=server.url) as client:
        provider = OcmProvider(client)
        _timed(
            "provider.nearby: loopback HTTP, JSON, map, evaluate (25 of 100)",
            lambda: provider.nearby(*ANDORRA, FILTERS, 5_000, 25),
            20,
            300,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
