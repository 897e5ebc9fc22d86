"""Searches answered in the search process (``chargebot serve``'s background): the server
process acks and hands over; the answer comes from the child's own pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from support.nominatim import NominatimServer
from support.slack import (
    TEAM_ID,
    USER_ID,
    MockSlack,
    RunningApp,
    shown,
    slash_command,
    view_submission,
)

from bot.search import build_pipeline
from bot.slack.app import create_app
from bot.slack.search_process import NICENESS, SearchProcessBackground

from .conftest import slack_settings


class ParentMustNotSearch:
    """The server process's pipeline: it must never be the one answering."""

    def __init__(self, real: Any) -> None:
        self.provider = real.provider
        self.resolver = real.resolver
        self.calls = 0

    def answer(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        raise AssertionError("the server process searched")


def search_settings(
    slack_api: MockSlack, index: Path, nominatim: NominatimServer, **extra: Any
) -> Any:
    """The server's settings over ``index``, geocoding with the loopback Nominatim."""
    return slack_settings(
        slack_api,
        provider="local",
        db_path=index,
        nominatim_url=nominatim.url,
        geocoder_min_delay=0,
        log_level="WARNING",
        **extra,
    )


def test_a_search_is_answered_by_the_search_process_not_the_server(
    slack_api: MockSlack, ny_index: Path, tmp_path: Path, nominatim: NominatimServer
) -> None:
    index = tmp_path / "stations.sqlite3"
    shutil.copy(ny_index, index)
    settings = search_settings(slack_api, index, nominatim)
    real = build_pipeline(settings)
    parent = ParentMustNotSearch(real)
    background = SearchProcessBackground(settings)
    server = RunningApp(create_app(settings, parent, background=background))  # type: ignore[arg-type]
    try:
        url = slack_api.response_url()
        ack = server.send(slash_command("chargers near Times Square", url))
        assert ack.status_code == 200 and "Looking for" in ack.text
        (reply,) = slack_api.wait_response(url)
        assert "Times Square" in reply.body["text"] or "Times Square" in shown(reply.body)
        assert parent.calls == 0
        assert background.drain(10) is True and background.pending == 0
        assert not background.alive  # drained: the child stopped
    finally:
        background.close()
        server.close()
        real.close()


def test_the_search_process_runs_at_a_lower_cpu_priority_than_the_server(
    slack_api: MockSlack, ny_index: Path, tmp_path: Path
) -> None:
    """When searches and acks both want the CPU, the kernel runs the acks first."""
    import os

    index = tmp_path / "stations.sqlite3"
    shutil.copy(ny_index, index)
    settings = slack_settings(slack_api, provider="local", db_path=index, log_level="WARNING")
    background = SearchProcessBackground(settings)
    try:
        child = background._process.pid
        assert child is not None
        server_nice = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, child) == min(server_nice + NICENESS, 19)
    finally:
        background.close()


def test_when_the_search_process_is_gone_the_server_answers_and_says_so(
    slack_api: MockSlack,
    ny_index: Path,
    tmp_path: Path,
    nominatim: NominatimServer,
    caplog: Any,
) -> None:
    """The server learns of the child's exit without asking the OS on every hand-over
    (a watcher thread waits on the process), and answers on its own threads from then."""
    import logging
    import os
    import signal
    import time

    index = tmp_path / "stations.sqlite3"
    shutil.copy(ny_index, index)
    settings = search_settings(slack_api, index, nominatim)
    real = build_pipeline(settings)
    background = SearchProcessBackground(settings)
    server = RunningApp(create_app(settings, real, background=background))
    try:
        assert background.alive
        child = background._process.pid
        assert child is not None
        os.kill(child, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while background.alive and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not background.alive
        url = slack_api.response_url()
        with caplog.at_level(logging.ERROR, logger="bot.slack.search_process"):
            ack = server.send(slash_command("chargers near Times Square", url))
            assert ack.status_code == 200 and "Looking for" in ack.text
            (reply,) = slack_api.wait_response(url)
        assert "Times Square" in reply.body["text"] or "Times Square" in shown(reply.body)
        assert "search_process.gone" in caplog.messages
    finally:
        background.close()
        server.close()
        real.close()


class ParentMustNotGeocode:
    """The server process's resolver: a Home tab place must be looked up in the child."""

    def __init__(self) -> None:
        self.calls = 0

    def resolve(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        raise AssertionError("the server process geocoded")

    def close(self) -> None:
        pass


def test_a_home_tab_place_is_geocoded_by_the_search_process_not_the_server(
    slack_api: MockSlack, ny_index: Path, tmp_path: Path, nominatim: NominatimServer
) -> None:
    from bot.render import home_settings as controls
    from bot.state import StateStore

    settings = search_settings(
        slack_api, ny_index, nominatim, database_url=f"sqlite:///{tmp_path / 'state.sqlite3'}"
    )
    real = build_pipeline(settings)
    parent = ParentMustNotSearch(real)
    parent.resolver = ParentMustNotGeocode()
    store = StateStore.from_settings(settings)
    background = SearchProcessBackground(settings)
    server = RunningApp(create_app(settings, parent, store=store, background=background))  # type: ignore[arg-type]

    def submit(text: str) -> Any:
        values = {
            controls.PLACE_BLOCK: {
                controls.PLACE_ACTION: {"type": "plain_text_input", "value": text}
            }
        }
        return server.send(view_submission(controls.HOME_PLACE_VIEW, "", values))

    try:
        # A place nobody knows: the modal is answered with a friendly error on the field.
        ack = submit("Atlantis")
        assert ack.status_code == 200
        error = ack.json()["errors"][controls.PLACE_BLOCK]
        assert "couldn't find that place" in error

        before = len(slack_api.of("views.publish"))
        ack = submit("Penn Station")
        assert ack.status_code == 200 and not ack.text  # the modal closes
        view = slack_api.wait_method("views.publish", before + 1)[-1].body["view"]
        home = store.get_preferences(TEAM_ID, USER_ID).home
        assert home is not None
        assert f"Home set to *{home.place.name}*" in shown(view)
        assert "Penn" in home.place.name
        assert nominatim.queries() == ["Atlantis", "Penn Station"]  # asked by the child
        assert parent.resolver.calls == 0 and parent.calls == 0
    finally:
        background.close()
        server.close()
        store.close()
        real.close()
