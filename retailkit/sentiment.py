"""Sentiment scores for Chinese text: the calibrated review model and SnowNLP.

Two engines score a list of texts with P(positive) in [0, 1]:

``"retailkit"`` (default)
    A logistic regression on hashed character 1–3-gram TF-IDF features, trained offline on the
    *train* split of ``online_shopping_10_cats`` (ChineseNlpCorpus, SophonPlus,
    https://github.com/SophonPlus/ChineseNlpCorpus) by ``benchmarks/train_sentiment.py`` and
    Platt-calibrated on out-of-fold predictions, so that 0.5 is the decision boundary and a score
    of 0.8 means "right about 80 % of the time" on reviews like the training data. The model is
    shipped as data, not as a pickle: ``data/sentiment/reviews_char_ngram.json`` (parameters, data
    hash, metrics) and ``reviews_char_ngram_weights.npy`` (IDF and coefficients, float16, loaded
    with ``allow_pickle=False``). It scores thousands of texts per second.
``"snownlp"``
    SnowNLP's own bundled Naive Bayes model (``SnowNLP(text).sentiments``), for comparison and for
    those who cite it. It is uncalibrated and one to two orders of magnitude slower.

**No evidence gives NaN.** ``None``, NaN, the empty string and any text without a single Chinese
character (punctuation, digits, emoji, English) score ``nan`` with both engines: the model was
trained on Chinese text and has nothing to say about the rest. Aggregations skip NaN scores.

**Articles are never scored whole** (a review model saturates on long text): sentence-level
scoring and its aggregation per document, theme and piece live in :mod:`retailkit.pieces`,
above this module and :mod:`retailkit.stance`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from retailkit._parallel import effective_jobs, run_in_parts
from retailkit.errors import ModelError

__all__ = [
    "DEFAULT_MODEL_DIR",
    "DEFAULT_MODEL_NAME",
    "Scorer",
    "SentimentModel",
    "char_ngram_counts",
    "evaluate_scores",
    "has_chinese",
    "load_model",
    "reliability_table",
    "score",
]

Scorer = Callable[[list[str]], np.ndarray]
"""Any callable that maps a list of texts to an array of scores in [0, 1] (NaN = no evidence)."""

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "data" / "sentiment"
DEFAULT_MODEL_NAME = "reviews_char_ngram"
FORMAT_VERSION = 1

# CJK Unified Ideographs, Extension A and Compatibility Ideographs: a text needs one of these
# to carry evidence for a model trained on Chinese reviews.
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Long texts are hashed in chunks so that a 1 MB text never materialises millions of n-gram
# strings at once; n-grams across a chunk border are lost (2 of every 20,000 positions).
_CHUNK_CHARS = 20_000


def has_chinese(text: object) -> bool:
    """Whether ``text`` is a string holding at least one Chinese character.

    Examples
    --------
    >>> [has_chinese(t) for t in ["很好", "good!", "！！", "", None, float("nan"), "OK 好评"]]
    [True, False, False, False, False, False, True]
    """
    return isinstance(text, str) and _CHINESE.search(text) is not None


# The compatibility characters of almost every Chinese text, each with its full compatibility
# decomposition (its NFKD form). NFKC decomposes each character fully before composing again,
# so writing these decompositions first changes nothing in the result, and most texts then pass
# NFKC's quick check and are returned as they are: six times faster on reviews.
_COMMON_COMPATIBILITY = tuple((form, unicodedata.normalize("NFKD", form)) for form in "，！？：；…")


def _normalise(text: str) -> str:
    # NFKC folds full-width letters, digits and punctuation (！，ＡＢＣ) onto their ASCII forms so
    # that both spellings hash to the same n-grams; lower-casing is done by the vectoriser.
    for form, decomposed in _COMMON_COMPATIBILITY:
        text = text.replace(form, decomposed)
    return unicodedata.normalize("NFKC", text)


@functools.lru_cache(maxsize=8)
def _hashing_vectoriser(ngram_range: tuple[int, int], n_features: int) -> Any:
    # Stateless (nothing is fitted), so one instance per configuration can be shared; building
    # it per call dominated the cost of scoring one short text at a time.
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char",
        ngram_range=ngram_range,
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        lowercase=True,
        dtype=np.float64,
    )


def char_ngram_counts(
    texts: Sequence[str], *, ngram_range: tuple[int, int] = (1, 3), n_features: int = 2**18
) -> Any:
    """Hashed character n-gram counts of ``texts`` as a ``scipy.sparse`` CSR matrix.

    Texts are NFKC-normalised and lower-cased; n-grams are hashed as scikit-learn's
    :class:`~sklearn.feature_extraction.text.HashingVectorizer` hashes them (MurmurHash3 of the
    UTF-8 bytes, the same on every machine and in every process), so no vocabulary needs to be
    stored. For n-grams of up to 3 characters the hashing runs in NumPy over the whole batch
    (:func:`_murmur_ngram_counts`), giving the very matrix scikit-learn gives (tested).

    Parameters
    ----------
    texts : sequence of str
    ngram_range : (int, int)
        Smallest and largest n-gram length, in characters.
    n_features : int
        Number of hash buckets (columns).

    Returns
    -------
    scipy.sparse.csr_matrix of shape ``(len(texts), n_features)``, float64 counts.

    Examples
    --------
    >>> counts = char_ngram_counts(["很好很好"], ngram_range=(1, 2), n_features=2**10)
    >>> int(counts.sum())  # 4 characters + 3 bigrams
    7
    """
    low, high = int(ngram_range[0]), int(ngram_range[1])
    normalised = [_normalise(t) for t in texts]
    if normalised and 1 <= low <= high <= 3 and all(len(t) <= _CHUNK_CHARS for t in normalised):
        counts = _murmur_ngram_counts(normalised, (low, high), int(n_features))
        if counts is not None:
            return counts
    return _sklearn_ngram_counts(normalised, (low, high), int(n_features))


def _sklearn_ngram_counts(
    normalised: list[str], ngram_range: tuple[int, int], n_features: int
) -> Any:
    """:func:`char_ngram_counts` of NFKC-normalised texts with scikit-learn (the reference)."""
    import scipy.sparse as sp

    vectoriser = _hashing_vectoriser(ngram_range, n_features)
    if all(len(t) <= _CHUNK_CHARS for t in normalised):
        return vectoriser.transform(normalised).tocsr()
    rows = []
    for text in normalised:
        chunks = [text[i : i + _CHUNK_CHARS] for i in range(0, max(len(text), 1), _CHUNK_CHARS)]
        rows.append(sp.csr_matrix(vectoriser.transform(chunks).sum(axis=0)))
    return sp.vstack(rows, format="csr")


# scikit-learn's analyser collapses runs of whitespace to one space before taking n-grams.
_WHITE_SPACES = re.compile(r"\s\s+")
# MurmurHash3 (x86, 32 bit) constants.
_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)


def _rotate_left(value: np.ndarray, bits: int) -> np.ndarray:
    return (value << np.uint32(bits)) | (value >> np.uint32(32 - bits))


def _utf8(codepoints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each code point's UTF-8 bytes packed little-endian in a uint64, and their number."""
    cp = codepoints.astype(np.uint64)
    six = np.uint64(0x3F)
    tail1, tail2, tail3 = cp & six, (cp >> np.uint64(6)) & six, (cp >> np.uint64(12)) & six
    mark = np.uint64(0x80)
    two = (np.uint64(0xC0) | (cp >> np.uint64(6))) | ((mark | tail1) << np.uint64(8))
    three = (
        (np.uint64(0xE0) | (cp >> np.uint64(12)))
        | ((mark | tail2) << np.uint64(8))
        | ((mark | tail1) << np.uint64(16))
    )
    four = (
        (np.uint64(0xF0) | (cp >> np.uint64(18)))
        | ((mark | tail3) << np.uint64(8))
        | ((mark | tail2) << np.uint64(16))
        | ((mark | tail1) << np.uint64(24))
    )
    size = 1 + (cp >= 0x80).astype(np.uint64) + (cp >= 0x800) + (cp >= 0x10000)
    packed = np.select([size == 1, size == 2, size == 3], [cp, two, three], four)
    return packed.astype(np.uint64), size.astype(np.uint64)


