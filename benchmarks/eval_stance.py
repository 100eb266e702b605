"""Evaluate the stance scorer on the hand-labelled seed sentences (issue 7).

Prints, computed now from ``data/stance/labels_a.csv``:

1. AUC and accuracy (approving vs skeptical) with bootstrap 95 % intervals, coverage and the
   neutral band's precision, per article and overall, for the default scorer
   (``retailkit.stance.score``, row ``stance``), both versions side by side (``stance_v1``,
   ``stance_v2``, each with its own band), the review model (``retailkit.sentiment.score``)
   and SnowNLP; then a compact v1-vs-v2 table;
2. the same for a variant fitted on the seed labels, scored by leave-one-article-out
   cross-validation only;
3. the figures on the development sentences each version was fitted on (in-sample);
4. inter-annotator agreement (Cohen's kappa) where ``data/stance/labels_b.csv`` exists;
5. speed of both versions (sentences per second).

Usage: ``python benchmarks/eval_stance.py`` (about a minute on 2 cores).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from retailkit import stance

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 30)
SHOWN = [c for c in stance.SUMMARY_COLUMNS if c != "n_neutral"]


def main() -> None:
    model = stance.load_model()
    print(f"default scorer: {stance.DEFAULT_VERSION}")
    print(f"v1 model version {model['version']}, band {model['band']}")
    print(f"v1 coefficients {model['coefficients']}")
    model_v2 = stance.load_model_v2()
    print(f"v2 model version {model_v2['version']}, band {model_v2['band']}, ", end="")
    print(f"{model_v2['char_ngram']['n_ngrams']} character n-grams\n")

    summary = stance.evaluation_summary()
    summary["article"] = summary["article"].str[:3]
    print("1. Seed sentences (test set), per article and overall")
    print(summary[SHOWN].round(3).to_string(index=False))
    wide = summary[summary["scorer"].isin(["stance_v1", "stance_v2"])].pivot(
        index="article", columns="scorer", values=["auc", "accuracy", "neutral_precision"]
    )
    wide.columns = [f"{metric} {scorer[-2:]}" for metric, scorer in wide.columns]
    polar = summary[summary["scorer"] == "stance_v1"].set_index("article")
    wide.insert(0, "n_polar", polar["n_approving"] + polar["n_skeptical"])
    print("\n1b. v1 and v2 side by side (approving vs skeptical; band precision over all)")
    print(wide.round(3).to_string())

    labelled = stance.load_labelled()
    band_v1 = stance.default_band("v1")
    variant = stance.leave_one_article_out_scores(labelled)
    rows = []
    for article, group in labelled.groupby("doc_id"):
        result = stance.evaluate(variant[group.index], group["label"], band=band_v1)
        rows.append({"article": str(article)[:3], **result})
    rows.append({"article": "all", **stance.evaluate(variant, labelled["label"], band=band_v1)})
    print("\n2. Variant fitted on seed labels, leave-one-article-out (not shipped)")
    frame = pd.DataFrame(rows)
    print(frame[[c for c in SHOWN if c != "scorer"]].round(3).to_string(index=False))

    dev_rows = []
    for version, which in (("v1", "v1"), ("v2", "all")):
        dev = stance.load_development_set(which)  # type: ignore[arg-type]
        dev_scores = stance.score(dev["text"].tolist(), version=version)  # type: ignore[arg-type]
        result = stance.evaluate(
            dev_scores,
            dev["label"],
            band=stance.default_band(version),  # type: ignore[arg-type]
        )
        dev_rows.append({"scorer": f"stance_{version}", "article": f"dev {which}", **result})
    print("\n3. Development sentences (each version was fitted on its set: in-sample)")
    print(pd.DataFrame(dev_rows)[SHOWN].round(3).to_string(index=False))

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
    print("\n5. Speed")
    for version in ("v1", "v2"):
        stance.score(texts[:10], version=version)  # type: ignore[arg-type]
        start = time.perf_counter()
        stance.score(texts, version=version)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        rate = len(texts) / elapsed
        print(f"   {version}: {len(texts)} sentences in {elapsed:.2f} s ({rate:,.0f}/s)")
    print(f"   (numpy {np.__version__}, pandas {pd.__version__})")


if __name__ == "__main__":
    main()
