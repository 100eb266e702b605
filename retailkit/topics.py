"""Topic models (LDA) for tokenised Chinese documents: fit, evaluate, choose k, explain, show.

Documents are token lists (``retailkit.tokenize_many`` output); :func:`fit_lda` learns a
:class:`TopicModel` with one of two engines:

* ``"tomotopy"`` (default): collapsed Gibbs sampling in C++ (``tomotopy.LDAModel``), one worker
  thread. On the 9,574-review benchmark it is several times faster than gensim and its dominant
  topics agree far better with the product categories (see ``benchmarks/README.md``).
* ``"gensim"``: online variational Bayes, ``gensim.models.LdaModel`` in a single process
  (``LdaMulticore`` is never used: its results change from run to run).

Preprocessing (:func:`build_vocabulary`, the same for both engines): a *term* must contain at
least one CJK character or Latin letter (so ``双11`` and ``74亿元`` stay, bare numbers such as
``618`` or ``2018`` go), must occur in at least ``min_df`` documents and in at most a share
``max_df`` of them (words in more than 20 % of the documents say little about any one topic),
and must not be in ``stopwords`` (extra words; ``retailkit.tokenize_many`` already removed the
packaged stopword lists). The vocabulary is sorted, so word ids never depend on hash order.

Determinism: the same documents, ``k``, options and ``seed`` give bit-identical ``doc_topics``
and ``topic_word_``, in one process and across processes. For tomotopy this needs one worker
(``workers=1``, ``ParallelScheme.NONE``) and a fixed Dirichlet prior: tomotopy's optional
hyper-parameter optimisation (``optim_interval``) sums floats in an order that depends on the
SIMD instruction set it picks at import (``tomotopy.isa``: avx512, avx2 or sse2, or the
``TOMOTOPY_ISA`` environment variable), so its results differ between machines, while with a
fixed prior the sampled topic assignments were identical under all three instruction sets
(checked in ``tests/test_topics.py`` and ``benchmarks/bench_topics.py``). retailkit therefore
keeps ``optim_interval=0`` and does not pin ``TOMOTOPY_ISA``; the instruction set used is
recorded in ``model.params["tomotopy_isa"]``. Both learned matrices are computed here, in
float64 numpy, from the integer topic counts of the final sample.

New documents: :meth:`TopicModel.infer` gives their topic shares under a fitted model (also one
read by :meth:`TopicModel.load`): the variational E-step of LDA with the topics held fixed, in
numpy, the same for both engines (:mod:`retailkit.topic_inference`). Unknown words are ignored;
each document's shares depend on that document alone. This is how ``retailkit topics`` covers
a whole corpus: fit on a sample, infer every document.

Topic numbering: arrays are 0-based (column ``j`` of ``doc_topics`` is row ``j`` of
``topic_word_``); every DataFrame and the pyLDAvis page label topics **1..k**, so topic ``t`` in a
table is column ``t - 1`` of the arrays.

Bad input: ``k < 2``, an empty corpus, a vocabulary that filtering leaves empty or smaller than
``k``, or a plain string instead of a token list raise :class:`~retailkit.errors.ModelError`.
Documents with no in-vocabulary token are kept in place with a uniform topic row (``1 / k``)
and listed in ``model.empty_documents_``; no matrix ever holds NaN.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import metadata
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from retailkit import topic_inference
from retailkit.errors import ModelError

__all__ = [
    "DEFAULT_ENGINE",
    "Engine",
    "TopicModel",
    "article_paragraphs",
    "build_vocabulary",
    "fit_lda",
    "is_candidate_term",
    "match_topics",
    "representative_documents",
    "select_k",
    "shuffle_tokens",
    "stability",
    "stable_pcoa",
    "to_pyldavis_html",
    "topic_by_document",
]

Engine = Literal["tomotopy", "gensim"]
ENGINES: tuple[str, ...] = ("tomotopy", "gensim")
DEFAULT_ENGINE: Engine = "tomotopy"
FORMAT = "retailkit.topics/1"

# Defaults chosen on the review benchmark (benchmarks/bench_topics.py, benchmarks/README.md).
MIN_DF = 3
MAX_DF = 0.2
ALPHA = 0.05
ETA = 0.5
TOMOTOPY_ITERATIONS = 300
GENSIM_PASSES = 10

_TERM = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def is_candidate_term(token: str) -> bool:
    """True if ``token`` may enter a topic vocabulary: it holds a CJK character or Latin letter.

    Examples
    --------
    >>> [is_candidate_term(t) for t in ["社交电商", "双11", "74亿元", "618", "2018", "O2O", "%"]]
    [True, True, True, False, False, True, False]
    """
    return bool(_TERM.search(token))


def _check_docs(docs: Sequence[Sequence[str]], *, allow_empty: bool = False) -> list[list[str]]:
    if isinstance(docs, str):
        raise ModelError("docs: expected a list of token lists, got one string")
    out = []
    for i, doc in enumerate(docs):
        if isinstance(doc, str):
            raise ModelError(
                f"docs[{i}]: expected a list of tokens, got a string; "
                "tokenise first, e.g. retailkit.tokenize_many(texts)"
            )
        out.append([str(token) for token in doc])
    if not out and not allow_empty:
        raise ModelError("docs: the corpus is empty; pass at least two non-empty documents")
    return out


def build_vocabulary(
    docs: Sequence[Sequence[str]],
    *,
    min_df: int = MIN_DF,
    max_df: float = MAX_DF,
    stopwords: Iterable[str] = (),
) -> list[str]:
    """The sorted topic vocabulary of ``docs`` (see the module docstring for the rules).

    Parameters
    ----------
    docs
        Token lists.
    min_df
        Keep terms found in at least this many documents.
    max_df
        Keep terms found in at most this share of the documents (``0 < max_df <= 1``).
    stopwords
        Extra words to drop (compared as given).

    Returns
    -------
    list of str
        Sorted terms.

    Examples
    --------
    >>> docs = [["社交", "电商", "618"], ["社交", "营销"], ["电商", "营销", "的"]]
    >>> build_vocabulary(docs, min_df=2, max_df=1.0, stopwords=["的"])
    ['电商', '社交', '营销']
    >>> build_vocabulary(docs, min_df=1, max_df=0.5)
    ['的']
    """
    if not isinstance(min_df, int | np.integer) or min_df < 1:
        raise ModelError(f"min_df: expected a document count >= 1, got {min_df!r}")
    if not 0 < max_df <= 1:
        raise ModelError(f"max_df: expected a share of documents in (0, 1], got {max_df!r}")
    docs = _check_docs(docs)
    stop = set(stopwords)
    document_frequency = Counter(term for doc in docs for term in set(doc))
    ceiling = max_df * len(docs)
    return sorted(
        term
        for term, count in document_frequency.items()
        if min_df <= count <= ceiling and term not in stop and is_candidate_term(term)
    )


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "unknown"


class TopicModel:
    """A fitted LDA model: learned matrices, vocabulary, the training documents and the options.

    Built by :func:`fit_lda` or :meth:`load`; every learned attribute ends in ``_`` except
    ``doc_topics`` (the name researchers look for).

    Attributes
    ----------
    doc_topics : numpy.ndarray
        ``(n_docs, k)`` topic shares of each training document, rows sum to 1 (uniform for
        documents without an in-vocabulary token).
    topic_word_ : numpy.ndarray
        ``(k, n_terms)`` word distribution of each topic, rows sum to 1.
    vocabulary_ : numpy.ndarray
        The sorted terms (column labels of ``topic_word_``).
    documents_ : list of numpy.ndarray
        Each training document as term ids into ``vocabulary_`` (out-of-vocabulary tokens
        dropped), used for coherence and the pyLDAvis view.
    doc_lengths_ : numpy.ndarray
        In-vocabulary tokens per document.
    empty_documents_ : numpy.ndarray
        Positions of the documents with no in-vocabulary token.
    params : dict
        ``engine``, ``k``, ``seed``, priors, iterations, filtering options and library versions.
    """

    def __init__(
        self,
        *,
        doc_topics: np.ndarray,
        topic_word_: np.ndarray,
        vocabulary_: Sequence[str],
        documents_: Sequence[np.ndarray],
        params: dict[str, Any],
    ) -> None:
        self.doc_topics = np.asarray(doc_topics, dtype=np.float64)
        self.topic_word_ = np.asarray(topic_word_, dtype=np.float64)
        self.vocabulary_ = np.asarray(vocabulary_, dtype=str)
        self.documents_ = [np.asarray(doc, dtype=np.int64) for doc in documents_]
        self.params = dict(params)
        self.doc_lengths_ = np.array([len(doc) for doc in self.documents_], dtype=np.int64)
        self.empty_documents_ = np.flatnonzero(self.doc_lengths_ == 0)

    @property
    def k(self) -> int:
        """Number of topics."""
        return int(self.topic_word_.shape[0])

    @property
    def engine(self) -> str:
        """The engine that fitted the model (``"tomotopy"`` or ``"gensim"``)."""
        return str(self.params["engine"])

    def __repr__(self) -> str:
        return (
            f"TopicModel(engine={self.engine!r}, k={self.k}, seed={self.params['seed']}, "
            f"n_docs={len(self.documents_)}, n_terms={len(self.vocabulary_)})"
        )

    # -- reading the model ------------------------------------------------------------------

    def dominant_topic(self) -> np.ndarray:
        """The 1-based topic with the largest share in each document (ties: lowest number)."""
        return np.argmax(self.doc_topics, axis=1) + 1

    def top_words(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` most probable words of every topic.

        Returns
        -------
        pandas.DataFrame
            Columns ``topic`` (1..k), ``rank`` (1..n), ``word``, ``weight`` (probability of the
            word in the topic); sorted by topic then rank, ties broken by word.
        """
        if n < 1:
            raise ModelError(f"n: expected a positive number of words, got {n}")
        n = min(n, len(self.vocabulary_))
        rows = []
        for topic, weights in enumerate(self.topic_word_):
            order = np.lexsort((self.vocabulary_, -weights))[:n]
            for rank, index in enumerate(order, start=1):
                rows.append((topic + 1, rank, str(self.vocabulary_[index]), float(weights[index])))
        return pd.DataFrame(rows, columns=["topic", "rank", "word", "weight"])

    def _top_word_lists(self, n: int) -> list[list[str]]:
        table = self.top_words(n)
        return [list(group["word"]) for _, group in table.groupby("topic", sort=True)]

    def coherence_by_topic(self, measure: str = "c_v", *, top_n: int = 10) -> pd.Series:
        """Coherence of each topic's ``top_n`` words on the training documents.

        Computed by gensim's ``CoherenceModel`` (``processes=1``) with the training documents
        (in-vocabulary tokens) as reference texts. ``measure`` is any gensim measure:
        ``"c_v"``, ``"c_npmi"``, ``"c_uci"`` or ``"u_mass"``.

        Returns
        -------
        pandas.Series
            Indexed by topic (1..k), named ``measure``.
        """
        from gensim.corpora import Dictionary
        from gensim.models import CoherenceModel

        texts = [[str(self.vocabulary_[i]) for i in doc] for doc in self.documents_ if len(doc)]
        dictionary = Dictionary(texts)
        scorer = CoherenceModel(
            topics=self._top_word_lists(top_n),
            texts=texts,
            dictionary=dictionary,
            coherence=measure,
            topn=top_n,
            processes=1,
        )
        values = np.asarray(scorer.get_coherence_per_topic(), dtype=np.float64)
        return pd.Series(values, index=pd.RangeIndex(1, self.k + 1, name="topic"), name=measure)

    def coherence(self, measure: str = "c_v", *, top_n: int = 10) -> float:
        """Mean topic coherence (see :meth:`coherence_by_topic`)."""
        return float(self.coherence_by_topic(measure, top_n=top_n).mean())

    # -- new documents ----------------------------------------------------------------------

    def infer(
        self,
        docs: Sequence[Sequence[str]],
        *,
        max_iterations: int = topic_inference.MAX_ITERATIONS,
        tolerance: float = topic_inference.TOLERANCE,
    ) -> np.ndarray:
        """Topic shares of (new) tokenised documents under this model.

        Tokens outside ``vocabulary_`` are ignored; the shares come from the variational
        E-step of LDA with ``topic_word_`` and the prior ``params["alpha"]`` held fixed
        (:func:`retailkit.topic_inference.topic_shares`), the same numpy code for both engines
        and for a model read by :meth:`load`. Deterministic without a seed: there is no random
        start, and each document is inferred on its own, so its shares are identical (to the
        last bit) whichever documents come with it, in whatever batches or processes.
        On the training documents the shares are close to, not equal to, ``doc_topics``
        (those are the engine's own estimate; agreement measured in ``benchmarks/README.md``).

        Parameters
        ----------
        docs
            One token list per document, tokenised like the training documents (e.g.
            ``retailkit.tokenize_many(texts)``).
        max_iterations, tolerance
            Most E-step iterations per document; a document stops when no topic share changes
            by more than ``tolerance`` in an iteration.

        Returns
        -------
        numpy.ndarray
            ``(len(docs), k)`` topic shares, rows sum to 1; column ``j`` is topic ``j + 1``.
            A document without an in-vocabulary token (empty, or only unknown words) gets the
            uniform row ``1 / k``, as in :func:`fit_lda`.

        Examples
        --------
        >>> docs = [["社交", "电商", "微博"], ["社交", "微博", "营销"], ["物流", "仓储", "配送"],
        ...         ["仓储", "物流", "门店"], ["社交", "营销", "微博"], ["配送", "门店", "物流"]]
        >>> model = fit_lda(docs, 2, seed=1, min_df=1, max_df=1.0)
        >>> shares = model.infer([["物流", "门店", "快递"], ["微博", "营销"], [], ["快递"]])
        >>> shares.round(2)
        array([[0.98, 0.02],
               [0.02, 0.98],
               [0.5 , 0.5 ],
               [0.5 , 0.5 ]])
        """
        docs = _check_docs(docs, allow_empty=True)
        index = {str(term): i for i, term in enumerate(self.vocabulary_)}
        documents = [np.array([index[t] for t in doc if t in index], np.int64) for doc in docs]
        return topic_inference.topic_shares(
            documents,
            self.topic_word_,
            alpha=float(self.params["alpha"]),
            max_iterations=max_iterations,
            tolerance=tolerance,
        )

    # -- persistence ------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model as a NumPy ``.npz`` archive (no pickle) and return its path.

        The archive holds the learned matrices, the vocabulary, the documents as term ids and
        the options as JSON; :meth:`load` rebuilds an identical model.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lengths = self.doc_lengths_
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        flat = np.concatenate(self.documents_) if len(self.documents_) else np.array([], np.int64)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                format=np.array(FORMAT),
                params=np.array(json.dumps(self.params, sort_keys=True, ensure_ascii=False)),
                vocabulary=self.vocabulary_,
                topic_word=self.topic_word_,
                doc_topics=self.doc_topics,
                document_terms=flat.astype(np.int64),
                document_offsets=offsets,
            )
        return path

    @classmethod
    def load(cls, path: str | Path) -> TopicModel:
        """Read a model written by :meth:`save`."""
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"{path}: no such model file")
        try:
            with np.load(path, allow_pickle=False) as archive:
                fmt = str(archive["format"])
                if fmt != FORMAT:
                    raise ModelError(f"{path}: format {fmt!r} is not {FORMAT!r}")
                offsets = archive["document_offsets"]
                flat = archive["document_terms"]
                documents = [flat[a:b] for a, b in pairwise(offsets)]
                return cls(
                    doc_topics=archive["doc_topics"],
                    topic_word_=archive["topic_word"],
                    vocabulary_=[str(term) for term in archive["vocabulary"]],
                    documents_=documents,
                    params=json.loads(str(archive["params"])),
                )
        except (OSError, KeyError, ValueError) as error:
            if isinstance(error, ModelError):
                raise
            raise ModelError(f"{path}: not a retailkit topic model ({error})") from error


