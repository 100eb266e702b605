"""Theme lexicons and theme profiles: how much each document talks about each theme, and where.

The lexicons are YAML files in ``retailkit/data/themes/`` (one per theme: name, Chinese label,
English gloss, description, and for every term its gloss and source; sources are explained in
``retailkit/data/themes/README.md``). Packaged themes:

* ``social_commerce`` 社交电商 (social commerce),
* ``interactive_marketing`` 互动营销 (interactive marketing),
* ``feed_marketing`` 信息流营销 (feed-based marketing),
* ``new_retail`` 新零售 (new retail / O2O),
* ``platforms`` 平台与主体 (platform and company mentions).

Matching is by whole token of the default tokenizer (so 信息流 is not counted inside
信息流营销, which is a term of its own), case-insensitive for Latin letters. Every term is a
single token of that tokenizer (``tests/test_themes.py`` checks it), and each term belongs to one
theme only.

Counting is done sentence by sentence over :func:`retailkit.split_sentences`, so
:func:`theme_profile` and :func:`theme_sentences` always agree, and ``sentence_index`` joins with
any other table built on ``split_sentences(text)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path

import pandas as pd

from retailkit.errors import DictionaryError

__all__ = [
    "load_theme_info",
    "load_themes",
    "theme_counts",
    "theme_profile",
    "theme_sentences",
]

THEMES_DIR = "data/themes"
THEME_FIELDS = ("name", "label", "gloss", "description", "terms")
TERM_FIELDS = ("term", "gloss", "source")
OPTIONAL_FIELDS = ("core", "entity", "rationale")


def _theme_files(directory: str | Path | None) -> list[Path]:
    if directory is None:
        directory = Path(str(resources.files("retailkit") / THEMES_DIR))
    directory = Path(directory)
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise DictionaryError(f"{directory}: no theme lexicons (*.yaml) found")
    return files


def _read_theme(path: Path) -> dict[str, object]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DictionaryError(f"{path}: cannot read theme lexicon ({error})") from error
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping with keys {THEME_FIELDS}")
    missing = [field for field in THEME_FIELDS if field not in data]
    if missing:
        raise DictionaryError(f"{path}: missing key(s) {', '.join(missing)}")
    terms = data["terms"]
    if not isinstance(terms, list) or not terms:
        raise DictionaryError(f"{path}: 'terms' must be a non-empty list")
    for number, entry in enumerate(terms, start=1):
        if not isinstance(entry, dict) or any(field not in entry for field in TERM_FIELDS):
            raise DictionaryError(
                f"{path}: term #{number} must have keys {', '.join(TERM_FIELDS)}, got {entry!r}"
            )
        unknown = sorted(str(key) for key in entry if key not in (*TERM_FIELDS, *OPTIONAL_FIELDS))
        if unknown:
            raise DictionaryError(
                f"{path}: term #{number} has unknown key(s) {', '.join(unknown)} (quote a gloss "
                f"that contains a comma: gloss: 'a, b'), got {entry!r}"
            )
    return data


@cache
def _load(directory: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    info_rows, term_rows = [], []
    owner: dict[str, str] = {}
    for path in _theme_files(directory):
        data = _read_theme(path)
        name = str(data["name"])
        info_rows.append(
            (
                name,
                str(data["label"]),
                str(data["gloss"]),
                " ".join(str(data["description"]).split()),
            )
        )
        for entry in data["terms"]:  # type: ignore[attr-defined]
            term = str(entry["term"])
            key = term.casefold()
            if key in owner:
                raise DictionaryError(
                    f"{path}: term {term!r} is already in theme {owner[key]!r}; "
                    "a term may belong to one theme only"
                )
            owner[key] = name
            core = entry.get("core", False)
            if not isinstance(core, bool):
                raise DictionaryError(
                    f"{path}: term {term!r}: 'core' must be true or false, got {core!r}"
                )
            entity = str(entry.get("entity", term))
            term_rows.append((name, term, str(entry["gloss"]), str(entry["source"]), core, entity))
    info = pd.DataFrame(info_rows, columns=["theme", "label", "gloss", "description"])
    terms = pd.DataFrame(term_rows, columns=["theme", "term", "gloss", "source", "core", "entity"])
    return (
        info.sort_values("theme", ignore_index=True),
        terms.sort_values(["theme", "term"], ignore_index=True),
    )


def load_themes(directory: str | Path | None = None) -> pd.DataFrame:
    """All theme terms: ``theme, term, gloss, source, core, entity``, sorted by theme and term.

    Parameters
    ----------
    directory
        A folder of theme YAML files (default: the packaged lexicons). Each file has ``name``,
        ``label``, ``gloss``, ``description`` and ``terms`` (a list of ``{term, gloss,
        source}``, optionally with ``core`` and ``entity``). Copy the packaged files to start
        your own.

    Returns
    -------
    DataFrame
        ``theme, term, gloss, source``; ``core`` (bool, ``core: true`` in the file, default
        false): the term names the theme's practice itself (社交电商, 信息流营销, 互动吧) rather
        than being a general word the theme also uses (分享, 内容, 体验), so
        ``theme_profile(df, lexicon=themes[themes["core"]])`` gives a core-terms-only rate;
        ``entity`` (``entity:`` in the file, default the term itself): the company or product
        a term names, so aliases (阿里 / 阿里巴巴, 手淘 / 手机淘宝) can be counted together.

    Raises
    ------
    DictionaryError
        Naming the file: unreadable YAML, missing keys, a term listed in two themes.

    Examples
    --------
    >>> themes = load_themes()
    >>> sorted(themes["theme"].unique())
    ['feed_marketing', 'interactive_marketing', 'new_retail', 'platforms', 'social_commerce']
    >>> themes.set_index("term").loc["种草", "gloss"]
    '"plant grass": recommend a product until others want it'
    >>> themes.set_index("term").loc[["信息流营销", "内容"], "core"].tolist()
    [True, False]
    >>> themes.set_index("term").loc[["阿里", "阿里巴巴", "手淘"], "entity"].tolist()
    ['Alibaba', 'Alibaba', 'Mobile Taobao']
    """
    return _load(None if directory is None else str(directory))[1].copy()


def load_theme_info(directory: str | Path | None = None) -> pd.DataFrame:
    """One row per theme: ``theme, label, gloss, description``.

    Examples
    --------
    >>> load_theme_info().set_index("theme").loc["feed_marketing", "label"]
    '信息流营销'
    """
    return _load(None if directory is None else str(directory))[0].copy()


#: Documents whose sentences :func:`_sentence_tokens` tokenizes in one call: one call per
#: document cost more than tokenizing a short review (the result is the same).
_TOKENIZE_BATCH = 2_000


def _sentence_tokens(
    df: pd.DataFrame, text_column: str, id_column: str
) -> Iterable[tuple[object, int, str, list[str]]]:
    """(doc_id, sentence_index, sentence, tokens) for every sentence of every document."""
    from retailkit.cleaning import split_sentences
    from retailkit.segment import default_tokenizer

    for column in (text_column, id_column):
        if column not in df.columns:
            raise KeyError(f"df has no column {column!r} (columns: {list(df.columns)})")
    duplicated = df[id_column][df[id_column].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(
            f"{id_column!r} must identify each row (sentence_index is per row); repeated: "
            f"{duplicated[:5]}. Make a unique id, e.g. doc_id + part."
        )
    tokenizer = default_tokenizer()
    pairs = zip(df[id_column], df[text_column], strict=True)
    while batch := list(islice(pairs, _TOKENIZE_BATCH)):
        split = [
            (doc_id, split_sentences(text) if isinstance(text, str) else [])
            for doc_id, text in batch
        ]
        tokens = iter(tokenizer.tokenize_many([s for _, sentences in split for s in sentences]))
        for doc_id, sentences in split:
            for index, sentence in enumerate(sentences):
                yield doc_id, index, sentence, next(tokens)


def _term_lookup(themes: pd.DataFrame, names: Sequence[str] | None) -> dict[str, tuple[str, str]]:
    if names is not None:
        unknown = sorted(set(names) - set(themes["theme"]))
        if unknown:
            raise KeyError(
                f"themes: unknown theme(s) {unknown}; known: {sorted(set(themes['theme']))}"
            )
        themes = themes[themes["theme"].isin(names)]
    return {
        term.casefold(): (theme, term)
        for theme, term in zip(themes["theme"], themes["term"], strict=True)
    }


def theme_sentences(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
    themes: Sequence[str] | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The evidence: every sentence that contains a theme term.

    Parameters
    ----------
    df
        Documents with ``id_column`` and ``text_column`` (e.g. ``retailkit.load_seeds()``).
    themes
        Restrict to these theme names (default: all).
    lexicon
        A table like :func:`load_themes` (default: the packaged lexicons).

    Returns
    -------
    DataFrame
        ``doc_id, sentence_index, theme, term, count, sentence`` (the first column is named
        after ``id_column``): one row per sentence and matched term; ``sentence_index``
        indexes ``retailkit.split_sentences(text)``. Sorted by document order, sentence,
        theme, term.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["微博很热。微淘和微博都在做互动营销！"]})
    >>> theme_sentences(docs)[["sentence_index", "theme", "term", "count"]]
       sentence_index                  theme  term  count
    0               0              platforms    微博      1
    1               1  interactive_marketing  互动营销      1
    2               1              platforms    微博      1
    3               1              platforms    微淘      1
    """
    lookup = _term_lookup(load_themes() if lexicon is None else lexicon, themes)
    rows = []
    for doc_id, index, sentence, tokens in _sentence_tokens(df, text_column, id_column):
        hits = Counter(lookup[token.casefold()] for token in tokens if token.casefold() in lookup)
        for (theme, term), count in sorted(hits.items()):
            rows.append((doc_id, index, theme, term, count, sentence))
    return pd.DataFrame(
        rows, columns=[id_column, "sentence_index", "theme", "term", "count", "sentence"]
    )


