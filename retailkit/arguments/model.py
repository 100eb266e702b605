"""The commentary model: target detection and stance toward a target, learned from real commentary.

Trained by ``benchmarks/train_commentary_models.py`` on 6,983 hand-coded sentences of Chinese
commentary from other outlets (``data/commentary/``; never a seed sentence; every sentence
coded twice, blind, and the disagreements adjudicated). Two parts, both logistic regressions
over the same features of a sentence — binary character 1–3-grams (a fixed vocabulary), the
three lexicon evidence features of :func:`retailkit.stance.sentence_features`
and the rule-based targets of :func:`retailkit.arguments.targets.detect_targets`:

* **targets**: one binary model per target (social, interactive, feed);
* **stance**: a three-class model (approving / neutral / skeptical) whose input also says which
  target to judge and the mean word vector of the sentence (word2vec, learned from unlabelled
  text; stored collapsed to one weight per word and class, :func:`word_evidence`); its score
  is ``0.5 + (P(approving) − P(skeptical)) / 2``, shifted by the
  stored ``offset`` (chosen by cross-validation so that 0.5 separates approving from skeptical
  best) and clipped to [0, 1]. A pair is called neutral when the model's P(neutral) reaches
  the stored ``neutral_threshold`` (the lowest whose cross-validated precision reaches 0.7),
  which separates neutral from polar pairs better than a band around 0.5 of the score.

The model is data: ``retailkit/data/arguments/commentary_model.json`` (parameters, intercepts,
dense coefficients, the neutral band, training-data hash, cross-validated figures),
``commentary_ngrams.csv`` (one row per n-gram: its weight in every model) and
``commentary_words.csv`` (one row per word: its weight in each stance class), UTF-8 text, no
pickle.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from retailkit.arguments.targets import TARGETS
from retailkit.errors import ModelError

__all__ = [
    "FORMAT_VERSION",
    "STANCE_CLASSES",
    "dense_features",
    "load_model",
    "model_band",
    "neutral_probabilities",
    "neutral_threshold",
    "scores_and_neutral",
    "sentence_stance",
    "stance_scores",
    "target_probabilities",
    "word_evidence",
    "word_means",
    "word_tokens",
]

# 2: the stance model also reads word evidence (commentary_words.csv).
FORMAT_VERSION = 2
STANCE_CLASSES = ("approving", "neutral", "skeptical")
_MODEL = "commentary_model.json"
_NGRAMS = "commentary_ngrams.csv"
_WORDS = "commentary_words.csv"
# Sentences scored per matrix product: bounds the sparse n-gram matrix (about 100 non-zeros a
# sentence) on a large corpus; rows are independent, so the batch size changes no score.
_BATCH = 10_000


def dense_features(sentences: Sequence[str], targets: Sequence[str] | None = None) -> np.ndarray:
    """Lexicon evidence, rule targets and (for stance) the target judged, one row per sentence.

    Columns: the three lexicon features of :func:`retailkit.stance.sentence_features`, three
    0/1 rule-target flags, and — when ``targets`` is given — three 0/1 flags of the target
    judged.
    """
    from retailkit import stance
    from retailkit.arguments.targets import detect_targets

    texts = [s if isinstance(s, str) else "" for s in sentences]
    lexicon = stance.sentence_features(texts)[list(stance.LEXICONS)].to_numpy(dtype=float)
    # Each sentence judged alone (its own paragraph), so a feature never depends on its
    # neighbours in the batch.
    alone = detect_targets(texts, list(range(len(texts))))
    rules = np.array([[t in found for t in TARGETS] for found in alone], float)
    parts = [lexicon, rules.reshape(len(texts), len(TARGETS))]
    if targets is not None:
        judged = np.array([[t == target for t in TARGETS] for target in targets], float)
        parts.append(judged.reshape(len(texts), len(TARGETS)))
    return np.hstack(parts)


@functools.cache
def load_model() -> dict[str, Any]:
    """The shipped commentary model (cached); a malformed file raises :class:`ModelError`."""
    folder = resources.files("retailkit").joinpath("data", "arguments")
    try:
        meta = json.loads(folder.joinpath(_MODEL).read_text(encoding="utf-8"))
        with resources.as_file(folder.joinpath(_NGRAMS)) as path:
            ngrams = pd.read_csv(path, keep_default_na=False, encoding="utf-8")
        with resources.as_file(folder.joinpath(_WORDS)) as path:
            words = pd.read_csv(path, keep_default_na=False, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise ModelError(f"retailkit/data/arguments/{_MODEL}: cannot read ({error})") from error
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"retailkit/data/arguments/{_MODEL}: format_version {meta.get('format_version')!r}, "
            f"expected {FORMAT_VERSION}; retrain with benchmarks/train_commentary_models.py"
        )
    columns = [f"stance_{c}" for c in STANCE_CLASSES] + [f"target_{t}" for t in TARGETS]
    missing = [c for c in ["ngram", *columns] if c not in ngrams.columns]
    if missing:
        raise ModelError(f"retailkit/data/arguments/{_NGRAMS}: missing column(s) {missing}")
    word_columns = [f"stance_{c}" for c in STANCE_CLASSES]
    missing = [c for c in ["word", *word_columns] if c not in words.columns]
    if missing:
        raise ModelError(f"retailkit/data/arguments/{_WORDS}: missing column(s) {missing}")
    meta["vocabulary"] = {g: i for i, g in enumerate(ngrams["ngram"])}
    meta["ngram_weights"] = ngrams[columns].to_numpy(dtype=np.float64)
    meta["word_index"] = {w: i for i, w in enumerate(words["word"])}
    meta["word_weights"] = words[word_columns].to_numpy(dtype=np.float64)
    return meta


@functools.cache
def _word_tokenizer() -> Any:
    from retailkit.segment import Tokenizer

    return Tokenizer(stopwords=None)


def word_tokens(sentences: Sequence[str]) -> list[list[str]]:
    """The words the stance model reads: :class:`retailkit.segment.Tokenizer` with no
    stopwords removed (punctuation and whitespace dropped), the same in training.

    Examples
    --------
    >>> word_tokens(["社交电商不是泡沫。"])
    [['社交电商', '不是', '泡沫']]
    """
    tokenizer = _word_tokenizer()
    return [tokenizer.tokenize(s) if isinstance(s, str) else [] for s in sentences]


def word_evidence(sentences: Sequence[str]) -> np.ndarray:
    """Each sentence's word evidence toward the stance classes, shape ``(n, 3)``.

    The mean, over the sentence's words that have one, of each word's stored weight in
    :data:`STANCE_CLASSES` order (0 for a sentence with none). In training this is the stance
    model's part that reads the sentence's mean word vector: the weights are the vectors'
    products with that part's coefficients, so the model keeps no vectors.

    Examples
    --------
    >>> word_evidence(["", "。"]).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    model = load_model()
    weights = model["word_weights"]
    return np.asarray(word_means(sentences, model["word_index"], len(weights)) @ weights)


