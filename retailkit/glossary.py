"""English glosses for the Chinese terms that retailkit's tables show.

Two sources, one table: the glosses of the theme lexicons (``retailkit/data/themes/*.yaml``, read
by :func:`retailkit.themes.load_themes`) and a small glossary of other frequent words of the
commentary, ``retailkit/data/lexicon/glossary.csv`` (columns ``term, gloss, source``; sources
explained in ``retailkit/data/lexicon/README.md``). A term in both takes the theme lexicon's
gloss, so one term never has two glosses. Terms in neither get an empty gloss: the glossary is
for reading tables, not a dictionary.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from retailkit.errors import DictionaryError

__all__ = ["add_gloss", "load_glossary"]

GLOSSARY_FILE = "data/lexicon/glossary.csv"
GLOSSARY_COLUMNS = ["term", "gloss", "source"]


@cache
def _load(path: str | None) -> pd.DataFrame:
    from retailkit.themes import load_themes

    file = Path(str(resources.files("retailkit") / GLOSSARY_FILE)) if path is None else Path(path)
    try:
        extra = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DictionaryError(f"{file}: cannot read glossary ({error})") from error
    missing = [column for column in GLOSSARY_COLUMNS if column not in extra.columns]
    if missing:
        raise DictionaryError(f"{file}: missing column(s) {', '.join(missing)}")
    repeated = extra["term"][extra["term"].duplicated()].tolist()
    if repeated:
        raise DictionaryError(f"{file}: term(s) listed twice: {', '.join(repeated[:5])}")
    empty = extra.index[(extra["term"] == "") | (extra["gloss"] == "")].tolist()
    if empty:
        raise DictionaryError(f"{file}: row {empty[0] + 2} has an empty term or gloss")
    themes = load_themes()
    themes = themes.assign(source="theme " + themes["theme"] + " (" + themes["source"] + ")")
    extra = extra[~extra["term"].isin(themes["term"])]
    table = pd.concat([themes[GLOSSARY_COLUMNS], extra[GLOSSARY_COLUMNS]], ignore_index=True)
    return table.sort_values("term", ignore_index=True)


def load_glossary(path: str | Path | None = None) -> pd.DataFrame:
    """Every glossed term: ``term, gloss, source``, sorted by term.

    Parameters
    ----------
    path
        A CSV with columns ``term, gloss, source`` to use instead of the packaged
        ``glossary.csv``; the theme lexicons' glosses are always included (and win).

    Raises
    ------
    DictionaryError
        Naming the file: unreadable, a missing column, a term listed twice, an empty gloss.

    Examples
    --------
    >>> glossary = load_glossary().set_index("term")
    >>> glossary.loc["消费者", "gloss"], glossary.loc["信息流营销", "gloss"]
    ('consumer(s)', 'feed marketing')
    """
    return _load(None if path is None else str(path)).copy()


def add_gloss(
    df: pd.DataFrame,
    *,
    column: str = "term",
    name: str = "gloss",
    glossary: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``df`` with an English gloss column inserted right after ``column``.

    Parameters
    ----------
    df
        Any table with a column of Chinese terms.
    column
        The column holding the terms.
    name
        Name of the new column.
    glossary
        A table like :func:`load_glossary` (default: the packaged glossary).

    Returns
    -------
    DataFrame
        A copy of ``df`` with ``name`` after ``column``; ``""`` where the term has no gloss.

    Examples
    --------
    >>> table = pd.DataFrame({"term": ["营销", "淘宝", "马上"], "count": [3, 2, 1]})
    >>> add_gloss(table)
      term      gloss  count
    0   营销  marketing      3
    1   淘宝     Taobao      2
    2   马上                 1
    """
    if column not in df.columns:
        raise KeyError(f"column: df has no column {column!r} (columns: {list(df.columns)})")
    table = load_glossary() if glossary is None else glossary
    lookup = dict(zip(table["term"], table["gloss"], strict=True))
    out = df.copy()
    glosses = [lookup.get(term, "") if isinstance(term, str) else "" for term in df[column]]
    if name in out.columns:
        out = out.drop(columns=name)
    out.insert(list(out.columns).index(column) + 1, name, glosses)
    return out
