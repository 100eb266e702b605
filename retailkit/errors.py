"""Exceptions raised by retailkit.

Every error names the file, row or argument at fault and says what to do about it.
"""

from __future__ import annotations


class RetailkitError(Exception):
    """Base class of every error retailkit raises on purpose."""


class CorpusError(RetailkitError, ValueError):
    """A file or folder could not be read as a corpus (encoding, format, missing column ...)."""


class DictionaryError(RetailkitError, ValueError):
    """A user dictionary, stopword list or lexicon file is malformed; the message names the line."""


class ModelError(RetailkitError, ValueError):
    """A model was asked to do something its data cannot support (bad k, empty corpus, bad file)."""