def word_means(sentences: Sequence[str], index: Mapping[str, int], size: int) -> Any:
    """A sparse ``(n, size)`` matrix whose row i averages over sentence i's words in ``index``.

    Times a table with one row per word (vectors in training, weights in scoring), it gives
    each sentence the mean of its known words' rows: every occurrence counts, and a sentence
    with no known word gets zeros.

    Examples
    --------
    >>> word_means(["社交电商不是泡沫。"], {"泡沫": 1, "不是": 0}, 2).toarray().tolist()
    [[0.5, 0.5]]
    """
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    columns: list[int] = []
    shares: list[float] = []
    for row, tokens in enumerate(word_tokens(sentences)):
        known = [index[t] for t in tokens if t in index]
        rows += [row] * len(known)
        columns += known
        shares += [1.0 / len(known)] * len(known) if known else []
    return csr_matrix((shares, (rows, columns)), shape=(len(sentences), size))


@functools.cache
def _vectoriser() -> Any:
    """The n-gram vectoriser of the shipped model, its vocabulary checked once.

    scikit-learn validates a fixed vocabulary on the first ``transform`` of each vectoriser
    (about 9 ms for 77,000 n-grams); one vectoriser for all calls keeps that out of every call.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vectoriser = CountVectorizer(
        analyzer="char",
        ngram_range=(1, 3),
        binary=True,
        vocabulary=load_model()["vocabulary"],
        lowercase=False,
    )
    return vectoriser.fit([""])


def _ngram_matrix(sentences: Sequence[str]) -> Any:
    return _vectoriser().transform([s if isinstance(s, str) else "" for s in sentences])


def _in_batches(score: Any, *columns: Sequence[Any]) -> np.ndarray:
    """``score(*columns)`` over batches of :data:`_BATCH` rows, stacked."""
    n = len(columns[0])
    if n <= _BATCH:
        return np.asarray(score(*columns))
    return np.vstack(
        [score(*(c[start : start + _BATCH] for c in columns)) for start in range(0, n, _BATCH)]
    )


def model_band() -> tuple[float, float]:
    """The neutral band of the stance score, chosen by cross-validation on the commentary."""
    low, high = load_model()["band"]
    return float(low), float(high)


def target_probabilities(sentences: Sequence[str]) -> np.ndarray:
    """P(about each target), shape ``(n, 3)`` in :data:`TARGETS` order.

    Examples
    --------
    >>> p = target_probabilities(["社交电商迎来爆发式增长。", "公司成立于2015年。"])
    >>> (p[0, 0] > 0.5, p[1].max() < 0.5)
    (np.True_, np.True_)
    """
    if not len(sentences):
        return np.zeros((0, len(TARGETS)))
    return _in_batches(_target_batch, list(sentences))


def _target_batch(sentences: Sequence[str]) -> np.ndarray:
    model = load_model()
    ngrams = _ngram_matrix(sentences)
    weights = model["ngram_weights"][:, len(STANCE_CLASSES) :]
    dense = dense_features(sentences)
    z = ngrams @ weights + dense @ np.array(model["targets"]["dense"]).T
    z = np.asarray(z) + np.array(model["targets"]["intercept"])
    return 1.0 / (1.0 + np.exp(-z))


def neutral_threshold() -> float | None:
    """P(neutral) from which a pair is called neutral (``None``: a model without one)."""
    value = load_model()["stance"].get("neutral_threshold")
    return None if value is None else float(value)


def _stance_probabilities(sentences: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """P(approving), P(neutral), P(skeptical) of each sentence toward its paired target."""
    return _in_batches(_stance_batch, list(sentences), list(targets))


def _stance_batch(sentences: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    shifts = np.array([_judged_shift(target) for target in targets]).reshape(-1, 3)
    return _softmax(_sentence_logits(sentences) + shifts)


def _sentence_logits(sentences: Sequence[str]) -> np.ndarray:
    """The stance logits of each sentence without the target judged: n-grams, lexicon and rule
    features, word evidence and intercept (the part all three targets share)."""
    model = load_model()
    ngrams = _ngram_matrix(sentences)
    weights = model["ngram_weights"][:, : len(STANCE_CLASSES)]
    on_sentence = np.array(model["stance"]["dense"])[:, : -len(TARGETS)]
    z = np.asarray(ngrams @ weights) + dense_features(sentences) @ on_sentence.T
    return z + word_evidence(sentences) + np.array(model["stance"]["intercept"])


def _judged_shift(target: str) -> np.ndarray:
    """What judging ``target`` adds to each class's logit (nothing for an unknown target)."""
    if target not in TARGETS:
        return np.zeros(len(STANCE_CLASSES))
    column = len(TARGETS) * 2 + TARGETS.index(target)  # after lexicon (3) and rule flags (3)
    return np.array(load_model()["stance"]["dense"])[:, column]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