# -- fitting ------------------------------------------------------------------------------


def _uniform_rows(counts: np.ndarray, prior: float, lengths: np.ndarray) -> np.ndarray:
    """(counts + prior) / (length + k * prior), uniform where a document is empty."""
    k = counts.shape[1]
    shares = (counts + prior) / (lengths[:, None] + k * prior)
    shares[lengths == 0] = 1.0 / k
    return shares


def _fit_tomotopy(
    documents: list[np.ndarray],
    n_terms: int,
    k: int,
    seed: int,
    alpha: float,
    eta: float,
    iterations: int,
) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    import tomotopy as tp

    model = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=seed, tw=tp.TermWeight.ONE)
    model.optim_interval = 0  # a fixed prior keeps results independent of tomotopy.isa
    used = [i for i, doc in enumerate(documents) if len(doc)]
    for i in used:
        # Term ids as strings: tomotopy's own word ids are mapped back below.
        model.add_doc([str(t) for t in documents[i]])
    model.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE)
    to_term = np.array([int(word) for word in model.vocabs], dtype=np.int64)
    doc_counts = np.zeros((len(documents), k), dtype=np.int64)
    word_counts = np.zeros((k, n_terms), dtype=np.int64)
    for i, doc in zip(used, model.docs, strict=True):
        topics = np.asarray(doc.topics, dtype=np.int64)
        terms = to_term[np.asarray(doc.words, dtype=np.int64)]
        doc_counts[i] = np.bincount(topics, minlength=k)
        np.add.at(word_counts, (topics, terms), 1)
    lengths = doc_counts.sum(axis=1)
    doc_topics = _uniform_rows(doc_counts.astype(np.float64), alpha, lengths)
    topic_word = (word_counts + eta) / (word_counts.sum(axis=1, keepdims=True) + n_terms * eta)
    extra = {"tomotopy_isa": str(tp.isa), "tomotopy_version": _library_version("tomotopy")}
    return doc_topics, topic_word, extra


