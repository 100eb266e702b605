"""Speed of ``retailkit.clean`` and accuracy of ``retailkit.corpus.detect_encoding``.

Prints:

1. cleaning time of the seven seed parts (best of 5 runs) and characters per second;
2. cleaning throughput on a sample of the labelled reviews (many short texts);
3. encoding detection on reviews and seed parts written as GBK, Big5 (after OpenCC s2t),
   UTF-16 and UTF-8: share detected as the right family and decoded back exactly, by length.

Run: ``python benchmarks/bench_clean.py`` (needs the full review file, see ``_paths.py``).
"""

from __future__ import annotations

import time

import opencc
import pandas as pd
from _paths import full_reviews_path

from retailkit.cleaning import clean
from retailkit.corpus import detect_encoding, load_seeds
from retailkit.errors import CorpusError

SEED = 0
N_REVIEWS = 3000
FAMILY = {"gbk": "gb18030", "big5": "big5hkscs", "utf-16": "utf-16", "utf-8": "utf-8"}


def best_of(n: int, func: object) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parts = load_seeds(by="part")
    raws = parts["raw"].tolist()
    chars = sum(len(r) for r in raws)
    seconds = best_of(5, lambda: [clean(r) for r in raws])
    print(f"seeds: {len(raws)} parts, {chars:,} characters cleaned in {seconds * 1000:.0f} ms")
    print(f"       {chars / seconds:,.0f} characters/s")

    reviews = pd.read_csv(full_reviews_path()).dropna(subset=["review"])
    sample = reviews.sample(n=N_REVIEWS, random_state=SEED)["review"].astype(str).tolist()
    chars = sum(len(r) for r in sample)
    seconds = best_of(3, lambda: [clean(r) for r in sample])
    print(
        f"reviews: {len(sample):,} texts ({chars:,} characters) cleaned in {seconds:.2f} s: "
        f"{len(sample) / seconds:,.0f} texts/s, {chars / seconds:,.0f} characters/s"
    )

    s2t = opencc.OpenCC("s2t")
    texts = [r for r in sample if r.strip()] + parts["text"].tolist()
    rows = []
    for text in texts:
        for encoding, family in FAMILY.items():
            source = s2t.convert(text) if encoding == "big5" else text
            data = source.encode(encoding, errors="ignore")
            expected = data.decode(encoding)
            try:
                found = detect_encoding(data)
                ok = found == family and data.decode(found) == expected
            except CorpusError:
                ok = False
            length = "<20" if len(text) < 20 else "20-99" if len(text) < 100 else "100+"
            rows.append({"encoding": encoding, "length": length, "ok": ok})
    table = pd.DataFrame(rows).pivot_table(
        index="length", columns="encoding", values="ok", aggfunc="mean"
    )
    counts = pd.DataFrame(rows).groupby("length").size() // len(FAMILY)
    table.insert(0, "texts", counts)
    print("encoding detection, share right (family and exact text):")
    print(table.reindex(["<20", "20-99", "100+"]).round(3).to_string())


if __name__ == "__main__":
    main()