def _approval(p: np.ndarray) -> np.ndarray:
    """The stance score from class probabilities: shifted by the stored offset, clipped."""
    offset = float(load_model()["stance"].get("offset", 0.0))
    return np.clip(0.5 + (p[:, 0] - p[:, 2]) / 2 + offset, 0.0, 1.0)


def neutral_probabilities(sentences: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """P(neutral) of each sentence toward its paired target.

    Examples
    --------
    >>> p = neutral_probabilities(["所谓信息流营销，是指在内容流中插入广告。"], ["feed"])
    >>> bool(0.0 <= p[0] <= 1.0)
    True
    """
    return scores_and_neutral(sentences, targets)[1]


def stance_scores(sentences: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """``0.5 + (P(approving) − P(skeptical)) / 2 + offset`` toward each sentence's paired target.

    Examples
    --------
    >>> sentences = ["社交电商迎来爆发式增长。", "社交电商只是泡沫，注定失败。"]
    >>> s = stance_scores(sentences, ["social", "social"])
    >>> bool(s[0] > 0.5 > s[1])
    True
    """
    return scores_and_neutral(sentences, targets)[0]


def scores_and_neutral(
    sentences: Sequence[str], targets: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`stance_scores` and :func:`neutral_probabilities` from one pass of the model."""
    if not len(sentences):
        return np.zeros(0), np.zeros(0)
    p = _stance_probabilities(sentences, targets)
    return _approval(p), p[:, STANCE_CLASSES.index("neutral")]


def sentence_stance(sentences: Sequence[str]) -> np.ndarray:
    """P(approving) of each sentence with no target named: the mean of its scores toward the
    three targets (:func:`stance_scores`).

    For arcs and article means, where a sentence's stance is wanted whatever it is about. In
    the linear model the target judged only shifts each class's logit by a constant, so this is
    the stance model with an average target.

    Examples
    --------
    >>> s = sentence_stance(["这个模式前景广阔，潜力巨大。", "这种玩法问题很多，效果很差。"])
    >>> bool(s[0] > 0.5 > s[1])
    True
    """
    texts = list(sentences)
    if not texts:
        return np.zeros(0)
    # The shared logits once (tokenising and vectorising each sentence once), then each target.
    shared = _in_batches(_sentence_logits, texts)
    return np.mean(
        [_approval(_softmax(shared + _judged_shift(target))) for target in TARGETS], axis=0
    )
