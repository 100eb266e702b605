"""Evaluate the stance scorer on the hand-labelled seed sentences (issue 7).

Prints, computed now from ``data/stance/labels_a.csv``:

1. AUC and accuracy (approving vs skeptical) with bootstrap 95 % intervals, coverage and the
   neutral band's precision, per article and overall, for the shipped scorer
   (``retailkit.stance.score``), the review model (``retailkit.sentiment.score``) and SnowNLP;
2. the same for a variant fitted on the seed labels, scored by leave-one-article-out
   cross-validation only;
3. the figures on the development sentences the shipped weights were fitted on (in-sample);
4. inter-annotator agreement (Cohen's kappa) where ``data/stance/labels_b.csv`` exists;
5. speed of the shipped scorer (sentences per second).

Usage: ``python benchmarks/eval_stance.py`` (about a minute on 2 cores).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from retailkit import stance

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 30)
SHOWN = [
    "scorer",
    "article",
    "n",
    "n_approving",
    "n_skeptical",
    "auc",
    "auc_low",
    "auc_high",
    "accuracy",
    "accuracy_low",
    "accuracy_high",
    "coverage",
    "band_share",
    "neutral_precision",
    "approving_precision",
    "skeptical_precision",
]


def main() -> None:
    model = stance.load_model()
    print(f"shipped model version {model['version']}, band {model['band']}")
    print(f"coefficients {model['coefficients']}\n")

    summary = stance.evaluation_summary()
    summary["article"] = summary["article"].str[:3]
    print("1. Seed sentences (test set), per article and overall")
    print(summary[SHOWN].round(3).to_string(index=False))

    labelled = stance.load_labelled()
    variant = stance.leave_one_article_out_scores(labelled)
    rows = []
    for article, group in labelled.groupby("doc_id"):
        result = stance.evaluate(variant[group.index], group["label"])
        rows.append({"article": str(article)[:3], **result})
    rows.append({"article": "all", **stance.evaluate(variant, labelled["label"])})
    print("\n2. Variant fitted on seed labels, leave-one-article-out (not shipped)")
    frame = pd.DataFrame(rows)
    print(frame[[c for c in SHOWN if c != "scorer"]].round(3).to_string(index=False))

    dev = stance.load_development_set()
    dev_result = stance.evaluate(stance.score(dev["text"].tolist()), dev["label"])
    print("\n3. Development sentences (the shipped weights were fitted on them: in-sample)")
    print(pd.DataFrame([dev_result])[[c for c in SHOWN[2:]]].round(3).to_string(index=False))

    print("\n4. Inter-annotator agreement")
    both = labelled[labelled["label_b"] != ""]
    if both.empty:
        print("labels_b.csv not found: no second pass yet")
    else:
        from sklearn.metrics import cohen_kappa_score

        kappa = cohen_kappa_score(both["label"], both["label_b"])
        print(f"n = {len(both)}, raw agreement = {(both['label'] == both['label_b']).mean():.3f}")
        print(f"Cohen's kappa = {kappa:.3f}")
        print(pd.crosstab(both["label"], both["label_b"], rownames=["A"], colnames=["B"]))

    texts = labelled["text"].tolist() * 3
    stance.score(texts[:10])  # load lexicons and tokenizer first
    start = time.perf_counter()
    stance.score(texts)
    elapsed = time.perf_counter() - start
    print(f"\n5. Speed: {len(texts)} sentences in {elapsed:.2f} s ({len(texts) / elapsed:,.0f}/s)")
    print(f"   (numpy {np.__version__}, pandas {pd.__version__})")


if __name__ == "__main__":
    main()
