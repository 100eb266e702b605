"""How alike documents are: cosine similarity of TF-IDF vectors over tokens."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from retailkit.errors import ModelError


def document_similarity(
    token_lists: Sequence[Sequence[str]],
    doc_ids: Sequence[str],
    *,
    sublinear_tf: bool = True,
) -> pd.DataFrame:
    """Cosine similarity between documents' TF-IDF vectors (a square DataFrame).

    IDF is computed from the documents themselves (smoothed), so terms every document uses weigh
    little and a high similarity means a shared, distinctive vocabulary.

    Parameters
    ----------
    token_lists
        One token list per document (e.g. ``retailkit.tokenize_many(df["text"])``).
    doc_ids
        Labels for rows and columns, in the same order.
    sublinear_tf
        Use ``1 + log(tf)`` so long documents do not dominate by repetition.

    Returns
    -------
    pandas.DataFrame
        Symmetric, indexed and labelled by ``doc_ids``, ones on the diagonal (zero for an empty
        document).

    Examples
    --------
    >>> sim = document_similarity([["社交", "电商"], ["社交", "电商"], ["信息流"]], ["a", "b", "c"])
    >>> sim.round(2).values.tolist()
    [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(token_lists) != len(doc_ids):
        raise ModelError(
            f"doc_ids: {len(doc_ids)} labels for {len(token_lists)} documents; "
            "give one label per document"
        )
    if not any(len(tokens) for tokens in token_lists):
        raise ModelError("token_lists: every document is empty; nothing to compare")
    vectorizer = TfidfVectorizer(
        analyzer=lambda tokens: tokens, sublinear_tf=sublinear_tf, norm="l2", smooth_idf=True
    )
    matrix = vectorizer.fit_transform([list(tokens) for tokens in token_lists])
    similarity = np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)
    for i, tokens in enumerate(token_lists):
        similarity[i, i] = 1.0 if len(tokens) else 0.0
    labels = list(doc_ids)
    return pd.DataFrame(np.clip(similarity, 0.0, 1.0), index=labels, columns=labels)


def most_similar_pairs(similarity: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair of documents with its similarity, most similar first.

    Examples
    --------
    >>> sim = document_similarity([["社交", "电商"], ["社交"], ["信息流"]], ["a", "b", "c"])
    >>> most_similar_pairs(sim)[["doc_a", "doc_b"]].values.tolist()
    [['a', 'b'], ['a', 'c'], ['b', 'c']]
    """
    labels = list(similarity.index)
    rows = [
        (labels[i], labels[j], float(similarity.iloc[i, j]))
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
    ]
    pairs = pd.DataFrame(rows, columns=["doc_a", "doc_b", "similarity"])
    return pairs.sort_values(
        ["similarity", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
