"""Every ``chargebot ask`` the README shows works on a fresh machine with no network.

The examples are read from the README's shell blocks and run through the real command
line against the index the README tells a newcomer to build offline (the New York AFDC
export). The geocoder and router are closed loopback ports (``tests/conftest.py``), so
each answer comes from the offline resolvers: ZIP codes, airports and the gazetteer.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.tiles import TileServer

from bot.cli import EXIT_ANSWER, main

README = Path(__file__).resolve().parents[2] / "README.md"
_SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
_CARD = re.compile(r"^\d+\. ", re.MULTILINE)
#: What an offline answer must not be: a place it couldn't find or a question back.
_NOT_AN_ANSWER = ("couldn't find", "couldn't look up", "Which “", "isn't a US ZIP")


@dataclass(frozen=True)
class Example:
    env: dict[str, str]
    args: list[str]

    def __str__(self) -> str:
        return shlex.join(self.args)


def readme_asks() -> list[Example]:
    """Each ``chargebot ask`` line of the README's shell blocks, continuations joined."""
    examples: list[Example] = []
    for block in _SHELL_BLOCK.findall(README.read_text("utf-8")):
        for command in block.replace("\\\n", " ").splitlines():
            words = shlex.split(command, comments=True)
            env = {}
            while words and _ASSIGNMENT.match(words[0]):
                name, value = words.pop(0).split("=", 1)
                env[name] = value
            if words[:2] == ["chargebot", "ask"]:
                examples.append(Example(env, words[2:]))
    return examples


EXAMPLES = readme_asks()


def test_the_readme_has_examples_to_run() -> None:
    assert len(EXAMPLES) >= 8
    assert any("--map" in example.args for example in EXAMPLES)


@pytest.fixture(autouse=True)
def _environment(ny_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No network: the online geocoder and router are a closed loopback port.
    assert os.environ["CHARGEBOT_NOMINATIM_URL"] == "http://127.0.0.1:9"
    assert os.environ["CHARGEBOT_ROUTER_URL"] == "http://127.0.0.1:9"
    monkeypatch.setenv("CHARGEBOT_DB", str(ny_index))
    monkeypatch.setenv("CHARGEBOT_GEOCODE_CACHE", str(tmp_path / "geocode.sqlite3"))


@pytest.fixture
def tiles() -> Iterator[TileServer]:
    with TileServer() as server:
        yield server


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_a_readme_example_answers_offline_with_stations(
    example: Example, tiles: TileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in example.env.items():
        # The README's tile server is a placeholder: the loopback one stands in for it.
        monkeypatch.setenv(name, tiles.template if name == "CHARGEBOT_TILE_URL" else value)
    result = CliRunner().invoke(main, ["ask", *example.args], catch_exceptions=False)

    assert result.exit_code == EXIT_ANSWER, result.output
    output = result.output
    assert not any(words in output for words in _NOT_AN_ANSWER), output
    if "--format" in example.args and "json" in example.args:
        data = json.loads(output)
        assert data["outcome"] == "results" and data["locations"]
    elif "--format" in example.args and "blocks" in example.args:
        message = json.loads(output)
        header = message["blocks"][0]["text"]["text"]
        assert re.match(r"⚡ \d+ \w+ stations? near ", header), header
        assert "Directions" in json.dumps(message)
    else:
        assert len(_CARD.findall(output)) >= 1, output
    if "--map" in example.args:
        written = tmp_path / example.args[example.args.index("--map") + 1]
        assert written.read_bytes().startswith(b"\x89PNG")
