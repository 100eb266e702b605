"""Validate retailkit's review-sentiment model; compare it with SnowNLP on the same texts.

Data: online_shopping_10_cats (ChineseNlpCorpus, SophonPlus,
https://github.com/SophonPlus/ChineseNlpCorpus), split by ``retailkit.reviews.split_of``.

1. **Held-out split** (same ten categories): the shipped model on the whole test split
   (6,346 reviews): accuracy at 0.5, ROC AUC, Brier score, log loss and a reliability table.
2. **SnowNLP side by side**: both engines on the same stratified random sample of the test split
   (``--sample``, default 2,000 reviews, seed 0): accuracy, AUC, Brier; and the speed of both in
   this one run (reviews per second; retailkit scoring the batch in one call, and one review per
   call; SnowNLP one review per call, as its API works).
3. **Leave-one-category-out**: for each category, the shipped recipe (features, C, Platt
   calibration on 3-fold out-of-fold decision values) is retrained on the train split of the other
   nine categories and tested on every review of the held-out category whose text does not occur
   in that training data. SnowNLP is shown beside it on the same texts of the sample of step 2
   (SnowNLP is not retrained; its own training reviews are undocumented).

Reviews without a Chinese character (score NaN) count as 0.5 in the metrics; their number is
printed. Usage: python benchmarks/bench_sentiment.py [path/to/csv] [--sample N] [--skip-loco]
Single-threaded; about ten minutes on two cores (SnowNLP and the ten refits dominate).
"""

from __future__ import annotations

import sys
import time
from typing import Any

import numpy as np
import pandas as pd
from _paths import full_reviews_path
from scipy.special import expit
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score
from train_sentiment import (
    Candidate,
    counts_for,
    design,
    fit_logistic,
    out_of_fold_decisions,
    platt,
)

from retailkit.reviews import load_reviews, normalise_review
from retailkit.sentiment import has_chinese, load_model, reliability_table, score

SEED = 0
LOCO_FOLDS = 3


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    missing = ~np.isfinite(p)
    filled = np.where(missing, 0.5, p)
    return {
        "n": len(y),
        "no_chinese": int(missing.sum()),
        "positive_rate": float(np.mean(y)),
        "mean_score": float(np.mean(filled)),
        "auc": float(roc_auc_score(y, filled)) if len(set(y)) == 2 else float("nan"),
        "accuracy": float(accuracy_score(y, filled >= 0.5)),
        "brier": float(brier_score_loss(y, filled)),
        "log_loss": float(log_loss(y, np.clip(filled, 1e-9, 1 - 1e-9), labels=[0, 1])),
    }


def reliability(y: np.ndarray, p: np.ndarray) -> pd.DataFrame:
    frame = reliability_table(y, p, bins=10)
    frame.insert(
        0,
        "bin",
        [f"[{a:.1f}, {b:.1f})" for a, b in zip(frame["bin_low"], frame["bin_high"], strict=True)],
    )
    return frame


