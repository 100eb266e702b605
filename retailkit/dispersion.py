"""Where terms occur inside each text (lexical dispersion) and how often across dated texts.

:func:`dispersion` lists every occurrence of the given terms with its token position, and
:func:`plot_dispersion` draws them as quanteda's ``textplot_xray`` does: one panel per document,
one row per term, a mark at each occurrence along the text (0 = start, 1 = end).
:func:`term_trends` counts terms per 1,000 tokens per document or per year; :func:`plot_trends`
draws that over time.

Texts are segmented with retailkit's default tokenizer (stopwords and punctuation removed, as
:func:`retailkit.theme_profile`), and terms match whole tokens, case-insensitive for Latin
letters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["dispersion", "plot_dispersion", "plot_trends", "term_trends"]


def _tokens(df: pd.DataFrame, text_column: str, id_column: str) -> list[list[str]]:
    from retailkit.segment import default_tokenizer

    for column in (id_column, text_column):
        if column not in df.columns:
            raise KeyError(f"df has no column {column!r} (columns: {list(df.columns)})")
    texts = [t if isinstance(t, str) else "" for t in df[text_column]]
    return default_tokenizer().tokenize_many(texts)


def _term_keys(terms: Iterable[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for term in terms:
        keys.setdefault(str(term).casefold(), str(term))
    if not keys:
        raise ValueError("terms is empty: name at least one term")
    return keys


def dispersion(
    df: pd.DataFrame,
    terms: Iterable[str],
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
) -> pd.DataFrame:
    """Every occurrence of ``terms`` in each document, with its position.

    Returns
    -------
    DataFrame
        ``doc_id`` (named after ``id_column``), ``term``, ``position`` (token index, from 0),
        ``relative_position`` (``position / tokens``, 0 … 1), ``tokens`` (length of the
        document in tokens); documents in input order, then by position.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["微博很热。微淘和微博都在做互动营销。"]})
    >>> dispersion(docs, ["微博", "互动营销"])
      doc_id  term  position  relative_position  tokens
    0      d    微博         0                0.0       5
    1      d    微博         3                0.6       5
    2      d  互动营销         4                0.8       5
    """
    keys = _term_keys(terms)
    rows = []
    for doc_id, tokens in zip(df[id_column], _tokens(df, text_column, id_column), strict=True):
        for position, token in enumerate(tokens):
            term = keys.get(token.casefold())
            if term is not None:
                rows.append((doc_id, term, position, position / len(tokens), len(tokens)))
    return pd.DataFrame(
        rows, columns=[id_column, "term", "position", "relative_position", "tokens"]
    )


def plot_dispersion(
    table: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    documents: Sequence[object] | None = None,
    id_column: str = "doc_id",
    labels: dict[object, str] | None = None,
) -> Any:
    """Lexical dispersion plot (as quanteda's ``textplot_xray``); return the figure.

    Parameters
    ----------
    table
        From :func:`dispersion`.
    terms
        Rows of each panel, top to bottom (default: terms of ``table`` sorted).
    documents
        Panels, top to bottom (default: documents of ``table`` in order of appearance); a
        document without occurrences gets an empty panel.
    labels
        Panel titles by document id (default the id).
    """
    import matplotlib.pyplot as plt

    from retailkit.plotting import setup

    setup()
    terms = list(terms) if terms is not None else sorted(table["term"].unique())
    documents = list(documents) if documents is not None else list(dict.fromkeys(table[id_column]))
    if not documents or not terms:
        raise ValueError("nothing to draw: no documents or no terms")
    fig, axes = plt.subplots(
        len(documents), 1, figsize=(8, 0.9 + 0.28 * len(terms) * len(documents)), sharex=True,
        squeeze=False,
    )  # fmt: skip
    for ax, doc_id in zip(axes[:, 0], documents, strict=True):
        part = table[table[id_column] == doc_id]
        for row, term in enumerate(terms):
            x = part.loc[part["term"] == term, "relative_position"].to_numpy()
            ax.vlines(x, row - 0.4, row + 0.4, color="#1f5f8b", lw=1)
        ax.set_yticks(np.arange(len(terms)), terms, fontsize=8)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        title = (labels or {}).get(doc_id, str(doc_id))
        ax.set_title(title, fontsize=9, loc="left")
    axes[-1, 0].set_xlabel("relative position in the text (0 = start, 1 = end)")
    fig.tight_layout()
    return fig


def term_trends(
    df: pd.DataFrame,
    terms: Iterable[str],
    *,
    by: str = "year",
    date_column: str = "published",
    text_column: str = "text",
    id_column: str = "doc_id",
) -> pd.DataFrame:
    """Occurrences of each term per 1,000 tokens, per document or per publication year.

    Parameters
    ----------
    by
        ``"year"`` (documents pooled by the year of ``date_column``, read as
        :func:`retailkit.corpus.publication_year` does; undated documents left out) or
        ``"document"``.

    Returns
    -------
    DataFrame
        ``year`` (or ``id_column``), ``term``, ``count``, ``tokens``, ``per_1000``; sorted by
        year (or input order) and term; zero counts included.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2013-05", "2018"],
    ...                      "text": ["微博很热。", "微博和微淘。"]})
    >>> term_trends(docs, ["微博"])
       year term  count  tokens  per_1000
    0  2013   微博      1       2     500.0
    1  2018   微博      1       2     500.0
    """
    from retailkit.corpus import publication_year

    if by not in ("year", "document"):
        raise ValueError(f"by must be 'year' or 'document', got {by!r}")
    keys = _term_keys(terms)
    tokens = _tokens(df, text_column, id_column)
    if by == "year":
        if date_column not in df.columns:
            raise KeyError(f"df has no column {date_column!r}; pass date_column= or by='document'")
        groups = publication_year(df[date_column]).tolist()
        key_name = "year"
    else:
        groups = list(df[id_column])
        key_name = id_column
    counts: dict[object, dict[str, int]] = {}
    totals: dict[object, int] = {}
    for group, doc_tokens in zip(groups, tokens, strict=True):
        if pd.isna(group):
            continue
        totals[group] = totals.get(group, 0) + len(doc_tokens)
        found = counts.setdefault(group, dict.fromkeys(keys.values(), 0))
        for token in doc_tokens:
            term = keys.get(token.casefold())
            if term is not None:
                found[term] += 1
    order = sorted(totals, key=str) if by == "year" else list(totals)  # four-digit years
    rows = [
        (group, term, counts[group][term], totals[group],
         1000 * counts[group][term] / totals[group] if totals[group] else 0.0)
        for group in order
        for term in sorted(keys.values())
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=[key_name, "term", "count", "tokens", "per_1000"])


def plot_trends(table: pd.DataFrame, *, x: str = "year", ax: Any = None) -> Any:
    """Line per term of ``per_1000`` against ``x`` (from :func:`term_trends`); return the figure."""
    import matplotlib.pyplot as plt

    from retailkit.plotting import setup

    setup()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4))
    else:
        fig = ax.figure
    for term, part in table.groupby("term", sort=True):
        ax.plot(part[x].astype(str), part["per_1000"], marker="o", label=str(term))
    ax.set_xlabel(x)
    ax.set_ylabel("occurrences per 1,000 tokens")
    ax.legend(fontsize=8, ncols=2)
    return fig