def _fit_gensim(
    documents: list[np.ndarray],
    n_terms: int,
    k: int,
    seed: int,
    alpha: float,
    eta: float,
    passes: int,
) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    from gensim.models import LdaModel

    corpus = []
    for doc in documents:
        terms, counts = np.unique(doc, return_counts=True)
        corpus.append([(int(t), int(c)) for t, c in zip(terms, counts, strict=True)])
    used = [bow for bow in corpus if bow]
    model = LdaModel(
        corpus=used,
        num_topics=k,
        id2word={i: str(i) for i in range(n_terms)},
        alpha=np.full(k, alpha),
        eta=eta,
        passes=passes,
        iterations=100,
        chunksize=2000,
        eval_every=None,
        random_state=seed,
        dtype=np.float64,
    )
    gamma, _ = model.inference(corpus)
    lengths = np.array([len(bow) for bow in corpus])
    doc_topics = gamma / gamma.sum(axis=1, keepdims=True)
    doc_topics[lengths == 0] = 1.0 / k
    topic_word = np.asarray(model.get_topics(), dtype=np.float64)
    topic_word /= topic_word.sum(axis=1, keepdims=True)
    return doc_topics, topic_word, {"gensim_version": _library_version("gensim")}


def fit_lda(
    docs: Sequence[Sequence[str]],
    k: int,
    *,
    seed: int = 0,
    engine: Engine = DEFAULT_ENGINE,
    iterations: int | None = None,
    alpha: float = ALPHA,
    eta: float = ETA,
    min_df: int = MIN_DF,
    max_df: float = MAX_DF,
    stopwords: Iterable[str] = (),
    vocabulary: Sequence[str] | None = None,
) -> TopicModel:
    """Fit an LDA topic model with ``k`` topics to tokenised documents.

    Parameters
    ----------
    docs
        One token list per document (e.g. ``retailkit.tokenize_many(texts)``).
    k
        Number of topics (at least 2, at most the vocabulary size).
    seed
        Random seed; the same seed gives the same model.
    engine
        ``"tomotopy"`` (default, collapsed Gibbs sampling) or ``"gensim"`` (variational Bayes).
    iterations
        tomotopy: Gibbs sweeps (default 300); gensim: passes over the corpus (default 10; each
        pass runs up to 100 E-step iterations per document, in chunks of 2,000 documents).
    alpha, eta
        Symmetric Dirichlet priors on topics per document and words per topic (fixed, not
        optimised; see the module docstring).
    min_df, max_df, stopwords
        Vocabulary filtering (:func:`build_vocabulary`); ignored if ``vocabulary`` is given.
    vocabulary
        Use these terms instead of building the vocabulary from ``docs`` (terms that never
        occur in ``docs`` are dropped).

    Returns
    -------
    TopicModel

    Examples
    --------
    >>> docs = [["社交", "电商", "微博"], ["社交", "微博", "营销"], ["物流", "仓储", "配送"],
    ...         ["仓储", "物流", "门店"], ["社交", "营销", "微博"], ["配送", "门店", "物流"]]
    >>> model = fit_lda(docs, 2, seed=1, min_df=1, max_df=1.0)
    >>> model
    TopicModel(engine='tomotopy', k=2, seed=1, n_docs=6, n_terms=8)
    >>> model.doc_topics.shape, bool(np.allclose(model.doc_topics.sum(axis=1), 1))
    ((6, 2), True)
    >>> model.dominant_topic().tolist()
    [2, 2, 1, 1, 2, 1]
    >>> model.top_words(3)[["topic", "rank", "word"]].head(3)
       topic  rank word
    0      1     1   物流
    1      1     2   仓储
    2      1     3   配送
    """
    if engine not in ENGINES:
        raise ModelError(f"engine: expected one of {ENGINES}, got {engine!r}")
    if not isinstance(k, int | np.integer) or isinstance(k, bool) or k < 2:
        raise ModelError(f"k: expected at least 2 topics, got {k!r}")
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ModelError(f"seed: expected a non-negative integer, got {seed!r}")
    if alpha <= 0 or eta <= 0:
        raise ModelError(f"alpha, eta: priors must be positive, got alpha={alpha}, eta={eta}")
    docs = _check_docs(docs)
    stopword_list = sorted(set(stopwords))
    if vocabulary is None:
        terms = build_vocabulary(docs, min_df=min_df, max_df=max_df, stopwords=stopword_list)
    else:
        seen = {token for doc in docs for token in doc}
        terms = sorted(set(vocabulary) & seen)
    if not terms:
        raise ModelError(
            f"vocabulary: no term left after filtering {len(docs)} documents "
            f"(min_df={min_df}, max_df={max_df}); lower min_df or raise max_df"
        )
    if k > len(terms):
        raise ModelError(
            f"k={k} exceeds the vocabulary of {len(terms)} terms; "
            "choose a smaller k or a looser vocabulary filter"
        )
    index = {term: i for i, term in enumerate(terms)}
    documents = [np.array([index[t] for t in doc if t in index], dtype=np.int64) for doc in docs]
    if sum(1 for doc in documents if len(doc)) < 2:
        raise ModelError(
            "docs: fewer than two documents have an in-vocabulary token; "
            "add documents or loosen the vocabulary filter"
        )
    k, seed = int(k), int(seed)
    if engine == "tomotopy":
        steps = TOMOTOPY_ITERATIONS if iterations is None else int(iterations)
        doc_topics, topic_word, extra = _fit_tomotopy(
            documents, len(terms), k, seed, alpha, eta, steps
        )
    else:
        steps = GENSIM_PASSES if iterations is None else int(iterations)
        doc_topics, topic_word, extra = _fit_gensim(
            documents, len(terms), k, seed, alpha, eta, steps
        )
    params: dict[str, Any] = {
        "engine": engine,
        "k": k,
        "seed": seed,
        "iterations": steps,
        "alpha": float(alpha),
        "eta": float(eta),
        "min_df": int(min_df),
        "max_df": float(max_df),
        "stopwords": stopword_list,
        "vocabulary_given": vocabulary is not None,
        "retailkit_format": FORMAT,
        **extra,
    }
    return TopicModel(
        doc_topics=doc_topics,
        topic_word_=topic_word,
        vocabulary_=terms,
        documents_=documents,
        params=params,
    )


