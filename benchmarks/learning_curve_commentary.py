"""How the commentary model's out-of-outlet figures grow with its training data (issue 14).

Fits the shipped design (``train_commentary_models.py``: its C and class weights, as chosen
there) on a share of the 人人都是产品经理 articles — a quarter, a half, three quarters, all;
three seeded draws below all — and scores the WeChat public accounts' sentences, which no fit
sees: stance AUC (approving vs skeptical toward the coded target) and target micro-F1. Then the
two passes of the public accounts' own human coding against each other, the yardstick any model
is held to. A line through the points (against log2 of the training size) says how many
doublings of the labelled data the issue's targets would need if the trend held.

Needs the rebuilt texts (``build_commentary_corpus.py rebuild``). Run:
``python benchmarks/learning_curve_commentary.py`` (about 6 minutes on 2 cores).
"""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pandas as pd
import train_commentary_models as training
from sklearn.linear_model import LogisticRegression

from retailkit.arguments.targets import TARGETS

SHARES = (0.25, 0.5, 0.75, 1.0)
DRAWS = 3
SEED = 0
TARGET_AUC, TARGET_F1 = 0.88, 0.75


def main() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        frame = training.load_commentary()
    training.precompute_dense(frame["sentence"].tolist())
    with contextlib.redirect_stdout(io.StringIO()):
        training.train_embeddings(frame)
    meta = json.loads((training.OUT / "commentary_model.json").read_text(encoding="utf-8"))
    stance_fit, target_fit = meta["metrics"]["stance"], meta["metrics"]["targets"]
    accounts = frame["outlet"].str.contains("微信公众号").to_numpy()
    pairs = training.stance_pairs(frame)
    pair_accounts = pairs["outlet"].str.contains("微信公众号").to_numpy()
    test_pairs = pairs[pair_accounts]
    truth = training.target_labels(frame)
    sentences = frame["sentence"].tolist()
    articles = np.array(sorted(frame.loc[~accounts, "article_id"].unique()))
    held = [s for s, a in zip(sentences, accounts, strict=True) if a]
    rng = np.random.default_rng(SEED)
    rows = []
    for share in SHARES:
        for draw in range(DRAWS if share < 1 else 1):
            chosen = set(rng.choice(articles, round(len(articles) * share), replace=False))
            train = pairs[~pair_accounts & pairs["article_id"].isin(chosen).to_numpy()]
            vec = training.vectoriser_for(train["sentence"].tolist())
            model = LogisticRegression(
                C=stance_fit["C"], max_iter=5000, class_weight=stance_fit["class_weight"]
            ).fit(
                training.matrix(vec, train["sentence"].tolist(), train["target"].tolist()),
                train["stance"].to_numpy(),
            )
            scores = training.approval(
                model,
                training.matrix(
                    vec, test_pairs["sentence"].tolist(), test_pairs["target"].tolist()
                ),
            )
            auc = training.polar_figures(scores, test_pairs["stance"].to_numpy())[0]
            fit = ~accounts & frame["article_id"].isin(chosen).to_numpy()
            fit_sentences = [s for s, f in zip(sentences, fit, strict=True) if f]
            vec = training.vectoriser_for(fit_sentences)
            models = training.fit_targets(
                vec,
                fit_sentences,
                truth[fit],
                target_fit["C"],
                target_fit["class_weight"],
            )
            predicted = training.predict_targets(models, vec, held)
            f1 = training.micro_f1(predicted, truth[accounts])[0]
            rows.append((share, draw, len(train), len(fit_sentences), auc, f1))
    table = pd.DataFrame(
        rows,
        columns=["share", "draw", "stance_pairs", "target_sentences", "stance_auc", "target_f1"],
    )
    mean = table.groupby("share").mean(numeric_only=True)
    print(
        "Trained on a share of 人人都是产品经理; scored on the WeChat public accounts "
        f"({len(test_pairs)} stance pairs, {int(accounts.sum())} sentences):"
    )
    print(
        mean[["stance_pairs", "target_sentences", "stance_auc", "target_f1"]].round(3).to_string()
    )
    for column, size, goal in (
        ("stance_auc", "stance_pairs", TARGET_AUC),
        ("target_f1", "target_sentences", TARGET_F1),
    ):
        slope, _intercept = np.polyfit(np.log2(table[size]), table[column], 1)
        doublings = (goal - mean[column].iloc[-1]) / slope if slope > 0 else float("inf")
        print(
            f"{column}: {slope:+.3f} a doubling of the training data; reaching {goal} at that "
            f"rate needs {doublings:.1f} more doublings ({2**doublings:,.0f}x the data)"
        )
    first = pd.concat([training.read(name) for _t, name, _b, _d in training.ROUNDS])
    second = training.read("codings_accounts_b.csv")
    both = first.merge(second, on="sentence_id", suffixes=("_a", "_b"))
    a = training.target_labels(both.rename(columns={"targets_a": "targets"}))
    b = training.target_labels(both.rename(columns={"targets_b": "targets"}))
    shared = [
        (row[f"stance_{t}_a"], row[f"stance_{t}_b"])
        for _, row in both.iterrows()
        for t in TARGETS
        if t in row["targets_a"].split(";") and t in row["targets_b"].split(";")
    ]
    polar = [(x, y) for x, y in shared if {x, y} <= {"approving", "skeptical"}]
    print(
        f"Human yardstick, the accounts' two blind passes ({len(both)} sentences): target "
        f"micro-F1 {training.micro_f1(a, b)[0]:.3f}; stance agreement on pairs both call polar "
        f"{np.mean([x == y for x, y in polar]):.3f} (n {len(polar)})"
    )


if __name__ == "__main__":
    main()
