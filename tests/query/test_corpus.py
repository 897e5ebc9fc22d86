"""Every labelled request parses to exactly what its case says, and the corpus covers the
vocabulary the issue lists."""

from __future__ import annotations

import json
import re

import pytest
from query.corpus import CORPUS, Case

from bot.plugshare.networks import NETWORKS
from bot.query import parse_query


@pytest.mark.parametrize("case", CORPUS, ids=[c.text[:60] or "<empty>" for c in CORPUS])
def test_corpus_case(case: Case) -> None:
    query = parse_query(case.text)
    assert query.to_plugshare_params() == case.params
    assert query.place == case.place
    assert query.min_power_kw == case.min_power_kw
    assert query.is_help == case.is_help
    assert query.ignored == case.ignored
    assert query.open_at == case.open_at
    assert query.max_price_per_kwh == case.max_price_per_kwh
    assert query.sort == case.sort


def test_corpus_is_large_and_has_no_duplicates() -> None:
    texts = [c.text for c in CORPUS]
    assert len(texts) >= 150
    assert len(set(texts)) == len(texts)


def _outlets(case: Case) -> list[dict[str, int]]:
    return json.loads(case.params.get("outlets", "[]"))


def _ids(case: Case, name: str) -> set[int]:
    value = case.params.get(name)
    return {int(v) for v in value.split(",")} if value else set()


def test_corpus_covers_every_connector_and_tesla_power() -> None:
    seen = {(o["connector"], o.get("power")) for c in CORPUS for o in _outlets(c)}
    assert {connector for connector, _ in seen} >= set(range(1, 18))
    assert {(6, 0), (6, 1), (6, None)} <= seen


def test_corpus_names_every_network_by_every_name() -> None:
    # The parser reads these names as something else, on purpose (see filter_words.py).
    as_connector = {"Tesla Supercharger", "Supercharger network"}
    skipped = {"AV"}
    for info in NETWORKS.values():
        for name in info.all_names:
            if name in skipped:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
            cases = [c for c in CORPUS if pattern.search(c.text)]
            assert cases, f"no case names {name!r}"
            if name in as_connector:
                assert any({"connector": 6, "power": 1} in _outlets(c) for c in cases)
            else:
                assert any(
                    info.id in _ids(c, "networks") | _ids(c, "exclude_networks") for c in cases
                ), name


def test_corpus_covers_every_other_filter() -> None:
    assert set().union(*(_ids(c, "amenities") for c in CORPUS)) == set(range(1, 10))
    assert set().union(*(_ids(c, "access") for c in CORPUS)) == {1, 2, 3}
    assert set().union(*(_ids(c, "availability") for c in CORPUS)) >= {1, 2, 3, 4}
    assert any(c.params.get("cost") == "false" for c in CORPUS)
    assert any("networks" in c.params for c in CORPUS)
    assert any("exclude_networks" in c.params for c in CORPUS)
    assert any("score" in c.params for c in CORPUS)
    assert any("count" in c.params for c in CORPUS)
    assert any(c.min_power_kw for c in CORPUS)
    units = {"mi", "miles", "mile", "km", "kilometres", "m"}
    radius_texts = " ".join(c.text for c in CORPUS if "radius" in c.params)
    for unit in units:
        assert re.search(rf"\d\s*{unit}\b|\ba {unit}\b", radius_texts), unit
    assert sum(c.is_help for c in CORPUS) >= 5
