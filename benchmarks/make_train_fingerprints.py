"""Write the fingerprints of the reviews the shipped sentiment model was trained on.

``retailkit/data/sentiment/train_fingerprints.npy``: sorted, unique uint64 values, the first 8
bytes (big-endian) of the SHA-1 of each normalised review in the *train* split of
online_shopping_10_cats (ChineseNlpCorpus) -- the same hash that assigns the split
(``retailkit.reviews.split_of``). ``retailkit.reviews.seen_in_training`` uses them to keep the
model's own training reviews out of a validation, whatever file they come in.

    python benchmarks/make_train_fingerprints.py [path/to/online_shopping_10_cats.csv]
"""

from __future__ import annotations

import hashlib
import json
import sys

import numpy as np
from _paths import full_reviews_path

from retailkit.reviews import FINGERPRINTS_PATH, fingerprints, load_reviews
from retailkit.sentiment import DEFAULT_MODEL_DIR


def main(argv: list[str]) -> int:
    path = full_reviews_path(argv[1] if len(argv) > 1 else None)
    meta = json.loads((DEFAULT_MODEL_DIR / "reviews_char_ngram.json").read_text("utf-8"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != meta["data"]["sha256"]:
        raise SystemExit(f"{path}: SHA-256 {digest} is not the model's training data")
    train = load_reviews(path, split="train")
    if len(train) != meta["data"]["rows"]:
        raise SystemExit(f"{len(train)} train reviews, the model metadata says {meta['data']}")
    values = np.unique(fingerprints(train["review"]))
    np.save(FINGERPRINTS_PATH, values, allow_pickle=False)
    print(f"{len(train):,} train reviews, {len(values):,} distinct: {FINGERPRINTS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
