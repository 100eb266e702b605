"""Association measures for collocations: which words occur near each other more than chance.

:func:`collocations` scores word pairs; :func:`plot_network` draws a co-occurrence network.

Co-occurrence is counted within a window of tokens: every pair of tokens at most ``window``
positions apart in the same document is one co-occurrence, counted in both directions (as
``(a, b)`` and ``(b, a)``), so the tables are symmetric and a word's collocates can be read by
filtering on ``word``. A word next to itself (社交 ... 社交) is repetition and is not counted.
For a pair ``(a, b)`` the 2×2 contingency table over all counted
co-occurrences (Evert 2005, *The Statistics of Word Cooccurrences*) is

* ``O11`` = co-occurrences of ``a`` with ``b``; ``R1`` = co-occurrences of ``a`` with any word;
  ``C1`` = co-occurrences of any word with ``b``; ``N`` = all co-occurrences;
* expected ``E11 = R1 · C1 / N`` (and likewise for the other three cells),

and the scores are

* ``pmi = log2(O11 / E11)`` (pointwise mutual information, Church & Hanks 1990),
* ``t_score = (O11 − E11) / sqrt(O11)``,
* ``g2 = 2 Σ O_ij ln(O_ij / E_ij)`` over the four cells (log-likelihood, Dunning 1993;
  cells with ``O_ij = 0`` add nothing).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = ["collocations", "plot_network"]

Measure = Literal["g2", "pmi", "t_score", "count"]
COLUMNS = ["word", "collocate", "count", "word_count", "collocate_count", "expected", "pmi",
           "t_score", "g2"]  # fmt: skip


def _g2(o11: float, r1: float, c1: float, n: float) -> float:
    observed = (o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    expected = (r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n)
    return 2.0 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o > 0)


def collocations(
    token_lists: Iterable[Sequence[str]],
    *,
    window: int = 5,
    min_count: int = 3,
    min_word_count: int = 5,
    terms: Iterable[str] | None = None,
    sort_by: Measure = "g2",
) -> pd.DataFrame:
    """Score word pairs that co-occur within ``window`` tokens (PMI, t-score, G²).

    Parameters
    ----------
    token_lists
        One token list per document (e.g. :func:`retailkit.tokenize_many`, stopwords removed).
        Pairs never cross documents.
    window
        Largest distance in tokens between two co-occurring tokens (1 = neighbours).
    min_count
        Keep pairs that co-occur at least this often.
    min_word_count
        Keep pairs whose two words each occur at least this often in the corpus.
    terms
        Only rows whose ``word`` is one of these (the node words); default all words.
    sort_by
        Column sorted descending (ties by word, collocate).

    Returns
    -------
    DataFrame
        ``word, collocate, count`` (``O11``), ``word_count``, ``collocate_count`` (token
        frequencies in the corpus), ``expected`` (``E11``), ``pmi``, ``t_score``, ``g2``.

    Examples
    --------
    >>> table = collocations([["a", "b", "a", "c"]], window=1, min_count=1, min_word_count=1)
    >>> table[["word", "collocate", "count", "expected", "pmi", "t_score", "g2"]].round(4)
      word collocate  count  expected  pmi  t_score      g2
    0    a         b      2       1.0  1.0   0.7071  3.8191
    1    b         a      2       1.0  1.0   0.7071  3.8191
    2    a         c      1       0.5  1.0   0.5000  1.5876
    3    c         a      1       0.5  1.0   0.5000  1.5876
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if sort_by not in ("g2", "pmi", "t_score", "count"):
        raise ValueError(f"sort_by must be one of g2, pmi, t_score, count; got {sort_by!r}")
    pairs: Counter[tuple[str, str]] = Counter()
    frequency: Counter[str] = Counter()
    for tokens in token_lists:
        tokens = list(tokens)
        frequency.update(tokens)
        for i, left in enumerate(tokens):
            for right in tokens[i + 1 : i + 1 + window]:
                if right == left:  # a word beside itself is repetition, not a collocation
                    continue
                pairs[(left, right)] += 1
                pairs[(right, left)] += 1
    marginal: Counter[str] = Counter()
    for (left, _), count in pairs.items():
        marginal[left] += count
    n = sum(pairs.values())
    nodes = None if terms is None else set(terms)
    rows = []
    for (word, collocate), count in pairs.items():
        if count < min_count or (nodes is not None and word not in nodes):
            continue
        if frequency[word] < min_word_count or frequency[collocate] < min_word_count:
            continue
        r1, c1 = marginal[word], marginal[collocate]
        expected = r1 * c1 / n
        rows.append(
            (
                word,
                collocate,
                count,
                frequency[word],
                frequency[collocate],
                expected,
                math.log2(count / expected),
                (count - expected) / math.sqrt(count),
                _g2(count, r1, c1, n),
            )
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(
        [sort_by, "word", "collocate"], ascending=[False, True, True], ignore_index=True
    )


def plot_network(
    table: pd.DataFrame,
    *,
    measure: Measure = "g2",
    top: int = 10,
    ax: Any = None,
) -> Any:
    """Draw node words and their strongest collocates as a network; return the figure.

    Node words (the ``word`` column) sit on an inner circle, their ``top`` collocates by
    ``measure`` on an outer circle, ordered by the node they attach to; edge width is
    proportional to ``measure``. The layout is fixed (no random force layout), so the figure is
    the same on every run.

    Parameters
    ----------
    table
        From :func:`collocations`, usually with ``terms=`` the node words.
    measure
        Column that ranks collocates and sets edge widths.
    top
        Collocates per node word.
    ax
        A matplotlib axes to draw on (default a new figure).
    """
    import matplotlib.pyplot as plt

    from retailkit.plotting import setup

    setup()
    if table.empty:
        raise ValueError("no collocations to draw (lower min_count or choose other terms)")
    chosen = (
        table.sort_values([measure, "collocate"], ascending=[False, True])
        .groupby("word", sort=True)
        .head(top)
    )
    nodes = sorted(chosen["word"].unique())
    outer: list[str] = []
    for node in nodes:
        outer += [c for c in chosen.loc[chosen["word"] == node, "collocate"] if c not in outer]
    outer = [c for c in outer if c not in nodes]
    position: dict[str, tuple[float, float]] = {}
    for ring, names, radius in ((0, nodes, 0.35 if len(nodes) > 1 else 0.0), (1, outer, 1.0)):
        for k, name in enumerate(names):
            angle = 2 * np.pi * k / max(len(names), 1) + (np.pi / 2 if ring == 0 else 0.0)
            position[name] = (radius * np.cos(angle), radius * np.sin(angle))
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 7))
    else:
        fig = ax.figure
    strongest = float(chosen[measure].max()) or 1.0
    for word, collocate, value in chosen[["word", "collocate", measure]].itertuples(index=False):
        (x0, y0), (x1, y1) = position[word], position[collocate]
        ax.plot([x0, x1], [y0, y1], color="0.6", lw=0.5 + 3.5 * max(value, 0) / strongest,
                zorder=1)  # fmt: skip
    for name, (x, y) in position.items():
        is_node = name in nodes
        ax.text(
            x, y, name, ha="center", va="center", fontsize=12 if is_node else 9, zorder=2,
            bbox={"boxstyle": "round", "fc": "#fde0c5" if is_node else "white", "ec": "0.5"},
        )  # fmt: skip
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"Collocates within the window, top {top} per word by {measure}")
    return fig
