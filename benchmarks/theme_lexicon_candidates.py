"""Candidate terms for the theme lexicons (v2): the procedure behind the terms added in 2026-11.

Two sources of candidates, both computed from the cleaned seed pieces:

1. **Compounds** — every string of 1–4 Han characters followed by 营销 (marketing) or 电商
   (e-commerce) that is not yet a lexicon term (微营销, 微博营销 …): the period's names for
   kinds of marketing.
2. **Co-occurrence** — tokens (retailkit's tokenizer, stopwords removed) that share a sentence
   with a theme's core terms at least ``MIN_COUNT`` times, ranked by pointwise mutual
   information with that theme's sentences.

Each candidate is then read in context (KWIC) and accepted or rejected by hand; accepted terms
go into ``retailkit/data/themes/*.yaml`` with ``source: v2 …`` and a one-line ``rationale``.
Run: ``python benchmarks/theme_lexicon_candidates.py``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd

import retailkit as rk
from retailkit.arguments.targets import TARGETS, target_terms

MIN_COUNT = 2
COMPOUND = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:营销|电商)")


def main() -> None:
    pieces = rk.load_seeds(by="part")
    lexicon = set(rk.load_themes()["term"])
    sentences = [s for text in pieces["text"] for s in rk.split_sentences(text)]
    compounds = Counter(m.group() for s in sentences for m in COMPOUND.finditer(s))
    table = pd.DataFrame(
        [(t, n) for t, n in compounds.items() if t not in lexicon and n >= MIN_COUNT],
        columns=["candidate", "count"],
    ).sort_values(["count", "candidate"], ascending=[False, True])
    print("Compounds in 营销/电商 not in any lexicon (count >= 2):")
    print(table.to_string(index=False))

    tokens = rk.tokenize_many(sentences)
    totals = Counter(t for toks in tokens for t in set(toks))
    n = len(sentences)
    for target in TARGETS:
        core = [any(m[1] == target and m[2] for m in target_terms(s)) for s in sentences]
        k = sum(core)
        together = Counter(t for toks, c in zip(tokens, core, strict=True) if c for t in set(toks))
        rows = [
            (t, c, round(math.log2(c * n / (k * totals[t])), 2))
            for t, c in together.items()
            if c >= MIN_COUNT and t not in lexicon and len(t) > 1
        ]
        frame = pd.DataFrame(rows, columns=["candidate", "together", "pmi"])
        frame = frame.sort_values(["pmi", "together", "candidate"], ascending=[False, False, True])
        print(f"\nCo-occurring with {target} core terms ({k} sentences), top 25 by PMI:")
        print(frame.head(25).to_string(index=False))


if __name__ == "__main__":
    main()
