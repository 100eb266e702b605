"""The notebooks, executed under test, write exactly the committed ``figures/``, byte for byte.

``pytest --nbval notebooks/`` (``make test``) executes every notebook with
``RETAILKIT_FIGURES_DIR`` pointing to a temporary folder (``conftest.py``), so nothing is written
into the work tree. This test runs after the notebooks and compares that folder with
``figures/``: a figure or page that differs by one byte (a library upgrade, a CPU whose
arithmetic rounds differently, a notebook edited without ``make report``) fails, and so does a
committed figure that an executed notebook no longer writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIGURES = Path(__file__).resolve().parent.parent / "figures"


def _first_difference(a: bytes, b: bytes) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def test_notebooks_write_the_committed_figures_byte_for_byte(
    written_figures: tuple[Path, list[str]],
) -> None:
    folder, notebooks = written_figures
    if not notebooks:
        pytest.skip("no notebook was executed in this session (run pytest --nbval notebooks/)")
    prefixes = tuple(f"{stem[:2]}_" for stem in notebooks)
    written = {p.name: p for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    committed = {
        p.name: p for p in FIGURES.iterdir() if p.is_file() and p.name.startswith(prefixes)
    }
    problems = []
    for name in sorted(set(written) - set(committed)):
        problems.append(f"{name}: written by a notebook, not committed in figures/")
    for name in sorted(set(committed) - set(written)):
        problems.append(f"{name}: committed in figures/, not written by its notebook")
    for name in sorted(set(written) & set(committed)):
        new, old = written[name].read_bytes(), committed[name].read_bytes()
        if new != old:
            at = _first_difference(new, old)
            context = old[max(0, at - 40) : at + 40].decode("utf-8", "replace")
            problems.append(
                f"{name}: differs from figures/{name} at byte {at:,} of {len(old):,} "
                f"(written {len(new):,} bytes); committed text there: {context!r}"
            )
    assert not problems, (
        f"notebooks {', '.join(notebooks)} wrote into {folder}:\n"
        + "\n".join(problems)
        + "\n(re-run `make report` and commit figures/ if the change is intended)"
    )
