"""Segmentation speed and engine agreement on the full online_shopping_10_cats reviews.

Measures, in one run and on the same texts (62,774 reviews):

1. dictionary load time: first use of a ``retailkit.segment.Tokenizer`` (jieba/rjieba main
   dictionary + retailkit domain dictionary) for each engine, and ``jieba.Tokenizer()``;
2. ``retailkit.tokenize_many`` (rjieba engine: segmentation + merges + stopword/punctuation
   filtering), with ``n_jobs=1`` and ``n_jobs=2``, against a plain ``jieba.lcut`` loop
   (segmentation only), side by side, best of ``REPEATS`` runs each, interleaved; the issue's
   target is >= 15x;
3. agreement between the engines: share of reviews whose token lists are identical, for
   retailkit's filtered tokens and for the raw cuts.

    python benchmarks/bench_segment.py [path/to/online_shopping_10_cats.csv]

Single process (n_jobs=1) unless stated; the machine is shared, so run it when it is quiet.
The start method is multiprocessing's default (fork on Linux with Python 3.11).
"""

from __future__ import annotations

import logging
import os
import sys
import time

from _paths import full_reviews_path

from retailkit.reviews import load_reviews
from retailkit.segment import Tokenizer, agreement

REPEATS = 5


def seconds(function, *args):  # type: ignore[no-untyped-def]
    """Wall-clock seconds and the result."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def timed(function, *args):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process, result): CPU time is what the comparison
    uses, because the 2-core machine is shared and wall time swings with other people's jobs."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: list[str]) -> int:
    path = full_reviews_path(argv[1] if len(argv) > 1 else None)
    texts = load_reviews(path)["review"].tolist()
    print(f"{len(texts):,} reviews, {sum(map(len, texts)):,} characters")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)  # this script only

    fast = Tokenizer("rjieba")
    reference = Tokenizer("jieba")
    load_fast, _ = seconds(fast.tokenize, "新零售")
    load_reference, _ = seconds(reference.tokenize, "新零售")
    start = time.perf_counter()
    plain = jieba.Tokenizer()
    plain.initialize()
    load_jieba = time.perf_counter() - start
    print(f"dictionary load, retailkit Tokenizer('rjieba'): {load_fast:.2f} s")
    print(f"dictionary load, retailkit Tokenizer('jieba'):  {load_reference:.2f} s")
    print(f"dictionary load, jieba.Tokenizer() (cache file): {load_jieba:.2f} s")

    # Interleaved, best of REPEATS: serial tokenize_many, the same with n_jobs=2 (this process
    # plus one worker), and the jieba.lcut loop. The serial comparison uses CPU seconds of this
    # process; the parallel one can only use wall seconds (the work is spread over processes).
    fast_runs, parallel_runs, lcut_runs = [], [], []
    for _ in range(REPEATS):
        wall, cpu, fast_tokens = timed(fast.tokenize_many, texts)
        fast_runs.append((cpu, wall))
        wall, _, parallel = timed(lambda: fast.tokenize_many(texts, n_jobs=2))
        parallel_runs.append(wall)
        assert parallel == fast_tokens
        wall, cpu, lcut_tokens = timed(lambda: [plain.lcut(text) for text in texts])
        lcut_runs.append((cpu, wall))
    (fast_cpu, fast_wall), (lcut_cpu, lcut_wall) = min(fast_runs), min(lcut_runs)
    parallel_wall = min(parallel_runs)
    print("best of", REPEATS, "interleaved runs, CPU seconds (wall seconds):")
    print(f"  retailkit.tokenize_many (rjieba, filtered): {fast_cpu:.2f} ({fast_wall:.2f})")
    print(f"  jieba.lcut loop (raw cut):                  {lcut_cpu:.2f} ({lcut_wall:.2f})")
    print(f"  speed-up, CPU time: {lcut_cpu / fast_cpu:.1f}x (target >= 15x)")
    print(f"  speed-up, wall time of the best runs: {lcut_wall / fast_wall:.1f}x")
    print(f"  retailkit.tokenize_many n_jobs=2, wall: ({parallel_wall:.2f}), same output")
    print(f"  speed-up, wall time, n_jobs=2: {lcut_wall / parallel_wall:.1f}x (target >= 15x)")
    print(
        "  all wall seconds:",
        [round(wall, 2) for _, wall in fast_runs],
        [round(wall, 2) for wall in parallel_runs],
        [round(wall, 2) for _, wall in lcut_runs],
    )

    elapsed, reference_tokens = seconds(reference.tokenize_many, texts)
    print(f"retailkit Tokenizer('jieba').tokenize_many:  {elapsed:.2f} s")
    cut_runs = []
    for _ in range(REPEATS):
        wall, cpu, raw_fast = timed(lambda: [fast.cut(text) for text in texts])
        cut_runs.append((cpu, wall))
    cut_cpu, cut_wall = min(cut_runs)
    print(f"retailkit Tokenizer('rjieba').cut loop (no filtering): {cut_cpu:.2f} ({cut_wall:.2f})")
    print(f"  speed-up of the engine alone over jieba.lcut, CPU time: {lcut_cpu / cut_cpu:.1f}x")

    raw_reference = [reference.cut(text) for text in texts]
    print(f"agreement, filtered tokens: {agreement(fast_tokens, reference_tokens):.4f}")
    print(f"agreement, raw cuts:        {agreement(raw_fast, raw_reference):.4f}")
    print(f"agreement, rjieba+domain vs plain jieba.lcut: {agreement(raw_fast, lcut_tokens):.4f}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
