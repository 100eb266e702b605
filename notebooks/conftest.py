"""pytest configuration for ``pytest --nbval notebooks/``.

Stored outputs are compared cell by cell, except text written to stderr: warnings and library
log lines are not results, and their wording changes between library versions. The notebooks
silence them at the source; this only keeps a stray one from failing a run. Results (stdout,
display data, tables, figures' text) are all compared.
"""

from __future__ import annotations

from typing import Any

from nbval import plugin

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
