"""Comparing articles' arguments: stance per theme, quotes, agreement, change over time.

Everything here is computed from the articles and the scorers; nothing is typed in. The
functions take the cleaned documents (``retailkit.load_seeds()`` or ``load_corpus``) and return
DataFrames; :func:`findings` turns those tables into plain-English sentences so that a report's
conclusions are generated from the numbers they rest on.

A *verdict* summarises the sentence scores of one document on one theme: ``approving`` when the
whole bootstrap 95 % interval of the mean P(approving) lies above 0.5, ``skeptical`` when it lies
below, ``mixed`` when it straddles 0.5, and ``too few sentences`` below ``min_sentences``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from retailkit.errors import ModelError

Scorer = Callable[[Sequence[str]], np.ndarray]

COMMERCE_THEMES = ("social_commerce", "interactive_marketing", "feed_marketing")
THEME_LABELS = {
    "social_commerce": "social commerce (社交电商)",
    "interactive_marketing": "interactive marketing (互动营销)",
    "feed_marketing": "feed-based marketing (信息流营销)",
    "new_retail": "new retail (新零售)",
    "platforms": "platforms",
}
THEME_SHORT_LABELS = {
    "social_commerce": "social\n社交电商",
    "interactive_marketing": "interactive\n互动营销",
    "feed_marketing": "feed-based\n信息流营销",
}
MIN_SENTENCES = 3
# findings() speaks of a change over time only with at least this many dated pieces (Spearman's
# rho over 2 or 3 points is +-1 or +-0.5 by construction).
MIN_PIECES_FOR_CHANGE = 4
#: A change over time is called a rise or fall only when Spearman's ρ with year has p below this.
TREND_ALPHA = 0.05


def verdict(ci_low: float, ci_high: float, n_sentences: int, *, min_sentences: int = 3) -> str:
    """Summarise a mean score's bootstrap interval as a verdict (see the module docstring).

    Examples
    --------
    >>> verdict(0.55, 0.70, 12), verdict(0.30, 0.45, 12), verdict(0.45, 0.60, 12)
    ('approving', 'skeptical', 'mixed')
    >>> verdict(0.6, 0.9, 2)
    'too few sentences'
    """
    if n_sentences < min_sentences or not np.isfinite(ci_low) or not np.isfinite(ci_high):
        return "too few sentences"
    if ci_low > 0.5:
        return "approving"
    if ci_high < 0.5:
        return "skeptical"
    return "mixed"


def _default_scorer(scorer: Scorer | None) -> Scorer:
    if scorer is not None:
        return scorer
    from retailkit import stance

    return stance.score


LABEL_SCORES = {"approving": 1.0, "neutral": 0.5, "skeptical": 0.0}


def labelled_scorer(labelled: pd.DataFrame, *, text_column: str = "text") -> Scorer:
    """A scorer that reads hand labels: approving 1, neutral 0.5, skeptical 0, unknown NaN.

    With it, every function here summarises human judgements instead of a model's, and the
    mean becomes ``0.5 + (share approving - share skeptical) / 2``.

    Examples
    --------
    >>> labels = pd.DataFrame({"text": ["好。", "差。"], "label": ["approving", "skeptical"]})
    >>> labelled_scorer(labels)(["好。", "差。", "别的。"]).tolist()
    [1.0, 0.0, nan]
    """
    unknown = sorted(set(labelled["label"]) - set(LABEL_SCORES))
    if unknown:
        raise ModelError(f"labelled: unknown label(s) {unknown}; expected {sorted(LABEL_SCORES)}")
    lookup = dict(zip(labelled[text_column], labelled["label"].map(LABEL_SCORES), strict=True))

    def score(sentences: Sequence[str]) -> np.ndarray:
        return np.array([lookup.get(s, np.nan) for s in sentences], dtype=np.float64)

    return score


def labelled_labeller(
    labelled: pd.DataFrame, *, text_column: str = "text"
) -> Callable[[Sequence[str]], np.ndarray]:
    """A labeller that reads hand labels (``"neutral"`` for sentences it does not know).

    Pass it to :func:`quotes` to quote only sentences a human put on that side.

    Examples
    --------
    >>> labels = pd.DataFrame({"text": ["好。"], "label": ["approving"]})
    >>> labelled_labeller(labels)(["好。", "别的。"]).tolist()
    ['approving', 'neutral']
    """
    lookup = dict(zip(labelled[text_column], labelled["label"], strict=True))

    def label(sentences: Sequence[str]) -> np.ndarray:
        return np.array([lookup.get(s, "neutral") for s in sentences], dtype=object)

    return label


def stance_by_theme(
    df: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    themes: Sequence[str] = COMMERCE_THEMES,
    n_boot: int = 1000,
    seed: int = 0,
    min_sentences: int = MIN_SENTENCES,
) -> pd.DataFrame:
    """How much, and how approvingly, each document discusses each theme.

    Parameters
    ----------
    df
        Documents with ``doc_id`` and ``text`` (cleaned), one row per document.
    scorer
        Sentence scorer returning P(approving); default ``retailkit.stance.score``.
    themes
        Theme names from ``retailkit.themes.load_theme_info()``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, theme, count, rate_per_1000, n_sentences, mean, ci_low, ci_high,
        share_positive, share_negative, verdict``; one row per document × theme, sorted.
        ``count`` and ``rate_per_1000`` are theme-term mentions; the stance columns summarise
        the scores of the sentences mentioning the theme.
    """
    from retailkit import pieces
    from retailkit import themes as theme_module

    _check_unique_ids(df)
    profile = theme_module.theme_profile(df, themes=list(themes))
    mentions = theme_module.theme_sentences(df, themes=list(themes))
    scored = pieces.theme_stance(
        df,
        scorer=_default_scorer(scorer),
        theme_sentences=mentions,
        n_boot=n_boot,
        seed=seed,
    )
    table = profile[["doc_id", "theme", "count", "rate_per_1000"]].merge(
        scored.drop(columns=["n_sentences"]), on=["doc_id", "theme"], how="left"
    )
    sentence_counts = (
        mentions.drop_duplicates(["doc_id", "theme", "sentence_index"])
        .groupby(["doc_id", "theme"])
        .size()
        .rename("n_sentences")
        .reset_index()
    )
    table = table.merge(sentence_counts, on=["doc_id", "theme"], how="left")
    table["n_sentences"] = table["n_sentences"].fillna(0).astype("int64")
    table["verdict"] = [
        verdict(low, high, n, min_sentences=min_sentences)
        for low, high, n in zip(
            table["ci_low"], table["ci_high"], table["n_sentences"], strict=True
        )
    ]
    columns = ["doc_id", "theme", "count", "rate_per_1000", "n_sentences", "mean", "ci_low"]
    columns += ["ci_high", "share_positive", "share_negative", "verdict"]
    return table[columns].sort_values(["doc_id", "theme"], kind="stable").reset_index(drop=True)


def quotes(
    df: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    labeller: Callable[[Sequence[str]], np.ndarray] | None = None,
    themes: Sequence[str] = COMMERCE_THEMES,
    n: int = 1,
) -> pd.DataFrame:
    """The most approving and most skeptical sentences per document × theme, as evidence.

    Every sentence mentioning a theme is labelled first (default labeller
    ``retailkit.stance.label``, which has a neutral band; pass
    :func:`labelled_labeller` to use hand labels) and only then ranked by the scorer within
    its side: the ``n`` highest-scoring sentences labelled approving and the ``n``
    lowest-scoring labelled skeptical. A neutral sentence is never shown as evidence, and a
    side is empty only when no sentence carries that label.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, theme, side, rank, sentence_index, score, sentence`` with ``side`` in
        ``{"approving", "skeptical"}``, sorted.

    Examples
    --------
    >>> text = "社交电商很好。社交电商不错。社交电商很差。"
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    >>> def scorer(s): return np.array([0.9 if "好" in x else 0.6 if "错" in x else 0.1 for x in s])
    >>> def labeller(s): return np.where(scorer(s) > 0.5, "approving", "skeptical")
    >>> out = quotes(docs, scorer=scorer, labeller=labeller, themes=["social_commerce"])
    >>> out[["side", "sentence"]].values.tolist()
    [['approving', '社交电商很好。'], ['skeptical', '社交电商很差。']]
    """
    from retailkit import pieces, stance
    from retailkit import themes as theme_module

    columns = ["doc_id", "theme", "side", "rank", "sentence_index", "score", "sentence"]
    mentions = theme_module.theme_sentences(df, themes=list(themes))
    scored = pieces.theme_sentence_scores(
        df, scorer=_default_scorer(scorer), theme_sentences=mentions
    )
    if scored.empty:
        return pd.DataFrame(columns=columns)
    scored = scored.assign(side=(labeller or stance.label)(scored["sentence"].tolist()))
    scored = scored[scored["side"].isin(["approving", "skeptical"]) & scored["score"].notna()]
    scored = scored.assign(order=np.where(scored["side"] == "approving", -1, 1) * scored["score"])
    scored = scored.sort_values(["doc_id", "theme", "side", "order", "sentence_index"])
    scored["rank"] = scored.groupby(["doc_id", "theme", "side"]).cumcount() + 1
    kept = scored[scored["rank"] <= n]
    return kept[columns].reset_index(drop=True)


def comparison_table(
    stance: pd.DataFrame, quoted: pd.DataFrame, metadata: pd.DataFrame
) -> pd.DataFrame:
    """Side-by-side table: one row per theme × document, with verdict, interval and quotes.

    Parameters
    ----------
    stance
        Output of :func:`stance_by_theme`.
    quoted
        Output of :func:`quotes` (the first-ranked quote per side is shown).
    metadata
        ``doc_id, published`` (and optionally ``title``) per document.

    Returns
    -------
    pandas.DataFrame
        ``theme, doc_id, published, rate_per_1000, n_sentences, stance, verdict,
        approving_quote, skeptical_quote``; ``stance`` reads ``mean [ci_low, ci_high]``.
        Sorted by theme, then publication date.
    """
    best = quoted[quoted["rank"] == 1].pivot_table(
        index=["doc_id", "theme"], columns="side", values="sentence", aggfunc="first"
    )
    best = best.reindex(columns=["approving", "skeptical"]).reset_index()
    table = stance.merge(best, on=["doc_id", "theme"], how="left").merge(
        metadata[["doc_id", "published"]], on="doc_id", how="left"
    )
    table["stance"] = [
        "–" if not np.isfinite(m) else f"{m:.2f} [{lo:.2f}, {hi:.2f}]"
        for m, lo, hi in zip(table["mean"], table["ci_low"], table["ci_high"], strict=True)
    ]
    table = table.rename(columns={"approving": "approving_quote", "skeptical": "skeptical_quote"})
    table[["approving_quote", "skeptical_quote"]] = table[
        ["approving_quote", "skeptical_quote"]
    ].fillna("—")
    table["rate_per_1000"] = table["rate_per_1000"].round(1)
    columns = ["theme", "doc_id", "published", "rate_per_1000", "n_sentences", "stance"]
    columns += ["verdict", "approving_quote", "skeptical_quote"]
    return table[columns].sort_values(["theme", "published", "doc_id"]).reset_index(drop=True)


def _relation(row: pd.Series) -> str:
    polar = {"approving", "skeptical"}
    a, b = row["verdict_a"], row["verdict_b"]
    if "too few sentences" in (a, b):
        return "not comparable"
    if a in polar and b in polar:
        return "agree" if a == b else "disagree"
    if not (row["ci_high_a"] > row["ci_low_a"] and row["ci_high_b"] > row["ci_low_b"]):
        # A zero-width interval: a few sentences all scored alike, which the bootstrap cannot
        # tell from certainty; it measures no difference in degree.
        return "not comparable"
    if row["ci_low_a"] > row["ci_high_b"] or row["ci_low_b"] > row["ci_high_a"]:
        return "differ in degree"
    return "no clear difference"


def agreement(stance: pd.DataFrame) -> pd.DataFrame:
    """For each theme and pair of documents: do their stances agree, disagree or overlap?

    ``agree``/``disagree``: both verdicts are polar and equal/opposite; ``differ in degree``:
    the intervals do not overlap but at least one verdict is ``mixed``; ``no clear
    difference``: overlapping intervals; ``not comparable``: too few sentences on one side, or
    (where a verdict is not polar) an interval of zero width, as a few sentences all scored
    alike give.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "theme": ["t"] * 3,
    ...     "mean": [0.7, 0.3, 0.65], "ci_low": [0.6, 0.2, 0.55], "ci_high": [0.8, 0.4, 0.75],
    ...     "verdict": ["approving", "skeptical", "approving"]})
    >>> agreement(s)[["doc_a", "doc_b", "relation"]].values.tolist()
    [['a', 'b', 'disagree'], ['a', 'c', 'agree'], ['b', 'c', 'disagree']]
    """
    rows = []
    for theme, group in stance.groupby("theme", sort=True):
        records = group.sort_values("doc_id").to_dict("records")
        for first, second in itertools.combinations(records, 2):
            rows.append(
                {
                    "theme": theme,
                    "doc_a": first["doc_id"],
                    "doc_b": second["doc_id"],
                    "verdict_a": first["verdict"],
                    "verdict_b": second["verdict"],
                    "difference": first["mean"] - second["mean"],
                    "ci_low_a": first["ci_low"],
                    "ci_high_a": first["ci_high"],
                    "ci_low_b": second["ci_low"],
                    "ci_high_b": second["ci_high"],
                }
            )
    columns = ["theme", "doc_a", "doc_b", "verdict_a", "verdict_b", "difference", "relation"]
    if not rows:
        return pd.DataFrame(columns=columns)
    pairs = pd.DataFrame(rows)
    pairs["relation"] = pairs.apply(_relation, axis=1)
    return pairs[columns].reset_index(drop=True)


def parts_as_documents(parts: pd.DataFrame) -> pd.DataFrame:
    """Give each part of a multi-part document its own id ``doc_id/part`` (one piece each).

    Where the frame has them (``load_articles``), ``short`` and ``label`` name the piece too:
    ``004/2`` and ``004/2 (2013)``.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["a", "b", "b"], "part": [1, 1, 2], "text": ["x", "y", "z"],
    ...     "short": ["a", "b", "b"], "label": ["a (2017)", "b (2013)", "b (2013)"]})
    >>> parts_as_documents(p)[["doc_id", "short", "label"]].values.tolist()
    [['a', 'a', 'a (2017)'], ['b/1', 'b/1', 'b/1 (2013)'], ['b/2', 'b/2', 'b/2 (2013)']]
    """
    multi = (parts.groupby("doc_id")["part"].transform("count") > 1).to_numpy()
    suffix = np.where(multi, "/" + parts["part"].astype(str), "")
    out = parts.assign(doc_id=parts["doc_id"] + suffix)
    if "short" in parts.columns:
        out["short"] = parts["short"] + suffix
    if "label" in parts.columns:
        head = parts["label"].str.split(" ", n=1).str[0]
        rest = parts["label"].str.split(" ", n=1).str[1].fillna("")
        out["label"] = (head + suffix + " " + rest).str.strip()
    return out.reset_index(drop=True)


def timeline(
    parts: pd.DataFrame,
    *,
    scorer: Scorer | None = None,
    themes: Sequence[str] = COMMERCE_THEMES,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Theme rates and overall stance per dated piece, in publication order.

    Parameters
    ----------
    parts
        ``retailkit.load_articles(by="part")`` or any frame with ``doc_id, part, published,
        text``. Pieces whose ``published`` does not start with a four-digit year are left out.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, published, year, n_sentences, mean, ci_low, ci_high`` (stance over all
        sentences) plus one ``rate_<theme>`` column per theme, sorted by date; no rows when no
        piece is dated.
    """
    from retailkit import themes as theme_module
    from retailkit.corpus import publication_year
    from retailkit.pieces import article_sentiment

    columns = ["doc_id", "published", "year", "n_sentences", "mean", "ci_low", "ci_high"]
    columns += [f"rate_{theme}" for theme in themes]
    pieces = parts_as_documents(parts)
    year = publication_year(pieces["published"]).to_numpy()
    dated = ~pd.isna(year)
    pieces = pieces[dated].assign(year=year[dated].astype(int)).reset_index(drop=True)
    if pieces.empty:
        return pd.DataFrame(columns=columns)
    overall = article_sentiment(pieces, scorer=_default_scorer(scorer), n_boot=n_boot, seed=seed)
    rates = theme_module.theme_profile(pieces, themes=list(themes)).pivot_table(
        index="doc_id", columns="theme", values="rate_per_1000", aggfunc="first"
    )
    rates = rates.reindex(columns=list(themes)).add_prefix("rate_").reset_index()
    rates.columns.name = None
    table = pieces[["doc_id", "published", "year"]].merge(overall, on="doc_id")
    table = table.merge(rates, on="doc_id")
    return table[columns].sort_values(["published", "doc_id"]).reset_index(drop=True)


