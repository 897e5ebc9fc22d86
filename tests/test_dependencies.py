"""Dependency floors close known vulnerabilities; extras nothing uses are not installed."""

from __future__ import annotations

import ast
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def requirements(section: list[str]) -> dict[str, Requirement]:
    return {Requirement(line).name.lower(): Requirement(line) for line in section}


def floor(requirement: Requirement) -> Version:
    [lower] = [s for s in requirement.specifier if s.operator == ">="]
    return Version(lower.version)


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
RUNTIME = requirements(PYPROJECT["project"]["dependencies"])
BUILD = requirements(PYPROJECT["build-system"]["requires"])


def test_waitress_floor_excludes_cve_2024_49768_and_49769() -> None:
    assert floor(RUNTIME["waitress"]) >= Version("3.0.1")
    assert Version(version("waitress")) >= Version("3.0.1")  # what the tests run on


def test_setuptools_build_floor_excludes_cve_2024_6345() -> None:
    assert floor(BUILD["setuptools"]) >= Version("70")


def test_sqlalchemy_without_the_unused_asyncio_extra() -> None:
    assert RUNTIME["sqlalchemy"].extras == set()
    for path in (ROOT / "bot").rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                assert not isinstance(node, ast.AsyncFunctionDef | ast.Await), path
                continue
            assert not any(
                n == "asyncio" or n.startswith(("asyncio.", "sqlalchemy.ext.asyncio"))
                for n in names
            ), f"{path} uses asyncio"
