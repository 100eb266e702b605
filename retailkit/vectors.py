"""Word vectors trained on your own corpus: dictionary expansion and semantic projection.

:func:`train` fits gensim's Word2Vec (or FastText) on token lists with **one worker thread and
a fixed seed**, so the same tokens and parameters give the same vectors on every run (gensim
is only deterministic with ``workers=1``; the vocabulary is ordered by frequency, then by first
occurrence). It refuses a corpus too small to learn anything (:data:`MIN_TOKENS` tokens,
:data:`MIN_VOCABULARY` words kept by ``min_count``).

:meth:`WordVectors.expand` lists the nearest neighbours of seed terms as *candidates for
review*: it never adds them to any dictionary. :meth:`WordVectors.project` places words or
documents on an axis built from two sets of seed words (e.g. 赞扬 praise ... 批评 criticism),
following Kozlowski, Taddy and Evans (2019), "The Geometry of Culture: Analyzing the Meanings
of Class through Word Embeddings", *American Sociological Review* 84(5): the axis is the mean
of the positive seeds' unit vectors minus the mean of the negative seeds' unit vectors, and an
item's position is the cosine between its vector and the axis (a document's vector is the mean
of its in-vocabulary tokens' unit vectors).

:meth:`WordVectors.save` writes readable files (word2vec text format, a vocabulary CSV and the
parameters as YAML; no pickle) and :func:`load` reads them back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from retailkit.errors import ModelError

__all__ = ["MIN_TOKENS", "MIN_VOCABULARY", "WordVectors", "load", "train"]

#: Fewest tokens :func:`train` accepts (about 400 short reviews or 10 articles).
MIN_TOKENS = 10_000
#: Fewest distinct words that must reach ``min_count``.
MIN_VOCABULARY = 200

Method = Literal["word2vec", "fasttext"]
VECTOR_FILE = "vectors.txt"
VOCABULARY_FILE = "vocabulary.csv"
PARAMS_FILE = "vectors.yaml"


@dataclass(frozen=True, eq=False)
class WordVectors:
    """Trained word vectors with the parameters that made them.

    Attributes
    ----------
    vectors_
        gensim ``KeyedVectors`` (``vectors_["词"]`` is a numpy array).
    counts_
        Corpus frequency of every word in the vocabulary.
    params
        The training parameters (method, vector_size, window, min_count, epochs, sg, seed) and
        the gensim version.
    """

    vectors_: Any
    counts_: dict[str, int]
    params: dict[str, object]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self.vectors_.key_to_index

    def __len__(self) -> int:
        return len(self.vectors_.key_to_index)

    def __repr__(self) -> str:
        method, seed = self.params["method"], self.params["seed"]
        return f"WordVectors({len(self)} words, {method}, seed={seed})"

    def save(self, directory: str | Path) -> Path:
        """Write the vectors as readable files (no pickle) to ``directory``; return it.

        ``vectors.txt`` is the word2vec text format (read by gensim, fastText tools, R's
        ``word2vec`` ...), ``vocabulary.csv`` the corpus counts (``word, count``) and
        ``vectors.yaml`` the training parameters. FastText's character n-grams are not saved:
        the loaded vectors cover the vocabulary only.
        """
        import yaml

        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        self.vectors_.save_word2vec_format(str(folder / VECTOR_FILE), binary=False)
        words = list(self.vectors_.index_to_key)
        pd.DataFrame({"word": words, "count": [self.counts_[w] for w in words]}).to_csv(
            folder / VOCABULARY_FILE, index=False
        )
        (folder / PARAMS_FILE).write_text(
            yaml.safe_dump(dict(self.params), allow_unicode=True, sort_keys=True), encoding="utf-8"
        )
        return folder

    def _unit(self, word: str) -> np.ndarray:
        return np.asarray(self.vectors_.get_vector(word, norm=True), dtype=float)

    def similarity(self, left: str, right: str) -> float:
        """Cosine similarity of two words in the vocabulary."""
        for word in (left, right):
            if word not in self:
                raise KeyError(f"{word!r} is not in the vocabulary (min_count or unseen)")
        return float(self.vectors_.similarity(left, right))

    def expand(
        self,
        terms: Iterable[str],
        n: int = 10,
        *,
        exclude: Iterable[str] = (),
        min_count: int = 1,
    ) -> pd.DataFrame:
        """Nearest neighbours of each seed term, as candidates for a human to review.

        Nothing is added to any dictionary: the table is for reading, then for copying the
        accepted terms into a lexicon file by hand.

        Parameters
        ----------
        terms
            Seed terms; those missing from the vocabulary are reported with ``in_vocabulary``
            False and no candidates.
        n
            Candidates per seed term.
        exclude
            Words never proposed (e.g. the terms already in the lexicon); seeds are always
            excluded.
        min_count
            Propose only words seen at least this often.

        Returns
        -------
        DataFrame
            ``seed, in_vocabulary, rank`` (1 = nearest), ``candidate, similarity`` (cosine,
            rounded to 4 decimals), ``count`` (corpus frequency); sorted by seed (input order)
            and rank.
        """
        seeds = list(dict.fromkeys(terms))
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        banned = set(exclude) | set(seeds)
        rows: list[tuple[object, ...]] = []
        for seed in seeds:
            if seed not in self:
                rows.append((seed, False, 0, "", float("nan"), 0))
                continue
            # Ask for extra neighbours so that n remain after the exclusions.
            pool = self.vectors_.most_similar(seed, topn=n + len(banned) + 50)
            rank = 0
            for word, similarity in sorted(pool, key=lambda ws: (-round(ws[1], 6), ws[0])):
                if word in banned or self.counts_.get(word, 0) < min_count:
                    continue
                rank += 1
                rows.append(
                    (seed, True, rank, word, round(float(similarity), 4), self.counts_[word])
                )
                if rank == n:
                    break
        return pd.DataFrame(
            rows, columns=["seed", "in_vocabulary", "rank", "candidate", "similarity", "count"]
        )

    def axis(self, positive: Sequence[str], negative: Sequence[str]) -> np.ndarray:
        """Unit vector from the ``negative`` pole to the ``positive`` pole (Kozlowski et al.).

        Raises ``ModelError`` when no word of a pole is in the vocabulary.
        """
        poles = []
        for name, words in (("positive", positive), ("negative", negative)):
            known = [w for w in words if w in self]
            if not known:
                raise ModelError(
                    f"{name}: none of {list(words)} is in the vocabulary; choose seed words "
                    "that occur at least min_count times in the training corpus"
                )
            poles.append(np.mean([self._unit(w) for w in known], axis=0))
        direction = poles[0] - poles[1]
        norm = float(np.linalg.norm(direction))
        if norm == 0.0:
            raise ModelError("positive and negative seed words give the same pole")
        return np.asarray(direction / norm)

    def project(
        self,
        items: Sequence[str] | Sequence[Sequence[str]],
        positive: Sequence[str],
        negative: Sequence[str],
    ) -> pd.DataFrame:
        """Position of words or tokenized documents on the ``negative`` → ``positive`` axis.

        Parameters
        ----------
        items
            Words (a list of strings) or documents (a list of token lists).
        positive, negative
            Seed words of the two poles (e.g. 好评, 满意 ... and 差评, 失望 ...).

        Returns
        -------
        DataFrame
            ``item`` (the word, or the document's position 0, 1, ...), ``known`` (tokens in the
            vocabulary), ``projection`` (cosine with the axis, -1 ... 1; NaN when no token is
            known).
        """
        direction = self.axis(positive, negative)
        rows = []
        for index, item in enumerate(items):
            tokens = [item] if isinstance(item, str) else list(item)
            known = [t for t in tokens if t in self]
            if known:
                mean = np.mean([self._unit(t) for t in known], axis=0)
                norm = float(np.linalg.norm(mean))
                value = float(mean @ direction / norm) if norm else float("nan")
            else:
                value = float("nan")
            rows.append((item if isinstance(item, str) else index, len(known), value))
        return pd.DataFrame(rows, columns=["item", "known", "projection"])


def train(
    token_lists: Iterable[Sequence[str]],
    *,
    method: Method = "word2vec",
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    epochs: int = 5,
    sg: int = 1,
    seed: int = 0,
) -> WordVectors:
    """Train word vectors on tokenized documents, deterministically.

    Parameters
    ----------
    token_lists
        One token list per document (e.g. :func:`retailkit.tokenize_many`).
    method
        ``"word2vec"`` (gensim ``Word2Vec``) or ``"fasttext"`` (gensim ``FastText``, which
        also builds vectors for unseen words from character n-grams).
    vector_size, window, min_count, epochs, sg
        As in gensim (``sg=1`` skip-gram, ``0`` CBOW).
    seed
        Random seed; with the single worker thread used here the vectors are reproducible.

    Returns
    -------
    WordVectors

    Raises
    ------
    ModelError
        The corpus has fewer than :data:`MIN_TOKENS` tokens or fewer than
        :data:`MIN_VOCABULARY` words reach ``min_count`` (the message says how much is there).

    Examples
    --------
    >>> import random
    >>> rng = random.Random(0)
    >>> docs = [[rng.choice("甲乙丙丁戊己庚辛") + str(rng.randrange(40)) for _ in range(20)]
    ...         for _ in range(600)]
    >>> first = train(docs, vector_size=10, epochs=1, seed=1)
    >>> second = train(docs, vector_size=10, epochs=1, seed=1)
    >>> bool((first.vectors_.vectors == second.vectors_.vectors).all())
    True
    >>> train(docs[:10])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    retailkit.errors.ModelError: corpus too small ...: 200 tokens in 10 documents; at least ...
    """
    import gensim

    documents = [list(tokens) for tokens in token_lists]
    n_tokens = sum(len(tokens) for tokens in documents)
    if n_tokens < MIN_TOKENS:
        raise ModelError(
            f"corpus too small to train word vectors: {n_tokens:,} tokens in {len(documents):,} "
            f"documents; at least {MIN_TOKENS:,} tokens are needed (about 400 short reviews or "
            "10 articles)"
        )
    counts = Counter(token for tokens in documents for token in tokens)
    kept = sum(1 for count in counts.values() if count >= min_count)
    if kept < MIN_VOCABULARY:
        raise ModelError(
            f"corpus too small to train word vectors: only {kept:,} words occur at least "
            f"min_count={min_count} times; at least {MIN_VOCABULARY:,} are needed (add text or "
            "lower min_count)"
        )
    if method not in ("word2vec", "fasttext"):
        raise ValueError(f"method must be 'word2vec' or 'fasttext', got {method!r}")
    model_class = gensim.models.Word2Vec if method == "word2vec" else gensim.models.FastText
    model = model_class(
        sentences=documents,
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        epochs=epochs,
        sg=sg,
        seed=seed,
        workers=1,
    )
    vectors = model.wv
    params: dict[str, object] = {
        "method": method,
        "vector_size": vector_size,
        "window": window,
        "min_count": min_count,
        "epochs": epochs,
        "sg": sg,
        "seed": seed,
        "gensim": gensim.__version__,
    }
    kept_counts = {word: counts[word] for word in vectors.key_to_index}
    return WordVectors(vectors_=vectors, counts_=kept_counts, params=params)


def load(directory: str | Path) -> WordVectors:
    """Read vectors written by :meth:`WordVectors.save`.

    Raises
    ------
    ModelError
        Naming the folder or file that is missing or unreadable.
    """
    import yaml
    from gensim.models import KeyedVectors

    folder = Path(directory)
    missing = [n for n in (VECTOR_FILE, VOCABULARY_FILE, PARAMS_FILE) if not (folder / n).is_file()]
    if missing:
        raise ModelError(f"{folder}: missing {', '.join(missing)}; write it with WordVectors.save")
    try:
        keyed = KeyedVectors.load_word2vec_format(str(folder / VECTOR_FILE), binary=False)
    except (ValueError, UnicodeDecodeError, EOFError) as error:
        raise ModelError(f"{folder / VECTOR_FILE}: not a word2vec text file ({error})") from error
    vocabulary = pd.read_csv(folder / VOCABULARY_FILE, dtype={"word": str}, keep_default_na=False)
    counts = {str(w): int(c) for w, c in zip(vocabulary["word"], vocabulary["count"], strict=True)}
    unknown = [w for w in keyed.index_to_key if w not in counts]
    if unknown:
        raise ModelError(f"{folder / VOCABULARY_FILE}: no count for {unknown[0]!r}")
    params = yaml.safe_load((folder / PARAMS_FILE).read_text(encoding="utf-8"))
    return WordVectors(vectors_=keyed, counts_=counts, params=dict(params))
