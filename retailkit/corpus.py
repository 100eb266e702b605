"""Load the seed articles and a user's own files into pandas DataFrames.

Two entry points:

* :func:`load_seeds` — the five curated articles in ``seeds/`` with the metadata of
  ``seeds/catalog.csv``, by article (5 rows) or by part (7 rows: seed 004 is an archive page
  holding three items).
* :func:`load_corpus` — a folder or list of ``.txt``, ``.html``/``.htm``, ``.csv`` and ``.jsonl``
  files, with the encoding detected (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030/GBK,
  Big5) and every file either loaded or reported as a :class:`~retailkit.errors.CorpusError`.
* :func:`load_articles` — what the notebooks call: the seeds, or any folder in the same shape
  (one row per article or part, with short ids and display labels).

Both return ``doc_id, title, author, source, url, published, original_script, genre,
republished_from, raw, text``: ``raw`` is the verbatim text and ``text`` the output of
:func:`retailkit.cleaning.clean`; ``genre`` is one of :data:`GENRES` (or ``""``).
"""

from __future__ import annotations

import codecs
import functools
import io
import itertools
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from retailkit._parallel import effective_jobs, run_in_parts
from retailkit.cleaning import (
    Script,
    clean,
    clean_with_audit,
    split_paragraphs,
    split_sentences,
    traditional_remnants,
    traditional_share,
)
from retailkit.cleaning._resources import common_han_share
from retailkit.documents import DOCUMENT_SUFFIXES, read_document
from retailkit.errors import CorpusError

__all__ = [
    "CATALOG_COLUMNS",
    "CATALOG_OPTIONAL_COLUMNS",
    "CORPUS_COLUMNS",
    "GENRES",
    "SEEDS_DIR",
    "audit_summary",
    "character_shares",
    "corpus_profile",
    "detect_encoding",
    "html_to_text",
    "load_articles",
    "load_corpus",
    "load_seeds",
    "publication_year",
    "read_catalog",
    "read_text",
    "seed_audit",
    "short_ids",
    "split_parts",
]

#: The seeds folder of this repository (override with the ``RETAILKIT_SEEDS`` environment variable).
SEEDS_DIR: Path = Path(
    os.environ.get("RETAILKIT_SEEDS", Path(__file__).resolve().parent.parent / "seeds")
)

#: Columns of ``seeds/catalog.csv`` (``script`` is the ``clean(script=...)`` argument).
CATALOG_COLUMNS = [
    "doc_id",
    "part",
    "title",
    "author",
    "source",
    "url",
    "published",
    "original_script",
    "script",
    "evidence",
]

#: Optional columns of ``catalog.csv``: ``title_en`` is a short English gloss of ``title``;
#: ``genre`` (one of :data:`GENRES`) is the kind of piece, ``republished_from`` the earlier
#: publisher when the text is a copy, and ``genre_evidence`` the signals in the text behind both.
#: :func:`read_catalog` returns them after :data:`CATALOG_COLUMNS` (``""`` when absent).
CATALOG_OPTIONAL_COLUMNS = ["title_en", "genre", "republished_from", "genre_evidence"]

#: Genres of ``catalog.csv``: what kind of piece a text is, which changes what its approval
#: means (a press-release rewrite speaks for the company; an advertorial, 软文, is paid for).
#: ``republished post`` is a social-media (WeChat) post reposted by another account; a piece
#: copied by an archive keeps its own genre and names its source in ``republished_from``. An
#: article row whose parts differ in genre (an archive page) leaves ``genre`` empty.
GENRES = (
    "news",
    "essay",
    "column",
    "contributed commentary",
    "press-release rewrite",
    "republished post",
    "advertorial",
)

#: Columns shared by :func:`load_seeds` and :func:`load_corpus` (in this order).
CORPUS_COLUMNS = [
    "doc_id",
    "title",
    "author",
    "source",
    "url",
    "published",
    "original_script",
    "genre",
    "republished_from",
    "raw",
    "text",
]

_METADATA = [c for c in CORPUS_COLUMNS if c not in ("doc_id", "raw", "text")]


# --------------------------------------------------------------------------- seeds


def read_catalog(directory: str | Path | None = None) -> pd.DataFrame:
    """Read ``catalog.csv``: one row per article (``part`` empty) and one per part.

    Parameters
    ----------
    directory : str or Path, optional
        Folder holding ``catalog.csv``; default :data:`SEEDS_DIR`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CATALOG_COLUMNS` then :data:`CATALOG_OPTIONAL_COLUMNS` (empty when the
        file lacks them), all strings (empty string when unknown), sorted by ``doc_id`` then
        ``part``. Other columns of the file are ignored.

    Examples
    --------
    >>> catalog = read_catalog()
    >>> catalog.loc[catalog["part"] != "", ["doc_id", "part", "published"]].tail(3)
                      doc_id part   published
    9   004_3f9db06cc5bb1528    1        2013
    10  004_3f9db06cc5bb1528    2  2013-12-27
    11  004_3f9db06cc5bb1528    3  2013-10-30
    >>> catalog.loc[1, "title_en"]
    'Interaction is becoming a booster of new retail'
    >>> catalog.loc[catalog["part"] != "", ["doc_id", "part", "genre"]].tail(5)
                      doc_id part                   genre
    5   002_0afb341dbe96a857    1   press-release rewrite
    7   003_a6b9cf6607581bcb    1  contributed commentary
    9   004_3f9db06cc5bb1528    1                   essay
    10  004_3f9db06cc5bb1528    2                    news
    11  004_3f9db06cc5bb1528    3                  column
    """
    path = Path(SEEDS_DIR if directory is None else directory) / "catalog.csv"
    try:
        catalog = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot read the catalog ({error})") from error
    missing = [c for c in CATALOG_COLUMNS if c not in catalog.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}")
    for column in CATALOG_OPTIONAL_COLUMNS:
        if column not in catalog.columns:
            catalog[column] = ""
    catalog = catalog[CATALOG_COLUMNS + CATALOG_OPTIONAL_COLUMNS]
    return catalog.sort_values(["doc_id", "part"], kind="stable").reset_index(drop=True)