# -- choosing k -----------------------------------------------------------------------------


def match_topics(
    topic_word_a: np.ndarray, topic_word_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pair the topics of two models by Hungarian matching on Jensen–Shannon distance.

    Both matrices must share the vocabulary (same columns). The pairing minimises the total
    Jensen–Shannon distance (base 2, in [0, 1]); similarity is ``1 - distance``.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``partner[j]``: the 0-based topic of ``b`` matched to topic ``j`` of ``a``; and the
        similarity of each matched pair.

    Examples
    --------
    >>> a = np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])
    >>> partner, similarity = match_topics(a, a[::-1])
    >>> partner.tolist(), similarity.round(3).tolist()
    ([1, 0], [1.0, 1.0])
    """
    from scipy.optimize import linear_sum_assignment
    from scipy.spatial.distance import jensenshannon

    a = np.asarray(topic_word_a, dtype=np.float64)
    b = np.asarray(topic_word_b, dtype=np.float64)
    if a.shape != b.shape:
        raise ModelError(f"topic-word matrices differ in shape: {a.shape} vs {b.shape}")
    distance = np.array([[jensenshannon(p, q, base=2) for q in b] for p in a])
    distance = np.nan_to_num(distance, nan=1.0)
    rows, cols = linear_sum_assignment(distance)
    partner = cols[np.argsort(rows)]
    return partner, 1.0 - distance[np.arange(len(a)), partner]


def stability(models: Sequence[TopicModel]) -> float:
    """Mean matched topic similarity over every pair of models (same data, different seeds).

    1.0 means every seed finds the same topics; values well below 1 mean the topics are
    artefacts of the random start. Needs at least two models with the same vocabulary.
    """
    if len(models) < 2:
        raise ModelError("models: stability needs at least two fitted models")
    scores = [
        float(match_topics(a.topic_word_, b.topic_word_)[1].mean())
        for a, b in combinations(models, 2)
    ]
    return float(np.mean(scores))


def shuffle_tokens(docs: Sequence[Sequence[str]], *, seed: int = 0) -> list[list[str]]:
    """A structure-free copy of ``docs``: all tokens pooled, shuffled and dealt back.

    Every document keeps its length and the corpus keeps its word frequencies, but which words
    share a document becomes chance. Models fitted to the result (with the real model's
    ``vocabulary``) give reference values for coherence, :func:`stability` and topic sharpness
    on data without topics.

    Parameters
    ----------
    docs
        Token lists.
    seed
        Random seed; the same seed gives the same shuffle.

    Returns
    -------
    list of list of str
        One token list per document, in the order of ``docs``.

    Examples
    --------
    >>> docs = [["社交", "电商", "微博"], ["物流", "仓储"], []]
    >>> shuffled = shuffle_tokens(docs, seed=0)
    >>> [len(doc) for doc in shuffled]
    [3, 2, 0]
    >>> sorted(t for doc in shuffled for t in doc) == sorted(t for doc in docs for t in doc)
    True
    """
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
        raise ModelError(f"seed: expected a non-negative integer, got {seed!r}")
    docs = _check_docs(docs)
    pool = [token for doc in docs for token in doc]
    order = np.random.default_rng(int(seed)).permutation(len(pool))
    shuffled = [pool[i] for i in order]
    bounds = np.cumsum([0, *(len(doc) for doc in docs)]).tolist()
    return [shuffled[start:end] for start, end in pairwise(bounds)]


def select_k(
    docs: Sequence[Sequence[str]],
    ks: Iterable[int],
    seeds: Iterable[int] = (0, 1, 2),
    *,
    engine: Engine = DEFAULT_ENGINE,
    measures: Sequence[str] = ("c_v", "c_npmi"),
    top_n: int = 10,
    **fit_options: Any,
) -> pd.DataFrame:
    """Coherence and stability across seeds for every candidate number of topics.

    Fits one model per ``(k, seed)``. Coherence says whether a topic's top words belong
    together; stability says whether the same topics come back from another random start
    (topics matched by :func:`match_topics`). Prefer a k that is good on both.

    Parameters
    ----------
    docs
        Token lists.
    ks
        Candidate numbers of topics.
    seeds
        At least two seeds (stability compares the models of different seeds).
    engine, **fit_options
        Passed to :func:`fit_lda`.
    measures
        gensim coherence measures, one column each.
    top_n
        Top words per topic used for coherence.

    Returns
    -------
    pandas.DataFrame
        One row per ``(k, seed)``, sorted: ``k``, ``seed``, one column per measure (mean over
        topics), ``stability`` (mean matched similarity of this seed's model with the models of
        the other seeds at the same k).

    Examples
    --------
    >>> docs = [["社交", "电商", "微博"], ["社交", "微博", "营销"], ["物流", "仓储", "配送"],
    ...         ["仓储", "物流", "门店"], ["社交", "营销", "微博"], ["配送", "门店", "物流"]]
    >>> table = select_k(docs, [2, 3], [0, 1], min_df=1, max_df=1.0, measures=["c_npmi"])
    >>> list(table.columns), len(table)
    (['k', 'seed', 'c_npmi', 'stability'], 4)
    """
    ks = sorted({int(k) for k in ks})
    seeds = sorted({int(seed) for seed in seeds})
    if len(seeds) < 2:
        raise ModelError(f"seeds: stability needs at least two different seeds, got {seeds}")
    if not ks:
        raise ModelError("ks: give at least one number of topics")
    rows = []
    for k in ks:
        models = [fit_lda(docs, k, seed=seed, engine=engine, **fit_options) for seed in seeds]
        for i, (seed, model) in enumerate(zip(seeds, models, strict=True)):
            row: dict[str, Any] = {"k": k, "seed": seed}
            for measure in measures:
                row[measure] = model.coherence(measure, top_n=top_n)
            others = [m for j, m in enumerate(models) if j != i]
            row["stability"] = float(
                np.mean([match_topics(model.topic_word_, m.topic_word_)[1].mean() for m in others])
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=["k", "seed", *measures, "stability"])


# -- articles and documents -----------------------------------------------------------------


def article_paragraphs(articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per paragraph of each article: the documents for topic models of few articles.

    Parameters
    ----------
    articles
        A frame with ``doc_id`` and ``text`` (cleaned text, one paragraph per line), default
        ``retailkit.load_seeds()``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``paragraph`` (1-based within the article), ``text``; sorted.

    Examples
    --------
    >>> texts = ["第一段。\\n\\n第二段。", "唯一一段。"]
    >>> frame = pd.DataFrame({"doc_id": ["b", "a"], "text": texts})
    >>> article_paragraphs(frame)
      doc_id  paragraph   text
    0      a          1  唯一一段。
    1      b          1   第一段。
    2      b          2   第二段。
    """
    from retailkit.cleaning import split_paragraphs

    if articles is None:
        from retailkit.corpus import load_seeds

        articles = load_seeds()
    rows = [
        (str(doc_id), number, paragraph)
        for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True)
        for number, paragraph in enumerate(split_paragraphs(str(text)), start=1)
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "paragraph", "text"])
    return frame.sort_values(["doc_id", "paragraph"], kind="stable").reset_index(drop=True)


