"""The project's set-up files agree with each other and import has no side effects."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _conda_names() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = set()
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            names |= {_name(r) for r in entry["pip"] if not r.startswith("-e")}
        else:
            names.add(_name(entry))
    return names - {"python", "pip"}


def test_environment_yml_mirrors_pyproject_dependencies() -> None:
    project = _pyproject()["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    assert _conda_names() == declared


def test_environment_yml_uses_conda_forge_and_python_311() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]


def test_constraints_pin_every_declared_dependency() -> None:
    pins = {
        _name(line)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    project = _pyproject()["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    assert declared <= pins, sorted(declared - pins)


def test_import_is_cheap_and_leaves_jieba_alone() -> None:
    code = (
        "import sys, retailkit; "
        "heavy = [m for m in ('jieba', 'rjieba', 'gensim', 'sklearn', 'matplotlib', 'tomotopy') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in script
    assert "set -e" in script


def test_every_top_level_export_resolves() -> None:
    import retailkit

    missing = [name for name in retailkit.__all__ if getattr(retailkit, name, None) is None]
    assert missing == []
    for module in sorted(retailkit._SUBMODULES):
        assert getattr(retailkit, module).__name__ == f"retailkit.{module}"
