"""Segmentation speed and engine agreement on the full online_shopping_10_cats reviews.

Measures, in one run and on the same texts (62,773 non-empty reviews):

1. dictionary load time: first use of a ``retailkit.segment.Tokenizer`` (jieba/rjieba main
   dictionary + retailkit domain dictionary) for each engine, and ``jieba.Tokenizer()``;
2. three ways to segment every review, interleaved, best of ``REPEATS`` runs each, CPU seconds
   of this process (the 2-core machine is shared, so wall time swings with other people's jobs):

   * ``retailkit.tokenize_many`` (``n_jobs=1``; rjieba engine with retailkit's domain
     dictionary, merges, stopword/punctuation/whitespace filtering),
   * a bare ``rjieba.cut`` loop (rjieba's module-level instance: jieba's dictionary only,
     segmentation only, no filtering) -- the fastest jieba-compatible engine available,
   * a plain ``jieba.lcut`` loop (a ``jieba.Tokenizer()`` instance, segmentation only);

   and ``tokenize_many(n_jobs=2)``, by wall time. **Target** (issue 13): ``tokenize_many``
   within 1.25x of bare ``rjieba.cut`` and at least 10x faster than ``jieba.lcut``; the script
   prints whether it holds;
3. agreement between the engines: share of reviews whose token lists are identical, for
   retailkit's filtered tokens and for the raw cuts.

    python benchmarks/bench_segment.py [path/to/online_shopping_10_cats.csv]

Single process (n_jobs=1) unless stated; the machine is shared, so run it when it is quiet.
The start method is multiprocessing's default (fork on Linux with Python 3.11).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time

from _paths import full_reviews_path

from retailkit.reviews import load_reviews
from retailkit.segment import Tokenizer, agreement

REPEATS = 5
TARGET_VS_RJIEBA = 1.25  # tokenize_many may take at most this many times bare rjieba.cut
TARGET_VS_JIEBA = 10.0  # ... and must be at least this many times faster than jieba.lcut


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
    texts = [text for text in load_reviews(path)["review"].tolist() if text]
    print(f"{len(texts):,} reviews, {sum(map(len, texts)):,} characters")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")

    start = time.perf_counter()
    import rjieba  # loads jieba-rs's dictionary into its module-level instance

    load_bare = time.perf_counter() - start
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
    print(f"dictionary load, import rjieba (its module-level instance): {load_bare:.2f} s")
    print(f"dictionary load, jieba.Tokenizer() (cache file): {load_jieba:.2f} s")

    # Interleaved, best of REPEATS: tokenize_many, the bare rjieba.cut loop, the jieba.lcut loop
    # (CPU seconds of this process), and tokenize_many with n_jobs=2 (wall seconds: the work is
    # spread over two processes). Each run starts from the same heap: no earlier run's tokens are
    # alive (they would make the garbage collector's passes during the bare loops, which run
    # with it enabled as a user's loop would, slower from run to run) and gc.collect() first.
    contenders = {
        "many": lambda: fast.tokenize_many(texts),
        "bare": lambda: [rjieba.cut(text) for text in texts],
        "lcut": lambda: [plain.lcut(text) for text in texts],
        "par": lambda: fast.tokenize_many(texts, n_jobs=2),
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for _ in range(REPEATS):
        for name, run in contenders.items():
            gc.collect()
            wall, cpu, result = timed(run)
            del result
            runs[name].append((wall, wall) if name == "par" else (cpu, wall))
    fast_tokens = fast.tokenize_many(texts)
    assert fast.tokenize_many(texts, n_jobs=2) == fast_tokens
    bare_tokens = [rjieba.cut(text) for text in texts]
    lcut_tokens = [plain.lcut(text) for text in texts]
    (many_cpu, many_wall), (bare_cpu, bare_wall) = min(runs["many"]), min(runs["bare"])
    (lcut_cpu, lcut_wall), (par_wall, _) = min(runs["lcut"]), min(runs["par"])
    print(f"best of {REPEATS} interleaved runs, CPU seconds (wall seconds of that run):")
    rows = [
        ("retailkit.tokenize_many (rjieba + domain dict, filtered)", many_cpu, many_wall),
        ("bare rjieba.cut loop (raw cut)", bare_cpu, bare_wall),
        ("jieba.lcut loop (raw cut)", lcut_cpu, lcut_wall),
    ]
    for label, cpu, wall in rows:
        print(f"  {label:<58} {cpu:.3f} ({wall:.3f})")
    print(f"  {'retailkit.tokenize_many n_jobs=2, wall (same output)':<58} ({par_wall:.3f})")
    ratio, speedup = many_cpu / bare_cpu, lcut_cpu / many_cpu
    print(f"  tokenize_many / rjieba.cut, CPU time: {ratio:.2f}x (target <= {TARGET_VS_RJIEBA}x)")
    print(
        f"  jieba.lcut / tokenize_many, CPU time: {speedup:.1f}x (target >= {TARGET_VS_JIEBA:.0f}x)"
    )
    print(f"  rjieba.cut vs jieba.lcut, CPU time:   {lcut_cpu / bare_cpu:.1f}x")
    print(f"  tokenize_many n_jobs=2 vs rjieba.cut, wall: {par_wall / bare_wall:.2f}x")
    holds = ratio <= TARGET_VS_RJIEBA and speedup >= TARGET_VS_JIEBA
    print(f"  target holds: {'yes' if holds else 'NO'}")
    for name, label in [("many", "tokenize_many"), ("bare", "rjieba.cut"), ("lcut", "jieba.lcut")]:
        print(f"  all CPU seconds, {label}:", [round(cpu, 3) for cpu, _ in runs[name]])
    print("  all wall seconds, n_jobs=2:", [round(wall, 3) for wall, _ in runs["par"]])

    elapsed, reference_tokens = seconds(reference.tokenize_many, texts)
    print(f"retailkit Tokenizer('jieba').tokenize_many:  {elapsed:.2f} s")
    raw_fast = [fast.cut(text) for text in texts]
    raw_reference = [reference.cut(text) for text in texts]
    print(f"agreement, filtered tokens: {agreement(fast_tokens, reference_tokens):.4f}")
    print(f"agreement, raw cuts:        {agreement(raw_fast, raw_reference):.4f}")
    print(f"agreement, rjieba+domain vs plain jieba.lcut: {agreement(raw_fast, lcut_tokens):.4f}")
    print(
        f"agreement, bare rjieba.cut vs plain jieba.lcut: {agreement(bare_tokens, lcut_tokens):.4f}"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
