"""Train retailkit's review-sentiment model and write it to retailkit/data/sentiment/.

Data: the *train* split of online_shopping_10_cats (ChineseNlpCorpus, SophonPlus,
https://github.com/SophonPlus/ChineseNlpCorpus), via ``retailkit.reviews.load_reviews``.
The test split is never used for choosing anything; it is only scored at the end, with the
shipped (float16) weights, and the figures are recorded in the metadata.

Steps
1. Split the train split again, by a hash of the text, into a fitting fold (85 %) and a
   validation fold (15 %); duplicated reviews stay together.
2. Compare candidate feature sets and regularisation strengths on the validation fold (ROC AUC,
   accuracy at 0.5, Brier score, seconds to fit), and calibration methods (none, Platt, isotonic;
   calibrators fitted on 5-fold out-of-fold decision values of the fitting fold).
   Prints a Markdown table (pasted into benchmarks/README.md).
3. Choose, among the shippable candidates (hashed character n-grams: no vocabulary, no tokenizer
   at scoring time), those with the smallest weights file whose validation AUC is within 0.001 of
   the best, and among them the best validation AUC.
4. Refit it on the whole train split; Platt-calibrate on its 5-fold out-of-fold decision values;
   quantise IDF and coefficients to float16; write ``reviews_char_ngram_weights.npy`` and
   ``reviews_char_ngram.json`` (data SHA-256, parameters, metrics, citation).

Usage: python benchmarks/train_sentiment.py [path/to/online_shopping_10_cats.csv] [--quick]
(``--quick`` skips the comparison and trains the default configuration.) Single-threaded, about
three minutes on two cores.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from _paths import full_reviews_path
from scipy.special import expit
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

import retailkit
from retailkit.reviews import CITATION, load_reviews
from retailkit.sentiment import (
    DEFAULT_MODEL_DIR,
    DEFAULT_MODEL_NAME,
    FORMAT_VERSION,
    char_ngram_counts,
    has_chinese,
    load_model,
    score,
)

SEED = 0
VALIDATION_PERCENT = 15
N_FOLDS = 5
# Differences below this on the ~8,500-review validation fold are noise (its bootstrap SE of the
# AUC is about 0.001), so the smaller, faster model wins ties.
AUC_TOLERANCE = 0.001


@dataclass(frozen=True)
class Candidate:
    name: str
    features: str  # "char" | "word" | "char+word" | "nbsvm-char"
    ngram_range: tuple[int, int]
    n_features: int
    C: float

    @property
    def shippable(self) -> bool:
        return self.features == "char"


CANDIDATES = [
    Candidate("char 1-2, 2^18, C=8", "char", (1, 2), 2**18, 8.0),
    Candidate("char 1-3, 2^18, C=2", "char", (1, 3), 2**18, 2.0),
    Candidate("char 1-3, 2^18, C=8", "char", (1, 3), 2**18, 8.0),
    Candidate("char 1-3, 2^18, C=32", "char", (1, 3), 2**18, 32.0),
    Candidate("char 1-3, 2^20, C=8", "char", (1, 3), 2**20, 8.0),
    Candidate("char 1-4, 2^18, C=8", "char", (1, 4), 2**18, 8.0),
    Candidate("word 1-2 (rjieba), 2^18, C=8", "word", (1, 2), 2**18, 8.0),
    Candidate("char 1-3 + word 1-2, 2^18 each, C=8", "char+word", (1, 3), 2**18, 8.0),
    Candidate("NB-SVM char 1-3 (log-count ratio), 2^18, C=4", "nbsvm-char", (1, 3), 2**18, 4.0),
]
DEFAULT = CANDIDATES[2]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validation_mask(texts: pd.Series) -> np.ndarray:
    buckets = [
        int.from_bytes(hashlib.sha1(f"validation:{t}".encode()).digest()[:4], "big") % 100
        for t in texts
    ]
    return np.array(buckets) < VALIDATION_PERCENT


def word_counts(texts: list[str], n_features: int) -> Any:
    import rjieba
    from sklearn.feature_extraction.text import HashingVectorizer

    def analyse(text: str) -> list[str]:
        words = [w for w in rjieba.cut(text) if w.strip()]
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    vectoriser = HashingVectorizer(
        analyzer=analyse, n_features=n_features, alternate_sign=False, norm=None
    )
    return vectoriser.transform(texts).tocsr()


def counts_for(candidate: Candidate, texts: list[str]) -> Any:
    if candidate.features in ("char", "nbsvm-char"):
        return char_ngram_counts(
            texts, ngram_range=candidate.ngram_range, n_features=candidate.n_features
        )
    if candidate.features == "word":
        return word_counts(texts, candidate.n_features)
    return sp.hstack(
        [
            char_ngram_counts(
                texts, ngram_range=candidate.ngram_range, n_features=candidate.n_features
            ),
            word_counts(texts, candidate.n_features),
        ],
        format="csr",
    )


def idf_of(counts: Any) -> np.ndarray:
    """Smoothed IDF as in scikit-learn's TfidfTransformer: ln((1 + n) / (1 + df)) + 1."""
    n = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0


