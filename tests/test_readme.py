"""The README stays true: every setting is documented, and CI runs its commands."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_every_environment_variable_is_in_the_configure_table() -> None:
    table = _section("Configure")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, re.M))
    variables = {field.alias for field in Settings.model_fields.values() if field.alias}
    assert variables - documented == set(), "settings missing from README's Configure table"
    assert documented - variables == set(), "README documents settings that do not exist"


def test_ci_installs_and_tests_with_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = re.search(r"```sh\n(?:.*\n)*?(pip install [^\n]+)\n", _section("Install"))
    test = re.search(r"```sh\n(pytest[^\n]*)\n```", _section("Test"))
    assert install and test
    assert re.search(rf"^{re.escape(install.group(1))}$", ci, re.M)
    assert re.search(rf"^{re.escape(test.group(1))}$", ci, re.M)


def test_sections_come_in_the_order_a_newcomer_needs_them() -> None:
    titles = re.findall(r"^## (.+)$", README, re.M)
    order = ["Install", "Try it in the terminal", "Connect to Slack", "Deploy", "Configure"]
    order += ["Test", "Benchmark"]
    positions = [titles.index(title) for title in order]
    assert positions == sorted(positions)


def test_every_benchmark_is_in_the_benchmark_table() -> None:
    table = _section("Benchmark")
    documented = set(re.findall(r"^\| `(bench_\w+\.py)` \|", table, re.M))
    scripts = {path.name for path in (ROOT / "benchmarks").glob("bench_*.py")}
    assert scripts - documented == set(), "benchmarks missing from README's Benchmark table"
    assert documented - scripts == set(), "README lists benchmarks that do not exist"
