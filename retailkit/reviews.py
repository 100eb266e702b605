"""The labelled review data used to validate retailkit's methods.

The reference data set is ``online_shopping_10_cats`` from ChineseNlpCorpus
(https://github.com/SophonPlus/ChineseNlpCorpus): 62,774 Chinese e-commerce reviews in ten
product categories, each labelled 1 (positive) or 0 (negative).

Every review is assigned to a fixed *train* or *test* split by a hash of its normalised text, so
duplicated reviews (the file holds a few dozen) always fall on the same side and the split is the
same on every machine and in every process. Models shipped with retailkit are trained on the
train split only; the repository ships a sample of the test split
(``data/reviews/online_shopping_10_cats_test_sample.csv``) for the notebooks and tests.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from retailkit.errors import CorpusError

CITATION = (
    "online_shopping_10_cats, ChineseNlpCorpus (SophonPlus), "
    "https://github.com/SophonPlus/ChineseNlpCorpus"
)
TEST_SHARE_PERCENT = 10
REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = REPO_ROOT / "data" / "reviews" / "online_shopping_10_cats_test_sample.csv"
FINGERPRINTS_PATH = (
    Path(__file__).resolve().parent / "data" / "sentiment" / "train_fingerprints.npy"
)
COLUMNS = ("cat", "label", "review")
CATEGORY_GLOSSES = {
    "书籍": "books",
    "平板": "tablets",
    "手机": "phones",
    "水果": "fruit",
    "洗发水": "shampoo",
    "热水器": "water heaters",
    "蒙牛": "Mengniu dairy",
    "衣服": "clothes",
    "计算机": "computers",
    "酒店": "hotels",
}


def normalise_review(text: str) -> str:
    """Strip the byte-order marks and outer whitespace some rows carry.

    Examples
    --------
    >>> normalise_review("\\ufeff  很好 ")
    '很好'
    """
    return text.replace("\ufeff", "").strip()


def _digest(text: str) -> bytes:
    return hashlib.sha1(normalise_review(text).encode("utf-8")).digest()


def split_of(texts: Iterable[str]) -> np.ndarray:
    """Return ``"train"`` or ``"test"`` for each review, from a hash of its normalised text.

    Examples
    --------
    >>> split_of(["很好", "很好", "太差了"]).tolist()
    ['train', 'train', 'train']
    """
    labels = []
    for text in texts:
        bucket = int.from_bytes(_digest(text)[:4], "big") % 100
        labels.append("test" if bucket < TEST_SHARE_PERCENT else "train")
    return np.array(labels, dtype=object)


def fingerprints(texts: Iterable[str]) -> np.ndarray:
    """uint64 fingerprint of each normalised review: the first 8 bytes of its SHA-1.

    Examples
    --------
    >>> fingerprints(["很好", " 很好\ufeff"]).tolist()  # normalised first: the same review
    [8611792056595271917, 8611792056595271917]
    """
    return np.array([int.from_bytes(_digest(t)[:8], "big") for t in texts], dtype=np.uint64)


@functools.cache
def _training_fingerprints() -> np.ndarray:
    return np.load(FINGERPRINTS_PATH, allow_pickle=False)


def seen_in_training(texts: Iterable[str]) -> np.ndarray:
    """True for each review the shipped sentiment model was trained on.

    Compares :func:`fingerprints` with those of the 56,427 train-split reviews of
    online_shopping_10_cats (``retailkit/data/sentiment/train_fingerprints.npy``, written by
    ``benchmarks/make_train_fingerprints.py``), so training reviews are recognised in any file,
    copied or reordered. A chance collision of two different reviews has probability about
    3e-15 per review.

    Examples
    --------
    >>> int(seen_in_training(load_review_sample()["review"]).sum())  # the held-out sample
    0
    """
    return np.isin(fingerprints(texts), _training_fingerprints())


def load_validation_reviews(path: str | Path | None = None) -> pd.DataFrame:
    """Labelled reviews the shipped sentiment model never saw, for validating it.

    ``None``: the committed held-out sample (:func:`load_review_sample`). A path: a CSV with
    columns ``cat, label, review`` (:func:`load_reviews`), minus every review the model was
    trained on (:func:`seen_in_training`); how many were left out is in
    ``frame.attrs["seen_in_training"]``. With the full online_shopping_10_cats file this keeps
    its test split; with your own labelled reviews, normally all of them.
    """
    if path is None:
        frame = load_review_sample()
        frame.attrs["seen_in_training"] = 0
        return frame
    frame = load_reviews(path)
    seen = seen_in_training(frame["review"])
    frame = frame[~seen].reset_index(drop=True)
    frame.attrs["seen_in_training"] = int(seen.sum())
    if frame.empty:
        raise CorpusError(f"{path}: every review was in the sentiment model's training data")
    return frame


def load_reviews(
    path: str | Path, *, split: Literal["all", "train", "test"] = "all"
) -> pd.DataFrame:
    """Read an ``online_shopping_10_cats``-style CSV (columns ``cat, label, review``).

    Rows with an empty review are dropped (the original file has one); byte-order marks are
    removed. Returns columns ``cat, label, review, split`` in file order.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: review file not found")
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"cat": str, "review": str})
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}; expected {COLUMNS}")
    frame = frame.dropna(subset=["review"]).copy()
    frame["review"] = frame["review"].map(normalise_review)
    frame = frame[frame["review"] != ""]
    frame["label"] = frame["label"].astype(int)
    frame["split"] = split_of(frame["review"])
    if split != "all":
        frame = frame[frame["split"] == split]
    return frame.reset_index(drop=True)[[*COLUMNS, "split"]]


def load_review_sample() -> pd.DataFrame:
    """The committed held-out sample (test split) of ``online_shopping_10_cats``.

    Examples
    --------
    >>> sample = load_review_sample()
    >>> sorted(sample.columns)
    ['cat', 'label', 'review', 'split']
    >>> set(sample["split"])
    {'test'}
    """
    return load_reviews(SAMPLE_PATH)