def tfidf(counts: Any, idf: np.ndarray) -> Any:
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    return normalize(weighted.multiply(idf).tocsr())


def log_count_ratio(counts: Any, y: np.ndarray) -> np.ndarray:
    binary = (counts > 0).astype(np.float64)
    p = np.asarray(binary[y == 1].sum(axis=0)).ravel() + 1.0
    q = np.asarray(binary[y == 0].sum(axis=0)).ravel() + 1.0
    return np.log((p / p.sum()) / (q / q.sum()))


def fit_logistic(X: Any, y: np.ndarray, C: float) -> LogisticRegression:
    model = LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=SEED)
    return model.fit(X, y)


def design(candidate: Candidate, counts: Any, y: np.ndarray | None, state: dict[str, Any]) -> Any:
    """TF-IDF (or NB-SVM) design matrix; ``state`` holds what was learned from the fitting rows."""
    if candidate.features == "nbsvm-char":
        if "ratio" not in state:
            assert y is not None
            state["ratio"] = log_count_ratio(counts, y)
        binary = (counts > 0).astype(np.float64)
        return normalize(binary.multiply(state["ratio"]).tocsr())
    if "idf" not in state:
        state["idf"] = idf_of(counts)
    return tfidf(counts, state["idf"])


def out_of_fold_decisions(
    candidate: Candidate, counts: Any, y: np.ndarray, *, n_folds: int = N_FOLDS
) -> np.ndarray:
    decisions = np.empty(len(y), dtype=np.float64)
    folds = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=SEED)
    for fit_rows, held_rows in folds.split(np.zeros(len(y)), y):
        state: dict[str, Any] = {}
        X_fit = design(candidate, counts[fit_rows], y[fit_rows], state)
        model = fit_logistic(X_fit, y[fit_rows], candidate.C)
        decisions[held_rows] = model.decision_function(
            design(candidate, counts[held_rows], None, state)
        )
    return decisions


