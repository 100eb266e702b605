"""The report runner executes notebooks reproducibly and exports one HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from retailkit import report

SCRIPT = """# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
# ---

# %% [markdown]
# # 99 · A tiny notebook

# %%
import math

# %% tags=["parameters"]
N = 3

# %%
round(math.pi * N, 3)
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    (folder / "99_tiny.py").write_text(SCRIPT, encoding="utf-8")
    report.main(["--notebooks", str(folder), "--output", str(folder / "report.html")])
    return folder


def test_executes_the_jupytext_script_into_a_paired_notebook(executed: Path) -> None:
    notebook = nbformat.read(executed / "99_tiny.ipynb", as_version=4)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert outputs[-1]["data"]["text/plain"] == "9.425"
    assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"


def test_stored_notebook_has_stable_ids_and_no_timing_metadata(executed: Path) -> None:
    notebook = nbformat.read(executed / "99_tiny.ipynb", as_version=4)
    assert [cell["id"] for cell in notebook.cells] == [f"cell-{i:03d}" for i in range(4)]
    assert all("execution" not in cell.metadata for cell in notebook.cells)


def test_re_execution_gives_identical_bytes(executed: Path) -> None:
    first = (executed / "99_tiny.ipynb").read_bytes()
    report.main(["--notebooks", str(executed), "--no-html"])
    assert (executed / "99_tiny.ipynb").read_bytes() == first


def test_html_report_has_a_table_of_contents(executed: Path) -> None:
    html = (executed / "report.html").read_text(encoding="utf-8")
    assert 'href="#99_tiny"' in html
    assert "A tiny notebook" in html


def test_unknown_notebook_name_is_an_error(executed: Path) -> None:
    with pytest.raises(SystemExit, match="no notebook"):
        report.main(["--notebooks", str(executed), "--only", "42"])


def test_html_report_loads_nothing_from_a_cdn(executed: Path) -> None:
    html = (executed / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, flags=re.IGNORECASE)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?://", html, flags=re.IGNORECASE)
    assert "cdnjs.cloudflare.com" not in html


def test_no_execute_exports_the_stored_notebooks_without_rewriting_them(executed: Path) -> None:
    stored = (executed / "99_tiny.ipynb").read_bytes()
    output = executed / "stored.html"
    report.main(["--notebooks", str(executed), "--no-execute", "--output", str(output)])
    assert (executed / "99_tiny.ipynb").read_bytes() == stored
    assert "9.425" in output.read_text(encoding="utf-8")


def test_no_execute_needs_the_executed_notebook(tmp_path: Path) -> None:
    (tmp_path / "98_new.py").write_text(SCRIPT, encoding="utf-8")
    with pytest.raises(SystemExit, match="no executed notebook"):
        report.main(["--notebooks", str(tmp_path), "--no-execute"])
