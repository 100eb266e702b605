"""Version 2: lexicon features, the review model and character n-grams, stacked."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from retailkit.errors import ModelError
from retailkit.stance._constants import (
    _CLAUSE_PUNCTUATION,
    BAND_GRID,
    BAND_TOLERANCE,
    DATA_DIR,
    LABELS,
    LEXICONS,
    NEGATION_WINDOW,
)
from retailkit.stance._metrics import _accuracy, _auc
from retailkit.stance.lexicon import (
    _is_missing,
    _resources,
    _tokens,
    load_development_set,
    sentence_features,
)

# --------------------------------------------------------------------------- version 2

#: Classes of the v2 models, in the order of their coefficient rows.
V2_CLASSES = ("approving", "neutral", "skeptical")
#: Features of the v2 stacker, in the order of its coefficient columns.
V2_FEATURES = (*LEXICONS, "review_model", "char_approving", "char_skeptical")
#: Character n-gram lengths of the v2 text classifier.
V2_NGRAM_RANGE = (1, 3)
#: An n-gram must occur in at least this many development sentences to enter the vocabulary.
V2_MIN_DF = 2
#: Inverse L2 regularisation of the v2 character n-gram logistic regression.
V2_TEXT_C = 10.0
#: Inverse L2 regularisation of the v2 stacker.
V2_STACK_C = 1.0
#: Folds of the out-of-fold predictions the stacker and the band are fitted on.
V2_FOLDS = 5
#: Whether the character model reads only the clause after the last contrast marker.
V2_FOCUS_AFTER_CONTRAST = False
#: Whether negators and the words in their scope are hidden from the character model.
V2_HIDE_NEGATED = True
#: Whether degree adverbs (非常, 大幅, 略 ...) are hidden from the character model.
V2_HIDE_DEGREE = True
#: Review-model probabilities are clipped to [eps, 1 - eps] before taking the logit.
_REVIEW_EPSILON = 1e-3
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _normalise_v2(text: str) -> str:
    # NFKC folds full-width digits, letters and punctuation onto one form, so that ２０１９ and
    # 2019 share n-grams; runs of whitespace become one space.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _char_view(text: str) -> str:
    """The text the character model reads, after two optional rewrites.

    * :data:`V2_HIDE_NEGATED`: negators (不 / 没有 / 并非 ...) and the tokens in their scope
      (the next :data:`NEGATION_WINDOW` tokens, same clause) are removed. An n-gram model
      cannot tell 陷入困境 from 没有陷入困境; hidden, the negated words are scored only by the
      lexicon features, whose rules flip them. (It raised cross-validated AUC and accuracy.)
    * :data:`V2_FOCUS_AFTER_CONTRAST`: only the part after the last contrast marker (但 /
      然而 / 却 ...) is kept (guideline 2). Off: it lowered cross-validated accuracy.
    """
    if not (V2_HIDE_NEGATED or V2_HIDE_DEGREE or V2_FOCUS_AFTER_CONTRAST):
        return text
    res = _resources()
    tokens = _tokens(text)
    keep = [True] * len(tokens)
    if V2_HIDE_NEGATED:
        clause = np.cumsum([t in _CLAUSE_PUNCTUATION for t in tokens]).tolist()
        for k, token in enumerate(tokens):
            if token in res.negators:
                for j in range(k, min(len(tokens), k + 1 + NEGATION_WINDOW)):
                    if clause[j] == clause[k]:
                        keep[j] = False
    if V2_HIDE_DEGREE:
        for k, token in enumerate(tokens):
            if token in res.degree:
                keep[k] = False
    if V2_FOCUS_AFTER_CONTRAST:
        last = max((k for k, t in enumerate(tokens) if t in res.contrast), default=-1)
        if 0 <= last < len(tokens) - 1:
            keep[: last + 1] = [False] * (last + 1)
    if all(keep):
        return text
    return "".join(t for t, kept in zip(tokens, keep, strict=True) if kept)


def _char_vectoriser(vocabulary: Sequence[str] | None = None) -> Any:
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        analyzer="char",
        ngram_range=V2_NGRAM_RANGE,
        binary=True,
        lowercase=False,
        min_df=1 if vocabulary is not None else V2_MIN_DF,
        vocabulary=list(vocabulary) if vocabulary is not None else None,
        dtype=np.float64,
    )


def _char_matrix(texts: Sequence[str], vocabulary: Sequence[str]) -> Any:
    from sklearn.preprocessing import normalize

    focused = [_char_view(t) for t in texts]
    return normalize(_char_vectoriser(vocabulary).transform(focused))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _multinomial(features: Any, target: np.ndarray, *, C: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression; coefficient rows and intercepts in V2_CLASSES order."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    model.fit(features, target)
    if tuple(model.classes_) != V2_CLASSES:
        raise ModelError(f"frame: need all of {V2_CLASSES} to fit v2, got {list(model.classes_)}")
    return model.coef_.astype(float), model.intercept_.astype(float)


@dataclass(frozen=True)
class _CharModel:
    vocabulary: list[str]
    weights: np.ndarray  # (3, n_ngrams), rows in V2_CLASSES order
    intercepts: np.ndarray  # (3,)

    def log_odds(self, texts: Sequence[str]) -> np.ndarray:
        """log P(approving)/P(neutral) and log P(skeptical)/P(neutral), one row per text."""
        z = np.asarray(_char_matrix(texts, self.vocabulary) @ self.weights.T) + self.intercepts
        return np.column_stack([z[:, 0] - z[:, 1], z[:, 2] - z[:, 1]])


def _fit_char_model(texts: Sequence[str], labels: np.ndarray, *, C: float) -> _CharModel:
    """Binary presence of character n-grams, L2-normalised rows, three-class regression."""
    vectoriser = _char_vectoriser()
    vectoriser.fit([_char_view(t) for t in texts])
    vocabulary = [str(n) for n in vectoriser.get_feature_names_out()]  # sorted
    weights, intercepts = _multinomial(_char_matrix(texts, vocabulary), labels, C=C)
    return _CharModel(vocabulary, weights, intercepts)


def _review_logit(texts: Sequence[str]) -> np.ndarray:
    from retailkit import sentiment

    probability = np.asarray(sentiment.score(list(texts)), dtype=float)
    probability = np.clip(np.nan_to_num(probability, nan=0.5), _REVIEW_EPSILON, 1 - _REVIEW_EPSILON)
    return np.log(probability / (1 - probability))


def _base_features_v2(texts: Sequence[str]) -> np.ndarray:
    """The v2 features that need no fitting: three lexicon features and the review logit."""
    lexicon = sentence_features(list(texts))[list(LEXICONS)].to_numpy(dtype=float)
    return np.column_stack([lexicon, _review_logit(texts)])


@dataclass(frozen=True)
class _PartsV2:
    char: _CharModel
    coefficients: np.ndarray  # (3, len(V2_FEATURES))
    intercepts: np.ndarray  # (3,)

    def probabilities(self, texts: list[str], base: np.ndarray) -> np.ndarray:
        features = np.column_stack([base, self.char.log_odds(texts)])
        return _softmax(features @ self.coefficients.T + self.intercepts)


def _approval(probabilities: np.ndarray) -> np.ndarray:
    # 0.5 + (P(approving) - P(skeptical)) / 2: above 0.5 exactly when approving is likelier
    # than skeptical, and near 0.5 when the sentence is probably neutral.
    return 0.5 + 0.5 * (probabilities[:, 0] - probabilities[:, 2])


def _oof_char_log_odds(texts: list[str], labels: np.ndarray, *, seed: int) -> np.ndarray:
    """Out-of-fold character-model log-odds: each row scored by a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros((len(texts), 2))
    folds = StratifiedKFold(n_splits=V2_FOLDS, shuffle=True, random_state=seed)
    for train, held_out in folds.split(np.zeros(len(texts)), labels):
        char = _fit_char_model([texts[i] for i in train], labels[train], C=V2_TEXT_C)
        out[held_out] = char.log_odds([texts[i] for i in held_out])
    return out