PROFILE_COLUMNS = [
    "doc_id",
    "theme",
    "count",
    "tokens",
    "rate_per_1000",
    "n_terms",
    "terms",
    "n_sentences",
    "sentences",
]


def theme_profile(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
    themes: Sequence[str] | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How much each document talks about each theme.

    Parameters
    ----------
    df
        Documents with ``id_column`` and ``text_column``.
    themes
        Restrict to these theme names (default: all packaged themes).
    lexicon
        A table like :func:`load_themes` (default: the packaged lexicons).

    Returns
    -------
    DataFrame
        One row per document and theme (documents in input order, themes sorted), also when the
        count is 0: ``doc_id`` (named after ``id_column``), ``theme, count`` (theme-term
        tokens), ``tokens`` (all tokens of the document, default tokenizer, stopwords and
        punctuation removed), ``rate_per_1000``
        (``1000 * count / tokens``), ``n_terms`` (distinct terms matched), ``terms`` (matched
        terms with counts, e.g. ``"微博 3, 微淘 1"``, by count then term), ``n_sentences``
        (sentences with at least one term) and ``sentences`` (total sentences). The evidence
        sentences are :func:`theme_sentences`.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["微博很热。微淘和微博都在做互动营销！"]})
    >>> profile = theme_profile(docs, themes=["platforms", "interactive_marketing"])
    >>> profile[["theme", "count", "tokens", "rate_per_1000", "terms", "n_sentences"]]
                       theme  count  tokens  rate_per_1000       terms  n_sentences
    0  interactive_marketing      1       5          200.0      互动营销 1            1
    1              platforms      3       5          600.0  微博 2, 微淘 1            2
    """
    table = load_themes() if lexicon is None else lexicon
    lookup = _term_lookup(table, themes)
    names = sorted({theme for theme, _ in lookup.values()})
    rows = []
    hits: dict[tuple[object, str], Counter[str]] = {}
    carrying: dict[tuple[object, str], int] = {}
    sentences = list(_sentence_tokens(df, text_column, id_column))  # validates the columns
    order = list(df[id_column])
    totals = {doc_id: [0, 0] for doc_id in order}
    for doc_id, _, _, tokens in sentences:
        totals[doc_id][0] += len(tokens)
        totals[doc_id][1] += 1
        seen = set()
        for token in tokens:
            match = lookup.get(token.casefold())
            if match is not None:
                theme, term = match
                hits.setdefault((doc_id, theme), Counter())[term] += 1
                seen.add(theme)
        for theme in seen:
            carrying[(doc_id, theme)] = carrying.get((doc_id, theme), 0) + 1
    for doc_id in order:
        n_tokens, n_sentences = totals[doc_id]
        for theme in names:
            counts = hits.get((doc_id, theme), Counter())
            count = sum(counts.values())
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            rows.append(
                (
                    doc_id,
                    theme,
                    count,
                    n_tokens,
                    1000 * count / n_tokens if n_tokens else 0.0,
                    len(counts),
                    ", ".join(f"{term} {n}" for term, n in ranked),
                    carrying.get((doc_id, theme), 0),
                    n_sentences,
                )
            )
    return pd.DataFrame(rows, columns=[id_column, *PROFILE_COLUMNS[1:]])


class _ThemeNumbers(dict[str, int]):
    """token -> number of its theme (-1: none), casefolded on first sight, for one call."""

    def __init__(self, numbers: dict[str, int]) -> None:
        super().__init__()
        self.numbers = numbers

    def __missing__(self, token: str) -> int:
        number = self.numbers.get(token.casefold(), -1)
        self[token] = number
        return number


def theme_counts(
    texts: Sequence[str | None],
    *,
    themes: Sequence[str] | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The per-document numbers of :func:`theme_profile`, one row per text, in one pass.

    Each distinct sentence (:func:`retailkit.split_sentences`) is tokenized once, with one call
    of the default tokenizer for all of them, and sentence, token and theme-term counts are
    added up per text with NumPy. The numbers are exactly those of :func:`theme_profile`
    (tested); what it adds (matched terms, sentences carrying a theme) is left out. Used by
    :func:`retailkit.streaming.profile_chunk`.

    Parameters
    ----------
    texts
        Documents (``None`` or NaN count as empty).
    themes
        Restrict to these theme names (default: all packaged themes).
    lexicon
        A table like :func:`load_themes` (default: the packaged lexicons).

    Returns
    -------
    DataFrame
        One row per text, in input order (index ``0 .. len(texts) - 1``): ``sentences``,
        ``tokens``, then for each theme ``T`` (sorted) ``T_count`` and ``T_per_1000``
        (theme_profile's ``count`` and ``rate_per_1000``).

    Examples
    --------
    >>> counts = theme_counts(["微博很热。微淘和微博都在做互动营销！", ""],
    ...                       themes=["platforms", "interactive_marketing"])
    >>> counts.to_dict("records")[0]  # doctest: +NORMALIZE_WHITESPACE
    {'sentences': 2, 'tokens': 5, 'interactive_marketing_count': 1,
     'interactive_marketing_per_1000': 200.0, 'platforms_count': 3, 'platforms_per_1000': 600.0}
    >>> counts.loc[1, ["sentences", "tokens", "platforms_count"]].tolist()
    [0, 0, 0]
    """
    import numpy as np

    from retailkit.cleaning import split_sentences
    from retailkit.segment import default_tokenizer

    lookup = _term_lookup(load_themes() if lexicon is None else lexicon, themes)
    names = sorted({theme for theme, _ in lookup.values()})
    numbers = {name: number for number, name in enumerate(names)}
    theme_of = _ThemeNumbers({key: numbers[theme] for key, (theme, _) in lookup.items()})
    per_text = [split_sentences(text) if isinstance(text, str) else [] for text in texts]
    sentences = [sentence for found in per_text for sentence in found]
    distinct = {sentence: number for number, sentence in enumerate(dict.fromkeys(sentences))}
    tokens = default_tokenizer().tokenize_many(list(distinct))
    # Per distinct sentence: its tokens and theme terms (bincount of sentence x theme).
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    flat = [token for sentence_tokens in tokens for token in sentence_tokens]
    themed = np.fromiter(map(theme_of.__getitem__, flat), dtype=np.int64, count=len(flat))
    owner = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    hit = themed >= 0
    terms = np.bincount(
        owner[hit] * len(names) + themed[hit], minlength=len(tokens) * len(names)
    ).reshape(len(tokens), len(names))
    # Per text: add up its sentences (bincount weights are exact for such small integers).
    n_texts = len(per_text)
    n_sentences = np.fromiter(map(len, per_text), dtype=np.int64, count=n_texts)
    which = np.fromiter(map(distinct.__getitem__, sentences), dtype=np.int64, count=len(sentences))
    text_of = np.repeat(np.arange(n_texts, dtype=np.int64), n_sentences)

    def per_document(values: np.ndarray) -> np.ndarray:
        summed = np.bincount(text_of, weights=values[which], minlength=n_texts)
        return summed.astype(np.int64)

    n_tokens = per_document(lengths)
    out: dict[str, np.ndarray] = {"sentences": n_sentences, "tokens": n_tokens}
    safe = np.where(n_tokens > 0, n_tokens, 1)
    for number, name in enumerate(names):
        count = per_document(terms[:, number])
        out[f"{name}_count"] = count
        out[f"{name}_per_1000"] = np.where(n_tokens > 0, 1000 * count / safe, 0.0)
    return pd.DataFrame(out)
