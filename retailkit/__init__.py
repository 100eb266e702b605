"""retailkit: a research toolkit for Chinese-language commentary on e-commerce and new retail.

Importing the package is cheap and has no side effects: heavy modules (jieba dictionaries, gensim,
scikit-learn, matplotlib) load on first use. The most used functions are re-exported here::

    import retailkit as rk
    seeds = rk.load_seeds()            # five articles, cleaned, with metadata
    tokens = rk.tokenize_many(seeds["text"])

Sub-modules: ``corpus``, ``cleaning``, ``segment``, ``keywords``, ``keyness``, ``kwic``, ``themes``,
``sentiment``, ``stance``, ``arguments``, ``pieces``, ``topics``, ``similarity``, ``synthesis``,
``reviews``, ``plotting``, ``report``, ``dictionary``, ``vectors``, ``association``
(collocations), ``dispersion``, ``complexity`` (readability, lexical diversity), ``documents``
(PDF, DOCX).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from retailkit.errors import CorpusError, DictionaryError, ModelError, RetailkitError

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Public name -> module that defines it. Resolved lazily by __getattr__ (PEP 562).
_EXPORTS: dict[str, str] = {
    "load_seeds": "retailkit.corpus",
    "load_corpus": "retailkit.corpus",
    "load_articles": "retailkit.corpus",
    "clean": "retailkit.cleaning",
    "clean_with_audit": "retailkit.cleaning",
    "split_sentences": "retailkit.cleaning",
    "split_paragraphs": "retailkit.cleaning",
    "Tokenizer": "retailkit.segment",
    "tokenize": "retailkit.segment",
    "tokenize_many": "retailkit.segment",
    "tfidf_keywords": "retailkit.keywords",
    "textrank_keywords": "retailkit.keywords",
    "keyness": "retailkit.keyness",
    "kwic": "retailkit.kwic",
    "cooccurrence": "retailkit.kwic",
    "theme_profile": "retailkit.themes",
    "theme_sentences": "retailkit.themes",
    "load_themes": "retailkit.themes",
    "article_sentiment": "retailkit.pieces",
    "theme_stance": "retailkit.pieces",
    "fit_lda": "retailkit.topics",
    "select_k": "retailkit.topics",
    "TopicModel": "retailkit.topics",
    "document_similarity": "retailkit.similarity",
    "add_gloss": "retailkit.glossary",
    "collocations": "retailkit.association",
    "readability": "retailkit.complexity",
    "lexical_diversity": "retailkit.complexity",
    "term_trends": "retailkit.dispersion",
}

_SUBMODULES = {
    "corpus",
    "cleaning",
    "segment",
    "keywords",
    "keyness",
    "kwic",
    "themes",
    "sentiment",
    "stance",
    "arguments",
    "pieces",
    "topics",
    "similarity",
    "synthesis",
    "glossary",
    "reviews",
    "plotting",
    "report",
    "dictionary",
    "vectors",
    "association",
    "dispersion",
    "complexity",
    "documents",
}

__all__ = [
    "CorpusError",
    "DictionaryError",
    "ModelError",
    "RetailkitError",
    "__version__",
    *sorted(_EXPORTS),
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"retailkit.{name}")
    raise AttributeError(f"module 'retailkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_SUBMODULES})
