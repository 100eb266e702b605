"""Topic shares of new documents under a fitted LDA model (variational inference in numpy).

:func:`topic_shares` is the numeric core of :meth:`retailkit.topics.TopicModel.infer`: given
the topic-word matrix and the document-topic prior ``alpha`` of a fitted model, it estimates
each document's topic shares with the standard mean-field variational E-step of LDA (Blei, Ng
and Jordan 2003, and gensim's ``LdaModel.inference``), with the topic-word matrix held fixed:

.. math::

    \\phi_{wj} \\propto \\beta_{jw} \\exp \\psi(\\gamma_j), \\qquad
    \\gamma_j = \\alpha + \\sum_w n_w \\phi_{wj}

for each distinct term ``w`` of the document (``n_w`` times in it), starting from the uniform
``gamma_j = alpha + n / k``. The shares are ``gamma / gamma.sum()`` = ``gamma / (n + k alpha)``,
the same form as the fitted ``doc_topics`` of the tomotopy engine (topic counts plus prior).

Each document is inferred on its own: no random start, nothing shared between documents, sums
in a fixed order (over the topics one by one, over a document's terms in term-id order), and
every document stops when its own shares move by at most ``tolerance``. So a document gets the
same shares, to the last bit, whichever documents share its batch, chunk or process (checked in
``tests/test_topic_inference.py``). Across machines the last bits may differ where numpy's
``exp`` uses another instruction set.

Documents with no term (after unknown words were dropped) get the uniform row ``1 / k``, as in
:func:`retailkit.topics.fit_lda`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from retailkit.errors import ModelError

__all__ = ["MAX_ITERATIONS", "TOLERANCE", "topic_shares"]

#: Most E-step iterations per document (short reviews converge in a few dozen).
MAX_ITERATIONS = 200
#: A document stops when no topic share changed by more than this in one iteration.
TOLERANCE = 1e-6


def topic_shares(
    documents: Sequence[np.ndarray],
    topic_word: np.ndarray,
    *,
    alpha: float,
    max_iterations: int = MAX_ITERATIONS,
    tolerance: float = TOLERANCE,
) -> np.ndarray:
    """Topic shares of documents given as term ids, by variational inference with fixed topics.

    Parameters
    ----------
    documents
        Each document as integer term ids (columns of ``topic_word``), repeats counted.
    topic_word
        ``(k, n_terms)`` word distribution of each topic (rows sum to 1, no zeros).
    alpha
        Symmetric Dirichlet prior on the topic shares of a document (positive).
    max_iterations
        Most E-step iterations per document.
    tolerance
        A document stops when its largest change of a topic share in one iteration is at most
        this.

    Returns
    -------
    numpy.ndarray
        ``(len(documents), k)`` float64 shares, rows sum to 1; uniform for empty documents.

    Examples
    --------
    >>> topic_word = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]])
    >>> shares = topic_shares([np.array([0, 0, 1]), np.array([2]), np.array([], int)],
    ...                       topic_word, alpha=0.1)
    >>> shares.round(3)
    array([[0.969, 0.031],
           [0.083, 0.917],
           [0.5  , 0.5  ]])
    """
    from scipy.special import digamma

    topic_word = np.ascontiguousarray(topic_word, dtype=np.float64)
    if topic_word.ndim != 2 or topic_word.shape[0] < 1:
        raise ModelError(f"topic_word: expected a (k, n_terms) matrix, got {topic_word.shape}")
    if not alpha > 0:
        raise ModelError(f"alpha: the prior must be positive, got {alpha!r}")
    if max_iterations < 1:
        raise ModelError(f"max_iterations: expected at least 1, got {max_iterations!r}")
    k, n_terms = topic_word.shape
    shares = np.full((len(documents), k), 1.0 / k)
    bags = [np.unique(np.asarray(doc, dtype=np.int64), return_counts=True) for doc in documents]
    for position, (terms, _) in enumerate(bags):
        if len(terms) and (terms[0] < 0 or terms[-1] >= n_terms):
            raise ModelError(
                f"documents[{position}]: term ids must lie in 0..{n_terms - 1}, "
                f"got {int(terms[0]) if terms[0] < 0 else int(terms[-1])}"
            )
    rows = np.array([i for i, (terms, _) in enumerate(bags) if len(terms)], dtype=np.int64)
    if not len(rows):
        return shares
    # One entry per (document, distinct term), documents in order, terms sorted within each.
    sizes = np.array([len(bags[i][0]) for i in rows], dtype=np.int64)
    owner = np.repeat(np.arange(len(rows)), sizes)
    counts = np.concatenate([bags[i][1] for i in rows]).astype(np.float64)
    word = topic_word[:, np.concatenate([bags[i][0] for i in rows])]  # (k, entries)
    totals = np.bincount(owner, weights=counts) + k * alpha  # n + k alpha per document
    gamma = np.repeat((totals - k * alpha)[None, :] / k + alpha, k, axis=0)  # (k, documents)
    active = np.arange(len(rows))  # positions in ``rows`` still iterating
    for iteration in range(max_iterations):
        weight = np.exp(digamma(gamma))
        spread = weight[:, owner]
        norm = spread[0] * word[0]
        for j in range(1, k):  # topic by topic: the same order of sums for every document
            norm += spread[j] * word[j]
        ratio = counts / norm
        updated = np.empty_like(gamma)
        for j in range(k):
            sums = np.bincount(owner, weights=ratio * word[j], minlength=len(active))
            updated[j] = alpha + weight[j] * sums
        change = np.abs(updated - gamma).max(axis=0) / totals[active]
        gamma = updated
        done = (change <= tolerance) | (iteration == max_iterations - 1)
        if done.any():
            shares[rows[active[done]]] = (gamma[:, done] / totals[active[done]]).T
            keep = ~done
            entries = keep[owner]
            renumber = np.cumsum(keep) - 1
            active, gamma = active[keep], np.ascontiguousarray(gamma[:, keep])
            owner, counts = renumber[owner[entries]], counts[entries]
            word = np.ascontiguousarray(word[:, entries])
        if not len(active):
            break
    return shares
