"""Text complexity: readability of Chinese texts and lexical diversity of token lists.

:func:`readability` gives measures with a published definition for Chinese text:

* **Sentence and word length** — ``chars_per_sentence`` (characters / sentences),
  ``words_per_sentence`` and ``chars_per_word``: the length predictors of Chinese readability
  formulas since Yang (1971), *A Readability Formula for Chinese Language* (PhD thesis,
  University of Wisconsin), who found average sentence length and character complexity the
  strongest predictors; ``characters`` counts every character that is neither whitespace nor
  punctuation.
* **Common-character share** (Yang 1971 used the proportion of common characters) —
  ``common_char_share`` = Han characters that are GB 2312-80 level-1 hanzi (the 3,755 most
  frequent characters, 一级常用汉字, after Traditional → Simplified) / all Han characters.
* **The three annual-report indices of 徐巍, 姚振晔, 陈冬华 (2021)**, 中文年报可读性：衡量与检验,
  《会计研究》 2021(3): 28–44, also offered by cntext (here computed as we read their
  definitions):
  ``readability1`` = characters / clauses (分句: text between ，；：。！？ and similar marks);
  ``readability2`` = (adverbs + conjunctions) / words, with jieba's part-of-speech tags
  (``d``, ``dg`` adverbs; ``c`` conjunctions);
  ``readability3`` = (readability1 + readability2) / 2, in the manner of the Fog index.
  Higher means harder to read for all three.

:func:`lexical_diversity` gives, on tokens:

* ``ttr`` = types / tokens;
* ``mattr`` — moving-average TTR (Covington & McFall 2010, *Journal of Quantitative
  Linguistics* 17(2)): the mean TTR of every window of ``window`` consecutive tokens (the TTR
  of the whole text when it is shorter than the window);
* ``mtld`` — measure of textual lexical diversity (McCarthy & Jarvis 2010, *Behavior Research
  Methods* 42(2)): tokens are read in order while the running TTR stays above ``threshold``
  (0.72); each time it falls to the threshold or below, one *factor* is complete and the count
  restarts; the rest adds a partial factor ``(1 − TTR) / (1 − threshold)``; MTLD = tokens /
  factors, averaged over a forward and a backward pass (NaN when no factor forms).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "lexical_diversity",
    "mattr",
    "mtld",
    "readability",
    "ttr",
]

ADVERB_TAGS = frozenset({"d", "dg"})
CONJUNCTION_TAGS = frozenset({"c"})
_CLAUSE_END = re.compile(r"[，,；;：:。！!？?…\n]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _tagger() -> Any:
    import rjieba

    from retailkit.segment import load_domain_dictionary

    instance = rjieba.Jieba()
    for entry in load_domain_dictionary():
        instance.add_word(entry.word, entry.freq, entry.tag)
    return instance


def _is_counted(char: str) -> bool:
    from retailkit.segment import is_punctuation

    return not char.isspace() and not is_punctuation(char)


def readability(texts: Iterable[str] | str) -> pd.DataFrame:
    """Readability measures of each text (see the module docstring for the definitions).

    Parameters
    ----------
    texts
        Texts (or one text), cleaned (e.g. ``docs["text"]``).

    Returns
    -------
    DataFrame
        One row per text, in order: ``characters, sentences, clauses, words,
        chars_per_sentence, words_per_sentence, chars_per_word, common_char_share,
        readability1, readability2, readability3``; ratios are NaN for an empty text.

    Examples
    --------
    >>> # 我们 喜欢 书 | 但是 书 很 贵 | 所以 不买: 9 words, conjunctions 但是 and 所以
    >>> table = readability(["我们喜欢书。但是书很贵，所以不买。"])
    >>> table[["characters", "sentences", "clauses", "words", "chars_per_sentence"]]
       characters  sentences  clauses  words  chars_per_sentence
    0          14          2        3      9                 7.0
    >>> table[["readability1", "readability2", "readability3"]].round(3)
       readability1  readability2  readability3
    0         4.667         0.222         2.444
    """
    from retailkit.cleaning import split_sentences
    from retailkit.segment import is_punctuation

    if isinstance(texts, str):
        texts = [texts]
    from retailkit.cleaning._resources import is_common_han

    tagger = _tagger()
    rows = []
    for text in texts:
        text = text if isinstance(text, str) else ""
        characters = sum(_is_counted(c) for c in text)
        han = _HAN.findall(text)
        sentences = len(split_sentences(text)) if text.strip() else 0
        clauses = sum(1 for part in _CLAUSE_END.split(text) if any(map(_is_counted, part)))
        tagged = [(w, t) for w, t in tagger.tag(text, True) if w.strip() and not is_punctuation(w)]
        words = len(tagged)
        adv_conj = sum(1 for _, t in tagged if t in ADVERB_TAGS or t in CONJUNCTION_TAGS)
        nan = float("nan")
        r1 = characters / clauses if clauses else nan
        r2 = adv_conj / words if words else nan
        rows.append(
            {
                "characters": characters,
                "sentences": sentences,
                "clauses": clauses,
                "words": words,
                "chars_per_sentence": characters / sentences if sentences else nan,
                "words_per_sentence": words / sentences if sentences else nan,
                "chars_per_word": characters / words if words else nan,
                "common_char_share": sum(map(is_common_han, han)) / len(han) if han else nan,
                "readability1": r1,
                "readability2": r2,
                "readability3": (r1 + r2) / 2,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "characters", "sentences", "clauses", "words", "chars_per_sentence",
            "words_per_sentence", "chars_per_word", "common_char_share", "readability1",
            "readability2", "readability3",
        ],
    )  # fmt: skip


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio: distinct tokens / tokens (NaN for no tokens).

    Examples
    --------
    >>> ttr(["社交", "电商", "社交", "营销"])
    0.75
    """
    return len(set(tokens)) / len(tokens) if tokens else float("nan")


