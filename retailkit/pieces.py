"""From sentences to documents and pieces: scores, summaries and where each piece stands.

This is the aggregation layer above :mod:`retailkit.sentiment` (review model),
:mod:`retailkit.stance` (sentence stance) and :mod:`retailkit.arguments` (targets, voice):
it imports them, none of them imports it.

**Sentence scores per document and theme.** Articles are never scored whole (a review model
saturates on long text). :func:`sentences` splits documents with
:func:`retailkit.cleaning.split_sentences` and scores each sentence; :func:`article_sentiment`
and :func:`theme_stance` summarise sentence scores per document (and theme) with a bootstrap
95 % confidence interval of the mean; :func:`theme_evidence` quotes the sentences behind each
figure. These take any ``scorer`` (a callable ``list[str] -> ndarray`` of scores in [0, 1]); the
default, :func:`default_article_scorer`, is ``retailkit.stance.score`` (review-trained sentiment
transfers badly to business commentary).

**Stance toward each target per piece.** The unit is the **piece** (004's essay, news item and
column are three pieces, never averaged into one "article"). For each piece × target,
:func:`piece_stance` counts approving, skeptical and neutral sentences and gives the **approving
share among polar sentences** — neutral sentences are left out rather than entered as 0.5, so 3
approving vs 9 skeptical reads 0.25, not "mixed". Sentences next to each other argue together
(an arc of praise, a run of quotes), so they are not independent: a **block bootstrap** (blocks
= paragraphs, cut into runs of at most :data:`BLOCK_SENTENCES` consecutive sentences, since some
pieces are one long paragraph) measures the **design effect** (bootstrap variance of the share
over the binomial variance, at least 1), and the 95 % interval is the Jeffreys interval of a
beta-binomial on the effective sample size ``n / design effect``. Where every polar sentence is
on one side the bootstrap cannot measure the dependence, and the design effect is the mean block
size (as if each block said one thing). A verdict is given only where the interval excludes 0.5.
The author's voice and all voices are computed side by side (``voices`` column), since quoted
executives are not the author.

It takes the table of :func:`retailkit.arguments.code` or the hand codings
(:func:`retailkit.arguments.codings.load_codings`), so automatic and hand-coded comparisons are
computed the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from retailkit.errors import ModelError
from retailkit.sentiment import Scorer, score

__all__ = [
    "BLOCK_SENTENCES",
    "MIN_POLAR",
    "PIECE_COLUMNS",
    "SCORERS",
    "article_sentiment",
    "default_article_scorer",
    "piece_label",
    "piece_stance",
    "resolve_scorer",
    "sentences",
    "sentiment_arc",
    "summarise_scores",
    "theme_evidence",
    "theme_sentence_scores",
    "theme_stance",
]

#: Longest run of sentences resampled as one block.
BLOCK_SENTENCES = 5
#: Fewer polar sentences than this: no share, no verdict.
MIN_POLAR = 3
PIECE_COLUMNS = [
    "doc_id",
    "part",
    "piece",
    "target",
    "voices",
    "n_approving",
    "n_skeptical",
    "n_neutral",
    "approving_share",
    "ci_low",
    "ci_high",
    "design_effect",
    "verdict",
    "sentences",
]


def piece_label(doc_id: str, part: int, n_parts: int) -> str:
    """Short name of a piece: ``004/2`` when its document has several pieces, else ``004``.

    Examples
    --------
    >>> piece_label("004_3f9db06cc5bb1528", 2, 3), piece_label("001_0d65e2bbff311307", 1, 1)
    ('004/2', '001')
    """
    short = str(doc_id).split("_")[0]
    return f"{short}/{part}" if n_parts > 1 else short


def _blocks(frame: pd.DataFrame) -> np.ndarray:
    # Sentences of unknown paragraph (codings of text the cleaning no longer produces) stand alone.
    paragraph = (
        frame["paragraph_index"].fillna(-1 - frame["sentence_index"]).to_numpy()
        if "paragraph_index" in frame.columns
        else np.zeros(len(frame), int)
    )
    index = frame["sentence_index"].to_numpy()
    keys: list[tuple[int, int]] = []
    start: dict[int, int] = {}
    for p, i in zip(paragraph, index, strict=True):
        first = start.setdefault(int(p), int(i))
        keys.append((int(p), (int(i) - first) // BLOCK_SENTENCES))
    _, codes = np.unique(np.array(keys), axis=0, return_inverse=True)
    return codes.ravel()


def _interval(
    approving: np.ndarray, blocks: np.ndarray, *, n_boot: int, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Jeffreys interval on the effective sample size; returns (low, high, design effect)."""
    from scipy.stats import beta

    ids, sizes = np.unique(blocks, return_counts=True)
    n = len(approving)
    share = approving.mean()
    binomial_var = share * (1 - share) / n
    if len(ids) >= 2 and binomial_var > 0:
        positives = np.array([approving[blocks == b].sum() for b in ids])
        draws = rng.integers(0, len(ids), size=(n_boot, len(ids)))
        shares = positives[draws].sum(axis=1) / sizes[draws].sum(axis=1)
        design_effect = max(1.0, float(shares.var()) / binomial_var)
    else:
        # Unanimous sentences (or one block) carry no estimate of the dependence: assume the
        # sentences of a block say one thing, the most cautious reading.
        design_effect = float(sizes.mean())
    a = approving.sum() / design_effect
    s = (n - approving.sum()) / design_effect
    low, high = beta.ppf([0.025, 0.975], a + 0.5, s + 0.5)
    # Brown, Cai & DasGupta (2001): all on one side, the interval reaches that end.
    if approving.all():
        high = 1.0
    if not approving.any():
        low = 0.0
    return float(low), float(high), design_effect


