"""The commentary model beside the other scorers (issue 14), on two sets of polar pairs.

* **Commentary** (other outlets' sentences, ``data/commentary/``, both labelling rounds with
  the adjudicated disagreements; texts rebuilt by ``build_commentary_corpus.py rebuild``):
  approving vs skeptical toward the coded target. The baselines never saw these sentences;
  the commentary model's figure is its article-grouped cross-validation from
  ``train_commentary_models.py`` (stored in the model file), since it was trained on them.
* **Other outlets**: the same, only the WeChat public accounts' pairs; the commentary model's
  figure is each account scored by a fit without it (stored in the model file).
* **Seeds** (``data/arguments/`` hand codings; no scorer was trained on them).

Scorers: the commentary model (target-aware), stance v1 and v2 (``retailkit.stance.score``),
the review model (``retailkit.sentiment.score``, trained on online_shopping_10_cats) and SnowNLP.
Run: ``python benchmarks/eval_commentary.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from train_commentary_models import load_commentary  # same folder: the codes it learned from

from retailkit import sentiment, stance
from retailkit.arguments import codings
from retailkit.arguments.model import load_model, stance_scores

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "commentary"


def commentary_pairs() -> pd.DataFrame:
    frame = load_commentary()
    rows = [
        (row.outlet, row.sentence, target, getattr(row, f"stance_{target}"))
        for row in frame.itertuples(index=False)
        for target in row.targets.split(";")
        if target
    ]
    return pd.DataFrame(rows, columns=["outlet", "sentence", "target", "stance"])


def figures(scores: np.ndarray, labels: pd.Series) -> tuple[float, float, int]:
    polar = labels.isin(["approving", "skeptical"]).to_numpy()
    positive = (labels[polar] == "approving").to_numpy()
    values = np.nan_to_num(scores[polar], nan=0.5)
    return (
        roc_auc_score(positive, values),
        float(((values > 0.5) == positive).mean()),
        int(polar.sum()),
    )


def main() -> None:
    gold = codings.load_codings()
    commentary = commentary_pairs()
    sets = {
        "commentary": commentary,
        "other outlets": commentary[commentary["outlet"].str.contains("微信公众号")],
        "seeds": gold[gold["target"] != ""],
    }
    for name, pairs in sets.items():
        sentences, labels = pairs["sentence"].tolist(), pairs["stance"]
        scorers = {
            "stance v1": stance.score(sentences, version="v1"),
            "stance v2": stance.score(sentences, version="v2"),
            "review model": sentiment.score(sentences),
            "SnowNLP": sentiment.score(sentences, engine="snownlp"),
        }
        if name == "seeds":
            scorers = {
                "commentary model": stance_scores(sentences, pairs["target"].tolist()),
                **scorers,
            }
        print(f"\n{name}: approving vs skeptical toward the coded target")
        cv = load_model()["metrics"]["stance"]
        if name == "commentary":
            cv_auc, cv_accuracy = cv["cv_auc"], cv["cv_accuracy"]
            print(
                f"  commentary model (article-grouped CV): AUC {cv_auc:.3f}, acc. {cv_accuracy:.3f}"
            )
        if name == "other outlets":
            auc, accuracy = cv["other_outlets_auc"], cv["other_outlets_accuracy"]
            print(
                f"  commentary model (each account scored by a fit without it): AUC {auc:.3f}, "
                f"acc. {accuracy:.3f}"
            )
        for scorer, scores in scorers.items():
            auc, accuracy, n = figures(
                np.asarray(scores, dtype=float), labels.reset_index(drop=True)
            )
            print(f"  {scorer}: AUC {auc:.3f}, accuracy {accuracy:.3f} ({n} pairs)")


if __name__ == "__main__":
    main()
