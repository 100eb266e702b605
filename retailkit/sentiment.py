"""Sentiment scores for Chinese text: calibrated review sentiment and sentence-level aggregation.

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

**Articles are never scored whole** (a review model saturates on long text). :func:`sentences`
splits documents with :func:`retailkit.cleaning.split_sentences` and scores each sentence;
:func:`article_sentiment` and :func:`theme_stance` summarise sentence scores per document (and
theme) with a bootstrap 95 % confidence interval of the mean; :func:`theme_evidence` quotes the
sentences behind each figure. These take any ``scorer`` (a callable ``list[str] -> ndarray`` of
scores in [0, 1]); the default, :func:`default_article_scorer`, is ``retailkit.stance.score`` when
that module is installed (review-trained sentiment transfers badly to business commentary), else
this module's review model.
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
    "SCORERS",
    "Scorer",
    "SentimentModel",
    "article_sentiment",
    "char_ngram_counts",
    "default_article_scorer",
    "evaluate_scores",
    "has_chinese",
    "load_model",
    "reliability_table",
    "resolve_scorer",
    "score",
    "sentences",
    "sentiment_arc",
    "summarise_scores",
    "theme_evidence",
    "theme_sentence_scores",
    "theme_stance",
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


def _normalise(text: str) -> str:
    # NFKC folds full-width letters, digits and punctuation (！，ＡＢＣ) onto their ASCII forms so
    # that both spellings hash to the same n-grams; lower-casing is done by the vectoriser.
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

    Texts are NFKC-normalised and lower-cased; n-grams are hashed with scikit-learn's
    :class:`~sklearn.feature_extraction.text.HashingVectorizer` (MurmurHash3, the same on every
    machine and in every process), so no vocabulary needs to be stored.

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
    import scipy.sparse as sp

    vectoriser = _hashing_vectoriser((int(ngram_range[0]), int(ngram_range[1])), int(n_features))
    normalised = [_normalise(t) for t in texts]
    if all(len(t) <= _CHUNK_CHARS for t in normalised):
        return vectoriser.transform(normalised).tocsr()
    rows = []
    for text in normalised:
        chunks = [text[i : i + _CHUNK_CHARS] for i in range(0, max(len(text), 1), _CHUNK_CHARS)]
        rows.append(sp.csr_matrix(vectoriser.transform(chunks).sum(axis=0)))
    return sp.vstack(rows, format="csr")


#: Texts per batch in :meth:`SentimentModel.decision_function` (each row is independent).
SCORE_BATCH = 20_000


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
        there are: scoring 251,096 reviews peaked at 1,749 MB of process memory in one piece,
        412 MB in batches (``benchmarks/README.md``).
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
        of fewer than :data:`PARALLEL_MIN_TEXTS` texts are scored here. A million reviews took
        80-83 s with 1 and 41-44 s with 2 on two cores (``benchmarks/README.md``).

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


# --------------------------------------------------------------------------------------------
# Articles: sentence-level scores and their summaries
# --------------------------------------------------------------------------------------------


def default_article_scorer() -> Scorer:
    """The scorer used for article sentences when none is given.

    ``retailkit.stance.score`` (built for business commentary) when that module can be imported
    and has a ``score`` function; otherwise this module's review model (:func:`score`), which
    transfers less well from reviews to articles.

    Examples
    --------
    >>> callable(default_article_scorer())
    True
    """
    try:
        from retailkit import stance
    except ImportError:
        return score
    stance_score = getattr(stance, "score", None)
    return stance_score if callable(stance_score) else score


SCORERS = ("stance", "reviews")
"""Names accepted by :func:`resolve_scorer`."""


def resolve_scorer(name: Literal["stance", "reviews"] = "stance") -> tuple[str, Scorer]:
    """A scorer by name, and the name of the one actually used.

    ``"stance"`` is ``retailkit.stance.score`` if that module can be imported and has a
    ``score`` function, otherwise it falls back to ``"reviews"`` (this module's :func:`score`);
    the returned name says which one you got, so that a notebook can print it.

    Examples
    --------
    >>> name, scorer = resolve_scorer("reviews")
    >>> name, scorer is score
    ('reviews', True)
    """
    if name not in SCORERS:
        raise ModelError(f"name: expected one of {SCORERS}, got {name!r}")
    if name == "stance":
        chosen = default_article_scorer()
        if chosen is not score:
            return "stance", chosen
    return "reviews", score


def _apply_scorer(scorer: Scorer | None, texts: list[str]) -> np.ndarray:
    if scorer is None:
        scorer = default_article_scorer()
    if not texts:
        return np.zeros(0, dtype=np.float64)
    values = np.asarray(scorer(texts), dtype=np.float64).reshape(-1)
    if values.shape != (len(texts),):
        raise ModelError(
            f"scorer: returned {values.shape[0]} scores for {len(texts)} sentences; "
            "a scorer must return one score per text"
        )
    finite = values[np.isfinite(values)]
    if finite.size and (finite.min() < 0.0 or finite.max() > 1.0):
        raise ModelError("scorer: returned scores outside [0, 1]; expected probabilities")
    return values


def _check_columns(df: pd.DataFrame, columns: Sequence[str], argument: str = "df") -> None:
    if not isinstance(df, pd.DataFrame):
        raise ModelError(f"{argument}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ModelError(
            f"{argument}: missing column(s) {', '.join(missing)}; "
            f"has {', '.join(map(str, df.columns))}"
        )


def sentences(
    df: pd.DataFrame, *, text_column: str = "text", scorer: Scorer | None = None
) -> pd.DataFrame:
    """Split each document into sentences and score every sentence.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per document with columns ``doc_id`` and ``text_column``.
    text_column : str
        Column holding the (cleaned) text.
    scorer : callable, optional
        ``list[str] -> ndarray`` of scores in [0, 1]; default :func:`default_article_scorer`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, sentence_index, sentence, score``; ``sentence_index`` indexes
        ``retailkit.cleaning.split_sentences(text)``; ``score`` is NaN for sentences without
        Chinese characters (with the review model). Sorted by ``doc_id, sentence_index``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["服务很好，非常满意。质量太差了，很失望。"]})
    >>> out = sentences(docs, scorer=score)
    >>> out[["doc_id", "sentence_index", "sentence"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'doc_id': 'a', 'sentence_index': 0, 'sentence': '服务很好，非常满意。'},
     {'doc_id': 'a', 'sentence_index': 1, 'sentence': '质量太差了，很失望。'}]
    >>> (out["score"] > 0.5).tolist()
    [True, False]
    """
    from retailkit.cleaning import split_sentences

    _check_columns(df, ["doc_id", text_column])
    records: list[tuple[Any, int, str]] = []
    for doc_id, text in zip(df["doc_id"], df[text_column], strict=True):
        if not isinstance(text, str):
            continue
        for index, sentence in enumerate(split_sentences(text)):
            records.append((doc_id, index, sentence))
    out = pd.DataFrame(records, columns=["doc_id", "sentence_index", "sentence"])
    out["sentence_index"] = out["sentence_index"].astype("int64")
    out["score"] = _apply_scorer(scorer, out["sentence"].tolist())
    return out.sort_values(["doc_id", "sentence_index"], kind="stable").reset_index(drop=True)


def _bootstrap_interval(
    values: np.ndarray, *, n_boot: int, seed: int, level: float = 0.95
) -> tuple[float, float]:
    if values.size == 0:
        return (math.nan, math.nan)
    if values.size == 1 or n_boot < 1:
        mean = float(values.mean())
        return (mean, mean)
    # A fresh generator per group: a document's interval does not depend on the other documents.
    rng = np.random.default_rng(seed)
    means = np.empty(n_boot, dtype=np.float64)
    # Resample in blocks so a long document never allocates n_boot x n at once.
    block = max(1, 2_000_000 // values.size)
    for start in range(0, n_boot, block):
        stop = min(n_boot, start + block)
        draws = rng.integers(0, values.size, size=(stop - start, values.size))
        means[start:stop] = values[draws].mean(axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return (float(low), float(high))


SUMMARY_COLUMNS = [
    "n_sentences",
    "mean",
    "share_positive",
    "share_negative",
    "ci_low",
    "ci_high",
]


def summarise_scores(
    scored: pd.DataFrame,
    *,
    by: Sequence[str] = ("doc_id",),
    n_boot: int = 1000,
    seed: int = 0,
    neutral_band: float = 0.0,
) -> pd.DataFrame:
    """Mean score per group with shares and a percentile-bootstrap 95 % CI of the mean.

    Parameters
    ----------
    scored : pandas.DataFrame
        Columns ``by`` and ``score`` (e.g. the output of :func:`sentences`).
    by : sequence of str
        Grouping columns.
    n_boot : int
        Bootstrap resamples (0 gives a degenerate interval at the mean).
    seed : int
        Seed of the bootstrap; each group is resampled with a fresh generator from this seed.
    neutral_band : float
        Scores within ``0.5 ± neutral_band`` count as neither positive nor negative.

    Returns
    -------
    pandas.DataFrame
        Columns ``*by, n_sentences, mean, share_positive, share_negative, ci_low, ci_high``,
        one row per group, sorted by ``by``. NaN scores are skipped; a group without any
        score has ``n_sentences`` 0 and NaN statistics.

    Examples
    --------
    >>> scored = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "score": [0.9, 0.8, 0.2, np.nan]})
    >>> summarise_scores(scored, n_boot=200).round(3).to_dict("records")[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'doc_id': 'a', 'n_sentences': 3, 'mean': 0.633, 'share_positive': 0.667,
     'share_negative': 0.333, 'ci_low': 0.2, 'ci_high': 0.9}
    """
    by = list(by)
    _check_columns(scored, [*by, "score"], argument="scored")
    if n_boot < 0:
        raise ModelError(f"n_boot: expected a non-negative integer, got {n_boot}")
    if not 0.0 <= neutral_band < 0.5:
        raise ModelError(f"neutral_band: expected a value in [0, 0.5), got {neutral_band}")
    rows = []
    if len(scored):
        for key, group in scored.groupby(by, sort=True, dropna=False):
            values = group["score"].to_numpy(dtype=np.float64)
            values = values[np.isfinite(values)]
            low, high = _bootstrap_interval(values, n_boot=n_boot, seed=seed)
            n = int(values.size)
            keys = key if isinstance(key, tuple) else (key,)
            rows.append(
                (
                    *keys,
                    n,
                    float(values.mean()) if n else math.nan,
                    float((values > 0.5 + neutral_band).mean()) if n else math.nan,
                    float((values < 0.5 - neutral_band).mean()) if n else math.nan,
                    low,
                    high,
                )
            )
    out = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    out["n_sentences"] = out["n_sentences"].astype("int64")
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def article_sentiment(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    scorer: Scorer | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    neutral_band: float = 0.0,
) -> pd.DataFrame:
    """Per document: mean sentence score, shares positive/negative and a bootstrap 95 % CI.

    The document is split into sentences (:func:`sentences`) and each sentence scored; the
    whole text is never scored at once.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, n_sentences, mean, share_positive, share_negative, ci_low, ci_high``
        (see :func:`summarise_scores`), sorted by ``doc_id``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["很好。满意。", "太差了。很失望。"]})
    >>> out = article_sentiment(docs, scorer=score, n_boot=100)
    >>> out[["doc_id", "n_sentences"]].to_dict("records")
    [{'doc_id': 'a', 'n_sentences': 2}, {'doc_id': 'b', 'n_sentences': 2}]
    >>> bool(out["mean"].iloc[0] > 0.5 > out["mean"].iloc[1])
    True
    """
    scored = sentences(df, text_column=text_column, scorer=scorer)
    summary = summarise_scores(
        scored, by=["doc_id"], n_boot=n_boot, seed=seed, neutral_band=neutral_band
    )
    # Documents without any sentence still get a row (n_sentences 0, NaN statistics).
    all_ids = pd.DataFrame({"doc_id": sorted(pd.unique(df["doc_id"]))})
    out = all_ids.merge(summary, on="doc_id", how="left")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)


def sentiment_arc(scored: pd.DataFrame, *, window: int = 5) -> pd.DataFrame:
    """Sentence scores along each document with a centred rolling mean: the sentiment arc.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`sentences` (``doc_id, sentence_index, score``).
    window : int
        Width of the centred rolling mean, in sentences (NaN scores are skipped; the window
        shrinks at the ends).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, sentence_index, position, score, smoothed``; ``position`` is the
        relative place in the document, 0 (first sentence) to 1 (last). Sorted by
        ``doc_id, sentence_index``.

    Examples
    --------
    >>> scored = pd.DataFrame({"doc_id": "a", "sentence_index": [0, 1, 2],
    ...                        "score": [0.9, 0.3, np.nan]})
    >>> sentiment_arc(scored, window=3).round(2).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'doc_id': ['a', 'a', 'a'], 'sentence_index': [0, 1, 2], 'position': [0.0, 0.5, 1.0],
     'score': [0.9, 0.3, nan], 'smoothed': [0.6, 0.6, 0.3]}
    """
    _check_columns(scored, ["doc_id", "sentence_index", "score"], argument="scored")
    if window < 1:
        raise ModelError(f"window: expected a positive number of sentences, got {window}")
    out = scored.sort_values(["doc_id", "sentence_index"], kind="stable").reset_index(drop=True)
    out = out[["doc_id", "sentence_index", "score"]].copy()
    grouped = out.groupby("doc_id", sort=True)
    last = grouped["sentence_index"].transform("max").astype("float64")
    first = grouped["sentence_index"].transform("min").astype("float64")
    span = (last - first).where(last > first, 1.0)
    out["position"] = (out["sentence_index"] - first) / span
    out["smoothed"] = grouped["score"].transform(
        lambda s: s.rolling(window, center=True, min_periods=1).mean()
    )
    return out[["doc_id", "sentence_index", "position", "score", "smoothed"]]


def _theme_sentences(df: pd.DataFrame, theme_sentences: pd.DataFrame | None) -> pd.DataFrame:
    if theme_sentences is None:
        from retailkit.themes import theme_sentences as find_theme_sentences

        theme_sentences = find_theme_sentences(df)
    _check_columns(
        theme_sentences,
        ["doc_id", "sentence_index", "theme", "sentence"],
        argument="theme_sentences",
    )
    return theme_sentences


def theme_sentence_scores(
    df: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    theme_sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score every sentence that mentions a theme, once per document × theme × sentence.

    Parameters
    ----------
    df : pandas.DataFrame
        The corpus (``doc_id``, ``text``), passed to ``retailkit.themes.theme_sentences`` when
        ``theme_sentences`` is not given.
    scorer : callable, optional
        Default :func:`default_article_scorer`.
    theme_sentences : pandas.DataFrame, optional
        Precomputed ``doc_id, sentence_index, theme, sentence`` (and optionally ``term``) rows,
        e.g. from ``retailkit.themes.theme_sentences(df)`` or your own theme lexicon.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, theme, sentence_index, sentence, terms, score``; ``terms`` joins the
        theme terms found in the sentence with ``"、"`` (empty if no ``term`` column). Sorted by
        ``doc_id, theme, sentence_index``.

    Examples
    --------
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "sentence_index": [0, 0],
    ...     "theme": ["物流", "物流"], "term": ["快递", "物流"],
    ...     "sentence": ["物流快递很快，满意。"] * 2})
    >>> out = theme_sentence_scores(None, scorer=score, theme_sentences=mentions)
    >>> out[["theme", "terms"]].values.tolist()
    [['物流', '快递、物流']]
    """
    mentions = _theme_sentences(df, theme_sentences)
    keys = ["doc_id", "theme", "sentence_index"]
    if "term" in mentions.columns:
        terms = (
            mentions.assign(term=mentions["term"].astype(str))
            .groupby(keys, sort=True)["term"]
            .agg(lambda s: "、".join(sorted(set(s))))
        )
    else:
        terms = mentions.groupby(keys, sort=True)["sentence"].agg(lambda s: "")
    first = mentions.groupby(keys, sort=True)["sentence"].first()
    out = pd.DataFrame({"sentence": first, "terms": terms}).reset_index()
    unique_sentences = sorted(set(out["sentence"].astype(str)))
    lookup = dict(
        zip(unique_sentences, _apply_scorer(scorer, unique_sentences).tolist(), strict=True)
    )
    out["score"] = out["sentence"].astype(str).map(lookup).astype("float64")
    out["sentence_index"] = out["sentence_index"].astype("int64")
    out = out[["doc_id", "theme", "sentence_index", "sentence", "terms", "score"]]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def theme_stance(
    df: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    theme_sentences: pd.DataFrame | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    neutral_band: float = 0.0,
) -> pd.DataFrame:
    """Per document × theme: the mean score of the sentences mentioning the theme, with a CI.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, theme, n_sentences, mean, share_positive, share_negative, ci_low,
        ci_high``, sorted by ``doc_id, theme``. Quote the sentences with :func:`theme_evidence`.

    Examples
    --------
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "sentence_index": [0, 1],
    ...     "theme": ["物流", "物流"], "sentence": ["物流很快，满意。", "快递太慢了，差评。"]})
    >>> out = theme_stance(None, scorer=score, theme_sentences=mentions, n_boot=50)
    >>> out[["doc_id", "theme", "n_sentences", "share_positive"]].to_dict("records")
    [{'doc_id': 'a', 'theme': '物流', 'n_sentences': 2, 'share_positive': 0.5}]
    """
    scored = theme_sentence_scores(df, scorer=scorer, theme_sentences=theme_sentences)
    return summarise_scores(
        scored, by=["doc_id", "theme"], n_boot=n_boot, seed=seed, neutral_band=neutral_band
    )