def topic_by_document(model: TopicModel, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Topic × document-group matrix: the mean topic share of the training documents per group.

    Typically the training documents are paragraphs and ``doc_ids`` their article; documents
    without an in-vocabulary token (uniform rows) are left out of the means.

    Returns
    -------
    pandas.DataFrame
        Index ``topic`` (1..k), one column per group (sorted); each column sums to 1.

    Examples
    --------
    >>> docs = [["社交", "电商", "微博"], ["社交", "微博", "营销"], ["物流", "仓储", "配送"],
    ...         ["仓储", "物流", "门店"], ["社交", "营销", "微博"], ["配送", "门店", "物流"]]
    >>> model = fit_lda(docs, 2, seed=1, min_df=1, max_df=1.0)
    >>> table = topic_by_document(model, ["A", "A", "B", "B", "A", "B"])
    >>> table.round(2)  # doctest: +NORMALIZE_WHITESPACE
    doc_id     A     B
    topic
    1       0.02  0.98
    2       0.98  0.02
    """
    ids = [str(doc_id) for doc_id in doc_ids]
    if len(ids) != len(model.doc_topics):
        raise ModelError(
            f"doc_ids: got {len(ids)} ids for {len(model.doc_topics)} training documents"
        )
    shares = pd.DataFrame(model.doc_topics, columns=pd.RangeIndex(1, model.k + 1, name="topic"))
    shares["doc_id"] = ids
    shares = shares[model.doc_lengths_ > 0]
    table = shares.groupby("doc_id", sort=True).mean().T
    table.index.name = "topic"
    table.columns.name = "doc_id"
    return table


def representative_documents(
    model: TopicModel,
    texts: Sequence[str],
    *,
    n: int = 3,
    doc_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The ``n`` training documents with the largest share of each topic.

    Parameters
    ----------
    model
        A fitted model.
    texts
        The text of each training document (same order as the documents given to fit_lda).
    n
        Documents per topic.
    doc_ids
        Labels of the documents; default their position (0-based) as a string.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic`` (1..k), ``rank`` (1..n), ``doc_id``, ``share``, ``text``; sorted by
        topic and rank (ties by document position). Documents without an in-vocabulary token
        are never chosen.
    """
    if len(texts) != len(model.doc_topics):
        raise ModelError(
            f"texts: got {len(texts)} texts for {len(model.doc_topics)} training documents"
        )
    ids = [str(i) for i in range(len(texts))] if doc_ids is None else [str(i) for i in doc_ids]
    if len(ids) != len(texts):
        raise ModelError(f"doc_ids: got {len(ids)} ids for {len(texts)} texts")
    if n < 1:
        raise ModelError(f"n: expected a positive number of documents, got {n}")
    candidates = np.flatnonzero(model.doc_lengths_ > 0)
    rows = []
    for topic in range(model.k):
        shares = model.doc_topics[candidates, topic]
        order = candidates[np.lexsort((candidates, -shares))][:n]
        for rank, i in enumerate(order, start=1):
            rows.append((topic + 1, rank, ids[i], float(model.doc_topics[i, topic]), texts[i]))
    return pd.DataFrame(rows, columns=["topic", "rank", "doc_id", "share", "text"])


# -- interactive view -----------------------------------------------------------------------

VISID = "ldavis_retailkit"
_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<div id="{visid}" style="background-color:white;"></div>
<script type="text/javascript">
{d3}
</script>
<script type="text/javascript">
{ldavis}
</script>
<script type="text/javascript">
new LDAvis("#{visid}", {data});
</script>
</body>
</html>
"""


def _inline_script(code: str) -> str:
    # "</script" inside inline JavaScript would end the element early.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


#: Significant digits of every number in the pyLDAvis page's data.
PYLDAVIS_DIGITS = 6

# LDAvis pads its topic map by 5 % of the coordinates' range, less than a circle's radius when
# there are few topics: in notebook 04 (five topics) a circle at the edge was cut off by the page
# and another ran into the size legend. 20 % keeps every circle inside the map. Applied to the
# inlined copy of pyLDAvis's script; tests/test_topics.py checks that the pinned pyLDAvis has
# these lines (a version without them is left as it is).
LDAVIS_PATCHES = (("xpad = 0.05;", "xpad = 0.2;"), ("ypad = 0.05;", "ypad = 0.2;"))


def _ldavis_script(path: str | Path) -> str:
    code = Path(path).read_text(encoding="utf-8")
    for old, new in LDAVIS_PATCHES:
        code = code.replace(old, new)
    return code


def _round_floats(value: Any, digits: int = PYLDAVIS_DIGITS) -> Any:
    """``value`` (parsed JSON) with every float rounded to ``digits`` significant digits.

    Examples
    --------
    >>> _round_floats({"x": [0.05473400088579332, -0.10937106643361509], "R": 30, "t": "a"})
    {'x': [0.054734, -0.109371], 'R': 30, 't': 'a'}
    >>> _round_floats([-0.0, 1e-20, float("nan")])
    [0.0, 1e-20, nan]
    """
    if isinstance(value, float):
        if not np.isfinite(value):
            return value
        rounded = float(f"{value:.{digits}g}")
        return rounded + 0.0  # -0.0 -> 0.0
    if isinstance(value, dict):
        return {key: _round_floats(item, digits) for key, item in value.items()}
    if isinstance(value, list):
        return [_round_floats(item, digits) for item in value]
    return value


def stable_pcoa(distributions: np.ndarray) -> np.ndarray:
    """Topic positions for pyLDAvis: Jensen-Shannon distances and principal coordinates.

    pyLDAvis's own ``js_PCoA``, made reproducible across machines: the eigenvectors come from
    ``numpy.linalg.eigh`` (symmetric) instead of ``eig``, each axis is oriented so that its
    largest coordinate (in absolute value) is positive (an eigenvector's sign is arbitrary and
    may differ between LAPACK builds), and the coordinates are rounded to
    :data:`PYLDAVIS_DIGITS` significant digits (their last bits differ between CPUs).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_topics, 2)``.
    """
    from pyLDAvis._prepare import _jensen_shannon
    from scipy.spatial.distance import pdist, squareform

    distances = squareform(pdist(np.asarray(distributions, dtype=np.float64), _jensen_shannon))
    n = distances.shape[0]
    centring = np.eye(n) - np.ones((n, n)) / n
    gram = -centring @ (distances**2) @ centring / 2
    gram = (gram + gram.T) / 2
    eigenvalues, eigenvectors = np.linalg.eigh(gram)
    order = np.argsort(eigenvalues, kind="stable")[::-1][:2]
    eigenvalues, eigenvectors = eigenvalues[order], eigenvectors[:, order]
    keep = (eigenvalues > 0) & ~np.isclose(eigenvalues, 0)
    eigenvalues = np.where(keep, eigenvalues, 0.0)
    eigenvectors = np.where(keep, eigenvectors, 0.0)
    for axis in range(eigenvectors.shape[1]):
        column = eigenvectors[:, axis]
        if column[np.argmax(np.abs(column))] < 0:
            eigenvectors[:, axis] = -column
    coordinates = np.sqrt(eigenvalues) * eigenvectors
    rounded = np.array(_round_floats(coordinates.tolist()), dtype=np.float64)
    return rounded.reshape(n, 2)


def to_pyldavis_html(
    model: TopicModel,
    path: str | Path,
    *,
    title: str = "LDA topics (pyLDAvis)",
    n_terms: int = 30,
) -> Path:
    """Write the interactive pyLDAvis view of ``model`` as one self-contained HTML file.

    Works offline: d3, the LDAvis script and its style sheet (shipped inside pyLDAvis) are
    inlined, so the page loads nothing from the network (the script with a wider margin around
    the topic map, :data:`LDAVIS_PATCHES`). Topics are kept in ``fit_lda`` order
    and numbered 1..k as in :meth:`TopicModel.top_words` (``sort_topics=False``,
    ``start_index=1``). The page is deterministic, on any CPU: a fixed element id, no
    timestamps, topic positions from :func:`stable_pcoa` and every number of its data rounded
    to :data:`PYLDAVIS_DIGITS` significant digits. Documents without an in-vocabulary token are
    left out. ``$RETAILKIT_FIGURES_DIR``, when set, replaces the folder of ``path``
    (:func:`retailkit.plotting.output_directory`).

    Returns
    -------
    pathlib.Path
        The file written: ``path``, or its name in ``$RETAILKIT_FIGURES_DIR``.
    """
    import warnings

    import pyLDAvis
    import pyLDAvis.urls

    from retailkit.plotting import output_directory

    used = model.doc_lengths_ > 0
    term_frequency = np.bincount(
        np.concatenate([doc for doc in model.documents_ if len(doc)]),
        minlength=len(model.vocabulary_),
    )
    with warnings.catch_warnings():
        # pyLDAvis 3.4 calls pandas APIs that pandas deprecates; nothing a user can act on.
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        prepared = pyLDAvis.prepare(
            topic_term_dists=model.topic_word_,
            doc_topic_dists=model.doc_topics[used],
            doc_lengths=model.doc_lengths_[used],
            vocab=[str(term) for term in model.vocabulary_],
            term_frequency=term_frequency,
            R=min(n_terms, len(model.vocabulary_)),
            mds=stable_pcoa,
            n_jobs=1,
            sort_topics=False,
            start_index=1,
        )
        data = json.dumps(_round_floats(json.loads(prepared.to_json())))
    page = _PAGE.format(
        title=html.escape(title),
        css=Path(pyLDAvis.urls.LDAVIS_CSS_LOCAL).read_text(encoding="utf-8"),
        visid=VISID,
        d3=_inline_script(Path(pyLDAvis.urls.D3_LOCAL).read_text(encoding="utf-8")),
        ldavis=_inline_script(_ldavis_script(pyLDAvis.urls.LDAVIS_LOCAL)),
        data=_inline_script(data),
    )
    path = output_directory(Path(path).parent) / Path(path).name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path
