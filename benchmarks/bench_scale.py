"""A million reviews through the analyst's path: time and peak memory of each stage.

Builds a CSV of ``--copies`` copies of the 62,774 online_shopping_10_cats reviews
(ChineseNlpCorpus; 16 copies = 1,004,384 rows, 59 million characters) in a temporary folder, then
runs each stage in a fresh Python process and prints its wall seconds and peak resident memory
(max RSS of that process, input included; for ``n_jobs=2`` also the worker's, separately).
Stages 1-3 run with ``n_jobs=1`` and ``n_jobs=2`` (suffixes ``_1``, ``_2``):

1. ``rk.load_corpus(csv, text_column="review")``: read, detect the encoding, clean every row
   (mojibake repair, furniture rules, width/whitespace, OpenCC), keep metadata; stage
   ``load_corpus_rows`` forces the record-by-record path that one CSV took before the
   column-by-column one (same output), for comparison;
2. ``rk.tokenize_many(texts)``;
3. ``retailkit.sentiment.score(texts)`` (the shipped review model, batches of 20,000);
4. ``rk.theme_profile`` over the reviews grouped into one document per category;
5. ``retailkit.topics.fit_lda(tokens, k=10)`` on the first ``--lda-docs`` reviews (default
   100,000; tomotopy, 300 sweeps, one thread).

Stages 2-5 read the reviews with pandas (raw text: cleaning is stage 1's cost).

    python benchmarks/bench_scale.py [--copies 16] [--lda-docs 100000] [path/to/reviews.csv]

Two cores; run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from _paths import full_reviews_path

STAGES = (
    "load_corpus_rows",
    "load_corpus_1",
    "load_corpus_2",
    "tokenize_1",
    "tokenize_2",
    "sentiment_1",
    "sentiment_2",
    "themes",
    "lda",
)


def _texts(csv: Path) -> list[str]:
    return pd.read_csv(csv, usecols=["review"])["review"].fillna("").tolist()


def run_stage(stage: str, csv: Path, lda_docs: int) -> dict[str, object]:
    """One stage in this process: {stage, n, seconds, peak_mb}."""
    import retailkit as rk
    from retailkit import sentiment, topics

    if stage == "load_corpus_rows":  # the record-by-record path, as before the column path
        from retailkit import corpus

        corpus._single_table = lambda files, catalogs: False  # type: ignore[assignment]
        start = time.perf_counter()
        n = len(rk.load_corpus(csv, text_column="review"))
    elif stage.startswith("load_corpus"):
        start = time.perf_counter()
        n = len(rk.load_corpus(csv, text_column="review", n_jobs=int(stage[-1])))
    elif stage in ("tokenize_1", "tokenize_2"):
        texts = _texts(csv)
        rk.tokenize("新零售")  # dictionary load is not what this measures
        start = time.perf_counter()
        n = len(rk.tokenize_many(texts, n_jobs=int(stage[-1])))
    elif stage.startswith("sentiment"):
        texts = _texts(csv)
        sentiment.score(["很好"])  # model load
        start = time.perf_counter()
        n = len(sentiment.score(texts, n_jobs=int(stage[-1])))
    elif stage == "themes":
        table = pd.read_csv(csv, usecols=["cat", "review"]).fillna("")
        rk.tokenize("新零售")
        start = time.perf_counter()
        docs = table.groupby("cat")["review"].agg("\n".join).rename("text").reset_index()
        profile = rk.theme_profile(docs.rename(columns={"cat": "doc_id"}))
        n = len(table)
        assert len(profile)
    elif stage == "lda":
        texts = _texts(csv)[:lda_docs]
        tokens = rk.tokenize_many(texts)
        start = time.perf_counter()
        topics.fit_lda(tokens, 10, seed=0)
        n = len(texts)
    else:
        raise SystemExit(f"unknown stage {stage!r}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "stage": stage,
        "n": n,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak),
        "worker_peak_mb": round(workers),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--copies", type=int, default=16)
    parser.add_argument("--lda-docs", type=int, default=100_000)
    parser.add_argument(
        "--stages",
        nargs="+",
        choices=STAGES,
        default=[s for s in STAGES if s != "load_corpus_rows"],
    )
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:  # a child process
        print(json.dumps(run_stage(args.stage, Path(args.csv), args.lda_docs)))
        return 0

    source = pd.read_csv(full_reviews_path(args.path))
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / f"reviews_x{args.copies}.csv"
        pd.concat([source] * args.copies, ignore_index=True).to_csv(csv, index=False)
        size = csv.stat().st_size / 2**20
        print(f"{len(source) * args.copies:,} reviews ({args.copies} copies), {size:.0f} MB CSV")
        print(
            f"{'stage':<12} {'texts':>10} {'seconds':>8} {'texts/s':>10} {'peak MB':>8} "
            f"{'worker peak MB':>15}"
        )
        for stage in args.stages:
            command = [sys.executable, __file__, "--stage", stage, "--csv", str(csv)]
            child = subprocess.run(
                [*command, "--lda-docs", str(args.lda_docs)],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
            )
            row = json.loads(child.stdout.strip().splitlines()[-1])
            rate = row["n"] / row["seconds"] if row["seconds"] else float("nan")
            print(
                f"{row['stage']:<12} {row['n']:>10,} {row['seconds']:>8} {rate:>10,.0f} "
                f"{row['peak_mb']:>8,} {row['worker_peak_mb'] or '-':>15}",
                flush=True,
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
