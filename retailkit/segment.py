"""Word segmentation: isolated jieba/rjieba tokenizers with a domain dictionary and stopwords.

Chinese has no spaces, so every count in retailkit starts here. The reference algorithm and
dictionary are jieba's (0.42.1, ~349k words, HMM for unknown words). Two engines run it:

* ``"rjieba"`` (default): the Rust port ``jieba-rs`` through the ``rjieba`` binding, 16x
  faster than ``jieba.lcut`` with the same dictionary, and ``tokenize_many`` with retailkit's
  filtering 12x (1.35x the bare engine; see ``benchmarks/README.md``);
* ``"jieba"``: the original pure-Python jieba.

Every :class:`Tokenizer` owns its own engine instance (``rjieba.Jieba()`` or
``jieba.Tokenizer()``) with retailkit's domain dictionary and the user's dictionary added to it.
Nothing touches ``jieba.dt`` / ``jieba.add_word`` or rjieba's module-level instance, so importing
or using retailkit never changes another program's segmentation. Dictionaries load lazily on
first use (not at ``import retailkit``) and the default tokenizers are cached per process.

What :meth:`Tokenizer.tokenize` removes (and :meth:`Tokenizer.cut` keeps):

* whitespace and control tokens (every character ``str.isspace()`` or in Unicode categories
  ``Z*`` / ``C*``), always;
* punctuation and symbol tokens (every character in Unicode categories ``P*`` or ``S*``: ，。！
  “” 《》 % ¥ emoji ...), unless ``keep_punct=True``;
* stopwords (compared after ``str.lower()``), by default the packaged Mandarin, Cantonese and
  web-page lists (see ``retailkit/data/lexicon/README.md``).

Numbers are kept: ``618``, ``1.5`` and ``50%`` are tokens, ``双11`` is one token (domain
dictionary), and a number followed by a magnitude word (万, 亿, 千万, 亿元 ...) is re-joined into
one token (``74亿``), so that amounts survive as units of meaning.
"""

from __future__ import annotations

import gc
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from retailkit._parallel import effective_jobs, run_in_parts
from retailkit.errors import DictionaryError

__all__ = [
    "DictionaryEntry",
    "Engine",
    "Tokenizer",
    "agreement",
    "default_tokenizer",
    "is_punctuation",
    "load_domain_dictionary",
    "load_stopwords",
    "read_user_dict",
    "read_word_list",
    "tokenize",
    "tokenize_many",
]