def _fit_parts_v2(
    texts: list[str], labels: np.ndarray, base: np.ndarray, *, seed: int
) -> tuple[_PartsV2, np.ndarray]:
    """Fit the character model and the stacker; also return the stacker's scores of the rows.

    Those scores use out-of-fold character log-odds, so they behave like scores of unseen
    sentences (only the stacker's few coefficients are in-sample): the band is chosen on them.
    """
    # The stacker must see character log-odds like those of unseen sentences, not the
    # overconfident in-sample ones, so it is fitted on out-of-fold log-odds.
    oof = np.column_stack([base, _oof_char_log_odds(texts, labels, seed=seed)])
    coefficients, intercepts = _multinomial(oof, labels, C=V2_STACK_C)
    char = _fit_char_model(texts, labels, C=V2_TEXT_C)
    parts = _PartsV2(
        char=_CharModel(char.vocabulary, np.round(char.weights, 6), np.round(char.intercepts, 6)),
        coefficients=np.round(coefficients, 6),
        intercepts=np.round(intercepts, 6),
    )
    return parts, _approval(_softmax(oof @ parts.coefficients.T + parts.intercepts))


def _choose_band(probability: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Widest half-width in :data:`BAND_GRID` within :data:`BAND_TOLERANCE` of the best macro-F1."""
    from sklearn.metrics import f1_score

    f1 = {}
    for half in BAND_GRID:
        predicted = np.where(
            probability > 0.5 + half,
            "approving",
            np.where(probability < 0.5 - half, "skeptical", "neutral"),
        )
        f1[half] = float(f1_score(labels, predicted, average="macro", labels=LABELS))
    best = max(f1.values())
    half = max(h for h, value in f1.items() if value >= best - BAND_TOLERANCE)
    return half, f1[half]


def cross_validated_scores_v2(
    frame: pd.DataFrame | None = None, *, groups: str | None = None, seed: int = 0
) -> np.ndarray:
    """Out-of-fold v2 scores of development sentences: each scored by a model not fitted on it.

    The whole v2 pipeline (character model, its inner out-of-fold log-odds, the stacker) is
    refitted on the training part of every fold. Used for the cross-validation table in
    ``benchmarks/README.md`` (``benchmarks/cv_stance_v2.py``).

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Columns ``text``, ``label`` (and the ``groups`` column if given). Default:
        ``load_development_set("all")``.
    groups : str, optional
        Column whose values are held out together (e.g. ``"topic"``: leave one topic out).
        Default: stratified :data:`V2_FOLDS`-fold split, shuffled with ``seed``.
    seed : int, default 0
        Seed of the fold assignments (outer and inner).

    Returns
    -------
    numpy.ndarray
        v2 score per row of ``frame``, in its order.
    """
    from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold

    frame = load_development_set("all") if frame is None else frame
    texts = [_normalise_v2(str(t)) for t in frame["text"]]
    labels = frame["label"].to_numpy(dtype=object)
    base = _base_features_v2(texts)
    if groups is None:
        splits = StratifiedKFold(n_splits=V2_FOLDS, shuffle=True, random_state=seed).split(
            np.zeros(len(texts)), labels
        )
    else:
        splits = LeaveOneGroupOut().split(np.zeros(len(texts)), labels, frame[groups])
    out = np.full(len(texts), np.nan)
    for train, held_out in splits:
        parts, _ = _fit_parts_v2([texts[i] for i in train], labels[train], base[train], seed=seed)
        out[held_out] = _approval(parts.probabilities([texts[i] for i in held_out], base[held_out]))
    return out


def fit_model_v2(frame: pd.DataFrame | None = None, *, seed: int = 0) -> dict[str, Any]:
    """Fit the v2 scorer: what ``model_v2.yaml`` and ``model_v2_char_ngrams.csv`` store.

    1. A character 1–3-gram multinomial logistic regression over approving / neutral /
       skeptical (binary presence, L2-normalised rows, ``C =`` :data:`V2_TEXT_C`, n-grams found
       in at least :data:`V2_MIN_DF` sentences) is fitted on all rows.
    2. A stacked multinomial logistic regression (``C =`` :data:`V2_STACK_C`) combines the
       three v1 lexicon features, the logit of the review model's score and the character
       model's *out-of-fold* log-odds (log P(approving)/P(neutral), log P(skeptical)/P(neutral),
       :data:`V2_FOLDS`-fold). The score is ``0.5 + (P(approving) - P(skeptical)) / 2``: above
       0.5 exactly when approving is likelier than skeptical, close to 0.5 for sentences the
       model thinks neutral.
    3. The neutral band is chosen as in :func:`fit_model`, but on the stacker's scores of the
       rows computed from the out-of-fold character log-odds (in-sample character log-odds
       would be too sure). ``development`` reports AUC, accuracy and macro-F1 of those
       scores; fully cross-validated figures come from :func:`cross_validated_scores_v2`.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Columns ``text`` and ``label``, all three labels present. Default:
        ``load_development_set("all")`` (the v1 and v2 development sentences).
    seed : int, default 0
        Seed of every fold assignment; the fit is otherwise deterministic.

    Returns
    -------
    dict
        ``model`` (the dict stored in ``model_v2.yaml``: ``version``, ``classes``,
        ``features``, ``coefficients`` and ``intercepts`` per class, ``char_ngram`` settings
        and intercepts, ``band``, ``development``) and ``ngrams`` (DataFrame ``ngram`` plus one
        weight column per class, sorted by ``ngram``).

    Raises
    ------
    ModelError
        If ``frame`` lacks one of the three labels.
    """
    frame = load_development_set("all") if frame is None else frame
    texts = [_normalise_v2(str(t)) for t in frame["text"]]
    labels = frame["label"].to_numpy(dtype=object)
    parts, oof = _fit_parts_v2(texts, labels, _base_features_v2(texts), seed=seed)
    half, macro_f1 = _choose_band(oof, labels)
    polar = labels != "neutral"
    positive = labels[polar] == "approving"
    model = {
        "version": 2,
        "classes": list(V2_CLASSES),
        "features": list(V2_FEATURES),
        "coefficients": {
            cls: {f: float(c) for f, c in zip(V2_FEATURES, row, strict=True)}
            for cls, row in zip(V2_CLASSES, parts.coefficients, strict=True)
        },
        "intercepts": {cls: float(c) for cls, c in zip(V2_CLASSES, parts.intercepts, strict=True)},
        "char_ngram": {
            "ngram_range": list(V2_NGRAM_RANGE),
            "min_df": V2_MIN_DF,
            "C": V2_TEXT_C,
            "intercepts": {
                cls: float(c) for cls, c in zip(V2_CLASSES, parts.char.intercepts, strict=True)
            },
            "n_ngrams": len(parts.char.vocabulary),
        },
        "band": [round(0.5 - half, 4), round(0.5 + half, 4)],
        "development": {
            "n": len(frame),
            "seed": seed,
            "stacked_oof_auc": round(_auc(oof[polar], positive), 4),
            "stacked_oof_accuracy": round(_accuracy(oof[polar], positive), 4),
            "stacked_oof_macro_f1": round(macro_f1, 4),
        },
    }
    ngrams = pd.DataFrame({"ngram": parts.char.vocabulary})
    for k, cls in enumerate(V2_CLASSES):
        ngrams[cls] = parts.char.weights[k]
    return {"model": model, "ngrams": ngrams}


_MODEL_V2_HEADER = """\
# Stance scorer v2 (retailkit.stance): stacked multinomial logistic regression over the three
# lexicon features, the review model's logit and a character n-gram model whose weights are in
# model_v2_char_ngrams.csv. Regenerate both files with
#   python -c "import retailkit.stance as s; s.save_model_v2(s.fit_model_v2())"
# tests/test_stance_v2.py checks that they equal what fit_model_v2() produces.
"""


def save_model_v2(fitted: dict[str, Any], directory: str | Path | None = None) -> None:
    """Write a :func:`fit_model_v2` result as ``model_v2.yaml`` + ``model_v2_char_ngrams.csv``.

    Parameters
    ----------
    fitted : dict
        The result of :func:`fit_model_v2`.
    directory : str or Path, optional
        Target folder; default the package's ``data/stance``.
    """
    import csv

    folder = Path(directory) if directory is not None else DATA_DIR
    text = yaml.safe_dump(fitted["model"], sort_keys=False, allow_unicode=True)
    (folder / "model_v2.yaml").write_text(_MODEL_V2_HEADER + text, encoding="utf-8")
    fitted["ngrams"].to_csv(
        folder / "model_v2_char_ngrams.csv",
        index=False,
        encoding="utf-8",
        quoting=csv.QUOTE_NONNUMERIC,
        lineterminator="\n",
    )


def _read_model_v2(folder: Path) -> tuple[dict[str, Any], _PartsV2]:
    path = folder / "model_v2.yaml"
    table = folder / "model_v2_char_ngrams.csv"
    for needed in (path, table):
        if not needed.is_file():
            raise ModelError(f"{needed}: stance v2 model file not found")
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = ("features", "coefficients", "intercepts", "char_ngram", "band")
    missing = [k for k in keys if not isinstance(model, dict) or k not in model]
    if missing:
        raise ModelError(f"{path}: missing key(s) {', '.join(missing)}")
    if list(model["features"]) != list(V2_FEATURES):
        raise ModelError(f"{path}: features must be {list(V2_FEATURES)}")
    ngrams = pd.read_csv(table, dtype={"ngram": str}, keep_default_na=False, encoding="utf-8")
    if list(ngrams.columns) != ["ngram", *V2_CLASSES]:
        raise ModelError(f"{table}: columns must be ngram, {', '.join(V2_CLASSES)}")
    if len(ngrams) != model["char_ngram"].get("n_ngrams"):
        raise ModelError(f"{table}: {len(ngrams)} rows but model_v2.yaml gives another n_ngrams")
    try:
        char = _CharModel(
            vocabulary=ngrams["ngram"].tolist(),
            weights=ngrams[list(V2_CLASSES)].to_numpy(dtype=float).T,
            intercepts=np.array([float(model["char_ngram"]["intercepts"][c]) for c in V2_CLASSES]),
        )
        coefficients = np.array(
            [[float(model["coefficients"][c][f]) for f in V2_FEATURES] for c in V2_CLASSES]
        )
        intercepts = np.array([float(model["intercepts"][c]) for c in V2_CLASSES])
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"{path}: malformed coefficients ({error!r})") from error
    return dict(model), _PartsV2(char, coefficients, intercepts)


@functools.cache
def _cached_model_v2() -> tuple[dict[str, Any], _PartsV2]:
    return _read_model_v2(DATA_DIR)


def load_model_v2(directory: str | Path | None = None) -> dict[str, Any]:
    """The shipped v2 model: its ``model_v2.yaml`` plus the character n-gram weights.

    Parameters
    ----------
    directory : str or Path, optional
        Folder holding ``model_v2.yaml`` and ``model_v2_char_ngrams.csv``; default the
        package's ``data/stance``.

    Returns
    -------
    dict
        The keys of ``model_v2.yaml`` (``version``, ``classes``, ``features``,
        ``coefficients``, ``intercepts``, ``char_ngram``, ``band``, ``development``) plus
        ``ngrams`` (DataFrame ``ngram``, ``approving``, ``neutral``, ``skeptical``).

    Raises
    ------
    ModelError
        If a file is missing or malformed (the message names the file).

    Examples
    --------
    >>> model = load_model_v2()
    >>> model["features"][-3:], len(model["ngrams"]) == model["char_ngram"]["n_ngrams"]
    (['review_model', 'char_approving', 'char_skeptical'], True)
    """
    model, parts = _cached_model_v2() if directory is None else _read_model_v2(Path(directory))
    ngrams = pd.DataFrame({"ngram": parts.char.vocabulary})
    for k, cls in enumerate(V2_CLASSES):
        ngrams[cls] = parts.char.weights[k]
    return {**model, "ngrams": ngrams}


def _score_v2(sentences: list[str | None]) -> np.ndarray:
    _, parts = _cached_model_v2()
    out = np.full(len(sentences), np.nan)
    keep = []
    for i, sentence in enumerate(sentences):
        if _is_missing(sentence):
            continue
        if _CHINESE.search(str(sentence)) is None:
            out[i] = 0.5  # no Chinese character: no evidence, as an empty string in v1
        else:
            keep.append(i)
    if keep:
        texts = [_normalise_v2(str(sentences[i])) for i in keep]
        out[keep] = _approval(parts.probabilities(texts, _base_features_v2(texts)))
    return out
