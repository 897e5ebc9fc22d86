"""Imports point down the layers README's Design section draws; an upward one fails here.

    slack/ cli data_commands one_shot  Slack listeners and the terminal
    settings/                     the settings language (above the store and the pipeline)
    search/                       the one pipeline, personal defaults, check-ins
    query/ geo/ providers/ render/ state/ routing/ hours/ prices/ maps/ answer/
                                  what the pipeline is made of; answer/ is the data it
                                  hands the renderers (request, answer, checks, trip)
    plugshare/ ocm/ opendata/ records/ http_client/ redis_client
                                  API clients, the local index, what both sources'
                                  mappings share (ids, outcomes), HTTP, Redis
    geometry/ config control_chars
                                  the earth's geometry, settings read once: under everything

A package may import its own modules, anything in a lower layer and, within its own
layer, what it does not form a cycle with. Two rules go further:

- ``bot/state/`` is storage: it imports only ``config``, ``geo`` (places) and
  ``plugshare`` (the domain language), never the search, the parser or the renderer.
- ``bot/search/`` reaches the state only through protocols (``CheckinsStore``,
  ``DefaultsSource``): it never imports ``bot.state``.

A new package goes into :data:`LAYERS`, where its imports say it belongs.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"

#: Top to bottom.
LAYERS: list[set[str]] = [
    {"__main__", "cli", "data_commands", "one_shot", "slack"},
    {"settings"},
    {"search"},
    {"query", "geo", "providers", "render", "state", "routing", "hours", "prices", "maps"}
    | {"answer"},
    {"plugshare", "opendata", "ocm", "records", "http_client", "redis_client"},
    {"geometry", "config", "control_chars", "__init__"},
]

#: Packages that may import only these others.
ONLY: dict[str, set[str]] = {"state": {"config", "control_chars", "geo", "plugshare"}}
#: Packages that must never import these.
NEVER: dict[str, set[str]] = {"search": {"state", "settings", "slack", "cli"}}


def _rank(package: str) -> int:
    for rank, layer in enumerate(LAYERS):
        if package in layer:
            return rank
    raise AssertionError(f"bot/{package} is in no layer: add it to LAYERS in {__file__}")


def _package(path: Path) -> str:
    parts = path.relative_to(BOT).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _is_module(name: str) -> bool:
    return (BOT / name).is_dir() or (BOT / f"{name}.py").is_file()


def _imports_of(path: Path) -> list[tuple[str, str, str]]:
    """(importing package, imported module, where) for every ``bot.`` import in a file,
    lazy ones and type-checking ones included."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "bot":  # "from bot import cli" imports bot.cli
                modules = [
                    f"bot.{alias.name}" if _is_module(alias.name) else "bot.__init__"
                    for alias in node.names
                ]
        else:
            continue
        for module in modules:
            if module.startswith("bot."):
                where = f"{path.relative_to(BOT.parent)}:{node.lineno}"
                found.append((_package(path), module, where))
    return found


def _imports() -> list[tuple[str, str, str]]:
    return [found for path in sorted(BOT.rglob("*.py")) for found in _imports_of(path)]


def _violations(imports: list[tuple[str, str, str]]) -> list[str]:
    wrong = []
    graph: dict[str, set[str]] = defaultdict(set)
    for source, module, where in imports:
        target = module.split(".")[1]
        if target == source:
            continue
        graph[source].add(target)
        if source in ONLY and target not in ONLY[source]:
            wrong.append(f"{where}: bot/{source} may import only {sorted(ONLY[source])}: {module}")
        elif target in NEVER.get(source, ()):
            wrong.append(f"{where}: bot/{source} never imports bot/{target}: {module}")
        elif _rank(target) < _rank(source):
            wrong.append(f"{where}: upward import {module} from bot/{source}")
    for source, targets in graph.items():
        for target in targets:
            if source < target and source in graph.get(target, set()):
                wrong.append(f"bot/{source} and bot/{target} import each other")
    return wrong


def test_every_package_is_in_a_layer() -> None:
    for path in BOT.iterdir():
        if path.name.startswith((".", "__pycache__")) or path.name == "migrations":
            continue
        if path.is_dir() or path.suffix == ".py":
            _rank(path.name.removesuffix(".py"))


def test_imports_point_down() -> None:
    assert _violations(_imports()) == []


def test_the_check_fails_on_an_upward_import() -> None:
    """The rules themselves: each kind of wrong import is caught."""
    assert _violations([("geo", "bot.search.pipeline", "x.py:1")]) == [
        "x.py:1: upward import bot.search.pipeline from bot/geo"
    ]
    assert _violations([("state", "bot.render.escape", "x.py:1")]) != []
    assert _violations([("state", "bot.query", "x.py:1")]) != []
    assert _violations([("search", "bot.state.store", "x.py:1")]) != []
    assert _violations([("render", "bot.search", "x.py:1")]) != []  # only the contracts
    assert _violations([("render", "bot.answer.answer", "x.py:1")]) == []
    assert _violations([("slack", "bot.state", "x.py:1")]) == []
    cycle = [("query", "bot.render", "a.py:1"), ("render", "bot.query", "b.py:1")]
    assert _violations(cycle) == ["bot/query and bot/render import each other"]


def test_the_readme_design_names_every_package() -> None:
    """README's Design picture is the map of ``ls bot/``: every package is on it."""
    readme = (BOT.parent / "README.md").read_text(encoding="utf-8")
    design = readme[readme.index("## Design") :]
    missing = [
        path.name
        for path in BOT.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists() and f"bot/{path.name}/" not in design)
        or (
            path.suffix == ".py"
            and not path.name.startswith("__")
            and f"bot/{path.name}" not in design
        )
    ]
    assert missing == []


def test_the_readme_layout_table_is_ls_bot() -> None:
    """README's table of what ``ls bot/`` holds names every entry once, and nothing else."""
    readme = (BOT.parent / "README.md").read_text(encoding="utf-8")
    design = readme[readme.index("## Design") :]
    listed = re.findall(r"^\| `bot/([^`]+)` \|", design, flags=re.MULTILINE)
    on_disk = {
        f"{path.name}/" if path.is_dir() else path.name
        for path in BOT.iterdir()
        if path.name != "__pycache__" and (path.is_dir() or path.suffix == ".py")
    }
    assert sorted(listed) == sorted(on_disk)