def platt(decisions: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(decisions[:, None], y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    return {
        "n": len(y),
        "positive_rate": round(float(np.mean(y)), 4),
        "mean_score": round(float(np.mean(p)), 4),
        "auc": round(float(roc_auc_score(y, p)), 4),
        "accuracy": round(float(accuracy_score(y, p >= 0.5)), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "log_loss": round(float(log_loss(y, np.clip(p, 1e-9, 1 - 1e-9))), 4),
    }


def compare(train: pd.DataFrame) -> list[dict[str, Any]]:
    held = validation_mask(train["review"])
    fit_texts, val_texts = train["review"][~held].tolist(), train["review"][held].tolist()
    y_fit, y_val = train["label"].to_numpy()[~held], train["label"].to_numpy()[held]
    print(f"fitting fold {len(y_fit):,} reviews, validation fold {len(y_val):,}\n", flush=True)
    rows = []
    for candidate in CANDIDATES:
        start = time.perf_counter()
        counts_fit = counts_for(candidate, fit_texts)
        state: dict[str, Any] = {}
        model = fit_logistic(design(candidate, counts_fit, y_fit, state), y_fit, candidate.C)
        seconds = time.perf_counter() - start
        z = model.decision_function(
            design(candidate, counts_for(candidate, val_texts), None, state)
        )
        row = {"candidate": candidate.name, "shippable": candidate.shippable, "fit_s": seconds}
        row.update(metrics(y_val, expit(z)))
        rows.append(row)
        print(
            f"{candidate.name:48s} AUC {row['auc']:.4f}  acc {row['accuracy']:.4f}  "
            f"Brier {row['brier']:.4f}  fit {seconds:.0f} s",
            flush=True,
        )
    chosen = choose(rows)
    print(f"\nchosen: {chosen.name}\n", flush=True)
    # Calibration methods for the chosen candidate: calibrators learn from out-of-fold
    # decision values of the fitting fold, and are judged on the validation fold.
    counts_fit = counts_for(chosen, fit_texts)
    oof = out_of_fold_decisions(chosen, counts_fit, y_fit)
    state = {}
    model = fit_logistic(design(chosen, counts_fit, y_fit, state), y_fit, chosen.C)
    z_val = model.decision_function(design(chosen, counts_for(chosen, val_texts), None, state))
    a, b = platt(oof, y_fit)
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(oof, y_fit)
    for method, p in (
        ("none (logistic output)", expit(z_val)),
        ("Platt (sigmoid)", expit(a * z_val + b)),
        ("isotonic", isotonic.predict(z_val)),
    ):
        row = {"candidate": f"{chosen.name} + calibration: {method}", "shippable": True}
        row.update(metrics(y_val, p))
        rows.append(row)
        print(
            f"calibration {method:28s} AUC {row['auc']:.4f}  acc {row['accuracy']:.4f}  "
            f"Brier {row['brier']:.4f}  log loss {row['log_loss']:.4f}",
            flush=True,
        )
    return rows


def choose(rows: list[dict[str, Any]]) -> Candidate:
    """Smallest weights file within AUC_TOLERANCE of the best shippable AUC; then best AUC."""
    by_name = {c.name: c for c in CANDIDATES}
    shippable = [r for r in rows if r["candidate"] in by_name and by_name[r["candidate"]].shippable]
    best_auc = max(r["auc"] for r in shippable)
    close = [r for r in shippable if r["auc"] >= best_auc - AUC_TOLERANCE]
    smallest = min(by_name[r["candidate"]].n_features for r in close)
    best = max(
        (r for r in close if by_name[r["candidate"]].n_features == smallest),
        key=lambda r: r["auc"],
    )
    return by_name[best["candidate"]]


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| candidate (validation fold of the train split) | shippable | AUC | accuracy "
        "| Brier | fit s |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        fit = f"{r['fit_s']:.0f}" if "fit_s" in r else ""
        lines.append(
            f"| {r['candidate']} | {'yes' if r['shippable'] else 'no'} | {r['auc']:.4f} | "
            f"{r['accuracy']:.4f} | {r['brier']:.4f} | {fit} |"
        )
    return "\n".join(lines)


def train_final(
    train: pd.DataFrame, candidate: Candidate, source: Path, comparison: list[dict[str, Any]]
) -> None:
    texts = train["review"].tolist()
    y = train["label"].to_numpy()
    counts = counts_for(candidate, texts)
    oof = out_of_fold_decisions(candidate, counts, y)
    a, b = platt(oof, y)
    state: dict[str, Any] = {}
    model = fit_logistic(design(candidate, counts, y, state), y, candidate.C)
    weights = np.vstack([state["idf"], model.coef_[0]]).astype(np.float16)
    DEFAULT_MODEL_DIR.mkdir(parents=True, exist_ok=True)
    weights_path = DEFAULT_MODEL_DIR / f"{DEFAULT_MODEL_NAME}_weights.npy"
    np.save(weights_path, weights, allow_pickle=False)
    metadata: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "name": DEFAULT_MODEL_NAME,
        "description": (
            "Review sentiment: P(positive) from hashed character n-gram TF-IDF features and "
            "a logistic regression, Platt-calibrated on 5-fold out-of-fold decision values."
        ),
        "retailkit_version": retailkit.__version__,
        "scikit_learn_version": sklearn.__version__,
        "citation": CITATION,
        "data": {
            "file": source.name,
            "sha256": sha256_of(source),
            "split": "train",
            "rows": len(train),
            "positive_rate": round(float(y.mean()), 4),
        },
        "features": {
            "analyzer": "char",
            "ngram_range": list(candidate.ngram_range),
            "n_features": candidate.n_features,
            "preprocessing": "NFKC, lower-case (retailkit.sentiment.char_ngram_counts)",
            "hashing": "sklearn HashingVectorizer, MurmurHash3 seed 0, alternate_sign=False",
            "tf": "sublinear: 1 + ln(count)",
            "idf": "smooth: ln((1 + n) / (1 + df)) + 1, learned on the train split",
            "norm": "l2",
        },
        "classifier": {
            "type": "logistic regression (liblinear, L2)",
            "C": candidate.C,
            "intercept": float(model.intercept_[0]),
        },
        "calibration": {
            "method": "platt",
            "a": a,
            "b": b,
            "fitted_on": f"{N_FOLDS}-fold out-of-fold decision values",
        },
        "weights": {
            "file": weights_path.name,
            "rows": ["idf", "coef"],
            "shape": list(weights.shape),
            "dtype": str(weights.dtype),
            "sha256": sha256_of(weights_path),
        },
        "metrics": {},
        "selection": [{k: v for k, v in r.items() if k != "fit_s"} for r in comparison],
    }
    json_path = DEFAULT_MODEL_DIR / f"{DEFAULT_MODEL_NAME}.json"
    json_path.write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # Metrics of the model as shipped (float16 weights, through retailkit.sentiment.score).
    shipped = load_model(json_path)
    p_oof = expit(a * oof + b)
    metadata["metrics"]["train_out_of_fold"] = metrics(y, p_oof)
    test = load_reviews(source, split="test")
    p_test = score(test["review"].tolist(), model=shipped)
    covered = np.isfinite(p_test)
    metadata["metrics"]["test_split"] = metrics(
        test["label"].to_numpy(), np.where(covered, p_test, 0.5)
    )
    metadata["metrics"]["test_split"]["no_chinese_scored_0.5"] = int((~covered).sum())
    metadata["metrics"]["train_no_chinese"] = int(sum(not has_chinese(t) for t in texts))
    json_path.write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(metadata["metrics"], indent=2))
    print(
        f"wrote {weights_path.name} ({weights_path.stat().st_size / 1e6:.2f} MB) "
        f"and {json_path.name}"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = full_reviews_path(args[0] if args else None)
    train = load_reviews(source, split="train")
    print(f"{source.name}: SHA-256 {sha256_of(source)}, train split {len(train):,} reviews")
    if "--quick" in sys.argv:
        comparison: list[dict[str, Any]] = []
        chosen = DEFAULT
    else:
        comparison = compare(train)
        print(markdown(comparison), "\n")
        chosen = choose(comparison)
    train_final(train, chosen, source, comparison)


if __name__ == "__main__":
    main()
