"""Benchmark ``TopicModel.infer``: agreement with the fitted shares, held-out quality, speed.

Data: the committed review sample ``data/reviews/online_shopping_10_cats_test_sample.csv``
(6,346 reviews of online_shopping_10_cats, ChineseNlpCorpus, SophonPlus,
https://github.com/SophonPlus/ChineseNlpCorpus), tokenised with ``retailkit.tokenize_many``.
k = 10, default options, seeds 0, 1, 2, both engines. For each model:

1. **Agreement on the fitted documents**: ``model.infer(docs)`` against ``model.doc_topics``
   over the documents with at least one vocabulary term: the share whose dominant topic is the
   same, the mean absolute difference per cell, and the mean total-variation distance per
   document (half the L1 distance of the two rows).
2. **Quality**: NMI (sklearn ``normalized_mutual_info_score``) of the dominant topic against the
   product category, from the fitted ``doc_topics`` and from the inferred shares.
3. **Fit on a sample, infer the rest** (what ``retailkit topics`` does): the model is fitted on
   a seeded half of the reviews and infers all; NMI on the fitted half and on the other half.
4. **Speed**: documents per second of ``infer`` (one process, tokenised input).
5. **Determinism**: SHA-256 of ``infer`` of all documents at once, in batches of 1,000 taken
   in reverse order, one document at a time (first 500), after a save/load round trip, and in a
   child process with another ``PYTHONHASHSEED``: all must be equal.

``--cli`` also times ``retailkit topics`` (``--jobs 2``, ``--sample 20000``) on the full
62,774-review file (``_paths.full_reviews_path``), pass by pass from its manifest.

Usage: python benchmarks/bench_topic_inference.py [--cli] [--seeds 0,1,2]
About two minutes on two cores (the gensim fits dominate); ``--cli`` adds about one more.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

import retailkit
from retailkit.reviews import load_review_sample
from retailkit.topics import TopicModel, fit_lda

HERE = Path(__file__).resolve().parent
K = 10

_CHILD = """
import hashlib, sys
import retailkit
from retailkit.reviews import load_review_sample
from retailkit.topics import TopicModel
model = TopicModel.load(sys.argv[1])
shares = model.infer(retailkit.tokenize_many(load_review_sample()["review"].tolist()))
print(hashlib.sha256(shares.tobytes()).hexdigest())
"""


def digest(shares: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(shares).tobytes()).hexdigest()


def nmi(shares: np.ndarray, labels: np.ndarray) -> float:
    return float(normalized_mutual_info_score(labels, shares.argmax(axis=1)))


def agreement(model: TopicModel, docs: list[list[str]], labels: np.ndarray) -> dict[str, float]:
    started = time.perf_counter()
    inferred = model.infer(docs)
    seconds = time.perf_counter() - started
    used = model.doc_lengths_ > 0
    fitted, shares = model.doc_topics[used], inferred[used]
    return {
        "dominant_same": float((fitted.argmax(1) == shares.argmax(1)).mean()),
        "mean_abs_diff": float(np.abs(fitted - shares).mean()),
        "mean_tv": float(0.5 * np.abs(fitted - shares).sum(axis=1).mean()),
        "nmi_fitted": nmi(model.doc_topics, labels),
        "nmi_inferred": nmi(inferred, labels),
        "docs_per_s": len(docs) / seconds,
    }


def held_out(docs: list[list[str]], labels: np.ndarray, engine: str, seed: int) -> dict[str, float]:
    half = np.random.default_rng(seed).permutation(len(docs))[: len(docs) // 2]
    in_sample = np.zeros(len(docs), dtype=bool)
    in_sample[half] = True
    model = fit_lda([docs[i] for i in np.flatnonzero(in_sample)], K, seed=seed, engine=engine)  # type: ignore[arg-type]
    shares = model.infer(docs)
    return {
        "nmi_sample": nmi(shares[in_sample], labels[in_sample]),
        "nmi_rest": nmi(shares[~in_sample], labels[~in_sample]),
    }


def determinism(model: TopicModel, docs: list[list[str]], folder: Path) -> dict[str, str]:
    whole = model.infer(docs)
    starts = list(range(0, len(docs), 1000))[::-1]
    batches = {start: model.infer(docs[start : start + 1000]) for start in starts}
    batched = np.vstack([batches[start] for start in sorted(batches)])
    single = np.vstack([model.infer([doc]) for doc in docs[:500]])
    path = model.save(folder / "model.npz")
    loaded = TopicModel.load(path).infer(docs)
    env = dict(os.environ, PYTHONHASHSEED="321")
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    return {
        "whole": digest(whole),
        "batches": digest(batched),
        "one_by_one_first_500": "equal" if np.array_equal(single, whole[:500]) else "DIFFERENT",
        "loaded": digest(loaded),
        "child": child,
    }


def run_cli(folder: Path) -> None:
    from _paths import full_reviews_path

    source = full_reviews_path()
    out = folder / "cli"
    command = [sys.executable, "-m", "retailkit", "topics", str(source), "--text-column", "review"]
    command += ["--out", str(out), "--k", str(K), "--sample", "20000", "--jobs", "2", "--quiet"]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    table = pd.read_parquet(out / "doc_topics.parquet")
    print(f"\nretailkit topics --jobs 2 on {source.name}: {wall:.1f} s wall")
    print(" counts", manifest["counts"])
    print(" timings", manifest["timings"])
    print(f" rows {len(table):,}, in_sample {int(table['in_sample'].sum()):,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--cli", action="store_true", help="also time retailkit topics")
    args = parser.parse_args()
    seeds = [int(seed) for seed in args.seeds.split(",")]
    print(f"retailkit {retailkit.__version__}, load average {os.getloadavg()[0]:.1f}")
    reviews = load_review_sample()
    labels = reviews["cat"].to_numpy()
    docs = retailkit.tokenize_many(reviews["review"].tolist())
    print(f"{len(docs):,} reviews tokenised")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for engine in ("tomotopy", "gensim"):
            for seed in seeds:
                model = fit_lda(docs, K, seed=seed, engine=engine)  # type: ignore[arg-type]
                row: dict[str, object] = {"engine": engine, "seed": seed}
                row |= agreement(model, docs, labels)
                row |= held_out(docs, labels, engine, seed)
                rows.append(row)
                print(pd.Series(row).to_string(), flush=True)
                if seed == seeds[0]:
                    digests = determinism(model, docs, Path(folder))
                    same = len({value for value in digests.values() if value != "equal"}) == 1
                    print(" determinism:", "all equal" if same else digests, flush=True)
        table = pd.DataFrame(rows)
        print("\nmean (min-max) over seeds")
        numbers = table.drop(columns="seed").groupby("engine", sort=False)
        print(numbers.mean().round(4).T.to_string())
        print(numbers.min().round(4).T.to_string())
        print(numbers.max().round(4).T.to_string())
        if args.cli:
            run_cli(Path(folder))
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
