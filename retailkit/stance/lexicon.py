"""Version 1: lexicon evidence with negation, degree, contrast and question rules; fitting."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml

from retailkit.errors import DictionaryError, ModelError
from retailkit.stance._constants import (
    _CLAUSE_PUNCTUATION,
    _QUESTION_END,
    BACKGROUND_WEIGHT,
    BAND_GRID,
    BAND_TOLERANCE,
    DATA_DIR,
    DEGREE_WINDOW,
    LABELS,
    LEXICONS,
    MAX_SPAN_TOKENS,
    MIN_COMPOUND_LENGTH,
    MODIFIER_KINDS,
    NEGATION_WINDOW,
    QUESTION_WEIGHT,
)

# --------------------------------------------------------------------------- resources


def _read_csv(name: str, columns: Sequence[str]) -> pd.DataFrame:
    path = DATA_DIR / name
    if not path.is_file():
        raise DictionaryError(f"{path}: stance lexicon file not found")
    frame = pd.read_csv(path, dtype={"word": str}, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DictionaryError(f"{path}: missing column(s) {', '.join(missing)}")
    frame["word"] = frame["word"].astype(str)
    empty = frame.index[frame["word"].str.strip() == ""]
    if len(empty):
        raise DictionaryError(f"{path}: row {int(empty[0]) + 2}: empty word")
    stripped = frame.index[frame["word"] != frame["word"].str.strip()]
    if len(stripped):
        raise DictionaryError(
            f"{path}: row {int(stripped[0]) + 2}: word has surrounding whitespace"
        )
    duplicated = frame.index[frame["word"].duplicated()]
    if len(duplicated):
        row = int(duplicated[0])
        raise DictionaryError(f"{path}: row {row + 2}: duplicate word {frame['word'][row]!r}")
    return frame


@functools.cache
def load_lexicon(name: str) -> pd.DataFrame:
    """Load one evaluative lexicon shipped with retailkit.

    Parameters
    ----------
    name : str
        One of :data:`LEXICONS`: ``"business_commentary"`` (curated for retailkit),
        ``"financial_sentiment"`` (Yao et al. 2021, formal and informal financial Chinese) or
        ``"hownet_sentiment"`` (HowNet sentiment word lists, Dong 2007).

    Returns
    -------
    pandas.DataFrame
        Columns ``word`` (str), ``polarity`` (+1 approving / -1 skeptical), ``weight``
        (float > 0; 1.0 where the source gives none), sorted by ``word``.

    Raises
    ------
    DictionaryError
        If the name is unknown or the file is malformed (the message names file and row).

    Examples
    --------
    >>> lexicon = load_lexicon("business_commentary").set_index("word")
    >>> int(lexicon.loc["泡沫", "polarity"]), int(lexicon.loc["突破", "polarity"])
    (-1, 1)
    """
    if name not in LEXICONS:
        raise DictionaryError(f"name={name!r}: unknown stance lexicon; choose from {LEXICONS}")
    frame = _read_csv(f"{name}.csv", ("word", "polarity"))
    path = DATA_DIR / f"{name}.csv"
    if "weight" not in frame.columns:
        frame["weight"] = 1.0
    frame["weight"] = pd.to_numeric(frame["weight"], errors="coerce")
    polarity = pd.to_numeric(frame["polarity"], errors="coerce")
    bad = frame.index[~polarity.isin([1, -1]) | ~(frame["weight"] > 0)]
    if len(bad):
        raise DictionaryError(
            f"{path}: row {int(bad[0]) + 2}: polarity must be 1 or -1 and weight > 0"
        )
    frame["polarity"] = polarity.astype(int)
    frame = frame[["word", "polarity", "weight"]].sort_values("word", kind="stable")
    return frame.reset_index(drop=True)


@functools.cache
def load_modifiers() -> pd.DataFrame:
    """Load the negators, degree adverbs, contrast, concessive and rhetorical markers.

    Returns
    -------
    pandas.DataFrame
        Columns ``word``, ``kind`` (one of :data:`MODIFIER_KINDS`), ``multiplier`` (degree:
        factor applied to the next lexicon word; negator: -1; others unused) and ``source``,
        sorted by ``kind`` then ``word``.

    Examples
    --------
    >>> modifiers = load_modifiers().set_index("word")
    >>> modifiers.loc["并非", "kind"], float(modifiers.loc["非常", "multiplier"])
    ('negator', 1.8)
    """
    frame = _read_csv("modifiers.csv", ("word", "kind", "multiplier", "source"))
    path = DATA_DIR / "modifiers.csv"
    bad = frame.index[~frame["kind"].isin(MODIFIER_KINDS)]
    if len(bad):
        raise DictionaryError(
            f"{path}: row {int(bad[0]) + 2}: kind must be one of {MODIFIER_KINDS}"
        )
    frame["multiplier"] = pd.to_numeric(frame["multiplier"], errors="raise").astype(float)
    frame = frame.sort_values(["kind", "word"], kind="stable").reset_index(drop=True)
    return frame[["word", "kind", "multiplier", "source"]]


@functools.cache
def load_model() -> dict[str, Any]:
    """The shipped combination model: feature names, coefficients and the neutral band.

    Returns
    -------
    dict
        Keys ``version``, ``features`` (list of str), ``coefficients`` (dict feature -> float),
        ``band`` (list ``[lo, hi]``), ``trained_on`` and ``notes``.

    Examples
    --------
    >>> model = load_model()
    >>> model["features"] == list(LEXICONS)
    True
    """
    path = DATA_DIR / "model.yaml"
    if not path.is_file():
        raise ModelError(f"{path}: stance model file not found")
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [k for k in ("features", "coefficients", "band") if k not in model]
    if missing:
        raise ModelError(f"{path}: missing key(s) {', '.join(missing)}")
    return dict(model)


@functools.cache
def load_neutral_terms() -> pd.DataFrame:
    """Words ignored by every lexicon: topic or function words of business commentary.

    General lexicons mark some of the genre's most common descriptive words as evaluative
    (HowNet: 进行, 管理, 竞争; the financial lexicon: 成立, 品牌). The scorer skips them.

    Returns
    -------
    pandas.DataFrame
        Columns ``word`` and ``source``, sorted by ``word``.

    Examples
    --------
    >>> "成立" in set(load_neutral_terms()["word"])
    True
    """
    frame = _read_csv("neutral_terms.csv", ("word", "source"))
    return frame.sort_values("word", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class _Resources:
    lexicons: dict[str, dict[str, float]]  # lexicon -> word -> signed weight
    longest: dict[str, int]
    negators: frozenset[str]
    degree: dict[str, float]
    contrast: frozenset[str]
    concessive: frozenset[str]
    rhetorical: frozenset[str]


@functools.cache
def _resources() -> _Resources:
    lexicons: dict[str, dict[str, float]] = {}
    neutral = set(load_neutral_terms()["word"])
    for name in LEXICONS:
        frame = load_lexicon(name)
        frame = frame[~frame["word"].isin(neutral)]
        signed = frame["polarity"] * frame["weight"]
        lexicons[name] = dict(zip(frame["word"], signed.astype(float), strict=True))
    modifiers = load_modifiers()

    def words(kind: str) -> frozenset[str]:
        return frozenset(modifiers.loc[modifiers["kind"] == kind, "word"])

    degree = modifiers[modifiers["kind"] == "degree"]
    return _Resources(
        lexicons=lexicons,
        longest={name: max(map(len, lex)) for name, lex in lexicons.items()},
        negators=words("negator"),
        degree=dict(zip(degree["word"], degree["multiplier"], strict=True)),
        contrast=words("contrast"),
        concessive=words("concessive"),
        rhetorical=words("rhetorical"),
    )


@functools.cache
def _tokenizer() -> Any:
    # A private rjieba instance: the rules need every token (punctuation, 不, 但 ...), which a
    # stopword-filtering tokenizer would drop, and the scores must not move when someone adds a
    # user dictionary elsewhere. rjieba is deterministic and logs nothing.
    import rjieba

    return rjieba.Jieba()


# --------------------------------------------------------------------------- matching


def _is_missing(sentence: object) -> bool:
    if sentence is None:
        return True
    try:
        return bool(pd.isna(sentence))
    except (TypeError, ValueError):
        return False


def _tokens(sentence: str) -> list[str]:
    return [t for t in _tokenizer().cut(sentence, True) if t.strip()]


def _matches(tokens: list[str], lexicon: dict[str, float], longest: int) -> list[tuple]:
    """Greedy left-to-right longest match of lexicon entries over runs of whole tokens.

    Matching whole tokens keeps 便利 out of 便利店 ("convenience store"); only tokens of
    :data:`MIN_COMPOUND_LENGTH` or more characters are searched inside. Returns
    (start, end, word) triples. Single modifier tokens (不, 非常, 但 ...) are not matched as
    evaluative words; they act through the rules instead.
    """
    res = _resources()
    skip = res.negators | set(res.degree) | res.contrast | res.concessive | res.rhetorical
    found = []
    i = 0
    while i < len(tokens):
        hit = None
        for j in range(min(len(tokens), i + MAX_SPAN_TOKENS), i, -1):
            span = "".join(tokens[i:j])
            if len(span) > longest:
                continue
            if span in lexicon and not (j == i + 1 and span in skip):
                hit = (i, j, span)
                break
        if hit is None and len(tokens[i]) >= MIN_COMPOUND_LENGTH:
            # Long tokens are compounds or idioms (陷入困境, 迎来爆发): look inside them,
            # longest entry first, leftmost first.
            token = tokens[i]
            for size in range(min(len(token) - 1, longest), 1, -1):
                inside = [token[k : k + size] for k in range(len(token) - size + 1)]
                inside = [w for w in inside if w in lexicon]
                if inside:
                    hit = (i, i + 1, inside[0])
                    break
        if hit is not None:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def explain(sentence: str | None) -> pd.DataFrame:
    """Show the evidence the scorer finds in one sentence, word by word.

    Parameters
    ----------
    sentence : str or None
        One sentence.

    Returns
    -------
    pandas.DataFrame
        One row per lexicon match, columns ``lexicon``, ``word``, ``token_index``,
        ``polarity`` (signed lexicon weight), ``negations`` (negators in scope), ``degree``
        (product of degree multipliers in scope), ``context`` (contrast/concession weight times
        question factor) and ``contribution`` (their product), sorted by ``lexicon`` then
        ``token_index``. Empty (with these columns) when there is no evidence.

    Examples
    --------
    >>> explain("前景并不光明")[["lexicon", "word", "negations", "contribution"]]
                   lexicon word  negations  contribution
    0  business_commentary   光明          1          -1.0
    1  financial_sentiment   前景          0           1.0
    2  financial_sentiment   光明          1          -1.0
    3     hownet_sentiment  不光明          0          -1.0
    """
    columns = [
        "lexicon",
        "word",
        "token_index",
        "polarity",
        "negations",
        "degree",
        "context",
        "contribution",
    ]
    return pd.DataFrame(_evidence(sentence), columns=columns)


def _evidence(sentence: str | None) -> list[tuple[str, str, int, float, int, float, float, float]]:
    """The rows of :func:`explain`, sorted by lexicon (in :data:`LEXICONS` order), then token."""
    if _is_missing(sentence) or not str(sentence).strip():
        return []
    text = str(sentence).strip()
    res = _resources()
    tokens = _tokens(text)
    clause = np.cumsum([t in _CLAUSE_PUNCTUATION for t in tokens]).tolist()

    # Context weights: background before the last contrast marker and in concessive clauses.
    weights = [1.0] * len(tokens)
    contrast_at = [k for k, t in enumerate(tokens) if t in res.contrast]
    if contrast_at:
        for k in range(contrast_at[-1]):
            weights[k] = BACKGROUND_WEIGHT
    concessive_clauses = {clause[k] for k, t in enumerate(tokens) if t in res.concessive}
    for k in range(len(tokens)):
        if clause[k] in concessive_clauses:
            weights[k] = min(weights[k], BACKGROUND_WEIGHT)
    question = 1.0
    if _QUESTION_END.search(text):
        question = -1.0 if any(t in res.rhetorical for t in tokens) else QUESTION_WEIGHT

    rows = []
    for name in LEXICONS:
        lexicon = res.lexicons[name]
        found = []
        for start, _end, word in _matches(tokens, lexicon, res.longest[name]):
            negations = sum(
                1
                for k in range(max(0, start - NEGATION_WINDOW), start)
                if clause[k] == clause[start] and tokens[k] in res.negators
            )
            degree = 1.0
            for k in range(max(0, start - DEGREE_WINDOW), start):
                if clause[k] == clause[start] and tokens[k] in res.degree:
                    degree *= res.degree[tokens[k]]
            context = weights[start] * question
            polarity = lexicon[word]
            contribution = polarity * (-1.0) ** negations * degree * context
            found.append((name, word, start, polarity, negations, degree, context, contribution))
        rows += sorted(found, key=lambda row: row[2])  # stable: by token index
    return rows


def sentence_features(sentences: Sequence[str | None]) -> pd.DataFrame:
    """Evidence features of each sentence, one column per lexicon.

    Each feature is ``sign(s) * log(1 + |s|)`` of the summed contributions ``s`` that
    :func:`explain` lists for that lexicon (0 when there is none), so that one strong word and
    a list of weak ones stay on a comparable scale.

    Parameters
    ----------
    sentences : sequence of str or None
        Sentences to describe.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LEXICONS` (float) plus ``missing`` (bool: None/NaN input), one row per
        sentence in input order.

    Examples
    --------
    >>> sentence_features(["陷入困境", None]).round(3)
       business_commentary  financial_sentiment  hownet_sentiment  missing
    0               -0.916               -0.693            -0.693    False
    1                0.000                0.000             0.000     True
    """
    rows = []
    for sentence in sentences:
        values = dict.fromkeys(LEXICONS, 0.0)
        missing = _is_missing(sentence)
        if not missing:
            sums: dict[str, float] = {}
            for row in _evidence(sentence):
                sums[row[0]] = sums.get(row[0], 0.0) + row[7]
            for name, total in sums.items():
                values[name] = math.copysign(math.log1p(abs(total)), total)
        rows.append({**values, "missing": missing})
    return pd.DataFrame(rows, columns=[*LEXICONS, "missing"])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


# --------------------------------------------------------------------------- fitting


def load_development_set(which: Literal["v1", "v2", "all"] = "v1") -> pd.DataFrame:
    """The development sentences the scorers are fitted on (none from the seeds).

    Parameters
    ----------
    which : {"v1", "v2", "all"}, default "v1"
        ``"v1"``: the 170 sentences of ``development_sentences.csv`` that v1's weights are
        fitted on; ``"v2"``: the larger set of ``development_sentences_v2.csv`` (with
        ``topic``, ``note`` and ``source`` columns); ``"all"``: both, which v2 is fitted on
        (v1 rows get topic ``"v1_development"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence_id``, ``text``, ``label`` (one of :data:`LABELS`) for ``"v1"``;
        plus ``topic``, ``note`` for ``"v2"`` and ``"all"`` (and ``source`` for ``"v2"``),
        sorted by ``sentence_id``.

    Raises
    ------
    DictionaryError
        If a file has a row with an unknown label (the message names file and row).

    Examples
    --------
    >>> dev = load_development_set()
    >>> sorted(dev["label"].unique())
    ['approving', 'neutral', 'skeptical']
    >>> len(load_development_set("all")) == len(dev) + len(load_development_set("v2"))
    True
    """
    if which not in ("v1", "v2", "all"):
        raise ValueError(f"which={which!r}: choose 'v1', 'v2' or 'all'")
    if which == "all":
        first = load_development_set("v1").assign(topic="v1_development", note="")
        second = load_development_set("v2")
        columns = ["sentence_id", "text", "label", "topic", "note"]
        frame = pd.concat([first[columns], second[columns]], ignore_index=True)
        return frame.sort_values("sentence_id", kind="stable").reset_index(drop=True)
    name = "development_sentences.csv" if which == "v1" else "development_sentences_v2.csv"
    path = DATA_DIR / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    bad = frame.index[~frame["label"].isin(LABELS)]
    if len(bad):
        raise DictionaryError(f"{path}: row {int(bad[0]) + 2}: label must be one of {LABELS}")
    return frame.sort_values("sentence_id", kind="stable").reset_index(drop=True)


def fit_weights(frame: pd.DataFrame | None = None, *, C: float = 1.0) -> dict[str, float]:
    """Fit the lexicon weights by logistic regression without intercept.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Columns ``text`` and ``label``; only ``approving`` and ``skeptical`` rows are used.
        Default: :func:`load_development_set`.
    C : float, default 1.0
        Inverse L2 regularisation strength (scikit-learn's ``C``).

    Returns
    -------
    dict
        Feature name -> coefficient, in :data:`LEXICONS` order. ``model.yaml`` holds the
        result of ``fit_weights()``.

    Examples
    --------
    >>> weights = fit_weights()
    >>> all(weight > 0 for weight in weights.values())
    True
    """
    from sklearn.linear_model import LogisticRegression

    frame = load_development_set() if frame is None else frame
    polar = frame[frame["label"].isin(["approving", "skeptical"])]
    if polar["label"].nunique() < 2:
        raise ModelError("frame: need both approving and skeptical sentences to fit weights")
    features = sentence_features(polar["text"].tolist())[list(LEXICONS)].to_numpy(dtype=float)
    target = (polar["label"] == "approving").to_numpy().astype(int)
    model = LogisticRegression(C=C, fit_intercept=False, solver="lbfgs", max_iter=1000)
    model.fit(features, target)
    return {name: round(float(c), 6) for name, c in zip(LEXICONS, model.coef_[0], strict=True)}


def fit_model(frame: pd.DataFrame | None = None, *, C: float = 1.0) -> dict[str, Any]:
    """Fit the weights and choose the neutral band: what ``model.yaml`` stores.

    The weights come from :func:`fit_weights`. The band is symmetric around 0.5; its
    half-width is the widest value in :data:`BAND_GRID` whose macro-F1 over the three labels
    on ``frame`` is within :data:`BAND_TOLERANCE` of the best (a wider band is preferred when
    the data cannot tell them apart, because commentary has many descriptive sentences).

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Columns ``text`` and ``label``. Default: :func:`load_development_set`.
    C : float, default 1.0
        Inverse regularisation strength passed to :func:`fit_weights`.

    Returns
    -------
    dict
        Keys ``features``, ``coefficients``, ``band`` and ``development`` (n and macro-F1).

    Examples
    --------
    >>> fitted = fit_model()
    >>> fitted["coefficients"] == load_model()["coefficients"]
    True
    >>> fitted["band"] == load_model()["band"]
    True
    """
    from sklearn.metrics import f1_score

    frame = load_development_set() if frame is None else frame
    weights = fit_weights(frame, C=C)
    features = sentence_features(frame["text"].tolist())[list(LEXICONS)].to_numpy(dtype=float)
    probability = _sigmoid(features @ np.array([weights[name] for name in LEXICONS]))
    f1 = {}
    for half in BAND_GRID:
        predicted = np.where(
            probability > 0.5 + half,
            "approving",
            np.where(probability < 0.5 - half, "skeptical", "neutral"),
        )
        f1[half] = float(f1_score(frame["label"], predicted, average="macro", labels=LABELS))
    best = max(f1.values())
    half = max(h for h, value in f1.items() if value >= best - BAND_TOLERANCE)
    return {
        "features": list(LEXICONS),
        "coefficients": weights,
        "band": [round(0.5 - half, 4), round(0.5 + half, 4)],
        "development": {"n": len(frame), "macro_f1": round(f1[half], 4)},
    }
