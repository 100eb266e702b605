"""The notebooks run on a researcher's own articles and labelled reviews, not only on ours.

Each notebook is executed with papermill, its ``SEEDS``/``CORPUS`` parameter pointing to a small
folder unlike the seeds (an HTML file, a GB18030 text, a Traditional-script text, no per-part
catalog, and a ``catalog.csv`` that dates one of the three documents, so the over-time sections
must say they have too little to compare) and, where it validates on reviews, ``REVIEWS``
pointing to a labelled CSV with two categories retailkit has no gloss for. Heavy parameters are
turned down; the outputs are checked for the user's own documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from retailkit.corpus import CATALOG_COLUMNS, SEEDS_DIR
from retailkit.reviews import load_review_sample

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# notebook -> (its corpus parameter or None, uses REVIEWS?, lighter settings for speed)
RUNS: dict[str, tuple[str | None, bool, dict[str, object]]] = {
    "01_vocabulary": ("SEEDS", False, {}),
    "02_themes": ("SEEDS", False, {}),
    "03_sentiment": ("CORPUS", True, {"SNOWNLP_SAMPLE": 40, "N_BOOT": 100}),
    "04_topics": ("CORPUS", True, {"KS": [3, 4], "STABILITY_SEEDS": [0, 1], "MIN_DF": 1}),
    "05_synthesis": ("SEEDS", False, {"N_BOOT": 100}),  # USE_HAND_LABELS left at its default
    "06_validation": (None, True, {"SNOWNLP_SAMPLE": 40, "N_BOOT": 100, "TOPIC_SEEDS": [0]}),
}
# Categories of the user's reviews that retailkit has no English gloss for.
OWN_CATEGORIES = {"热水器": "家电", "水果": "生鲜"}


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
    catalog = pd.DataFrame([empty | {"doc_id": "alpha", "published": "2016-05"}])
    catalog.to_csv(folder / "catalog.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def own_reviews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = load_review_sample()
    picked = sample.groupby(["cat", "label"]).head(15)[["cat", "label", "review"]]
    path = tmp_path_factory.mktemp("my_reviews") / "labelled.csv"
    picked.assign(cat=picked["cat"].replace(OWN_CATEGORIES)).to_csv(path, index=False)
    return path


def _outputs(notebook: dict) -> str:
    """All text the executed notebook shows (stream and text/plain outputs)."""
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_notebook_runs_on_a_researchers_own_data(
    name: str, own_corpus: Path, own_reviews: Path, tmp_path: Path
) -> None:
    papermill = pytest.importorskip("papermill")
    corpus_parameter, uses_reviews, extra = RUNS[name]
    figures = tmp_path / "figures"
    figures.mkdir()
    parameters = {"FIGURES": str(figures), **extra}
    if corpus_parameter:
        parameters[corpus_parameter] = str(own_corpus)
    if uses_reviews:
        parameters["REVIEWS"] = str(own_reviews)
    executed = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / f"{name}.ipynb"),
        str(executed),
        parameters=parameters,
        cwd=str(NOTEBOOKS),
        progress_bar=False,
        log_output=False,
    )
    shown = _outputs(json.loads(executed.read_text("utf-8")))
    if corpus_parameter:
        assert "alpha" in shown and "gamma" in shown
        # The seeds appear only where the scorers' measured accuracy on their labelled
        # sentences is shown, never as articles of this corpus.
        assert "000 (2017)" not in shown and "004 (2013)" not in shown
    if name == "02_themes":
        assert "fewer than two years of publication: no comparison over time" in shown
        assert "left out (no year of publication in catalog.csv): beta/1, gamma/1" in shown
    if name == "05_synthesis":
        assert "No comparison over time: fewer than two years of publication are known." in shown
        # The seeds' annotated labels are not applied to other texts unless asked for.
        assert "Stance read by annotated labels" not in shown
        assert "Stance read by lexicon scorer" in shown
        assert "measured on the annotated sentences of the project's five seed articles" in shown
    if uses_reviews:
        assert all(category in shown for category in OWN_CATEGORIES.values())
        assert "6,346" not in shown  # the size of the committed sample: it was not used
    assert any(figures.iterdir()), "figures go to the FIGURES folder given"