def _verdict(n_polar: int, low: float, high: float) -> str:
    if n_polar < MIN_POLAR:
        return "too few polar sentences"
    if low > 0.5:
        return "approving"
    if high < 0.5:
        return "skeptical"
    return "no clear lean"


def piece_stance(coded: pd.DataFrame, *, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Approving share per piece × target, author's voice and all voices, with block intervals.

    Parameters
    ----------
    coded : pandas.DataFrame
        Coded sentences with ``doc_id, part, sentence_index, target, stance, voice`` (and
        ``paragraph_index`` when known), as from :func:`retailkit.arguments.code`.
    n_boot : int
        Bootstrap resamples.
    seed : int
        Random seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PIECE_COLUMNS`; ``voices`` is ``author`` (the author's own sentences)
        or ``all``; ``sentences`` lists the polar sentences' indices (``a`` approving, ``s``
        skeptical: ``a3 s7``) so each number can be traced to its sentences. Sorted by piece,
        target, voices.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": "d", "part": 1, "sentence_index": range(24),
    ...     "paragraph_index": range(24), "target": "social",
    ...     "stance": ["skeptical", "skeptical", "skeptical", "approving"] * 6, "voice": "author"})
    >>> columns = ["n_approving", "n_skeptical", "approving_share", "verdict"]
    >>> piece_stance(coded)[columns].iloc[0].to_dict()
    {'n_approving': 6, 'n_skeptical': 18, 'approving_share': 0.25, 'verdict': 'skeptical'}
    """
    rng = np.random.default_rng(seed)
    about = coded[coded["target"].astype(str) != ""]
    n_parts = coded.groupby("doc_id")["part"].nunique()
    rows = []
    for (doc_id, part, target), frame in about.groupby(["doc_id", "part", "target"], sort=True):
        frame = frame.sort_values("sentence_index")
        for voices in ("author", "all"):
            chosen = frame if voices == "all" else frame[frame["voice"] == "author"]
            polar = chosen[chosen["stance"].isin(["approving", "skeptical"])]
            approving = (polar["stance"] == "approving").to_numpy()
            share = float(approving.mean()) if len(polar) >= MIN_POLAR else float("nan")
            low, high, design_effect = (
                _interval(approving, _blocks(polar), n_boot=n_boot, rng=rng)
                if len(polar) >= MIN_POLAR
                else (float("nan"), float("nan"), float("nan"))
            )
            rows.append(
                {
                    "doc_id": doc_id,
                    "part": part,
                    "piece": piece_label(doc_id, part, int(n_parts[doc_id])),
                    "target": target,
                    "voices": voices,
                    "n_approving": int(approving.sum()),
                    "n_skeptical": int(len(polar) - approving.sum()),
                    "n_neutral": int((chosen["stance"] == "neutral").sum()),
                    "approving_share": share,
                    "ci_low": low,
                    "ci_high": high,
                    "design_effect": design_effect,
                    "verdict": _verdict(len(polar), low, high),
                    "sentences": " ".join(
                        f"{s[0]}{i}"
                        for i, s in zip(polar["sentence_index"], polar["stance"], strict=True)
                    ),
                }
            )
    return pd.DataFrame(rows, columns=PIECE_COLUMNS)


# --------------------------------------------------------------------------------------------
# Articles: sentence-level scores and their summaries
# --------------------------------------------------------------------------------------------


def default_article_scorer() -> Scorer:
    """The scorer used for article sentences when none is given.

    ``retailkit.stance.score``, built for business commentary (the review model,
    :func:`retailkit.sentiment.score`, transfers less well from reviews to articles).

    Examples
    --------
    >>> callable(default_article_scorer())
    True
    """
    from retailkit import stance

    return stance.score


SCORERS = ("commentary", "stance", "reviews")
"""Names accepted by :func:`resolve_scorer`."""


def resolve_scorer(
    name: Literal["commentary", "stance", "reviews"] = "stance",
) -> tuple[str, Scorer]:
    """A scorer by name, and the name of the one actually used.

    ``"commentary"`` is the model learned from real commentary with no target named
    (:func:`retailkit.arguments.model.sentence_stance`), ``"stance"``
    :func:`retailkit.stance.score`, ``"reviews"`` the review model
    :func:`retailkit.sentiment.score`; the returned name says which one you got, so that a
    notebook can print it.

    Examples
    --------
    >>> name, scorer = resolve_scorer("reviews")
    >>> name, scorer is score
    ('reviews', True)
    """
    if name not in SCORERS:
        raise ModelError(f"name: expected one of {SCORERS}, got {name!r}")
    if name == "stance":
        return "stance", default_article_scorer()
    if name == "commentary":
        from retailkit.arguments.model import sentence_stance

        return "commentary", sentence_stance
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
