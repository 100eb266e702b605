"""Keywords of each document: TF-IDF against a documented reference corpus, and TextRank.

Both functions take either a DataFrame with a text column (segmented with the default
:class:`retailkit.segment.Tokenizer`: domain dictionary on, stopwords and punctuation off) or a
list of token lists, and return one row per document and keyword, ranked.

Candidate keywords are tokens of at least ``min_length`` characters that are not numbers
(``618`` and ``2018`` are kept by the tokenizer but are rarely what a reader means by a keyword;
``双11`` and ``74亿`` are kept, they contain a non-digit).

IDF
---
``idf="reviews"`` (default) uses document frequencies of the train split of the
``online_shopping_10_cats`` reviews (ChineseNlpCorpus, SophonPlus; 56k reviews), shipped in
``retailkit/data/lexicon/idf_reviews.tsv`` and made by ``benchmarks/make_idf_reviews.py``.
``idf="corpus"`` computes document frequencies from the documents passed in. Both use the smooth
formula of scikit-learn, ``idf = ln((1 + N) / (1 + df)) + 1``, so a term absent from the
reference gets the highest weight, ``ln(1 + N) + 1``. A mapping ``term -> idf`` may be passed too.
jieba's bundled ``idf.txt`` is not used: its source corpus is undocumented.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from retailkit.errors import DictionaryError

__all__ = [
    "ReferenceIdf",
    "load_reference_idf",
    "textrank_keywords",
    "tfidf_keywords",
]

IDF_FILE = "data/lexicon/idf_reviews.tsv"
_DIGITS = re.compile(r"^[0-9]+(?:\.[0-9]+)?%?$")

Documents: TypeAlias = pd.DataFrame | Sequence[Sequence[str]]


class ReferenceIdf:
    """Document frequencies of a reference corpus, turned into smooth IDF weights.

    Parameters
    ----------
    document_frequency
        ``term -> number of documents containing it``.
    n_documents
        Number of documents in the reference corpus.

    Examples
    --------
    >>> idf = ReferenceIdf({"好": 3}, n_documents=3)
    >>> round(idf["好"], 3), round(idf["社交电商"], 3)
    (1.0, 2.386)
    """

    def __init__(self, document_frequency: Mapping[str, int], n_documents: int) -> None:
        self.document_frequency = dict(document_frequency)
        self.n_documents = n_documents

    def __getitem__(self, term: str) -> float:
        df = self.document_frequency.get(term, 0)
        return math.log((1 + self.n_documents) / (1 + df)) + 1.0

    def __len__(self) -> int:
        return len(self.document_frequency)


def _read_idf_file(path: Path) -> ReferenceIdf:
    n_documents = None
    frequencies: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("# documents:"):
            n_documents = int(line.split(":", 1)[1])
            continue
        if line.startswith("#") or line == "term\tdocument_frequency" or not line:
            continue
        term, _, count = line.rpartition("\t")
        if not term or not count.isdigit():
            raise DictionaryError(f"{path}, line {number}: expected 'term<TAB>count', got {line!r}")
        frequencies[term] = int(count)
    if n_documents is None:
        raise DictionaryError(f"{path}: missing the '# documents: N' header line")
    return ReferenceIdf(frequencies, n_documents)


@cache
def load_reference_idf() -> ReferenceIdf:
    """The packaged review IDF (train split of online_shopping_10_cats), loaded once.

    Examples
    --------
    >>> idf = load_reference_idf()
    >>> idf.n_documents > 50_000, idf["好"] < idf["社交电商"]
    (True, True)
    """
    return _read_idf_file(Path(str(resources.files("retailkit") / IDF_FILE)))


def _token_lists(
    docs: Documents, text_column: str, id_column: str
) -> tuple[list[object], list[list[str]]]:
    if isinstance(docs, pd.DataFrame):
        from retailkit.segment import tokenize_many

        for column in (text_column, id_column):
            if column not in docs.columns:
                raise KeyError(f"docs has no column {column!r} (columns: {list(docs.columns)})")
        return list(docs[id_column]), tokenize_many(docs[text_column])
    lists = [list(tokens) for tokens in docs]
    return list(range(len(lists))), lists


def _is_candidate(term: str, min_length: int) -> bool:
    return len(term) >= min_length and not _DIGITS.match(term)


def _idf_lookup(
    idf: Literal["reviews", "corpus"] | Mapping[str, float], token_lists: list[list[str]]
) -> Mapping[str, float] | ReferenceIdf:
    if isinstance(idf, str):
        if idf == "reviews":
            return load_reference_idf()
        if idf == "corpus":
            frequency = Counter(term for tokens in token_lists for term in set(tokens))
            return ReferenceIdf(frequency, len(token_lists))
        raise ValueError(f"idf: expected 'reviews', 'corpus' or a mapping, got {idf!r}")
    return idf


KEYWORD_COLUMNS = ["doc_id", "rank", "term", "count", "tf", "idf", "score"]


def tfidf_keywords(
    docs: Documents,
    *,
    top_n: int = 10,
    idf: Literal["reviews", "corpus"] | Mapping[str, float] = "reviews",
    min_length: int = 2,
    text_column: str = "text",
    id_column: str = "doc_id",
) -> pd.DataFrame:
    """The ``top_n`` TF-IDF keywords of each document.

    Parameters
    ----------
    docs
        A DataFrame with ``text_column`` and ``id_column``, or a list of token lists (then
        ``doc_id`` is the position).
    top_n
        Keywords per document.
    idf
        ``"reviews"`` (packaged reference), ``"corpus"`` (from ``docs``) or ``term -> idf``.
    min_length
        Shortest candidate, in characters.

    Returns
    -------
    DataFrame
        ``doc_id, rank, term, count, tf, idf, score``: ``tf`` is count / tokens of the
        document (after stopword removal), ``score = tf * idf``. Sorted by document order then
        rank; equal scores are ordered by term (Unicode code point order: 好 < 微博).

    Examples
    --------
    >>> docs = [["社交电商", "社交电商", "微博", "好"], ["微博", "好", "好"]]
    >>> tfidf_keywords(docs, idf="corpus", min_length=1).round(3)
       doc_id  rank  term  count     tf    idf  score
    0       0     1  社交电商      2  0.500  1.405  0.703
    1       0     2     好      1  0.250  1.000  0.250
    2       0     3    微博      1  0.250  1.000  0.250
    3       1     1     好      2  0.667  1.000  0.667
    4       1     2    微博      1  0.333  1.000  0.333
    """
    if top_n < 1:
        raise ValueError(f"top_n: expected a positive number, got {top_n}")
    doc_ids, token_lists = _token_lists(docs, text_column, id_column)
    weights = _idf_lookup(idf, token_lists)
    rows = []
    for doc_id, tokens in zip(doc_ids, token_lists, strict=True):
        counts = Counter(tokens)
        total = sum(counts.values())
        scored = []
        for term, count in counts.items():
            if _is_candidate(term, min_length):
                tf = count / total
                term_idf = weights[term] if isinstance(weights, ReferenceIdf) else weights.get(term)
                if term_idf is None:
                    continue
                scored.append((-round(tf * term_idf, 12), term, count, tf, term_idf))
        scored.sort()
        for rank, (negative, term, count, tf, term_idf) in enumerate(scored[:top_n], start=1):
            rows.append((doc_id, rank, term, count, tf, term_idf, -negative))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def _pagerank(weights: np.ndarray, damping: float, max_iter: int, tol: float) -> np.ndarray:
    """Weighted PageRank by power iteration; dangling nodes spread their rank evenly."""
    n = weights.shape[0]
    out_weight = weights.sum(axis=1)
    dangling = out_weight == 0
    transition = np.divide(
        weights, out_weight[:, None], out=np.zeros_like(weights), where=~dangling[:, None]
    )
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = rank @ transition + rank[dangling].sum() / n
        new = (1 - damping) / n + damping * spread
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


def textrank_keywords(
    docs: Documents,
    *,
    top_n: int = 10,
    window: int = 5,
    damping: float = 0.85,
    min_length: int = 2,
    max_iter: int = 200,
    tol: float = 1e-10,
    text_column: str = "text",
    id_column: str = "doc_id",
) -> pd.DataFrame:
    """The ``top_n`` TextRank keywords of each document (Mihalcea & Tarau 2004).

    The graph of a document has one node per candidate term; two terms are linked, with a weight
    equal to the number of times they co-occur, when they appear within ``window`` positions of
    each other in the sequence of candidates (stopwords, punctuation and non-candidates removed
    first, as jieba's TextRank does). Scores are the weighted PageRank (``damping`` 0.85), summing
    to 1 per document. Nodes are sorted before the computation, and ties are broken by term, so
    the ranking never depends on hash order.

    Returns
    -------
    DataFrame
        ``doc_id, rank, term, count, score``, sorted by document order then rank.

    Examples
    --------
    >>> tokens = [["社交", "电商", "微博", "社交", "电商", "淘宝"]]
    >>> textrank_keywords(tokens, window=2, top_n=3).round(3)
       doc_id  rank term  count  score
    0       0     1   电商      2  0.389
    1       0     2   社交      2  0.289
    2       0     3   微博      1  0.202
    """
    if window < 2:
        raise ValueError(f"window: expected at least 2 (a term and its neighbour), got {window}")
    if top_n < 1:
        raise ValueError(f"top_n: expected a positive number, got {top_n}")
    doc_ids, token_lists = _token_lists(docs, text_column, id_column)
    rows = []
    for doc_id, tokens in zip(doc_ids, token_lists, strict=True):
        sequence = [term for term in tokens if _is_candidate(term, min_length)]
        if not sequence:
            continue
        vocabulary = sorted(set(sequence))
        index = {term: position for position, term in enumerate(vocabulary)}
        weights = np.zeros((len(vocabulary), len(vocabulary)))
        for i, term in enumerate(sequence):
            for other in sequence[i + 1 : i + window]:
                if other != term:
                    weights[index[term], index[other]] += 1
                    weights[index[other], index[term]] += 1
        scores = _pagerank(weights, damping, max_iter, tol)
        counts = Counter(sequence)
        order = sorted(
            range(len(vocabulary)), key=lambda k: (-round(float(scores[k]), 12), vocabulary[k])
        )
        for rank, k in enumerate(order[:top_n], start=1):
            rows.append((doc_id, rank, vocabulary[k], counts[vocabulary[k]], float(scores[k])))
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "count", "score"])
