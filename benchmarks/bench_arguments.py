"""Speed of the commentary model and of retailkit.arguments.code (issue 14: >= 5,000 sentences/s).

Sentences: the committed held-out review sample (data/reviews/, online_shopping_10_cats,
ChineseNlpCorpus), split into sentences; one process, OMP_NUM_THREADS=1. Best of 3.
Run: ``python benchmarks/bench_arguments.py``.
"""

from __future__ import annotations

import time

import pandas as pd

import retailkit as rk
from retailkit.arguments.model import stance_scores, target_probabilities

REPEATS = 3


def best_of(function, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    reviews = pd.read_csv("data/reviews/online_shopping_10_cats_test_sample.csv")
    sentences = [s for text in reviews["review"].dropna() for s in rk.split_sentences(str(text))]
    targets = ["social"] * len(sentences)
    stance_scores(sentences[:10], targets[:10])  # load the model once
    n = len(sentences)
    seconds = best_of(stance_scores, sentences, targets)
    print(f"{n:,} sentences: stance_scores {seconds:.2f} s = {n / seconds:,.0f} sentences/s")
    seconds = best_of(target_probabilities, sentences)
    print(f"{n:,} sentences: target_probabilities {seconds:.2f} s = {n / seconds:,.0f} sentences/s")
    docs = pd.DataFrame({"doc_id": range(len(reviews)), "text": reviews["review"].astype(str)})
    seconds = best_of(rk.arguments.code, docs)
    rate = n / seconds
    print(
        f"{n:,} sentences: arguments.code (targets, voice, stance) {seconds:.2f} s = {rate:,.0f}/s"
    )


if __name__ == "__main__":
    main()