_PERMALINK_LINE = re.compile(r"^[^\S\n]*PermaLink[:：][^\n]*(?:\n|$)", re.MULTILINE)


def split_parts(text: str) -> list[str]:
    """Split an archive page into its items; any other text is one part.

    An archive page (ZKIZ Archives, seed 004) closes each item with a ``PermaLink:`` line. The
    page is cut after each such line; whatever follows the last one (page footer) joins the last
    item. The parts are verbatim slices: ``"".join(split_parts(t)) == t``.

    Examples
    --------
    >>> split_parts("甲。\\nPermaLink: a/?id=1\\n乙。\\nPermaLink: a/?id=2\\nNext Page")
    ['甲。\\nPermaLink: a/?id=1\\n', '乙。\\nPermaLink: a/?id=2\\nNext Page']
    >>> split_parts("一篇文章。")
    ['一篇文章。']
    """
    cuts = [m.end() for m in _PERMALINK_LINE.finditer(text)]
    if not cuts:
        return [text]
    bounds = [0, *cuts[:-1], len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


@functools.lru_cache(maxsize=4)
def _seed_tables(directory: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Articles, parts and audit of the seeds in ``directory`` (computed once per folder)."""
    catalog = read_catalog(directory)
    articles = catalog[catalog["part"] == ""].set_index("doc_id")
    parts = catalog[catalog["part"] != ""]
    article_rows, part_rows, audits = [], [], []
    for doc_id, entry in articles.iterrows():
        path = Path(directory) / f"{doc_id}.txt"
        raw, _ = read_text(path)
        pieces = split_parts(raw)
        entries = parts[parts["doc_id"] == doc_id]
        if len(entries) != len(pieces):
            raise CorpusError(
                f"{path}: catalog.csv lists {len(entries)} part(s), the text has {len(pieces)}"
            )
        texts = []
        for (_, part), piece in zip(entries.iterrows(), pieces, strict=True):
            text, audit = clean_with_audit(piece, doc_id=str(doc_id), script=part["script"])
            audit.insert(1, "part", int(part["part"]))
            audits.append(audit)
            texts.append(text)
            row = {"doc_id": doc_id, "part": int(part["part"])}
            row |= {c: part[c] for c in _METADATA} | {"raw": piece, "text": text}
            part_rows.append(row)
        row = {"doc_id": doc_id} | {c: entry[c] for c in _METADATA}
        article_rows.append(row | {"raw": raw, "text": "\n\n".join(t for t in texts if t)})
    article_table = pd.DataFrame(article_rows, columns=CORPUS_COLUMNS)
    part_table = pd.DataFrame(part_rows, columns=["doc_id", "part", *CORPUS_COLUMNS[1:]])
    audit_table = pd.concat(audits, ignore_index=True)
    return (
        article_table.sort_values("doc_id").reset_index(drop=True),
        part_table.sort_values(["doc_id", "part"]).reset_index(drop=True),
        audit_table,
    )


def load_seeds(
    by: Literal["article", "part"] = "article", *, directory: str | Path | None = None
) -> pd.DataFrame:
    """Load the seed articles with their curated metadata and cleaned text.

    Parameters
    ----------
    by : {"article", "part"}
        One row per article (5 rows) or per part (7 rows; seed 004 holds three items).
    directory : str or Path, optional
        Seeds folder (``NNN_*.txt`` files and ``catalog.csv``); default :data:`SEEDS_DIR`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``doc_id`` (and ``part``), with columns ``doc_id``, ``part`` (int, only when
        ``by="part"``), ``title``, ``author``, ``source``, ``url``, ``published`` (ISO 8601 at the
        precision the text supports: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
        ``original_script`` (``traditional``/``simplified``), ``genre`` (one of :data:`GENRES`;
        empty for seed 004's article row, whose three parts differ), ``republished_from``
        (the earlier publisher when the text is a copy), ``raw`` (verbatim file text, or
        the verbatim slice for a part) and ``text`` (cleaned Simplified text; for an article,
        its cleaned parts joined by a blank line). Metadata are strings, ``""`` when unknown.

    Examples
    --------
    >>> seeds = load_seeds()
    >>> seeds[["doc_id", "published", "original_script"]]
                     doc_id   published original_script
    0  000_217eb4ff2da10e5a  2017-11-08     traditional
    1  001_0d65e2bbff311307  2018-06-25      simplified
    2  002_0afb341dbe96a857     2018-10      simplified
    3  003_a6b9cf6607581bcb     2018-06      simplified
    4  004_3f9db06cc5bb1528        2013     traditional
    >>> load_seeds(by="part").groupby("doc_id").size().tolist()
    [1, 1, 1, 1, 3]
    >>> load_seeds()["genre"].tolist()
    ['essay', 'republished post', 'press-release rewrite', 'contributed commentary', '']
    """
    if by not in ("article", "part"):
        raise ValueError(f"by={by!r}: expected 'article' or 'part'")
    articles, parts, _ = _seed_tables(str(SEEDS_DIR if directory is None else directory))
    return (articles if by == "article" else parts).copy()


def seed_audit(
    by: Literal["article", "part"] = "article", *, directory: str | Path | None = None
) -> pd.DataFrame:
    """Everything cleaning removed or repaired in the seeds (see ``clean_with_audit``).

    Seeds are cleaned part by part, so offsets (``start``, ``end``) refer to the part's text as
    the step received it. ``by="part"`` adds the ``part`` column; ``by="article"`` leaves it out.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, (``part``), ``step``, ``rule``, ``start``, ``end``, ``removed``,
        ``replacement``; in document, part, step order.

    Examples
    --------
    >>> audit = seed_audit()
    >>> audit.groupby("step").size()
    step
    remove_furniture         52
    remove_pinyin           119
    remove_repeated_lead      2
    remove_title_echoes       2
    repair_mojibake           3
    separate_headings         2
    to_simplified            12
    dtype: int64
    """
    if by not in ("article", "part"):
        raise ValueError(f"by={by!r}: expected 'article' or 'part'")
    _, _, audit = _seed_tables(str(SEEDS_DIR if directory is None else directory))
    return audit.drop(columns=["part"]) if by == "article" else audit.copy()


# --------------------------------------------------------------------------- files

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# charset-normalizer names of the Chinese legacy encodings, mapped to the superset we decode with.
_CHINESE_FAMILIES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5hkscs": "big5hkscs",
}
#: Below this share of common hanzi a legacy decoding is not believed.
MIN_PLAUSIBILITY = 0.6


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls except \t \n \r \f


def _control_share(text: str) -> float:
    r"""Share of C0 control characters other than tab and line/page breaks.

    Examples
    --------
    >>> _control_share("ab\x00\n"), _control_share("")
    (0.25, 0.0)
    """
    return len(_CONTROL.findall(text)) / max(1, len(text))


def detect_encoding(data: bytes, *, name: str = "<bytes>") -> str:
    """Detect the encoding of Chinese text, verifying every guess by decoding it.

    Order: a byte-order mark (UTF-8/16/32); strict UTF-8; otherwise GB18030 (a superset of
    GB2312 and GBK) and Big5-HKSCS are both tried, together with charset-normalizer's guess, and
    the strict decoding with the largest share of common hanzi wins (GB18030 and Big5 byte
    ranges overlap, so both often decode; only one gives plausible Chinese).

    Parameters
    ----------
    data : bytes
        File content.
    name : str
        File name used in error messages.

    Returns
    -------
    str
        A Python codec name: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32``, ``gb18030`` or
        ``big5hkscs``.

    Raises
    ------
    CorpusError
        Empty or binary data, or no candidate encoding decodes it as plausible Chinese.

    Examples
    --------
    >>> text = "天貓互動吧作為2.0版本"
    >>> [detect_encoding(text.encode(e)) for e in ("utf-8", "utf-16", "gb18030", "big5")]
    ['utf-8', 'utf-16', 'gb18030', 'big5hkscs']
    """
    if not data:
        raise CorpusError(f"{name}: empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file (NUL bytes, no UTF-16 byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        if _control_share(text) > 0.05:
            raise CorpusError(f"{name}: binary file (control characters)")
        return "utf-8"
    import charset_normalizer  # only needed for non-UTF-8 files

    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    candidates = ["gb18030", "big5hkscs"]
    if guess in _CHINESE_FAMILIES and _CHINESE_FAMILIES[guess] != candidates[0]:
        candidates.reverse()  # on a tie, trust charset-normalizer's family
    scores: dict[str, float] = {}
    for encoding in candidates:
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(decoded) <= 0.05:
            scores[encoding] = common_han_share(decoded)
    if scores:
        encoding = max(scores, key=lambda e: (scores[e], -candidates.index(e)))
        if scores[encoding] >= MIN_PLAUSIBILITY:
            return encoding
    raise CorpusError(
        f"{name}: unknown encoding: not UTF-8, GB18030 or Big5 (first bad UTF-8 byte at "
        f"{first_bad:,}; charset-normalizer guessed {guess or 'nothing'}); save it as UTF-8"
    )


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a text file verbatim (no newline translation), detecting its encoding.

    Returns
    -------
    text : str
        The decoded content (a BOM is dropped).
    encoding : str
        The codec used (see :func:`detect_encoding`).

    Raises
    ------
    CorpusError
        The file is missing, unreadable, empty, binary or in an unknown encoding.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot read ({error.strerror})") from error
    encoding = detect_encoding(data, name=str(path))
    return data.decode(encoding), encoding


_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
]  # fmt: skip
_INVISIBLE_TAGS = ["script", "style", "noscript", "template", "head", "iframe", "svg"]


def html_to_text(markup: str) -> tuple[str, str]:
    """The title and the visible text of an HTML page.

    Scripts, styles and the ``<head>`` are dropped, and so is the page's own chrome: every
    ``<nav>`` and any ``<footer>`` outside ``<article>``/``<main>`` (site menus, copyright
    lines; the HTML stays in :func:`load_corpus`'s ``raw``). Block elements and ``<br>`` become
    line breaks, inline elements do not (so a sentence with ``<b>`` inside stays on one line).

    Examples
    --------
    >>> html_to_text("<html><head><title>标题</title><script>var a=1;</script></head>"
    ...              "<body><p>这是<b>重要</b>的。</p><p>第二段</p></body></html>")
    ('标题', '\\n这是重要的。\\n\\n第二段\\n')
    >>> html_to_text("<nav>首页 | 登录</nav><p>正文。</p><footer>版权所有</footer>")[1].strip()
    '正文。'
    """
    from bs4 import BeautifulSoup  # only needed for HTML files

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    for tag in soup.find_all(["nav", "footer"]):
        if tag.name == "nav" or tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return title, soup.get_text()


_SUPPORTED = (".txt", ".html", ".htm", ".csv", ".jsonl", ".parquet", ".pdf", ".docx")
_GENERATED = {"doc_id", "raw", "text", "file", "encoding"}


def _table_records(
    table: pd.DataFrame, path: Path, text_column: str, where: str
) -> list[dict[str, Any]]:
    if text_column not in table.columns:
        columns = ", ".join(map(str, table.columns)) or "none"
        raise CorpusError(
            f"{path}: no text column {text_column!r} (columns: {columns}); "
            "pass text_column= to name the column holding the article text"
        )
    if table.empty:
        raise CorpusError(f"{path}: no rows")
    # Metadata keys once per table (a CSV of a million reviews is read row by row below).
    keys = {
        column: f"meta_{column}" if column in _GENERATED else str(column)
        for column in table.columns
        if column != text_column
    }
    has_id = "doc_id" in table.columns
    records = []
    for number, row in enumerate(table.to_dict("records"), start=1):
        value = row[text_column]
        if not isinstance(value, str):
            raise CorpusError(f"{path}: {where} {number}: {text_column!r} is not text")
        record: dict[str, Any] = {"doc_id": f"{path.stem}:{number}", "_row": number}
        for column, key in keys.items():
            cell = row[column]
            record[key] = "" if cell is None else cell
        if has_id and str(row["doc_id"]):
            record["doc_id"] = str(row["doc_id"])
        record["raw"] = value
        records.append(record)
    return records


def json_objects(lines: Iterable[str], path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of JSON Lines text, skipping blank lines; errors name file and line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}: line {number}: not JSON ({error.msg})") from error
        if not isinstance(item, dict):
            raise CorpusError(f"{path}: line {number}: expected a JSON object")
        yield item


def _file_records(path: Path, text_column: str) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix not in _SUPPORTED:
        raise CorpusError(
            f"{path}: unsupported file type {suffix or '(no extension)'!r}; "
            f"expected one of {', '.join(_SUPPORTED)}"
        )
    if suffix == ".parquet":
        return _parquet_records(path, text_column)
    if suffix in DOCUMENT_SUFFIXES:  # PDF text layer, DOCX body: retailkit.documents
        content, encoding = read_document(path)
    else:
        content, encoding = read_text(path)
    if not content.strip():
        raise CorpusError(f"{path}: empty file (only whitespace)")
    if suffix == ".txt" or suffix in DOCUMENT_SUFFIXES:
        records = [{"doc_id": path.stem, "raw": content}]
    elif suffix in (".html", ".htm"):
        title, visible = html_to_text(content)
        if not visible.strip():
            raise CorpusError(f"{path}: no visible text in the HTML")
        records = [{"doc_id": path.stem, "title": title, "raw": content, "_visible": visible}]
    elif suffix == ".csv":
        try:
            table = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise CorpusError(f"{path}: not a readable CSV ({error})") from error
        records = _table_records(table, path, text_column, "row")
    else:
        objects = list(json_objects(content.splitlines(), path))
        records = _table_records(pd.DataFrame(objects), path, text_column, "record")
    for record in records:
        record.update({"file": path.name, "encoding": encoding, "_file": str(path)})
    return records


def _parquet_records(path: Path, text_column: str) -> list[dict[str, Any]]:
    """One record per row of a Parquet file (text in ``text_column``), as for a CSV."""
    try:
        table = pd.read_parquet(path)
    except (OSError, ValueError, ImportError) as error:
        raise CorpusError(f"{path}: not a readable Parquet file ({error})") from error
    records = _table_records(table, path, text_column, "row")
    for record in records:
        record.update({"file": path.name, "encoding": "parquet", "_file": str(path)})
    return records


def _expand(paths: str | Path | Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Files to read and catalog files, in the order given (folders sorted by name)."""
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise CorpusError("load_corpus: no path given")
    files: list[Path] = []
    catalogs: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.is_file() and not p.name.startswith("."))
            catalogs += [p for p in found if p.name == "catalog.csv"]
            found = [p for p in found if p.name != "catalog.csv"]
            if not found:
                raise CorpusError(f"{item}: folder has no readable files ({', '.join(_SUPPORTED)})")
            files += found
        elif item.is_file():
            files.append(item)
        else:
            raise CorpusError(f"{item}: no such file or folder")
    # The same file named twice (directly and through its folder) is read once.
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return [Path(p) for p in unique], catalogs


# Below this many documents load_corpus(n_jobs > 1) cleans them in this process.
PARALLEL_MIN_DOCUMENTS = 2_000


# One document to clean: its text and script, or (piece, script) pairs to clean part by part.
_CleaningJob = tuple[str, Script, list[tuple[str, Script]] | None]


def _clean_documents(jobs: list[_CleaningJob]) -> list[tuple[str, str]]:
    """(cleaned text, original script) per document; cleaned parts are joined by a blank line."""
    out = []
    for body, script, parts in jobs:
        if parts is None:
            text = clean(body, script=script)
        else:
            text = "\n\n".join(t for t in (clean(p, script=s) for p, s in parts) if t)
        out.append((text, _original_script(body)))
    return out


def _original_script(text: str) -> str:
    share = traditional_share(text)
    return "simplified" if share < 0.01 else "traditional" if share > 0.1 else "mixed"


def load_corpus(
    path_or_paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    script: Script = "auto",
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Load a user's folder or files as a corpus, cleaned like the seeds.

    Parameters
    ----------
    path_or_paths : str, Path or iterable of them
        Files and/or folders. A folder contributes its files (not sub-folders; names starting
        with ``.`` are ignored); a ``catalog.csv`` in a folder is read as metadata (columns as
        ``seeds/catalog.csv``; its article rows fill ``title``, ``author`` ... by ``doc_id``,
        its ``script`` column chooses the conversion, and a document listed with several
        parts is cleaned part by part, as :func:`load_seeds` does).
        Supported: ``.txt``; ``.html``/``.htm`` (visible text only); ``.csv``, ``.jsonl`` and
        ``.parquet`` (one document per row, text in ``text_column``; ``encoding`` is
        ``"parquet"`` for Parquet). A single CSV without a catalog (a file of reviews) is
        built column by column, with the same result.
    text_column : str
        Column holding the text in CSV / JSONL / Parquet files.
    script : {"auto", "simplified", "mainland", "hongkong", "taiwan"}
        Passed to :func:`retailkit.cleaning.clean` (a catalog's ``script`` column wins).
    n_jobs : int
        Processes that clean the documents (``-1``: one per CPU); the result is the same for
        every value. Fewer than :data:`PARALLEL_MIN_DOCUMENTS` documents are cleaned here.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``doc_id`` (rows of one CSV/JSONL in file order). Columns
        :data:`CORPUS_COLUMNS` (``doc_id`` = file stem, or ``stem:row`` for CSV/JSONL unless the
        file has a ``doc_id`` column; ``raw`` = verbatim text (the HTML source for HTML); ``text``
        = cleaned text; ``original_script`` detected when not given: ``simplified``,
        ``traditional`` or ``mixed``), then ``file`` (file name), ``encoding``, then any other
        columns of CSV/JSONL files (kept as metadata; a clash with a generated column gets a
        ``meta_`` prefix).

    Raises
    ------
    CorpusError
        Naming the file and the problem: missing path, folder with no files, unsupported
        extension, empty or binary file, unknown encoding, bad CSV/JSON, missing text column,
        duplicate ``doc_id``. No file is skipped silently.

    Examples
    --------
    >>> corpus = load_corpus(SEEDS_DIR)
    >>> corpus[["doc_id", "file", "encoding", "published"]].head(2)
                     doc_id                      file encoding   published
    0  000_217eb4ff2da10e5a  000_217eb4ff2da10e5a.txt    utf-8  2017-11-08
    1  001_0d65e2bbff311307  001_0d65e2bbff311307.txt    utf-8  2018-06-25
    """
    files, catalogs = _expand(path_or_paths)
    if _single_table(files, catalogs):
        return _load_single_csv(files[0], text_column, script, n_jobs)
    records = [record for path in files for record in _file_records(path, text_column)]
    catalog = pd.concat([read_catalog(p.parent) for p in catalogs]) if catalogs else None
    known = (
        {}
        if catalog is None
        else {row["doc_id"]: row for _, row in catalog[catalog["part"] == ""].iterrows()}
    )
    part_scripts: dict[str, list[Script]] = {}
    if catalog is not None:
        for _, row in catalog[catalog["part"] != ""].iterrows():
            part_scripts.setdefault(row["doc_id"], []).append(cast(Script, row["script"] or script))
    seen: dict[str, str] = {}
    jobs: list[_CleaningJob] = []
    for record in records:
        doc_id = record["doc_id"]
        if doc_id in seen:
            raise CorpusError(
                f"{record['_file']}: doc_id {doc_id!r} already used by {seen[doc_id]}; "
                "rename one of the files"
            )
        seen[doc_id] = record["_file"]
        entry = known.get(doc_id)
        for column in _METADATA:  # the curated catalog wins over a file's own (HTML <title>)
            if entry is not None and (entry[column] or not record.get(column)):
                record[column] = entry[column]
        document_script = entry["script"] if entry is not None and entry["script"] else script
        body = record.pop("_visible", record["raw"])
        scripts = part_scripts.get(doc_id, [])
        pieces = split_parts(body) if len(scripts) > 1 else [body]
        if len(scripts) > 1 and len(scripts) == len(pieces):
            # an archive page listed part by part in the catalog: clean as load_seeds does
            jobs.append((body, document_script, list(zip(pieces, scripts, strict=True))))
        else:
            jobs.append((body, document_script, None))
    unmatched = sorted(set(known) - set(seen))
    if unmatched:
        where = ", ".join(str(p) for p in catalogs)
        warnings.warn(
            f"{where}: {len(unmatched)} catalog row(s) match no file and are not used "
            f"(doc_id is the file name without extension): {', '.join(unmatched[:5])}",
            stacklevel=2,
        )
    cleaned = _clean_in_parts(jobs, n_jobs)
    for record, (text, detected) in zip(records, cleaned, strict=True):
        record["text"] = text
        if not record.get("original_script"):
            record["original_script"] = detected
    return _sorted_corpus(pd.DataFrame(records))


def _clean_in_parts(jobs: list[_CleaningJob], n_jobs: int) -> list[tuple[str, str]]:
    n_jobs = effective_jobs(n_jobs)
    if n_jobs == 1 or len(jobs) < PARALLEL_MIN_DOCUMENTS:
        return _clean_documents(jobs)
    return [pair for part in run_in_parts(_clean_documents, jobs, n_jobs) for pair in part]


def _single_table(files: list[Path], catalogs: list[Path]) -> bool:
    """Whether :func:`load_corpus` takes the column-by-column path (one CSV, no catalog)."""
    return not catalogs and len(files) == 1 and files[0].suffix.lower() == ".csv"


def _load_single_csv(path: Path, text_column: str, script: Script, n_jobs: int) -> pd.DataFrame:
    """:func:`load_corpus` of one CSV without a catalog, built column by column.

    Gives the same table as the record-by-record path (tested), without a Python dict per row:
    the review path (a million short texts in one column) spends its time cleaning, not here.
    """
    content, encoding = read_text(path)
    if not content.strip():
        raise CorpusError(f"{path}: empty file (only whitespace)")
    try:
        table = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{path}: not a readable CSV ({error})") from error
    del content
    if text_column not in table.columns:
        _table_records(table, path, text_column, "row")  # raises the usual error
    if table.empty:
        raise CorpusError(f"{path}: no rows")
    numbers = pd.RangeIndex(1, len(table) + 1)
    doc_ids = path.stem + ":" + pd.Series(numbers.astype(str), dtype=object)
    if "doc_id" in table.columns:
        given = table["doc_id"].astype(object).reset_index(drop=True)
        doc_ids = given.where(given != "", doc_ids)
    repeated = doc_ids[doc_ids.duplicated()]
    if len(repeated):
        raise CorpusError(
            f"{path}: doc_id {repeated.iloc[0]!r} already used by {path}; rename one of the files"
        )
    # Lists, not object arrays: pandas then infers the same dtypes as from the records.
    columns: dict[str, Any] = {"doc_id": doc_ids.tolist(), "_row": numbers.to_numpy()}
    for column in table.columns:
        if column != text_column:
            key = f"meta_{column}" if column in _GENERATED else str(column)
            columns[key] = table[column].tolist()
    raws = table[text_column].tolist()
    cleaned = _clean_in_parts([(raw, script, None) for raw in raws], n_jobs)
    columns |= {"raw": raws, "file": path.name, "encoding": encoding, "_file": str(path)}
    columns["text"] = [text for text, _ in cleaned]
    detected = [original for _, original in cleaned]
    if "original_script" in columns:  # the file's own column wins where it is not empty
        given_script = pd.Series(columns["original_script"], dtype=object)
        columns["original_script"] = given_script.where(given_script != "", detected).tolist()
    else:
        columns["original_script"] = detected
    return _sorted_corpus(pd.DataFrame(columns))


def _sorted_corpus(table: pd.DataFrame) -> pd.DataFrame:
    """The corpus table in :func:`load_corpus`'s column order, sorted by ``doc_id``."""
    for column in CORPUS_COLUMNS:
        if column not in table.columns:
            table[column] = ""
        table[column] = table[column].fillna("")
    table["_row"] = table.get("_row", pd.Series(0, index=table.index)).fillna(0).astype(int)
    table["_key"] = table["doc_id"].str.replace(r":\d+$", "", regex=True)
    table = table.sort_values(["_key", "_row", "doc_id"], kind="stable").reset_index(drop=True)
    extra = [c for c in table.columns if c not in CORPUS_COLUMNS and not c.startswith("_")]
    extra = ["file", "encoding", *[c for c in extra if c not in ("file", "encoding")]]
    return table[CORPUS_COLUMNS + extra]


# A hash suffix as in the seeds' file names: 12 or more hex digits, at least one a-f letter (so
# dates such as _20190312 stay).
_HASH_SUFFIX = re.compile(r"(?<=.)_(?=[0-9]*[a-f])[0-9a-f]{12,}$")


def publication_year(published: Iterable[object]) -> pd.Series:
    """The year a ``published`` value starts with (``YYYY``, ``YYYY-MM`` ...), else ``<NA>``.

    Examples
    --------
    >>> publication_year(["2013", "2018-06-25", "", "unknown", None]).tolist()
    [2013, 2018, <NA>, <NA>, <NA>]
    """
    values = pd.Series(list(published), dtype=object).fillna("").astype(str)
    return pd.to_numeric(values.str.extract(r"^([0-9]{4})", expand=False)).astype("Int64")


def publication_date(published: Iterable[object]) -> pd.DataFrame:
    """A point in time for each ``published`` value, with the precision it was given at.

    ``YYYY-MM-DD`` is that day; ``YYYY-MM`` is the middle of the month (the 15th); ``YYYY`` the
    middle of the year (1 July) — so a timeline can place pieces on a real date axis without
    claiming more precision than the catalog has.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64, NaT when there is no year) and ``precision``
        (``day`` / ``month`` / ``year`` / ``""``).

    Examples
    --------
    >>> dates = publication_date(["2013", "2018-06", "2017-11-08", ""])
    >>> dates["date"].dt.strftime("%Y-%m-%d").fillna("").tolist(), dates["precision"].tolist()
    (['2013-07-01', '2018-06-15', '2017-11-08', ''], ['year', 'month', 'day', ''])
    """
    values = pd.Series(list(published), dtype=object).fillna("").astype(str).str.strip()
    parts = values.str.extract(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2}))?(?:-(?P<d>[0-9]{2}))?")
    precision = np.where(
        parts["d"].notna(),
        "day",
        np.where(parts["m"].notna(), "month", np.where(parts["y"].notna(), "year", "")),
    )
    text = (
        parts["y"].fillna("")
        + "-"
        + parts["m"].fillna("07")
        + "-"
        + parts["d"].fillna(pd.Series(np.where(parts["m"].notna(), "15", "01"), index=parts.index))
    )
    dates = pd.to_datetime(text.where(parts["y"].notna()), format="%Y-%m-%d", errors="coerce")
    return pd.DataFrame({"date": dates, "precision": precision})


def short_ids(doc_ids: Iterable[str]) -> dict[str, str]:
    """Short display ids: ``doc_id`` without a trailing ``_<hex hash>``, if they stay unique.

    Examples
    --------
    >>> short_ids(["000_217eb4ff2da10e5a", "001_0d65e2bbff311307"])
    {'000_217eb4ff2da10e5a': '000', '001_0d65e2bbff311307': '001'}
    >>> list(short_ids(["a_1234abcd5678", "a_9876fedc5432"]).values())  # would collide
    ['a_1234abcd5678', 'a_9876fedc5432']
    >>> short_ids(["report_20190312", "_217eb4ff2da10e5a"])  # a date, and nothing before
    {'report_20190312': 'report_20190312', '_217eb4ff2da10e5a': '_217eb4ff2da10e5a'}
    """
    ids = list(dict.fromkeys(doc_ids))
    short = [_HASH_SUFFIX.sub("", doc_id) for doc_id in ids]
    if len(set(short)) < len(short):
        short = ids
    return dict(zip(ids, short, strict=True))


def _is_seed_folder(path: Path) -> bool:
    """A folder in the seeds' format: ``catalog.csv`` lists every file, each a ``.txt``."""
    if not (path.is_dir() and (path / "catalog.csv").is_file()):
        return False
    catalog = read_catalog(path)
    articles = set(catalog.loc[catalog["part"] == "", "doc_id"])
    with_parts = set(catalog.loc[catalog["part"] != "", "doc_id"])
    files = {p.name for p in path.iterdir() if p.is_file() and not p.name.startswith(".")}
    return (
        bool(articles)
        and articles <= with_parts
        and files - {"catalog.csv"} == {f"{doc_id}.txt" for doc_id in articles}
    )


def load_articles(
    path: str | Path | None = None, by: Literal["article", "part"] = "article"
) -> pd.DataFrame:
    """Articles (or their parts) from the seeds or from any folder, in one shape.

    This is how the notebooks load their ``SEEDS``/``CORPUS`` parameter, so that they run on a
    researcher's own folder as well as on the seeds.

    Parameters
    ----------
    path : str or Path, optional
        A folder in the seeds' format (a ``catalog.csv`` listing every file, each a ``.txt``,
        with its parts) is read with :func:`load_seeds`; any other folder or file with
        :func:`load_corpus` (metadata from a ``catalog.csv`` when there is one, ``""``
        otherwise), each document being one part. Default: :data:`SEEDS_DIR`.
    by : {"article", "part"}
        One row per article, or one per part (``part`` column; 1 for every document read by
        :func:`load_corpus`).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`load_seeds` (plus ``file``, ``encoding`` ... from
        :func:`load_corpus`), then ``short`` (:func:`short_ids`) and ``label`` (``short`` and,
        when ``published`` starts with a year, the year: ``"000 (2017)"``) for tables and
        figures.

    Examples
    --------
    >>> load_articles()[["short", "label"]].head(2)
      short       label
    0   000  000 (2017)
    1   001  001 (2018)
    >>> load_articles(by="part").groupby("short")["part"].max().to_dict()
    {'000': 1, '001': 1, '002': 1, '003': 1, '004': 3}
    """
    if by not in ("article", "part"):
        raise ValueError(f"by={by!r}: expected 'article' or 'part'")
    where = SEEDS_DIR if path is None else Path(path)
    if _is_seed_folder(where):
        table = load_seeds(by, directory=where)
    else:
        table = load_corpus(where)
        # Columns of the user's CSV/JSONL named like the ones added here keep a prefix.
        clash = [c for c in ("part", "short", "label") if c in table.columns]
        table = table.rename(columns={c: f"meta_{c}" for c in clash})
        if by == "part":
            table.insert(1, "part", 1)
    short = short_ids(table["doc_id"])
    table["short"] = table["doc_id"].map(short)
    year = publication_year(table["published"])
    with_year = table["short"] + " (" + year.astype(str).set_axis(table.index) + ")"
    table["label"] = with_year.where(year.notna().to_numpy(), table["short"])
    return table


# --------------------------------------------------------------------------- description


def character_shares(text: str) -> dict[str, float]:
    """Shares of hanzi, Latin letters, digits, punctuation/symbols and other characters.

    Whitespace is not counted; the shares of the other characters sum to 1 (all 0.0 for text
    without any).

    Examples
    --------
    >>> character_shares("双11狂欢夜74亿次")
    {'han': 0.6, 'latin': 0.0, 'digit': 0.4, 'punctuation': 0.0, 'other': 0.0}
    >>> character_shares("AR、VR")
    {'han': 0.0, 'latin': 0.8, 'digit': 0.0, 'punctuation': 0.2, 'other': 0.0}
    """
    counts = dict.fromkeys(["han", "latin", "digit", "punctuation", "other"], 0)
    for char in text:
        if char.isspace():
            continue
        category = unicodedata.category(char)
        if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
            counts["han"] += 1
        elif char.isascii() and char.isalpha():
            counts["latin"] += 1
        elif char.isdigit():
            counts["digit"] += 1
        elif category[0] in "PS":
            counts["punctuation"] += 1
        else:
            counts["other"] += 1
    total = sum(counts.values())
    return {k: (v / total if total else 0.0) for k, v in counts.items()}


def corpus_profile(corpus: pd.DataFrame) -> pd.DataFrame:
    """Lengths and script composition of each document, before (``raw``) and after cleaning.

    Parameters
    ----------
    corpus : pandas.DataFrame
        With ``doc_id``, ``raw`` and ``text`` columns (and ``part``, kept if present), as from
        :func:`load_seeds` or :func:`load_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per input row, in the same order: ``doc_id`` (``part``), ``raw_chars``,
        ``text_chars`` (non-whitespace characters), ``kept_share`` (text/raw),
        ``paragraphs``, ``sentences``, ``raw_traditional_share`` and ``text_traditional_share``
        (share of hanzi that are Traditional: changed by OpenCC ``t2s``, or 著 written for the
        particle 着, see :func:`~retailkit.cleaning.traditional_remnants`),
        ``text_traditional_left`` (those Traditional characters left in the cleaned text, in
        order; ``""`` when none), and the :func:`character_shares` of
        the raw text prefixed ``raw_`` (``raw_han``, ``raw_latin`` ...).

    Examples
    --------
    >>> profile = corpus_profile(load_seeds())
    >>> profile[["doc_id", "raw_chars", "text_chars", "text_traditional_share"]].head(2)
                     doc_id  raw_chars  text_chars  text_traditional_share
    0  000_217eb4ff2da10e5a       2881        2161                     0.0
    1  001_0d65e2bbff311307       4359        3667                     0.0
    """
    rows = []
    for _, document in corpus.iterrows():
        raw, text = str(document["raw"]), str(document["text"])
        raw_chars = sum(1 for c in raw if not c.isspace())
        text_chars = sum(1 for c in text if not c.isspace())
        row: dict[str, Any] = {"doc_id": document["doc_id"]}
        if "part" in corpus.columns:
            row["part"] = document["part"]
        row |= {
            "raw_chars": raw_chars,
            "text_chars": text_chars,
            "kept_share": text_chars / raw_chars if raw_chars else 0.0,
            "paragraphs": len(split_paragraphs(text)),
            "sentences": len(split_sentences(text)),
            "raw_traditional_share": traditional_share(raw),
            "text_traditional_share": traditional_share(text),
            "text_traditional_left": "".join(traditional_remnants(text)),
        }
        row |= {f"raw_{k}": v for k, v in character_shares(raw).items()}
        rows.append(row)
    return pd.DataFrame(rows)


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Summarise an audit table by document, step and rule.

    Parameters
    ----------
    audit : pandas.DataFrame
        From :func:`seed_audit` or :func:`retailkit.cleaning.clean_with_audit`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``step``, ``rule``, ``n`` (removals), ``chars`` (characters
        removed, whitespace not counted), ``net_chars`` (``chars`` minus the non-whitespace
        characters put in their place: a repair that replaces 20 characters of mojibake by 15
        readable ones removes 20 but shortens the text by 5) and ``example`` (the first
        removal, at most 30 characters, line breaks shown as ``⏎``); sorted by ``doc_id``,
        ``step``, ``rule``.

    Examples
    --------
    >>> summary = audit_summary(seed_audit())
    >>> summary[summary["rule"] == "cms_page_marker"][["rule", "n", "chars", "example"]]
                   rule  n  chars     example
    23  cms_page_marker  1     10  #p#分页标题#e#
    >>> summary[summary["step"] == "repair_mojibake"][["rule", "n", "chars", "net_chars"]]
                      rule  n  chars  net_chars
    7       gbk_byte_shift  2     38         10
    8  lost_copyright_sign  1      1          0
    """
    columns = ["doc_id", "step", "rule", "n", "chars", "net_chars", "example"]
    if audit.empty:
        return pd.DataFrame(columns=columns)
    work = audit.assign(
        chars=audit["removed"].map(_visible_length),
        net_chars=audit["removed"].map(_visible_length)
        - audit["replacement"].fillna("").map(_visible_length),
        example=audit["removed"].map(
            lambda s: re.sub(r"\s*\n\s*", "⏎", s.strip())[:30] + ("…" if len(s) > 30 else "")
        ),
    )
    summary = (
        work.groupby(["doc_id", "step", "rule"], sort=True)
        .agg(
            n=("removed", "size"),
            chars=("chars", "sum"),
            net_chars=("net_chars", "sum"),
            example=("example", "first"),
        )
        .reset_index()
    )
    return summary[columns]


def _visible_length(text: str) -> int:
    """Number of non-whitespace characters."""
    return sum(1 for c in text if not c.isspace())
