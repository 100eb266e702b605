"""The article notebooks run on a researcher's own folder, not only on the seeds.

Each notebook is executed with papermill, its ``SEEDS``/``CORPUS`` parameter pointing to a small
folder unlike the seeds: an HTML file, a GB18030 text, a Traditional-script text, no per-part
catalog, and a ``catalog.csv`` that dates two of the three documents (one year each). Heavy
parameters are turned down; the outputs are checked for the folder's own documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from retailkit.corpus import CATALOG_COLUMNS, SEEDS_DIR

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# notebook -> (name of its corpus parameter, other parameters: lighter settings for speed)
RUNS: dict[str, tuple[str, dict[str, object]]] = {
    "01_vocabulary": ("SEEDS", {}),
    "02_themes": ("SEEDS", {}),
    "03_sentiment": ("CORPUS", {"SNOWNLP_SAMPLE": 40, "N_BOOT": 100}),
    "04_topics": ("CORPUS", {"KS": [3, 4], "STABILITY_SEEDS": [0, 1], "MIN_DF": 1}),
    "05_synthesis": ("SEEDS", {"USE_HAND_LABELS": False, "N_BOOT": 100}),
}


@pytest.fixture(scope="module")
def own_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("my_articles")
    seed = {p.name[:3]: p for p in SEEDS_DIR.glob("*.txt")}
    (folder / "alpha.txt").write_bytes(seed["000"].read_bytes())  # Traditional, UTF-8
    body = seed["002"].read_text("utf-8").replace("\n", "</p>\n<p>")
    (folder / "beta.html").write_text(
        f"<html><head><title>beta</title><style>p {{}}</style></head><body><p>{body}</p>"
        "</body></html>",
        "utf-8",
    )
    (folder / "gamma.txt").write_bytes(seed["003"].read_text("utf-8").encode("gb18030"))
    empty = dict.fromkeys(CATALOG_COLUMNS, "")
    catalog = pd.DataFrame(
        [
            empty | {"doc_id": "alpha", "published": "2016-05", "script": "mainland"},
            empty | {"doc_id": "gamma", "published": "2019"},
        ]
    )
    catalog.to_csv(folder / "catalog.csv", index=False)
    return folder


def _outputs(notebook: dict) -> str:
    """All text the executed notebook shows (stream and text/plain outputs)."""
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_notebook_runs_on_another_folder(name: str, own_corpus: Path, tmp_path: Path) -> None:
    papermill = pytest.importorskip("papermill")
    parameter, extra = RUNS[name]
    figures = tmp_path / "figures"
    figures.mkdir()
    executed = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / f"{name}.ipynb"),
        str(executed),
        parameters={parameter: str(own_corpus), "FIGURES": str(figures), **extra},
        cwd=str(NOTEBOOKS),
        progress_bar=False,
        log_output=False,
    )
    shown = _outputs(json.loads(executed.read_text("utf-8")))
    assert "alpha" in shown and "gamma" in shown
    # The seeds appear only where the scorers' measured accuracy on their labelled sentences is
    # shown, never as articles of this corpus.
    assert "000 (2017)" not in shown and "004 (2013)" not in shown
    assert any(figures.iterdir()), "figures go to the FIGURES folder given"
