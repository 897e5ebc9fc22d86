"""``chargebot`` as its own process: what a cold start loads, and how it ends.

A one-shot ``ask`` pays for every module it imports (issue 16: a cold answer in a
fraction of a second), so these pin what a search around a ZIP code, coordinates or an
airport keeps out: a heavy module creeping back onto that path fails here, by name.
The installed command ends without the interpreter's tear-down (``bot/one_shot.py``):
its answers, messages and exit statuses must be exactly those of the command run in
this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot.cli import EXIT_ANSWER, EXIT_FIX_REQUEST, main

#: Never needed to answer a search around a place read offline, in the terminal's text.
KEPT_OUT_OF_A_NEARBY_ASK = (
    "slack_sdk",
    "slack_bolt",
    "geopy",  # the online geocoder: ZIP codes, coordinates and airports are read offline
    "httpx",
    "sqlalchemy",  # the state database: the terminal keeps no settings
    "redis",
    "PIL",
    "platformdirs",  # the default data folder: CHARGEBOT_DB names the index
    "bot.slack",
    "bot.state",
    "bot.settings",
    "bot.maps",
    "bot.geo.online",
    "bot.plugshare.client",
    "bot.ocm.client",
    "bot.opendata.importer",
    "bot.opendata.corridor",  # everything for a route loads with the first route
    "bot.search.trip",
    "bot.answer.trip",
    "bot.routing.client",
    "bot.routing.route",
    "bot.routing.along",
    "bot.geometry.line",
    "bot.render.slack",  # the other formats' renderers
    "bot.render.data",
)

#: ``chargebot --help`` is click and the command's own module.
KEPT_OUT_OF_HELP = ("logging", "json", "pydantic", "pydantic_settings", "bot.config")

_LOADED_BY_ASK = """
import sys
from bot.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    status = done.code
modules = sorted(sys.modules)
import json
from bot.plugshare import models
built = [m.__name__ for m in vars(models).values()
         if isinstance(m, type) and issubclass(m, models.PlugShareModel)
         and m.__pydantic_complete__]
print(json.dumps({"status": status, "modules": modules, "built": built}), file=sys.stderr)
"""


def loaded_by(*args: str) -> dict[str, object]:
    """Exit status, modules loaded and PlugShare validators built by one command, alone."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED_BY_ASK, *args],
        capture_output=True, text=True, env=os.environ, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


pytestmark = pytest.mark.usefixtures("ny_ask_env")


@pytest.mark.parametrize(
    "text", ["CCS near 10036, free only", "CCS near 40.7580,-73.9855", "chargers near JFK"]
)
def test_a_nearby_ask_loads_only_what_it_uses(text: str) -> None:
    run = loaded_by("ask", text)
    assert run["status"] == EXIT_ANSWER
    modules = set(run["modules"])  # type: ignore[call-overload]
    assert "bot.search.pipeline" in modules  # the probe sees the ask's imports
    assert sorted(modules.intersection(KEPT_OUT_OF_A_NEARBY_ASK)) == []
    # Locations read from the index are built without validation: no validator is built.
    assert run["built"] == []


def test_help_loads_click_and_the_command_only() -> None:
    run = loaded_by("--help")
    assert run["status"] == 0
    modules = set(run["modules"])  # type: ignore[call-overload]
    assert "click" in modules
    assert sorted(modules.intersection(KEPT_OUT_OF_HELP)) == []
    assert not [m for m in modules if m.startswith("bot.") and m not in {"bot.cli", "bot.one_shot"}]


def chargebot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True, text=True, env=os.environ, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("output_format", ["text", "json", "blocks"])
def test_the_process_writes_the_whole_answer(output_format: str) -> None:
    args = ["ask", "chargers near 10036, top 10", "--format", output_format]
    alone = chargebot(*args)
    here = CliRunner().invoke(main, args)
    assert alone.returncode == here.exit_code == EXIT_ANSWER
    assert alone.stdout == here.output


def test_the_process_returns_every_exit_status() -> None:
    settings = chargebot("ask", "set car CCS")
    assert settings.returncode == EXIT_FIX_REQUEST
    assert "kept for each Slack member" in settings.stderr
    usage = chargebot("ask")
    assert usage.returncode == 2 and "Missing argument" in usage.stderr
    version = chargebot("--version")
    assert version.returncode == 0 and version.stdout.startswith("chargebot, version")
    nothing = chargebot("ask", "CCS near 10036", "--db", "/nonexistent/folder/index.sqlite3")
    here = CliRunner().invoke(
        main, ["ask", "CCS near 10036", "--db", "/nonexistent/folder/index.sqlite3"]
    )
    assert nothing.returncode == here.exit_code != EXIT_ANSWER
    assert nothing.stderr.strip() and nothing.stderr.strip() in here.output


_TEARDOWN_PROBE = """
import atexit, sys
atexit.register(lambda: print("exit hooks ran"))
from bot.cli import run
sys.argv = ["chargebot", *sys.argv[1:]]
run()
"""


def test_commands_that_write_files_end_the_usual_way() -> None:
    # The index commands (and serve) keep the interpreter's exit: its hooks, every file
    # object closed and flushed.
    done = subprocess.run(
        [sys.executable, "-c", _TEARDOWN_PROBE, "data", "stats"],
        capture_output=True, text=True, env=os.environ, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("exit hooks ran")