def _murmur_buckets(
    low: np.ndarray, high: np.ndarray, size: np.ndarray, n_features: int
) -> np.ndarray:
    """scikit-learn's bucket of byte strings of up to 12 bytes given as (low 8, high 4, size).

    MurmurHash3_x86_32 with seed 0, read as a signed 32-bit number, then ``abs(h) %
    n_features`` (for ``h = -2**31`` scikit-learn's special case gives the same bucket).
    """
    mask = np.uint64(0xFFFFFFFF)
    blocks = [
        (low & mask).astype(np.uint32),
        (low >> np.uint64(32)).astype(np.uint32),
        high.astype(np.uint32),
    ]
    whole = (size // np.uint64(4)).astype(np.int64)
    h = np.zeros(len(size), dtype=np.uint32)
    for number, block in enumerate(blocks):
        k = _rotate_left(block * _C1, 15) * _C2
        # A whole 4-byte block mixes h; the tail (bytes past the last whole block, zero-padded
        # here, so an empty tail changes nothing) is only xor-ed in.
        mixed = _rotate_left(h ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64)
        h = np.where(whole > number, mixed, np.where(whole == number, h ^ k, h))
    h ^= size.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return np.abs(h.view(np.int32).astype(np.int64)) % n_features


def _murmur_ngram_counts(
    normalised: list[str], ngram_range: tuple[int, int], n_features: int
) -> Any:
    """:func:`char_ngram_counts` in NumPy for n-grams of at most 3 characters.

    Every text's code points go into one array; an n-gram's UTF-8 bytes (at most 12) are packed
    into two integers and hashed like scikit-learn does, all n-grams at once; equal (text,
    bucket) pairs are counted with one sort, which also gives CSR's sorted column order. Returns
    None when a text cannot be encoded as UTF-8 (a lone surrogate), for scikit-learn to raise.
    """
    import scipy.sparse as sp

    prepared = [_WHITE_SPACES.sub(" ", text.lower()) for text in normalised]
    try:
        codepoints = np.frombuffer("".join(prepared).encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None
    lengths = np.fromiter(map(len, prepared), dtype=np.int64, count=len(prepared))
    packed, size = _utf8(codepoints)
    # (text, bucket) cells as one integer; 32 bits when they fit, which sorts twice as fast.
    cell_type = np.uint32 if len(prepared) * n_features <= 2**32 else np.uint64
    width: np.ndarray = np.array(n_features, dtype=cell_type)
    owner: np.ndarray = np.repeat(np.arange(len(prepared), dtype=cell_type), lengths)
    room = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(codepoints))  # chars left
    keys = []
    for n in range(ngram_range[0], ngram_range[1] + 1):
        start = np.flatnonzero(room >= n)
        low, total = packed[start], size[start]
        high = np.zeros(len(start), dtype=np.uint64)
        for offset in range(1, n):
            shift = total * np.uint64(8)  # bits already used, at most 64
            low = low | (packed[start + offset] << shift)
            high = high | (packed[start + offset] >> (np.uint64(64) - shift))
            total = total + size[start + offset]
        buckets = _murmur_buckets(low, high, total, n_features)
        keys.append(owner[start] * width + buckets.astype(cell_type))
    cells, counts = np.unique(np.concatenate(keys), return_counts=True)
    rows = (cells // width).astype(np.int64)
    indptr = np.zeros(len(prepared) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(prepared)), out=indptr[1:])
    index_type = np.int32 if len(cells) <= np.iinfo(np.int32).max else np.int64
    return sp.csr_matrix(
        (
            counts.astype(np.float64),
            (cells % width).astype(index_type),
            indptr.astype(index_type),
        ),
        shape=(len(prepared), n_features),
    )


#: Texts per batch in :meth:`SentimentModel.decision_function` (each row is independent).
#: Smaller batches keep the NumPy hashing's temporaries small: on 251,096 reviews, 5,000 per
#: batch peaked at 338 MB of process memory and 4.4 s CPU, 20,000 at 610 MB and 7.0 s.
SCORE_BATCH = 5_000


@dataclass(frozen=True)
class SentimentModel:
    """A trained linear review-sentiment model: hashed char n-gram TF-IDF + logistic regression.

    Load one with :func:`load_model`; score with :func:`score` (``model=``) or
    :meth:`predict_proba`. The arrays are read-only.

    Attributes
    ----------
    name : str
        File stem of the model (``reviews_char_ngram``).
    ngram_range : (int, int)
    n_features : int
    idf : numpy.ndarray
        Inverse document frequency per hash bucket, shape ``(n_features,)``.
    coef : numpy.ndarray
        Logistic-regression coefficients per hash bucket, shape ``(n_features,)``.
    intercept : float
    calibration : (float, float)
        Platt scaling ``(a, b)``: ``P(positive) = 1 / (1 + exp(-(a * z + b)))`` for the raw
        decision value ``z``.
    metadata : dict
        The model's JSON metadata (data SHA-256, parameters, metrics, citation).
    """

    name: str
    ngram_range: tuple[int, int]
    n_features: int
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    calibration: tuple[float, float]
    metadata: dict[str, Any] = field(repr=False, compare=False)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Raw (uncalibrated) decision values; rows without any n-gram give 0.

        Texts are scored in batches of :data:`SCORE_BATCH`, so memory stays flat however many
        there are (``benchmarks/README.md``).
        """
        if len(texts) > SCORE_BATCH:
            return np.concatenate(
                [
                    self.decision_function(texts[start : start + SCORE_BATCH])
                    for start in range(0, len(texts), SCORE_BATCH)
                ]
            )
        counts = char_ngram_counts(texts, ngram_range=self.ngram_range, n_features=self.n_features)
        # Work on the CSR arrays directly (O(non-zeros)): sublinear tf x idf, then each row's
        # L2 norm and dot product with the coefficients.
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        weights = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        n = counts.shape[0]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
        raw = np.bincount(rows, weights=weights * self.coef[counts.indices], minlength=n)
        safe = np.where(norms > 0, norms, 1.0)
        return np.asarray(np.where(norms > 0, raw / safe, 0.0) + self.intercept, dtype=np.float64)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated P(positive) for texts that are known to hold Chinese characters."""
        from scipy.special import expit

        a, b = self.calibration
        return np.asarray(expit(a * self.decision_function(texts) + b), dtype=np.float64)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _require(meta: dict[str, Any], keys: str, json_path: Path) -> Any:
    value: Any = meta
    for key in keys.split("."):
        if not isinstance(value, dict) or key not in value:
            raise ModelError(
                f"{json_path}: metadata lacks {keys!r}; rebuild the model with "
                "benchmarks/train_sentiment.py"
            )
        value = value[key]
    return value


def _read_model(json_path: Path) -> SentimentModel:
    if not json_path.is_file():
        raise ModelError(f"{json_path}: model metadata not found")
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{json_path}: not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise ModelError(f"{json_path}: expected a JSON object at the top level")
    version = _require(meta, "format_version", json_path)
    if version != FORMAT_VERSION:
        raise ModelError(
            f"{json_path}: format_version {version!r}, this retailkit reads {FORMAT_VERSION}"
        )
    analyzer = _require(meta, "features.analyzer", json_path)
    if analyzer != "char":
        raise ModelError(
            f"{json_path}: features.analyzer is {analyzer!r}; only 'char' is supported"
        )
    low, high = (int(v) for v in _require(meta, "features.ngram_range", json_path))
    n_features = int(_require(meta, "features.n_features", json_path))
    if not 1 <= low <= high or n_features < 1:
        raise ModelError(f"{json_path}: bad features.ngram_range {[low, high]} or n_features")
    weights_path = json_path.parent / str(_require(meta, "weights.file", json_path))
    if not weights_path.is_file():
        raise ModelError(f"{weights_path}: weights file named in {json_path.name} not found")
    expected_hash = _require(meta, "weights.sha256", json_path)
    if _sha256(weights_path) != expected_hash:
        raise ModelError(
            f"{weights_path}: SHA-256 does not match weights.sha256 in {json_path.name}; "
            "the weights and metadata belong to different models"
        )
    try:
        weights = np.load(weights_path, allow_pickle=False)
    except ValueError as exc:
        raise ModelError(f"{weights_path}: not a plain .npy array ({exc})") from exc
    if weights.shape != (2, n_features) or weights.dtype.kind != "f":
        raise ModelError(
            f"{weights_path}: expected a float array of shape (2, {n_features}) "
            f"(idf, coef), found {weights.dtype} {weights.shape}"
        )
    if not np.isfinite(weights).all():
        raise ModelError(f"{weights_path}: weights contain NaN or infinity")
    intercept = float(_require(meta, "classifier.intercept", json_path))
    a = float(_require(meta, "calibration.a", json_path))
    b = float(_require(meta, "calibration.b", json_path))
    if not all(math.isfinite(v) for v in (intercept, a, b)):
        raise ModelError(f"{json_path}: intercept and calibration must be finite numbers")
    idf, coef = (np.array(row, dtype=np.float64) for row in weights)
    idf.setflags(write=False)
    coef.setflags(write=False)
    return SentimentModel(
        name=json_path.stem,
        ngram_range=(low, high),
        n_features=n_features,
        idf=idf,
        coef=coef,
        intercept=intercept,
        calibration=(a, b),
        metadata=meta,
    )


@functools.lru_cache(maxsize=8)
def _cached_model(json_path: Path) -> SentimentModel:
    return _read_model(json_path)


@functools.lru_cache(maxsize=1)
def _default_model() -> SentimentModel:
    # Separate from _cached_model so that the default needs no path resolution per call.
    return _cached_model((DEFAULT_MODEL_DIR / f"{DEFAULT_MODEL_NAME}.json").resolve())


def load_model(path: str | Path | None = None) -> SentimentModel:
    """Load a review-sentiment model (default: the shipped one), once per process.

    Parameters
    ----------
    path : str or Path, optional
        The model's metadata JSON, or a folder holding ``reviews_char_ngram.json``. The weights
        file is named in the JSON and must sit next to it.

    Raises
    ------
    ModelError
        If a file is missing, the JSON lacks a field, the weights' SHA-256, shape or dtype do not
        match the metadata, or any value is not finite.

    Examples
    --------
    >>> model = load_model()
    >>> model.ngram_range, model.coef.shape == (model.n_features,)
    ((1, 3), True)
    >>> model.metadata["data"]["split"]
    'train'
    """
    if path is None:
        return _default_model()
    json_path = Path(path)
    if json_path.is_dir():
        json_path = json_path / f"{DEFAULT_MODEL_NAME}.json"
    return _cached_model(json_path.resolve())


def _as_text_list(texts: Iterable[object] | str, argument: str = "texts") -> list[object]:
    if isinstance(texts, str):
        raise ModelError(
            f"{argument}: expected a list of texts, got a single string; wrap it: score([text])"
        )
    try:
        return list(texts)
    except TypeError as exc:
        raise ModelError(
            f"{argument}: expected an iterable of texts, got {type(texts).__name__}"
        ) from exc


@functools.lru_cache(maxsize=1)
def _snownlp_class() -> Any:
    from snownlp import SnowNLP

    return SnowNLP


def score(
    texts: Iterable[object],
    *,
    engine: Literal["retailkit", "snownlp"] = "retailkit",
    model: SentimentModel | None = None,
    n_jobs: int = 1,
) -> np.ndarray:
    """P(positive) for each text, in [0, 1]; NaN where a text holds no Chinese character.

    Parameters
    ----------
    texts : iterable of str
        Reviews or sentences. ``None``, NaN, ``""`` and texts without Chinese characters
        score NaN (no evidence). Score articles sentence by sentence (:func:`sentences`).
    engine : {"retailkit", "snownlp"}
        ``"retailkit"``: the shipped calibrated model (or ``model``); ``"snownlp"``: SnowNLP's
        bundled Naive Bayes model (uncalibrated, slow).
    model : SentimentModel, optional
        A model from :func:`load_model`; default the shipped one. Only for ``engine="retailkit"``.
    n_jobs : int
        Processes to use (``-1``: one per CPU); the scores are the same for every value. Inputs
        of fewer than :data:`PARALLEL_MIN_TEXTS` texts are scored here. A million reviews take
        about 27 CPU seconds (``benchmarks/README.md``, the command line on a million reviews).

    Returns
    -------
    numpy.ndarray of float64, shape ``(len(texts),)``.

    Raises
    ------
    ModelError
        If ``texts`` is a single string or not iterable, or ``engine`` is unknown.

    Examples
    --------
    >>> p = score(["质量很好，物流也快，下次还会再买", "太差了，用了两天就坏了", "", None, "!!"])
    >>> (p[:2] > 0.5).tolist(), bool(np.isnan(p[2:]).all())
    ([True, False], True)
    """
    items = _as_text_list(texts)
    result = np.full(len(items), np.nan, dtype=np.float64)
    keep = [i for i, text in enumerate(items) if has_chinese(text)]
    if not keep:
        return result
    chosen = [str(items[i]) for i in keep]
    if engine == "retailkit":
        if model is None:
            model = load_model()
        work: Callable[[list[str]], np.ndarray] = model.predict_proba
    elif engine == "snownlp":
        if model is not None:
            raise ModelError("model: only used with engine='retailkit'")
        work = _snownlp_scores
    else:
        raise ModelError(f"engine: expected 'retailkit' or 'snownlp', got {engine!r}")
    n_jobs = effective_jobs(n_jobs)
    minimum = PARALLEL_MIN_TEXTS if engine == "retailkit" else PARALLEL_MIN_TEXTS_SNOWNLP
    if n_jobs == 1 or len(chosen) < minimum:
        result[keep] = work(chosen)
    else:
        result[keep] = np.concatenate(run_in_parts(work, chosen, n_jobs))
    return result


# Below this many texts score(n_jobs > 1) works in this process (SnowNLP is ~100x slower).
PARALLEL_MIN_TEXTS = 20_000
PARALLEL_MIN_TEXTS_SNOWNLP = 200


def _snownlp_scores(texts: list[str]) -> np.ndarray:
    snownlp = _snownlp_class()
    return np.array([float(snownlp(text).sentiments) for text in texts], dtype=np.float64)


# --------------------------------------------------------------------------------------------
# Validation against labels
# --------------------------------------------------------------------------------------------


def evaluate_scores(labels: Iterable[int], scores: Iterable[float]) -> dict[str, float]:
    """Accuracy at 0.5, ROC AUC, Brier score and coverage of probability scores against labels.

    Texts without evidence (NaN score) count as 0.5 -- a coin flip -- so that a scorer cannot
    look better by abstaining; ``coverage`` is the share with a finite score.

    Parameters
    ----------
    labels : iterable of int
        1 = positive, 0 = negative.
    scores : iterable of float
        P(positive) in [0, 1] or NaN.

    Returns
    -------
    dict
        ``n, coverage, positive_rate, mean_score, accuracy, auc, brier`` (floats except ``n``;
        ``auc`` is NaN when only one class is present).

    Examples
    --------
    >>> m = evaluate_scores([1, 0, 1, 0], [0.9, 0.2, 0.6, float("nan")])
    >>> {k: round(v, 3) for k, v in m.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'n': 4, 'coverage': 0.75, 'positive_rate': 0.5, 'mean_score': 0.55, 'accuracy': 0.75,
     'auc': 1.0, 'brier': 0.115}
    """
    from sklearn.metrics import roc_auc_score

    y = np.asarray(list(labels), dtype=np.int64)
    p = np.asarray(list(scores), dtype=np.float64)
    if y.shape != p.shape:
        raise ModelError(f"scores: {p.size} scores for {y.size} labels")
    if y.size == 0:
        raise ModelError("labels: nothing to evaluate (no rows)")
    if not np.isin(y, (0, 1)).all():
        raise ModelError("labels: expected only 0 (negative) and 1 (positive)")
    covered = np.isfinite(p)
    filled = np.where(covered, p, 0.5)
    both = y.min() != y.max()
    return {
        "n": int(y.size),
        "coverage": float(covered.mean()),
        "positive_rate": float(y.mean()),
        "mean_score": float(filled.mean()),
        "accuracy": float(((filled >= 0.5) == (y == 1)).mean()),
        "auc": float(roc_auc_score(y, filled)) if both else math.nan,
        "brier": float(np.mean((filled - y) ** 2)),
    }


def evaluate_scores_interval(
    labels: Iterable[int],
    scores: Iterable[float],
    *,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """:func:`evaluate_scores` with percentile-bootstrap intervals (resampling texts).

    Returns
    -------
    pandas.DataFrame
        One row per measure (``accuracy``, ``auc``, ``brier``) with ``value, ci_low, ci_high``.

    Examples
    --------
    >>> y = [1, 0, 1, 0, 1, 0, 1, 0]
    >>> p = [0.9, 0.2, 0.7, 0.4, 0.6, 0.1, 0.3, 0.8]
    >>> out = evaluate_scores_interval(y, p, n_boot=200)
    >>> out["measure"].tolist(), float(out.loc[0, "value"])
    (['accuracy', 'auc', 'brier'], 0.75)
    >>> bool((out["ci_low"] <= out["value"]).all() and (out["value"] <= out["ci_high"]).all())
    True
    """
    y = np.asarray(list(labels), dtype=np.int64)
    p = np.asarray(list(scores), dtype=np.float64)
    point = evaluate_scores(y, p)
    measures = ("accuracy", "auc", "brier")
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {m: [] for m in measures}
    for _ in range(n_boot):
        pick = rng.integers(0, y.size, size=y.size)
        if y[pick].min() == y[pick].max():
            continue  # AUC undefined on a one-class resample
        result = evaluate_scores(y[pick], p[pick])
        for measure in measures:
            draws[measure].append(result[measure])
    alpha = (1.0 - level) / 2.0
    rows = []
    for measure in measures:
        values = np.asarray(draws[measure])
        low, high = np.quantile(values, [alpha, 1 - alpha]) if values.size else (math.nan,) * 2
        rows.append((measure, point[measure], float(low), float(high)))
    return pd.DataFrame(rows, columns=["measure", "value", "ci_low", "ci_high"])


def reliability_table(
    labels: Iterable[int], scores: Iterable[float], *, bins: int = 10
) -> pd.DataFrame:
    """Observed positive rate per score bin: the data of a reliability (calibration) plot.

    Returns
    -------
    pandas.DataFrame
        Columns ``bin_low, bin_high, n, mean_score, observed_positive``, one row per
        equal-width bin of [0, 1] (empty bins have NaN rates), in increasing order. NaN scores
        are left out.

    Examples
    --------
    >>> reliability_table([0, 0, 1, 1], [0.1, 0.3, 0.7, 0.9], bins=2).round(2)
       bin_low  bin_high  n  mean_score  observed_positive
    0      0.0       0.5  2         0.2                0.0
    1      0.5       1.0  2         0.8                1.0
    """
    if bins < 1:
        raise ModelError(f"bins: expected a positive number of bins, got {bins}")
    y = np.asarray(list(labels), dtype=np.float64)
    p = np.asarray(list(scores), dtype=np.float64)
    if y.shape != p.shape:
        raise ModelError(f"scores: {p.size} scores for {y.size} labels")
    keep = np.isfinite(p)
    y, p = y[keep], p[keep]
    which = np.clip((p * bins).astype(np.int64), 0, bins - 1)
    rows = []
    for b in range(bins):
        inside = which == b
        rows.append(
            {
                "bin_low": b / bins,
                "bin_high": (b + 1) / bins,
                "n": int(inside.sum()),
                "mean_score": float(p[inside].mean()) if inside.any() else math.nan,
                "observed_positive": float(y[inside].mean()) if inside.any() else math.nan,
            }
        )
    return pd.DataFrame(rows)
