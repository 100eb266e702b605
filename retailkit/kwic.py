"""Keyword in context (concordance) and term co-occurrence.

``kwic`` shows every occurrence of a term with its left and right context, the way a reader
checks what a word is doing in a text. ``cooccurrence`` counts which terms appear near each other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import pandas as pd

__all__ = ["cooccurrence", "kwic"]

KWIC_COLUMNS = ["doc_id", "position", "left", "term", "right"]
_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    """Line breaks and runs of whitespace as one space, so each hit prints on one line."""
    return _SPACE.sub(" ", text)


def kwic(
    df: pd.DataFrame,
    term: str,
    *,
    window: int = 10,
    text_column: str = "text",
    id_column: str = "doc_id",
    by: Literal["token", "char"] = "token",
) -> pd.DataFrame:
    """Every occurrence of ``term`` with ``window`` tokens (or characters) either side.

    Parameters
    ----------
    df
        Documents, with ``id_column`` and ``text_column``.
    term
        What to look for.
    window
        Context size either side: tokens for ``by="token"``, characters for ``by="char"``.
    by
        ``"token"`` (default): ``term`` must match whole tokens of the default tokenizer (with
        punctuation and stopwords kept, so the context reads as the text), so 信息流 does not
        match inside the token 信息流营销; a term the tokenizer cuts into several tokens is
        matched as that sequence of tokens. ``"char"``: plain substring search,
        non-overlapping, left to right.

    Returns
    -------
    DataFrame
        ``doc_id, position, left, term, right``; ``position`` is the token index (or character
        offset) of the hit in the document. Whitespace in the context is shown as single spaces.
        Sorted by document order, then position.

    Examples
    --------
    >>> text = "直通车、钻展、信息流将成为信息流营销的新三驾马车。"
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    >>> kwic(docs, "信息流", window=4).values.tolist()
    [['a', 4, '直通车、钻展、', '信息流', '将成为信息流营销的']]
    >>> kwic(docs, "信息流", window=3, by="char").values.tolist()
    [['a', 7, '钻展、', '信息流', '将成为'], ['a', 13, '将成为', '信息流', '营销的']]
    """
    if not term:
        raise ValueError("term: expected a non-empty string")
    if window < 0:
        raise ValueError(f"window: expected 0 or more, got {window}")
    for column in (text_column, id_column):
        if column not in df.columns:
            raise KeyError(f"df has no column {column!r} (columns: {list(df.columns)})")
    rows = []
    if by == "char":
        for doc_id, text in zip(df[id_column], df[text_column], strict=True):
            if not isinstance(text, str):
                continue
            for match in re.finditer(re.escape(term), text):
                start, end = match.span()
                left = _flat(text[max(0, start - window) : start])
                rows.append((doc_id, start, left, term, _flat(text[end : end + window])))
    elif by == "token":
        from retailkit.segment import default_tokenizer

        tokenizer = default_tokenizer()
        pattern = tokenizer.cut(term)
        size = len(pattern)
        for doc_id, text in zip(df[id_column], df[text_column], strict=True):
            tokens = tokenizer.cut(text)
            for i in range(len(tokens) - size + 1):
                if tokens[i] == pattern[0] and tokens[i : i + size] == pattern:
                    left = _flat("".join(tokens[max(0, i - window) : i]))
                    right = _flat("".join(tokens[i + size : i + size + window]))
                    rows.append((doc_id, i, left, term, right))
    else:
        raise ValueError(f"by: expected 'token' or 'char', got {by!r}")
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def cooccurrence(
    token_lists: Sequence[Sequence[str]],
    *,
    window: int = 5,
    min_count: int = 1,
    term: str | None = None,
) -> pd.DataFrame:
    """Count pairs of different terms that occur within ``window`` tokens of each other.

    Two tokens at positions ``i < j`` of the same document co-occur when ``j - i < window``
    (``window=2``: adjacent tokens only). Each such pair of positions counts once; a pair is
    unordered and reported with ``term_a < term_b``.

    Parameters
    ----------
    token_lists
        Tokens of each document (e.g. from :func:`retailkit.tokenize_many`, stopwords removed).
    window
        Span in tokens, at least 2.
    min_count
        Keep pairs seen at least this often.
    term
        Keep only pairs that contain this term.

    Returns
    -------
    DataFrame
        ``term_a, term_b, count, documents`` (number of documents where the pair occurs),
        sorted by count descending, then ``term_a``, ``term_b``.

    Examples
    --------
    >>> cooccurrence([["微博", "社交", "电商"], ["社交", "电商"]], window=2)
      term_a term_b  count  documents
    0     电商     社交      2          2
    1     微博     社交      1          1
    """
    if window < 2:
        raise ValueError(f"window: expected at least 2, got {window}")
    counts: Counter[tuple[str, str]] = Counter()
    documents: Counter[tuple[str, str]] = Counter()
    for tokens in token_lists:
        seen: set[tuple[str, str]] = set()
        for i, first in enumerate(tokens):
            for second in tokens[i + 1 : i + window]:
                if first == second:
                    continue
                pair = (first, second) if first < second else (second, first)
                if term is not None and term not in pair:
                    continue
                counts[pair] += 1
                seen.add(pair)
        documents.update(seen)
    rows = [
        (a, b, count, documents[(a, b)]) for (a, b), count in counts.items() if count >= min_count
    ]
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return pd.DataFrame(rows, columns=["term_a", "term_b", "count", "documents"])
