"""The pipeline merges a workspace's check-ins into the locations it found: the real local
index (New York AFDC export), the real geocoder over loopback, the real state store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.nominatim import NominatimServer

from bot.config import Settings, load_settings
from bot.geo import build_resolver
from bot.plugshare.models import WORKSPACE_SOURCE, Review, User
from bot.providers import make_provider
from bot.providers.base import NearbyPage
from bot.search import SearchContext, SearchPipeline
from bot.search.pipeline import CHECKINS_UNAVAILABLE_NOTE
from bot.state import StateStore

TEAM = "T0CHARGE"


@pytest.fixture
def settings(ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path) -> Settings:
    return load_settings(db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    state = StateStore(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    yield state
    state.close()


def pipeline_with(settings: Settings, store: StateStore | None) -> SearchPipeline:
    return SearchPipeline(
        settings, make_provider(settings), build_resolver(settings), checkins=store
    )


def test_answers_carry_the_workspaces_check_ins_newest_first_and_marked(
    settings: Settings, store: StateStore
) -> None:
    pipeline = pipeline_with(settings, store)
    try:
        first = pipeline.answer("chargers near Penn Station")
        nearest = first.locations[0]
        assert nearest.reviews == []  # open data has no check-ins of its own
        now = datetime.now(UTC)
        for hours, comment in ((5, "older"), (1, "newest"), (3, "middle")):
            store.add_checkin(
                TEAM, data_source="local", location_id=nearest.id, user_id="U1",
                user_name="Dana", rating=1, comment=comment,
                created_at=now - timedelta(hours=hours),
            )  # fmt: skip
        store.add_checkin(
            "T0ELSEWHERE", data_source="local", location_id=nearest.id, user_id="U2",
            user_name="Eve", rating=-1, problem=1, comment="another workspace",
        )  # fmt: skip

        answer = pipeline.answer("chargers near Penn Station", SearchContext(team_id=TEAM))
        merged = answer.locations[0]
        assert merged.id == nearest.id
        assert [r.comment for r in merged.reviews] == ["newest", "middle", "older"]
        assert {r.source for r in merged.reviews} == {WORKSPACE_SOURCE}
        assert all(r.user is not None and r.user.first_name == "Dana" for r in merged.reviews)
        assert all(loc.reviews == [] for loc in answer.locations[1:])

        # No workspace (the terminal): nothing merged.
        assert pipeline.answer("chargers near Penn Station").locations[0].reviews == []
    finally:
        pipeline.close()


def test_check_ins_interleave_with_the_data_sources_by_time(
    settings: Settings, store: StateStore
) -> None:
    pipeline = pipeline_with(settings, store)
    try:
        location = pipeline.answer("chargers near Penn Station").locations[0]
        now = datetime.now(UTC)
        own = [
            Review(rating=1, created_at=now - timedelta(days=2), comment="source, 2 days"),
            Review(rating=0, created_at=now - timedelta(minutes=5), comment="source, now",
                   user=User(first_name="Ana")),
        ]  # fmt: skip
        with_own = location.model_copy(update={"reviews": own})
        pipeline.provider.nearby = lambda *a, **k: [with_own]  # type: ignore[method-assign]
        pipeline.provider.nearby_page = lambda *a, **k: NearbyPage([with_own], 1)  # type: ignore[attr-defined]
        store.add_checkin(
            TEAM, data_source="local", location_id=location.id, user_id="U1",
            user_name="Dana", rating=1, comment="workspace, 1 day",
            created_at=now - timedelta(days=1),
        )  # fmt: skip
        answer = pipeline.answer("chargers near Penn Station", SearchContext(team_id=TEAM))
        reviews = answer.locations[0].reviews
        assert [r.comment for r in reviews] == ["source, now", "workspace, 1 day", "source, 2 days"]
        assert [r.source for r in reviews] == [None, WORKSPACE_SOURCE, None]
    finally:
        pipeline.close()


def test_a_store_that_fails_never_fails_the_search(settings: Settings, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database " * 300)
    broken = StateStore(f"sqlite:///{garbage}")
    pipeline = pipeline_with(settings, broken)
    try:
        answer = pipeline.answer("chargers near Penn Station", SearchContext(team_id=TEAM))
        assert answer.locations
        assert CHECKINS_UNAVAILABLE_NOTE in answer.notes
    finally:
        pipeline.close()
        broken.close()


def test_the_pipeline_does_not_depend_on_the_state_package() -> None:
    code = (
        "import sys, bot.search, bot.search.pipeline; "
        "print(sorted(m for m in sys.modules if m.startswith('bot.state')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