def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    frame = pd.DataFrame(rows)[columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for _, row in frame.iterrows():
        cells = [
            f"{v:.4f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)
            for v in row
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def held_out(test: pd.DataFrame) -> None:
    p = score(test["review"].tolist())
    y = test["label"].to_numpy()
    m = metrics(y, p)
    print("## 1. Held-out test split, shipped model\n")
    print(
        table(
            [{"model": "retailkit (shipped)", **m}],
            [
                "model",
                "n",
                "no_chinese",
                "positive_rate",
                "mean_score",
                "auc",
                "accuracy",
                "brier",
                "log_loss",
            ],
        )
    )
    print("\nReliability (10 equal-width bins):\n")
    print(
        table(reliability(y, p).to_dict("records"), ["bin", "n", "mean_score", "observed_positive"])
    )
    per_category = [
        {"category": cat, **metrics(group["label"].to_numpy(), p[group.index.to_numpy()])}
        for cat, group in test.groupby("cat", sort=True)
    ]
    print("\nPer category (same model, test split):\n")
    print(table(per_category, ["category", "n", "auc", "accuracy", "brier"]))


def side_by_side(sample: pd.DataFrame) -> pd.DataFrame:
    texts = sample["review"].tolist()
    y = sample["label"].to_numpy()
    score(["预热"])  # load the model before timing
    score(["预热"], engine="snownlp")  # load SnowNLP's marshal files before timing
    start = time.perf_counter()
    p_retailkit = score(texts)
    retailkit_batch_s = time.perf_counter() - start
    start = time.perf_counter()
    p_single = np.array([score([t])[0] for t in texts])
    retailkit_single_s = time.perf_counter() - start
    start = time.perf_counter()
    p_snownlp = score(texts, engine="snownlp")
    snownlp_s = time.perf_counter() - start
    assert np.allclose(p_single, p_retailkit, equal_nan=True)
    print(
        f"\n## 2. Side by side on the same {len(texts):,} test reviews "
        f"(random sample, seed {SEED})\n"
    )
    rows = [
        {"engine": "retailkit", **metrics(y, p_retailkit)},
        {"engine": "snownlp", **metrics(y, p_snownlp)},
    ]
    print(
        table(
            rows,
            [
                "engine",
                "n",
                "no_chinese",
                "positive_rate",
                "mean_score",
                "auc",
                "accuracy",
                "brier",
                "log_loss",
            ],
        )
    )
    print("\nSnowNLP reliability:\n")
    print(
        table(
            reliability(y, p_snownlp).to_dict("records"),
            ["bin", "n", "mean_score", "observed_positive"],
        )
    )
    n = len(texts)
    speed = [
        {
            "engine": "retailkit, one call for the batch",
            "seconds": retailkit_batch_s,
            "reviews_per_s": n / retailkit_batch_s,
            "x_snownlp": snownlp_s / retailkit_batch_s,
        },
        {
            "engine": "retailkit, one call per review",
            "seconds": retailkit_single_s,
            "reviews_per_s": n / retailkit_single_s,
            "x_snownlp": snownlp_s / retailkit_single_s,
        },
        {
            "engine": "snownlp, one call per review",
            "seconds": snownlp_s,
            "reviews_per_s": n / snownlp_s,
            "x_snownlp": 1.0,
        },
    ]
    print("\nSpeed, same texts, same run:\n")
    print(table(speed, ["engine", "seconds", "reviews_per_s", "x_snownlp"]))
    return sample.assign(snownlp=p_snownlp)


def leave_one_category_out(reviews: pd.DataFrame, sample: pd.DataFrame) -> None:
    shipped = load_model()
    params = shipped.metadata
    candidate = Candidate(
        "shipped recipe",
        "char",
        tuple(params["features"]["ngram_range"]),  # type: ignore[arg-type]
        int(params["features"]["n_features"]),
        float(params["classifier"]["C"]),
    )
    rows = []
    for category in sorted(reviews["cat"].unique()):
        start = time.perf_counter()
        train = reviews[(reviews["cat"] != category) & (reviews["split"] == "train")]
        seen = set(train["review"].map(normalise_review))
        target = reviews[reviews["cat"] == category]
        overlap = target["review"].map(normalise_review).isin(seen)
        test = target[~overlap]
        texts, y = train["review"].tolist(), train["label"].to_numpy()
        counts = counts_for(candidate, texts)
        oof = out_of_fold_decisions(candidate, counts, y, n_folds=LOCO_FOLDS)
        a, b = platt(oof, y)
        state: dict[str, Any] = {}
        model = fit_logistic(design(candidate, counts, y, state), y, candidate.C)
        test_texts = test["review"].tolist()
        z = model.decision_function(
            design(candidate, counts_for(candidate, test_texts), None, state)
        )
        p = expit(a * z + b)
        p[[not has_chinese(t) for t in test_texts]] = np.nan
        m = metrics(test["label"].to_numpy(), p)
        snow = sample[
            (sample["cat"] == category) & ~sample["review"].map(normalise_review).isin(seen)
        ]
        # The retailkit LOCO model on exactly SnowNLP's texts, for a like-for-like row.
        snow_p = score_with(model, state, candidate, a, b, snow["review"].tolist())
        rows.append(
            {
                "category": category,
                "n_test": m["n"],
                "dropped_seen_text": int(overlap.sum()),
                "positive_rate": m["positive_rate"],
                "auc": m["auc"],
                "accuracy": m["accuracy"],
                "brier": m["brier"],
                "mean_score": m["mean_score"],
                "n_sample": len(snow),
                "auc_on_sample": metrics(snow["label"].to_numpy(), snow_p)["auc"],
                "acc_on_sample": metrics(snow["label"].to_numpy(), snow_p)["accuracy"],
                "snownlp_auc": metrics(snow["label"].to_numpy(), snow["snownlp"].to_numpy())["auc"],
                "snownlp_acc": metrics(snow["label"].to_numpy(), snow["snownlp"].to_numpy())[
                    "accuracy"
                ],
            }
        )
        print(
            f"  {category}: AUC {m['auc']:.4f} acc {m['accuracy']:.4f} "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    frame = pd.DataFrame(rows)
    mean = {
        "category": "mean",
        **{c: float(frame[c].mean()) for c in frame.columns if c != "category"},
    }
    for c in ("n_test", "dropped_seen_text", "n_sample"):
        mean[c] = int(frame[c].sum())
    print("\n## 3. Leave one category out (retrained on the other nine)\n")
    print(table([*rows, mean], list(frame.columns)))


def score_with(
    model: Any, state: dict[str, Any], candidate: Candidate, a: float, b: float, texts: list[str]
) -> np.ndarray:
    if not texts:
        return np.zeros(0)
    z = model.decision_function(design(candidate, counts_for(candidate, texts), None, state))
    p = expit(a * z + b)
    p[[not has_chinese(t) for t in texts]] = np.nan
    return p


def main() -> None:
    args = sys.argv[1:]
    sample_size = int(args[args.index("--sample") + 1]) if "--sample" in args else 2000
    positional = [
        a
        for i, a in enumerate(args)
        if not a.startswith("--") and (i == 0 or args[i - 1] != "--sample")
    ]
    source = full_reviews_path(positional[0] if positional else None)
    reviews = load_reviews(source)
    test = reviews[reviews["split"] == "test"].reset_index(drop=True)
    print(f"{source.name}: {len(reviews):,} reviews, test split {len(test):,}\n")
    held_out(test)
    sample = test.sample(n=min(sample_size, len(test)), random_state=SEED).sort_index()
    sample = side_by_side(sample)
    if "--skip-loco" not in args:
        print("\nleave-one-category-out ...", flush=True)
        leave_one_category_out(reviews, sample)


if __name__ == "__main__":
    main()
