"""pytest configuration for ``pytest --nbval notebooks/``.

Stored outputs are compared cell by cell, except text written to stderr: warnings and library
log lines are not results, and their wording changes between library versions. The notebooks
silence them at the source; this only keeps a stray one from failing a run. Results (stdout,
display data, tables, figures' text) are all compared.

Executing the notebooks under test never writes into the work tree: ``RETAILKIT_FIGURES_DIR``
(see ``retailkit.plotting``) points every figure and page the notebooks save to a temporary
folder, set here before the first kernel starts (kernels inherit this process's environment).
``test_written_files.py`` then compares what the notebooks wrote with the committed files in
``figures/``, byte for byte; it runs after the notebooks. The temporary folder is removed when
the session passes and kept, with its path printed, when it fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from nbval import plugin

from retailkit.plotting import FIGURES_ENV

_compare_outputs = plugin.IPyNbCell.compare_outputs


def _without_stderr(outputs: list[Any]) -> list[Any]:
    return [o for o in outputs if not _is_stderr(o)]


def _is_stderr(output: Any) -> bool:
    return bool(output.get("output_type") == "stream" and output.get("name") == "stderr")


def _compare_outputs_without_stderr(
    self: plugin.IPyNbCell, test: list[Any], ref: list[Any], skip_compare: Any = None
) -> bool:
    return bool(_compare_outputs(self, _without_stderr(test), _without_stderr(ref), skip_compare))


plugin.IPyNbCell.compare_outputs = _compare_outputs_without_stderr  # type: ignore[method-assign]


# ----------------------------------------------------------------------- where figures go

#: The folder the notebooks write into during this session (set in pytest_configure).
WRITTEN: dict[str, Any] = {"dir": None, "created": False, "notebooks": []}


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(FIGURES_ENV):  # the caller chose a folder: use it, never delete it
        WRITTEN["dir"] = Path(os.environ[FIGURES_ENV])
        return
    folder = Path(tempfile.mkdtemp(prefix="retailkit-figures-"))
    os.environ[FIGURES_ENV] = str(folder)
    WRITTEN.update(dir=folder, created=True)


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    # The notebooks executed in this session, and the comparison moved after all of them.
    notebooks = sorted({Path(str(item.fspath)).stem for item in items if _is_cell(item)})
    WRITTEN["notebooks"] = notebooks
    last = [item for item in items if Path(str(item.fspath)).name == "test_written_files.py"]
    items[:] = [item for item in items if item not in last] + last


def _is_cell(item: pytest.Item) -> bool:
    return isinstance(item, plugin.IPyNbCell)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    folder = WRITTEN["dir"]
    if not WRITTEN["created"] or folder is None:
        return
    if exitstatus == 0:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"\nfigures written by the notebooks under test were kept in {folder}")


@pytest.fixture(scope="session")
def written_figures() -> tuple[Path, list[str]]:
    """The folder the notebooks wrote into and the stems of the notebooks executed."""
    return WRITTEN["dir"], list(WRITTEN["notebooks"])
