"""Shared fixtures. Real data lives in ../shared/data and is used from there, never copied."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests explore new random examples on every developer run. CI runs them
# derandomized (HYPOTHESIS_PROFILE=ci, set by .ci/run), so a submission's result does not
# depend on the dice; a failure found locally is reported with the seed to reproduce it.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

if TYPE_CHECKING:
    from support.nominatim import NominatimServer
    from support.osrm import RouterServer

    from bot.config import Settings
    from bot.opendata.importer import ImportReport
    from bot.providers.local import LocalProvider
    from bot.search import SearchPipeline

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's environment, ``.env`` or data directory."""
    import os

    for name in list(os.environ):
        if name.startswith(("PLUGSHARE_", "CHARGEBOT_", "SLACK_", "OCM_")) or name == "PORT":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHARGEBOT_DB", str(tmp_path / "stations.sqlite3"))
    # Never the public Nominatim: a test that forgets the ``nominatim`` fixture gets a
    # refused connection (and the offline fallback), not a request to the internet.
    monkeypatch.setenv("CHARGEBOT_NOMINATIM_URL", "http://127.0.0.1:9")
    # Never the public OSRM server either: a refused connection (the straight-line fallback).
    monkeypatch.setenv("CHARGEBOT_ROUTER_URL", "http://127.0.0.1:9")
    # Nor the real AFDC: an empty index downloads open data by itself (the first answer
    # needs no separate step); a test that forgets its loopback AFDC gets a refusal.
    monkeypatch.setenv("CHARGEBOT_AFDC_URL", "http://127.0.0.1:9/api/alt-fuel-stations/v1.json")


@pytest.fixture(autouse=True)
def _fresh_geocoder_gates() -> None:
    """The rate gates are process-wide: a hold-off from one test (a 429, say) must not
    close the geocoder for the next test's server, which may get the same port."""
    from bot.geo.throttle import forget_gates

    forget_gates()


@pytest.fixture
def nominatim() -> Iterator[NominatimServer]:
    """A Nominatim-compatible server on loopback (``tests/support/nominatim.py``)."""
    from support.nominatim import running_nominatim

    with running_nominatim() as server:
        yield server


@pytest.fixture
def nominatim_env(nominatim: NominatimServer, monkeypatch: pytest.MonkeyPatch) -> NominatimServer:
    """The app's settings (environment) point at the loopback Nominatim, without rate delay."""
    monkeypatch.setenv("CHARGEBOT_NOMINATIM_URL", nominatim.url)
    monkeypatch.setenv("CHARGEBOT_GEOCODER_MIN_DELAY", "0")
    return nominatim


@pytest.fixture
def router() -> Iterator[RouterServer]:
    """An OSRM-compatible routing server on loopback (``tests/support/osrm.py``)."""
    from support.osrm import running_router

    with running_router() as server:
        yield server


@pytest.fixture
def router_env(router: RouterServer, monkeypatch: pytest.MonkeyPatch) -> RouterServer:
    """The app's settings (environment) point at the loopback router, without rate delay."""
    monkeypatch.setenv("CHARGEBOT_ROUTER_URL", router.url)
    monkeypatch.setenv("CHARGEBOT_ROUTER_MIN_DELAY", "0")
    return router


# --- the real New York AFDC export, imported once per session -------------------------


@pytest.fixture(scope="session")
def ny_csv(shared_data: Path) -> Path:
    return shared_data / "afdc" / "ny.csv"


@pytest.fixture(scope="session")
def ny_import(ny_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    from bot.opendata.importer import import_file

    db = tmp_path_factory.mktemp("ny-index") / "ny.sqlite3"
    return db, import_file(ny_csv, db)


@pytest.fixture(scope="session")
def ny_index(ny_import: tuple[Path, ImportReport]) -> Path:
    """A station index file holding ny.csv. Read-only for tests: copy it to change it."""
    return ny_import[0]


@pytest.fixture
def ny_ask_env(
    ny_index: Path, nominatim_env: NominatimServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``chargebot ask`` reads the NY index, with a loopback geocoder and a fresh cache."""
    monkeypatch.setenv("CHARGEBOT_DB", str(ny_index))
    monkeypatch.setenv("CHARGEBOT_GEOCODE_CACHE", str(tmp_path / "geocode.sqlite3"))


@pytest.fixture(scope="session")
def ny_provider(ny_index: Path) -> Iterator[LocalProvider]:
    from bot.providers.local import LocalProvider

    provider = LocalProvider(ny_index)
    yield provider
    provider.close()


# --- search along a route: the NY index, loopback geocoder and router ----------------------


@pytest.fixture
def trip_settings(
    ny_index: Path, nominatim_env: NominatimServer, router_env: RouterServer, tmp_path: Path
) -> Settings:
    from bot.config import load_settings

    return load_settings(db_path=ny_index, geocode_cache_path=tmp_path / "geocode.sqlite3")


@pytest.fixture
def trip_pipeline(trip_settings: Settings) -> Iterator[SearchPipeline]:
    from bot.search import build_pipeline

    pipeline = build_pipeline(trip_settings)
    yield pipeline
    pipeline.close()