def trend(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Change in ``column`` between the earliest and latest year of a :func:`timeline`.

    Returns one row: ``column, first_year, last_year, first_mean, last_mean, change, spearman,
    p_value`` where the year means average the pieces of that year, ``spearman`` is the rank
    correlation of ``column`` with publication year over all pieces and ``p_value`` its
    two-sided p-value (both NaN when either is constant).

    Examples
    --------
    >>> t = pd.DataFrame({"year": [2013, 2013, 2018], "mean": [0.4, 0.5, 0.7]})
    >>> trend(t, "mean").round(3).to_dict("records")[0]["change"]
    0.25
    """
    from scipy.stats import spearmanr

    by_year = table.groupby("year")[column].mean()
    varies = table["year"].nunique() > 1 and table[column].nunique() > 1
    result = spearmanr(table["year"], table[column]) if varies else None
    rho = result.statistic if result is not None else np.nan
    p_value = result.pvalue if result is not None else np.nan
    return pd.DataFrame(
        [
            {
                "column": column,
                "first_year": int(by_year.index.min()),
                "last_year": int(by_year.index.max()),
                "first_mean": float(by_year.iloc[0]),
                "last_mean": float(by_year.iloc[-1]),
                "change": float(by_year.iloc[-1] - by_year.iloc[0]),
                "spearman": float(rho),
                "p_value": float(p_value),
            }
        ]
    )


def findings(
    stance: pd.DataFrame,
    pairs: pd.DataFrame,
    time_table: pd.DataFrame,
    similar: pd.DataFrame,
    *,
    themes: Sequence[str] = COMMERCE_THEMES,
) -> list[str]:
    """Plain-English sentences generated from the computed tables (nothing typed in).

    Parameters
    ----------
    stance
        :func:`stance_by_theme`.
    pairs
        :func:`agreement`.
    time_table
        :func:`timeline`.
    similar
        ``retailkit.similarity.most_similar_pairs``.
    """
    from retailkit.corpus import short_ids

    short = short_ids([*stance["doc_id"], *pairs["doc_a"], *pairs["doc_b"]])
    lines = []
    for theme in themes:
        rows = stance[(stance["theme"] == theme) & (stance["verdict"] != "too few sentences")]
        label = THEME_LABELS.get(theme, theme)
        if rows.empty:
            lines.append(f"No article discusses {label} in {MIN_SENTENCES} or more sentences.")
            continue
        most = rows.loc[rows["rate_per_1000"].idxmax()]
        verdicts = ", ".join(
            f"{short[doc]} {v} ({m:.2f})"
            for doc, v, m in zip(rows["doc_id"], rows["verdict"], rows["mean"], strict=True)
        )
        lines.append(
            f"{label.capitalize()}: discussed most by {short[most['doc_id']]} "
            f"({most['rate_per_1000']:.1f} mentions per 1,000 tokens); verdicts: {verdicts}."
        )
        theme_pairs = pairs[pairs["theme"] == theme]
        counts = theme_pairs["relation"].value_counts()
        disagree = theme_pairs[theme_pairs["relation"] == "disagree"]
        relations = ["agree", "disagree", "differ in degree", "no clear difference"]
        if counts.get("not comparable", 0):
            relations.append("not comparable")
        text = ", ".join(f"{counts.get(r, 0)} {r}" for r in relations)
        if not disagree.empty:
            listed = "; ".join(
                f"{short[a]} vs {short[b]}"
                for a, b in zip(disagree["doc_a"], disagree["doc_b"], strict=True)
            )
            text += f" ({listed})"
        lines.append(f"  Pairs of articles on {label}: {text}.")

    def name(doc_id: str) -> str:  # similarity tables may already use short names
        return short.get(doc_id, doc_id)

    top = similar.iloc[0]
    low = similar.iloc[-1]
    if len(similar) == 1:
        lines.append(
            f"Vocabulary similarity of {name(top['doc_a'])} and {name(top['doc_b'])}: cosine "
            f"{top['similarity']:.2f}."
        )
    else:
        lines.append(
            f"Most similar vocabulary: {name(top['doc_a'])} and {name(top['doc_b'])} (cosine "
            f"{top['similarity']:.2f}); least: {name(low['doc_a'])} and {name(low['doc_b'])} "
            f"({low['similarity']:.2f})."
        )
    if time_table["year"].nunique() < 2:
        lines.append("No comparison over time: fewer than two years of publication are known.")
        return lines
    if len(time_table) < MIN_PIECES_FOR_CHANGE:
        lines.append(
            f"No comparison over time: only {len(time_table)} dated pieces (a change is assessed "
            f"from {MIN_PIECES_FOR_CHANGE})."
        )
        return lines
    for column, what in [("mean", "overall stance (mean sentence score)")] + [
        (f"rate_{t}", f"mentions of {THEME_LABELS.get(t, t)} per 1,000 tokens") for t in themes
    ]:
        change = trend(time_table, column).iloc[0]
        rho, p_value = change["spearman"], change["p_value"]
        # A direction is claimed only when the rank correlation with year is significant.
        if not np.isfinite(p_value) or p_value >= TREND_ALPHA:
            direction = "showed no clear change"
        else:
            direction = "rose" if change["change"] > 0 else "fell"
        lines.append(
            f"From {change['first_year']} to {change['last_year']}, {what} {direction}: "
            f"{change['first_mean']:.2f} → {change['last_mean']:.2f}, means of the pieces of "
            f"each year (Spearman ρ with year {rho:.2f}, p = {p_value:.2f}, "
            f"n = {len(time_table)} pieces)."
        )
    return lines


def _check_unique_ids(df: pd.DataFrame) -> None:
    duplicated = df["doc_id"][df["doc_id"].duplicated()].unique().tolist()
    if duplicated:
        raise ModelError(
            f"df: doc_id values repeat ({', '.join(map(str, duplicated[:3]))}); pass one row per "
            "document, e.g. load_seeds(by='article') or parts_as_documents(parts)"
        )