def theme_evidence(
    df: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    theme_sentences: pd.DataFrame | None = None,
    n: int = 2,
    neutral_band: float = 0.0,
) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences per document × theme, as quotes.

    Only sentences on the side they illustrate are quoted: a positive quote scores above
    ``0.5 + neutral_band``, a negative one below ``0.5 - neutral_band``, so a theme discussed only
    approvingly has no negative quote (and a sentence without evidence is never a quote).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, theme, side, rank, sentence_index, score, sentence`` with ``side`` in
        ``{"positive", "negative"}`` (strongest first, ``rank`` from 1). Sentences with a NaN
        score are left out. Sorted by ``doc_id, theme, side, rank``.

    Examples
    --------
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "sentence_index": [0, 1],
    ...     "theme": ["物流", "物流"], "sentence": ["物流很快，满意。", "快递太慢了，差评。"]})
    >>> out = theme_evidence(None, scorer=score, theme_sentences=mentions, n=1)
    >>> out[["side", "sentence"]].values.tolist()
    [['negative', '快递太慢了，差评。'], ['positive', '物流很快，满意。']]
    """
    if n < 1:
        raise ModelError(f"n: expected a positive number of quotes, got {n}")
    if not 0.0 <= neutral_band < 0.5:
        raise ModelError(f"neutral_band: expected a value in [0, 0.5), got {neutral_band}")
    scored = theme_sentence_scores(df, scorer=scorer, theme_sentences=theme_sentences)
    scored = scored[np.isfinite(scored["score"].to_numpy(dtype=np.float64))]
    parts = []
    for _, group in scored.groupby(["doc_id", "theme"], sort=True):
        above = group[group["score"] > 0.5 + neutral_band]
        below = group[group["score"] < 0.5 - neutral_band]
        top = above.sort_values(["score", "sentence_index"], ascending=[False, True]).head(n)
        bottom = below.sort_values(["score", "sentence_index"], ascending=[True, True]).head(n)
        parts.append(top.assign(side="positive", rank=np.arange(1, len(top) + 1)))
        parts.append(bottom.assign(side="negative", rank=np.arange(1, len(bottom) + 1)))
    columns = ["doc_id", "theme", "side", "rank", "sentence_index", "score", "sentence"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)[columns]
    out["rank"] = out["rank"].astype("int64")
    return out.sort_values(["doc_id", "theme", "side", "rank"], kind="stable").reset_index(
        drop=True
    )
