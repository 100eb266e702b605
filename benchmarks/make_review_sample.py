"""Write the committed held-out sample of online_shopping_10_cats (ChineseNlpCorpus).

The sample is the whole *test* split (see ``retailkit.reviews.split_of``), in file order.
Usage: python benchmarks/make_review_sample.py [path/to/online_shopping_10_cats.csv]
"""

from __future__ import annotations

import sys

from _paths import full_reviews_path

from retailkit.reviews import SAMPLE_PATH, load_reviews


def main() -> None:
    source = full_reviews_path(sys.argv[1] if len(sys.argv) > 1 else None)
    test = load_reviews(source, split="test")
    SAMPLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    test[["cat", "label", "review"]].to_csv(SAMPLE_PATH, index=False, encoding="utf-8")
    print(f"wrote {len(test):,} reviews to {SAMPLE_PATH.name}")
    print(test.groupby("cat")["label"].agg(["count", "mean"]).round(3).to_string())


if __name__ == "__main__":
    main()
