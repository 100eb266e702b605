"""Make ``retailkit/data/lexicon/idf_reviews.tsv``: document frequencies of the review train split.

Reads the full ``online_shopping_10_cats.csv`` (see ``_paths.py``), keeps the rows that
``retailkit.reviews.split_of`` assigns to the *train* split, segments them with the default
tokenizer (rjieba, domain dictionary, default stopwords and punctuation removed) and writes,
sorted by term, every term found in at least ``MIN_DF`` reviews with its document frequency.

    python benchmarks/make_idf_reviews.py [path/to/online_shopping_10_cats.csv]
"""

from __future__ import annotations

import sys
from collections import Counter

from _paths import REPO_ROOT, full_reviews_path

from retailkit.reviews import CITATION, load_reviews
from retailkit.segment import tokenize_many

MIN_DF = 2
OUTPUT = REPO_ROOT / "retailkit" / "data" / "lexicon" / "idf_reviews.tsv"


def main(argv: list[str]) -> int:
    path = full_reviews_path(argv[1] if len(argv) > 1 else None)
    reviews = load_reviews(path, split="train")
    token_lists = tokenize_many(reviews["review"])
    frequency = Counter(term for tokens in token_lists for term in set(tokens))
    kept = sorted((term, count) for term, count in frequency.items() if count >= MIN_DF)
    lines = [
        "# Document frequencies of the train split of online_shopping_10_cats.",
        f"# source: {CITATION}",
        "# split: train (retailkit.reviews.split_of, hash of the normalised review text)",
        "# tokenizer: retailkit.segment default (rjieba, domain dictionary, stopwords removed)",
        f"# min_df: {MIN_DF}",
        "# made by: benchmarks/make_idf_reviews.py",
        f"# documents: {len(token_lists)}",
        "term\tdocument_frequency",
        *(f"{term}\t{count}" for term, count in kept),
    ]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(token_lists):,} train reviews, {len(frequency):,} terms, {len(kept):,} kept")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