Engine = Literal["rjieba", "jieba"]
ENGINES: tuple[str, ...] = ("rjieba", "jieba")
LEXICON_DIR = "data/lexicon"
DOMAIN_DICT_FILE = "domain_dict.txt"
STOPWORD_FILES: dict[str, str] = {
    "mandarin": "stopwords_mandarin.txt",
    "cantonese": "stopwords_cantonese.txt",
    "page": "stopwords_page.txt",
}
# A number token followed by one of these is joined into one token: 74 + 亿 -> 74亿.
MAGNITUDE_WORDS = frozenset(
    {"十", "百", "千", "万", "亿", "百万", "千万", "万亿", "万元", "亿元", "万人", "亿人"}
)
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_TAG = re.compile(r"^[A-Za-z]+$")
_FREQ = re.compile(r"^[0-9]+$")
_NUMBER_LIKE = re.compile(r"^[-+]?(?:[0-9]*\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True)
class DictionaryEntry:
    """One dictionary line: a word, an optional frequency and an optional part-of-speech tag."""

    word: str
    freq: int | None = None
    tag: str | None = None


# ---------------------------------------------------------------------------------------------
# Reading dictionaries and word lists
# ---------------------------------------------------------------------------------------------


def _read_lines(path: Path) -> list[str]:
    """Lines of a UTF-8 file (BOM and CRLF tolerated); DictionaryError if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DictionaryError(f"{path}: cannot read dictionary file ({error.strerror})") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DictionaryError(
            f"{path}, line {line}: not UTF-8 (bad byte at offset {error.start:,}); "
            "save the dictionary as UTF-8"
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse_entry(line: str, where: str) -> DictionaryEntry:
    """Parse one non-empty, non-comment line of a user dictionary."""
    if "\t" in line:
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) > 3:
            raise DictionaryError(f"{where}: expected 'word<TAB>freq<TAB>tag', got {line!r}")
        word = fields[0]
        freq_text = fields[1] if len(fields) > 1 else ""
        tag_text = fields[2] if len(fields) > 2 else ""
    else:
        # jieba's own grammar: "word [freq] [tag]", the word may contain spaces (Uni Desk).
        parts = line.split()
        tag_text = parts.pop() if len(parts) > 1 and re.fullmatch(r"[a-z]+", parts[-1]) else ""
        freq_text = parts.pop() if len(parts) > 1 and _NUMBER_LIKE.match(parts[-1]) else ""
        word = " ".join(parts)
        if len(parts) > 1 and not all(part.isascii() for part in parts):
            raise DictionaryError(
                f"{where}: {line!r} looks like several words on one line; put one word a line "
                "('word [freq] [tag]'), or separate fields with tabs"
            )
    if not word:
        raise DictionaryError(f"{where}: empty word in {line!r}")
    if freq_text and not _FREQ.match(freq_text):
        raise DictionaryError(
            f"{where}: frequency {freq_text!r} of {word!r} is not a positive integer"
        )
    freq = int(freq_text) if freq_text else None
    if freq == 0:
        # jieba implements freq 0 by editing a module-global table of its HMM: refused.
        raise DictionaryError(f"{where}: frequency of {word!r} must be at least 1")
    if tag_text and not _TAG.match(tag_text):
        raise DictionaryError(f"{where}: tag {tag_text!r} of {word!r} is not a word tag like 'nz'")
    return DictionaryEntry(word, freq, tag_text or None)


def read_user_dict(path: str | Path) -> list[DictionaryEntry]:
    """Read a jieba-style user dictionary: one ``word [freq] [tag]`` a line.

    UTF-8 with or without BOM, LF or CRLF line ends. Blank lines and lines starting with ``#``
    are skipped. Fields are separated by spaces (as in jieba; a Latin word may then contain
    spaces, e.g. ``Uni Desk 10 nz``) or by tabs (then any word may contain spaces). The
    frequency and the tag are optional.

    Parameters
    ----------
    path
        The dictionary file.

    Returns
    -------
    list of DictionaryEntry
        In file order.

    Raises
    ------
    DictionaryError
        Naming the file and line: unreadable or non-UTF-8 file, several Chinese words on one
        line, a frequency that is not a positive integer, a malformed tag.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "user.txt"
    >>> _ = path.write_bytes("\\ufeff达摩盘 5 nz\\r\\n种草\\r\\n".encode("utf-8"))
    >>> for entry in read_user_dict(path):
    ...     print(entry)
    DictionaryEntry(word='达摩盘', freq=5, tag='nz')
    DictionaryEntry(word='种草', freq=None, tag=None)
    """
    path = Path(path)
    entries = []
    for number, raw in enumerate(_read_lines(path), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        entries.append(_parse_entry(line, f"{path}, line {number}"))
    return entries


def read_word_list(path: str | Path) -> list[str]:
    """Read a word list (stopwords): one word a line, ``#`` comments and blank lines skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "stop.txt"
    >>> _ = path.write_text("# mine\\n的\\n嘅\\n", encoding="utf-8")
    >>> read_word_list(path)
    ['的', '嘅']
    """
    path = Path(path)
    words = []
    for raw in _read_lines(path):
        line = raw.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def _lexicon_path(name: str) -> Path:
    return Path(str(resources.files("retailkit") / LEXICON_DIR / name))


@cache
def load_domain_dictionary() -> tuple[DictionaryEntry, ...]:
    """The packaged domain dictionary (new retail, social commerce, e-commerce marketing).

    Examples
    --------
    >>> entries = load_domain_dictionary()
    >>> [e.word for e in entries if e.word in {"新零售", "达摩盘", "Uni Desk"}]
    ['达摩盘', 'Uni Desk', '新零售']
    """
    return tuple(read_user_dict(_lexicon_path(DOMAIN_DICT_FILE)))


@cache
def load_stopwords(
    lists: tuple[Literal["mandarin", "cantonese", "page"], ...] = ("mandarin", "cantonese", "page"),
) -> frozenset[str]:
    """The packaged stopwords (lower-cased), by default all three lists.

    Parameters
    ----------
    lists
        Which lists: ``"mandarin"`` function words, ``"cantonese"`` particles, ``"page"``
        leftover web-page words.

    Examples
    --------
    >>> stop = load_stopwords()
    >>> {"的", "嘅", "责任编辑"} <= stop, "新零售" in stop
    (True, False)
    """
    words: set[str] = set()
    for name in lists:
        if name not in STOPWORD_FILES:
            raise ValueError(f"lists: unknown stopword list {name!r}; choose from {STOPWORD_FILES}")
        words.update(word.lower() for word in read_word_list(_lexicon_path(STOPWORD_FILES[name])))
    return frozenset(words)


def is_punctuation(token: str) -> bool:
    """True if every character is punctuation or a symbol (Unicode categories ``P*``, ``S*``).

    Examples
    --------
    >>> [is_punctuation(t) for t in ["，", "……", "%", "😀", "50%", "双11", ""]]
    [True, True, True, True, False, False, False]
    """
    return bool(token) and all(unicodedata.category(char)[0] in "PS" for char in token)


def _is_blank(token: str) -> bool:
    """True if every character is whitespace, a separator or a control/format character."""
    return all(char.isspace() or unicodedata.category(char)[0] in "ZC" for char in token)


def _is_missing(text: object) -> bool:
    if text is None:
        return True
    if isinstance(text, float) and math.isnan(text):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(text)) if not isinstance(text, str) else False
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------------------------


def _new_engine(engine: str, entries: Sequence[DictionaryEntry]) -> Callable[[str], list[str]]:
    """A fresh engine instance with ``entries`` added; returns its ``cut`` (HMM on)."""
    if engine == "rjieba":
        import rjieba

        instance = rjieba.Jieba()
        for entry in entries:
            instance.add_word(entry.word, entry.freq, entry.tag)
        return instance.cut  # hmm=True is its default
    if engine == "jieba":
        import jieba

        # jieba logs "Building prefix dict ..." at DEBUG on its own logger, to stderr. Raise the
        # level only while *this* instance initialises and restore it, so other programs keep
        # jieba's logging exactly as they configured it.
        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
        finally:
            logger.setLevel(level)
        for entry in entries:
            tokenizer.add_word(entry.word, entry.freq, entry.tag)
        return lambda text: tokenizer.lcut(text, HMM=True)
    raise ValueError(f"engine: expected one of {ENGINES}, got {engine!r}")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of token lists.

    The lists hold only strings, so they can form no reference cycles, but each one counts
    towards the collector's thresholds and the collections it triggers traverse every tracked
    object in the process: about 15 % of ``tokenize_many``'s time on the 62,774 reviews.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Verdicts(dict[str, bool]):
    """token -> keep? memo; misses computed by ``judge`` (vocabularies repeat, so this is fast)."""

    def __init__(self, judge: Callable[[str], bool]) -> None:
        super().__init__()
        self.judge = judge

    def __missing__(self, token: str) -> bool:
        verdict = self.judge(token)
        if len(self) < 2_000_000:
            self[token] = verdict
        return verdict


class Tokenizer:
    """A jieba tokenizer with its own dictionary: domain terms, user terms and stopwords.

    Parameters
    ----------
    engine
        ``"rjieba"`` (fast Rust port, default) or ``"jieba"`` (original Python).
    user_dict
        Extra words: a path to a ``word [freq] [tag]`` file (see :func:`read_user_dict`), or
        an iterable of words / :class:`DictionaryEntry`. Added after the domain dictionary.
    stopwords
        ``"default"`` (the packaged Mandarin + Cantonese + page lists), ``None`` (remove no
        words), a path to a word-list file, or an iterable of words.
    keep_punct
        Keep punctuation and symbol tokens in :meth:`tokenize` (whitespace is always dropped).
    domain_dict
        Add retailkit's domain dictionary (default True).

    Notes
    -----
    The engine instance is built on first use (about 0.3 s for rjieba, 0.5-2 s for jieba) and
    kept by this object. A tokenizer can be pickled (the engine is rebuilt after unpickling), so
    it can be sent to worker processes.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> tok.tokenize("今年双11，天猫互动吧和达摩盘让信息流营销更精准。")
    ['双11', '天猫互动吧', '达摩盘', '信息流营销', '精准']
    >>> tok.cut("种草到拔草")
    ['种草', '到', '拔草']
    >>> Tokenizer(stopwords=None, keep_punct=True).tokenize("营收74亿元！")
    ['营收', '74亿元', '！']
    >>> Tokenizer(user_dict=["社交x消费"]).tokenize("社交x消费的全域解决方案")
    ['社交x消费', '全域', '解决方案']
    """

    def __init__(
        self,
        engine: Engine = "rjieba",
        *,
        user_dict: str | Path | Iterable[str | DictionaryEntry] | None = None,
        stopwords: Literal["default"] | str | Path | Iterable[str] | None = "default",
        keep_punct: bool = False,
        domain_dict: bool = True,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine: expected one of {ENGINES}, got {engine!r}")
        self.engine = engine
        self.keep_punct = keep_punct
        self.domain_dict = domain_dict
        self.user_entries = tuple(_user_entries(user_dict))
        self.stopwords = _stopword_set(stopwords)
        domain = load_domain_dictionary() if domain_dict else ()
        self.entries: tuple[DictionaryEntry, ...] = (*domain, *self.user_entries)
        self._cut: Callable[[str], list[str]] | None = None
        self._verdicts = _Verdicts(self._keep)
        # Entries jieba cannot hold (they contain spaces): matched as token sequences later.
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._triggers: frozenset[str] = MAGNITUDE_WORDS

    def __repr__(self) -> str:
        return (
            f"Tokenizer(engine={self.engine!r}, entries={len(self.entries)}, "
            f"stopwords={len(self.stopwords)}, keep_punct={self.keep_punct})"
        )

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cut"] = None
        state["_verdicts"] = None
        state["_phrases"] = {}
        state["_triggers"] = MAGNITUDE_WORDS
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._verdicts = _Verdicts(self._keep)

    # -- engine -----------------------------------------------------------------------------

    def _engine_cut(self) -> Callable[[str], list[str]]:
        if self._cut is None:
            plain = [entry for entry in self.entries if not re.search(r"\s", entry.word)]
            cut = _new_engine(self.engine, plain)
            phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
            for entry in self.entries:
                if re.search(r"\s", entry.word):
                    pieces = tuple(cut(entry.word))
                    phrases.setdefault(pieces[0], []).append((pieces, entry.word))
            for candidates in phrases.values():
                candidates.sort(key=lambda item: (-len(item[0]), item[1]))
            self._phrases = phrases
            self._triggers = frozenset(phrases) | MAGNITUDE_WORDS
            self._cut = cut
        return self._cut

    def has_word(self, word: str) -> bool:
        """True if ``word`` comes out of :meth:`cut` as one token.

        Examples
        --------
        >>> Tokenizer().has_word("社交电商"), Tokenizer(domain_dict=False).has_word("社交电商")
        (True, False)
        """
        return self.cut(word) == [word]

    def _keep(self, token: str) -> bool:
        if _is_blank(token):
            return False
        if is_punctuation(token):
            return self.keep_punct
        return token.lower() not in self.stopwords

    def _merge(self, tokens: list[str]) -> list[str]:
        """Re-join multiword dictionary entries and number + magnitude (74 + 亿 -> 74亿)."""
        phrases = self._phrases
        if self._triggers.isdisjoint(tokens):
            return tokens  # the common case, checked at C speed
        out: list[str] = []
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            if phrases and token in phrases:
                for pieces, word in phrases[token]:
                    if tuple(tokens[i : i + len(pieces)]) == pieces:
                        out.append(word)
                        i += len(pieces)
                        break
                else:
                    out.append(token)
                    i += 1
                continue
            if i + 1 < n and tokens[i + 1] in MAGNITUDE_WORDS and _NUMBER.match(token):
                out.append(token + tokens[i + 1])
                i += 2
                continue
            out.append(token)
            i += 1
        return out

    # -- public -----------------------------------------------------------------------------

    def cut(self, text: str | None) -> list[str]:
        """Every token, in order, whitespace and punctuation included (``"".join`` gives text back).

        ``None``, NaN and ``""`` give ``[]``.

        Examples
        --------
        >>> Tokenizer().cut("社交货币 Uni Desk")
        ['社交货币', ' ', 'Uni Desk']
        """
        if not isinstance(text, str):
            if _is_missing(text):
                return []
            raise TypeError(f"text: expected str, None or NaN, got {type(text).__name__}")
        if not text:
            return []
        return self._merge(self._engine_cut()(text))

    def tokenize(self, text: str | None) -> list[str]:
        """Tokens with whitespace, punctuation (unless ``keep_punct``) and stopwords removed.

        Examples
        --------
        >>> Tokenizer().tokenize("微博、微信和微淘的那些事")
        ['微博', '微信', '微淘', '事']
        >>> Tokenizer().tokenize(None), Tokenizer().tokenize("")
        ([], [])
        """
        # filter() with the memo's C-level __getitem__ is ~2x faster than a comprehension.
        return list(filter(self._verdicts.__getitem__, self.cut(text)))

    __call__ = tokenize

    def _tokenize_serial(self, texts: list[str | None]) -> list[list[str]]:
        """:meth:`tokenize` inlined for a corpus (the per-text overhead is what we pay for)."""
        cut = self._engine_cut()
        triggers, merge, keep = self._triggers, self._merge, self._verdicts.__getitem__
        out = []
        with _gc_paused():
            for text in texts:
                if type(text) is str and text:
                    tokens = cut(text)
                    if not triggers.isdisjoint(tokens):
                        tokens = merge(tokens)
                    out.append(list(filter(keep, tokens)))
                else:
                    out.append(self.tokenize(text))
        return out

    def tokenize_many(self, texts: Iterable[str | None], n_jobs: int = 1) -> list[list[str]]:
        """:meth:`tokenize` every text; order preserved, the same result for every ``n_jobs``.

        Parameters
        ----------
        texts
            Strings (``None``/NaN/``""`` give ``[]``): a list, a pandas Series ...
        n_jobs
            Processes to use (``-1`` or more than the CPUs: one per CPU). With 1 (default)
            everything runs here. With more, the texts are cut into ``n_jobs`` contiguous
            parts: this process tokenizes the first while worker processes tokenize the others
            and send each part back packed in one string (cheap to transfer; unpacked with
            ``str.split``). Under the ``fork``
            start method (multiprocessing's default on Linux up to Python 3.13) workers inherit
            the loaded dictionary; under ``spawn``/``forkserver`` each rebuilds it (about 0.3 s).
            Fewer than :data:`PARALLEL_MIN_TEXTS` texts always run here. On the 62,774 reviews
            and 2 cores, ``n_jobs=2`` took 0.7-0.9 s against 0.94 s for ``n_jobs=1``
            (``benchmarks/README.md``).

        Examples
        --------
        >>> Tokenizer().tokenize_many(["私域流量", None, "618大促"])
        [['私域流量'], [], ['618', '大促']]
        """
        items = list(texts)
        n_jobs = effective_jobs(n_jobs)
        if n_jobs == 1 or len(items) < PARALLEL_MIN_TEXTS:
            return self._tokenize_serial(items)
        self._engine_cut()  # build once here, so that forked workers inherit it
        parts = run_in_parts(
            partial(_tokenize_packed, self), items, n_jobs, local=self._tokenize_serial
        )
        return [doc for packed in parts for doc in _unpack(packed)]


# Below this many texts, tokenize_many(n_jobs > 1) runs in this process: starting workers and
# moving tokens costs more than it saves.
PARALLEL_MIN_TEXTS = 2_000
# Packing a part's tokens for transfer: documents joined by _DOC_SEP, tokens by _TOKEN_SEP.
_DOC_SEP, _TOKEN_SEP = "\x00", "\x01"


def _tokenize_packed(tokenizer: Tokenizer, texts: list[str | None]) -> str | list[list[str]]:
    """Worker: tokenize one part; return it packed in one string, or as lists if it cannot be
    packed (a token holding a separator character: control characters are possible in input)."""
    docs = tokenizer._tokenize_serial(texts)
    packed = _DOC_SEP.join([_TOKEN_SEP.join(doc) for doc in docs])
    tokens = sum(map(len, docs))
    non_empty = sum(1 for doc in docs if doc)
    if packed.count(_DOC_SEP) != len(docs) - 1 or packed.count(_TOKEN_SEP) != tokens - non_empty:
        return docs
    return packed


def _unpack(packed: str | list[list[str]]) -> list[list[str]]:
    """Inverse of the packing in :func:`_tokenize_packed` (tokens are never empty strings)."""
    if isinstance(packed, list):
        return packed
    return [doc.split(_TOKEN_SEP) if doc else [] for doc in packed.split(_DOC_SEP)]


def _user_entries(
    user_dict: str | Path | Iterable[str | DictionaryEntry] | None,
) -> list[DictionaryEntry]:
    if user_dict is None:
        return []
    if isinstance(user_dict, str | Path):
        return read_user_dict(user_dict)
    entries = []
    for item in user_dict:
        if isinstance(item, DictionaryEntry):
            entries.append(item)
        elif isinstance(item, str) and item.strip():
            entries.append(DictionaryEntry(item.strip()))
        else:
            raise DictionaryError(f"user_dict: expected words or DictionaryEntry, got {item!r}")
    return entries


def _stopword_set(
    stopwords: Literal["default"] | str | Path | Iterable[str] | None,
) -> frozenset[str]:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str) and stopwords == "default":
        return load_stopwords()
    if isinstance(stopwords, str | Path):
        return frozenset(word.lower() for word in read_word_list(stopwords))
    return frozenset(str(word).lower() for word in stopwords)


@cache
def default_tokenizer(engine: Engine = "rjieba") -> Tokenizer:
    """The shared default :class:`Tokenizer` of ``engine`` (built once per process)."""
    return Tokenizer(engine)


def tokenize(text: str | None, *, engine: Engine = "rjieba") -> list[str]:
    """Segment ``text`` with the default tokenizer (domain dictionary, default stopwords).

    Whitespace, punctuation/symbol tokens and stopwords are removed; numbers are kept (see the
    module docstring for the exact rules).

    Examples
    --------
    >>> tokenize("社交电商的本质是种草，618和双11贡献了74亿元。")
    ['社交电商', '本质', '种草', '618', '双11', '贡献', '74亿元']
    >>> tokenize(None)
    []
    """
    return default_tokenizer(engine).tokenize(text)


def tokenize_many(
    texts: Iterable[str | None], n_jobs: int = 1, *, engine: Engine = "rjieba"
) -> list[list[str]]:
    """Segment many texts with the default tokenizer; order preserved, missing texts give ``[]``.

    Examples
    --------
    >>> tokenize_many(["新零售时代", float("nan"), "Hello world!"])
    [['新零售时代'], [], ['Hello', 'world']]
    """
    return default_tokenizer(engine).tokenize_many(texts, n_jobs=n_jobs)


def agreement(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> float:
    """Share of positions where two token lists are identical (engine agreement).

    Examples
    --------
    >>> agreement([["a", "b"], ["c"]], [["a", "b"], ["c", "d"]])
    0.5
    """
    if len(left) != len(right):
        raise ValueError(f"left and right differ in length ({len(left)} vs {len(right)})")
    if not left:
        return 1.0
    same = sum(list(a) == list(b) for a, b in zip(left, right, strict=True))
    return same / len(left)
