"""Execute the notebooks reproducibly and publish them as one HTML report.

``python -m retailkit.report`` (what ``make report`` runs):

1. reads each ``notebooks/NN_name.py`` (the jupytext source; the paired ``.ipynb`` is used when no
   ``.py`` exists),
2. executes it top to bottom in a fresh kernel with ``notebooks/`` as the working directory,
3. writes the executed ``NN_name.ipynb`` in place with stable cell ids and no timing metadata, so
   an unchanged notebook re-executes to identical bytes,
4. exports all notebooks into one HTML file with a table of contents and embedded figures. The
   page loads nothing from the network: nbconvert's links to require.js, MathJax and mermaid
   on a CDN are left out (the notebooks need none of them), and figures are embedded.

Options: ``--only NAME`` (repeatable; a stem such as ``01_vocabulary`` or its number ``01``),
``--no-html`` to execute without exporting, ``--no-execute`` to export the stored executed
``.ipynb`` files as they are (seconds instead of minutes; what the browser test uses),
``--output PATH`` for the HTML file.
"""

from __future__ import annotations

import argparse
import html
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
DEFAULT_OUTPUT = Path("report") / "retailkit_report.html"
KERNEL = "python3"


def notebook_stems(directory: Path, only: Iterable[str] = ()) -> list[str]:
    """Sorted stems ``NN_name`` of the notebooks in ``directory``, optionally filtered.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for f in ("01_b.py", "00_a.ipynb", "00_a.py", "conftest.py"): _ = (d / f).write_text("")
    >>> notebook_stems(d)
    ['00_a', '01_b']
    >>> notebook_stems(d, only=["01"])
    ['01_b']
    """
    found = {p.stem for p in directory.iterdir() if p.suffix in {".py", ".ipynb"}}
    stems = sorted(s for s in found if s[:2].isdigit())
    wanted = list(only)
    if wanted:
        stems = [s for s in stems if any(s == w or s.split("_", 1)[0] == w for w in wanted)]
        if not stems:
            raise SystemExit(f"no notebook in {directory} matches {wanted}")
    return stems


def read_source(directory: Path, stem: str) -> Any:
    """The notebook to execute: the jupytext ``.py`` when present, else the ``.ipynb``."""
    import jupytext

    script = directory / f"{stem}.py"
    source = script if script.exists() else directory / f"{stem}.ipynb"
    notebook = jupytext.read(source)
    notebook.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (retailkit)",
        "language": "python",
        "name": KERNEL,
    }
    return notebook


def read_stored(directory: Path, stem: str) -> Any:
    """The stored executed notebook ``stem.ipynb`` (for ``--no-execute``)."""
    import nbformat

    path = directory / f"{stem}.ipynb"
    if not path.exists():
        raise SystemExit(f"{path}: no executed notebook to export (run without --no-execute)")
    return nbformat.read(path, as_version=4)


def execute(notebook: Any, directory: Path, *, timeout: int = 600) -> Any:
    """Run ``notebook`` in a fresh kernel in ``directory``; give cells stable ids, no timings."""
    import zmq
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    # Encrypt the local kernel connection (CurveZMQ) where pyzmq and the kernel support it, as
    # ipykernel asks: otherwise every kernel start warns that it runs over TCP without
    # encryption.
    encryption = "auto" if zmq.has("curve") else "disabled"
    manager = KernelManager(kernel_name=KERNEL, transport_encryption=encryption)
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(directory)}},
        record_timing=False,
    )
    try:
        client.execute()
    finally:
        if manager.has_kernel:  # nbclient shuts down only the kernels it created itself
            manager.shutdown_kernel(now=False)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
    return notebook


def write_notebook(notebook: Any, path: Path) -> None:
    """Write an executed notebook (``nbformat`` 4, trailing newline, stable key order)."""
    import nbformat

    nbformat.validate(notebook)
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


# nbconvert's "lab" template without the <script src> links to a CDN (require.js, MathJax,
# mermaid): none of the notebooks uses them, and a report must open offline without errors.
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def export_html(notebooks: Sequence[tuple[str, Any]], output: Path) -> Path:
    """Export executed notebooks as one HTML page with a table of contents (works offline)."""
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    combined = nbformat.v4.new_notebook()
    combined.metadata = notebooks[0][1].metadata if notebooks else {}
    toc = ["# retailkit report", "", "Notebooks, in reading order:", ""]
    for stem, notebook in notebooks:
        toc.append(f"- [{stem}: {html.escape(title_of(notebook))}](#{stem})")
    combined.cells.append(nbformat.v4.new_markdown_cell("\n".join(toc)))
    for stem, notebook in notebooks:
        combined.cells.append(nbformat.v4.new_markdown_cell(f'<a id="{stem}"></a>\n\n---'))
        combined.cells.extend(notebook.cells)
    for index, cell in enumerate(combined.cells):
        cell["id"] = f"cell-{index:04d}"
    exporter = HTMLExporter(
        template_name="lab",
        template_file="retailkit_offline.html.j2",
        extra_loaders=[jinja2.DictLoader({"retailkit_offline.html.j2": OFFLINE_TEMPLATE})],
    )
    body, _ = exporter.from_notebook_node(combined)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(body, encoding="utf-8")
    return output


def title_of(notebook: Any) -> str:
    """The first markdown heading of a notebook, without the leading ``#``.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells.append(nbformat.v4.new_markdown_cell("# 00 · The corpus\\n\\ntext"))
    >>> title_of(nb)
    '00 · The corpus'
    """
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m retailkit.report", description=__doc__)
    parser.add_argument("--notebooks", type=Path, default=DEFAULT_NOTEBOOKS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument(
        "--no-execute",
        action="store_true",
        help="export the stored executed .ipynb files without executing or rewriting them",
    )
    args = parser.parse_args(argv)

    directory = args.notebooks.resolve()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    executed = []
    for stem in notebook_stems(directory, args.only):
        if args.no_execute:
            executed.append((stem, read_stored(directory, stem)))
            continue
        print(f"executing {stem} ...", flush=True)
        notebook = execute(read_source(directory, stem), directory)
        write_notebook(notebook, directory / f"{stem}.ipynb")
        executed.append((stem, notebook))
    if not args.no_html and (not args.only or args.no_execute):
        path = export_html(executed, args.output)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