def mattr(tokens: Sequence[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010).

    Examples
    --------
    >>> round(mattr(["a", "b", "a", "c"], window=2), 4)  # windows ab, ba, ac
    1.0
    >>> round(mattr(["a", "a", "b", "b"], window=2), 4)  # aa, ab, bb: (0.5 + 1 + 0.5) / 3
    0.6667
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if len(tokens) <= window:
        return ttr(tokens)
    counts: Counter[str] = Counter(tokens[:window])
    total = len(counts)
    for i in range(window, len(tokens)):
        counts[tokens[i]] += 1
        old = tokens[i - window]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        total += len(counts)
    return total / (len(tokens) - window + 1) / window


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    seen: set[str] = set()
    count = 0
    for token in tokens:
        seen.add(token)
        count += 1
        if len(seen) / count <= threshold:
            factors += 1
            seen, count = set(), 0
    if count:
        factors += (1 - len(seen) / count) / (1 - threshold)
    return len(tokens) / factors if factors else float("nan")


def mtld(tokens: Sequence[str], threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010), forward and backward mean.

    Examples
    --------
    >>> mtld(["a", "a", "a", "a"])  # forward and backward: factors at tokens 2 and 4 -> 4 / 2
    2.0
    >>> round(mtld(["a", "b", "a", "c"]), 4)  # forward 4 / 1; backward 4 / ((1 - 3/4) / 0.28)
    4.24
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    tokens = list(tokens)
    passes = [_mtld_pass(tokens, threshold), _mtld_pass(tokens[::-1], threshold)]
    return float(np.mean(passes))


def lexical_diversity(
    token_lists: Iterable[Sequence[str]], *, window: int = 50, threshold: float = 0.72
) -> pd.DataFrame:
    """TTR, MATTR and MTLD of each token list.

    Returns
    -------
    DataFrame
        One row per token list, in order: ``tokens, types, ttr, mattr, mtld``.

    Examples
    --------
    >>> lexical_diversity([["a", "a", "a", "a"], ["a", "b", "a", "c"]], window=2).round(4)
       tokens  types   ttr  mattr  mtld
    0       4      1  0.25    0.5  2.00
    1       4      3  0.75    1.0  4.24
    """
    rows = []
    for tokens in token_lists:
        tokens = list(tokens)
        rows.append(
            (len(tokens), len(set(tokens)), ttr(tokens), mattr(tokens, window),
             mtld(tokens, threshold))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["tokens", "types", "ttr", "mattr", "mtld"])
