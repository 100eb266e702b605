"""Whole corpora in bounded memory: chunks in, per-document profiles out, resumable.

Three pieces, used by the command line (``retailkit profile``) and usable from notebooks:

* :func:`iter_raw_chunks` / :func:`iter_corpus` — read files as :func:`~retailkit.load_corpus`
  does (``.txt``, ``.html``, ``.csv``, ``.jsonl``, ``.parquet``), but ``chunk_size`` documents
  at a time: CSV, JSONL and Parquet files are streamed, never read whole. A row whose text is
  missing or holds undecodable bytes either stops the run with the file and row named
  (``on_error="fail"``) or is kept with its ``error`` column filled (``on_error="skip"``).
* :func:`profile_chunk` — the per-document numbers of one chunk: cleaned with
  :func:`retailkit.cleaning.clean`, theme counts and rates as :func:`retailkit.theme_profile`,
  review sentiment from :func:`retailkit.sentiment.score` (columns :data:`PROFILE_COLUMNS`).
* :class:`ChunkStore` — writes each finished chunk to its own Parquet file (temporary name, then
  rename), so an interrupted run resumes from the last completed chunk, and assembles them into
  one Parquet file (one row group per chunk) only when all are done.

Rows keep file order (``load_corpus`` sorts by ``doc_id``; a stream cannot). Catalog files
(``catalog.csv``) are not read here: join metadata on ``doc_id`` afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd

from retailkit.cleaning import Script
from retailkit.errors import CorpusError

__all__ = [
    "CHUNK_SIZE",
    "PROFILE_COLUMNS",
    "RAW_COLUMNS",
    "ChunkStore",
    "OnError",
    "file_fingerprint",
    "iter_corpus",
    "iter_raw_chunks",
    "list_input_files",
    "map_in_processes",
    "profile_chunk",
    "profile_schema",
]

T = TypeVar("T")
R = TypeVar("R")

#: Documents per chunk by default: about 80 MB of working memory per worker for reviews.
CHUNK_SIZE = 10_000

#: What to do with a row whose text is missing or undecodable.
OnError = Literal["fail", "skip"]

#: Columns of a raw chunk (before cleaning). ``body`` is what gets cleaned (the visible text of
#: an HTML page, else ``raw``); ``row`` is the 1-based row in a CSV/JSONL/Parquet file, 0 for a
#: whole-file document; ``error`` is ``""`` unless the row was kept with ``on_error="skip"``.
RAW_COLUMNS = ["doc_id", "file", "row", "encoding", "raw", "body", "error"]

_STREAMED = (".csv", ".jsonl", ".parquet")
_WHOLE_FILE = (".txt", ".html", ".htm")
_SAMPLE_BYTES = 1 << 20  # bytes read to detect a streamed file's encoding
_UNDECODABLE = re.compile(r"[\udc80-\udcff]")  # surrogateescape's stand-ins for bad bytes


# --------------------------------------------------------------------------- reading


def list_input_files(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files named by ``paths`` (folders contribute their files, sorted by name).

    ``catalog.csv`` and names starting with ``.`` are left out of folders; a file named twice is
    read once.

    Raises
    ------
    CorpusError
        A path does not exist, a folder holds no file, or nothing was given.

    Examples
    --------
    >>> from retailkit.corpus import SEEDS_DIR
    >>> [p.name[:3] for p in list_input_files(SEEDS_DIR)]
    ['000', '001', '002', '003', '004']
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise CorpusError("no input given: name at least one file or folder")
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            found = sorted(
                p
                for p in item.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.name != "catalog.csv"
            )
            if not found:
                raise CorpusError(f"{item}: folder has no files to read")
            files += found
        elif item.is_file():
            files.append(item)
        else:
            raise CorpusError(f"{item}: no such file or folder")
    return [Path(p) for p in dict.fromkeys(p.resolve() for p in files)]


def file_fingerprint(path: str | Path) -> dict[str, Any]:
    """Name, size and SHA-256 of a file (read in 1 MiB blocks).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.txt"
    ...     _ = path.write_text("新零售", encoding="utf-8")
    ...     file_fingerprint(path)["sha256"][:12]
    '93fbcde6f697'
    """
    path = Path(path)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_SAMPLE_BYTES), b""):
            digest.update(block)
    return {"path": str(path), "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _stream_encoding(path: Path) -> str:
    """The encoding of a streamed file, detected from its first MiB (cut at a line end).

    UTF-8 with a few bad bytes (at most 1 % of the characters) counts as UTF-8: the rows holding
    them are then reported one by one (``on_error``) instead of the whole file.
    """
    from retailkit.corpus import detect_encoding

    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES + 1)
    if len(sample) > _SAMPLE_BYTES:
        sample = sample[: sample.rfind(b"\n", 0, _SAMPLE_BYTES) + 1] or sample[:_SAMPLE_BYTES]
    try:
        return detect_encoding(sample, name=str(path))
    except CorpusError:
        decoded = sample.decode("utf-8", errors="replace")
        if decoded.count("\ufffd") <= 0.01 * len(decoded) and b"\x00" not in sample:
            return "utf-8"
        raise


def _row_error(value: object, text_column: str) -> str:
    if not isinstance(value, str):
        return f"{text_column!r} is missing (not text)"
    bad = _UNDECODABLE.search(value)
    if bad is not None:
        return f"{text_column!r} has undecodable bytes at character {bad.start():,}"
    return ""


def _table_chunk(
    table: pd.DataFrame,
    path: Path,
    encoding: str,
    first_row: int,
    text_column: str,
    on_error: OnError,
) -> pd.DataFrame:
    """A raw chunk from rows ``first_row, first_row + 1 ...`` of a table file."""
    if text_column not in table.columns:
        columns = ", ".join(map(str, table.columns)) or "none"
        raise CorpusError(
            f"{path}: no text column {text_column!r} (columns: {columns}); "
            "pass --text-column / text_column= to name the column holding the text"
        )
    rows = np.arange(first_row, first_row + len(table), dtype=np.int64)
    values = table[text_column].tolist()
    errors = [_row_error(value, text_column) for value in values]
    for row, error in zip(rows, errors, strict=True):
        if error and on_error == "fail":
            raise CorpusError(
                f"{path}: row {row}: {error}; fix the file, or pass --on-error skip "
                "(on_error='skip') to keep such rows with an error column"
            )
    bodies = ["" if error else value for value, error in zip(values, errors, strict=True)]
    stem = path.stem
    doc_ids = [f"{stem}:{row}" for row in rows.tolist()]
    if "doc_id" in table.columns:
        given = ["" if v is None or v != v else str(v) for v in table["doc_id"].tolist()]
        doc_ids = [g or d for g, d in zip(given, doc_ids, strict=True)]
    return pd.DataFrame(
        {
            "doc_id": doc_ids,
            "file": path.name,
            "row": rows,
            "encoding": encoding,
            "raw": bodies,
            "body": bodies,
            "error": errors,
        },
        columns=RAW_COLUMNS,
    )


def _csv_tables(path: Path, chunk_size: int) -> Iterator[tuple[pd.DataFrame, str]]:
    encoding = _stream_encoding(path)
    try:
        reader = pd.read_csv(
            path,
            dtype=object,  # not Arrow strings, which cannot hold surrogate-escaped bytes
            keep_default_na=False,
            encoding=encoding,
            encoding_errors="surrogateescape",
            chunksize=chunk_size,
        )
        with reader:
            for table in reader:
                yield table, encoding
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(f"{path}: not a readable CSV ({error})") from error


def _jsonl_tables(path: Path, chunk_size: int) -> Iterator[tuple[pd.DataFrame, str]]:
    encoding = _stream_encoding(path)
    objects: list[dict[str, Any]] = []
    from retailkit.corpus import json_objects

    with path.open(encoding=encoding, errors="surrogateescape", newline="") as handle:
        for item in json_objects(handle, path):
            objects.append(item)
            if len(objects) == chunk_size:
                yield pd.DataFrame(objects), encoding
                objects = []
    if objects:
        yield pd.DataFrame(objects), encoding


def _parquet_tables(path: Path, chunk_size: int) -> Iterator[tuple[pd.DataFrame, str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=chunk_size):
            yield pa.Table.from_batches([batch]).to_pandas(types_mapper=None), "parquet"
    except (pa.ArrowException, OSError) as error:
        raise CorpusError(f"{path}: not a readable Parquet file ({error})") from error


def _whole_file_chunk(paths: list[Path], text_column: str) -> pd.DataFrame:
    from retailkit.corpus import _file_records

    rows = []
    for path in paths:
        for record in _file_records(path, text_column):
            rows.append(
                {
                    "doc_id": record["doc_id"],
                    "file": path.name,
                    "row": 0,
                    "encoding": record["encoding"],
                    "raw": record["raw"],
                    "body": record.get("_visible", record["raw"]),
                    "error": "",
                }
            )
    return pd.DataFrame(rows, columns=RAW_COLUMNS).astype({"row": np.int64})


class _DocIds:
    """The ``doc_id`` values seen so far, to refuse a repeated one, in memory that does not grow
    with the corpus for generated ids.

    An id generated as ``stem:row`` is unique within its file, so only its file's stem and
    largest row are kept; a given id (a ``doc_id`` column, a whole file's stem) is kept itself.
    """

    def __init__(self) -> None:
        self.generated: dict[str, tuple[str, int]] = {}  # stem -> (file path, largest row)
        self.given: dict[str, str] = {}  # id -> file

    def _generated_owner(self, doc_id: str) -> str | None:
        stem, _, number = doc_id.rpartition(":")
        if stem in self.generated and number.isdigit():
            file, largest = self.generated[stem]
            if 1 <= int(number) <= largest:
                return file
        return None

    def check(self, chunk: pd.DataFrame, source: Path | None = None) -> None:
        """Raise on a repeated id; ``source`` is the table file all rows come from, if one."""
        stem, name = (source.stem, str(source)) if source is not None else ("", "")
        columns = (chunk["doc_id"].tolist(), chunk["file"].tolist(), chunk["row"].tolist())
        for doc_id, file, row in zip(*columns, strict=True):
            if source is not None and row > 0 and doc_id == f"{stem}:{row}":
                owner, largest = self.generated.get(stem, (name, 0))
                if owner != name or doc_id in self.given:
                    owner = owner if owner != name else self.given[doc_id]
                    raise CorpusError(
                        f"{source}: doc_id {doc_id!r} already used by {owner}; make the ids unique"
                    )
                self.generated[stem] = (owner, max(largest, int(row)))
                continue
            earlier = self.given.get(doc_id) or self._generated_owner(doc_id)
            if earlier is not None:
                raise CorpusError(
                    f"{file}: doc_id {doc_id!r} already used by {earlier}; make the ids unique"
                )
            self.given[doc_id] = file


def iter_raw_chunks(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    chunk_size: int = CHUNK_SIZE,
    on_error: OnError = "fail",
) -> Iterator[pd.DataFrame]:
    """Chunks of at most ``chunk_size`` documents, as read (not yet cleaned).

    Files are read in the order of :func:`list_input_files`; a CSV/JSONL/Parquet file is
    streamed (its encoding detected from the first MiB), ``.txt``/``.html`` files are read
    whole, several to a chunk. A chunk never spans two table files, so chunk boundaries depend
    only on the files and ``chunk_size``.

    Parameters
    ----------
    paths
        Files and/or folders.
    text_column
        Column holding the text in CSV/JSONL/Parquet files.
    chunk_size
        Largest number of documents per chunk.
    on_error : {"fail", "skip"}
        A row whose text is missing (null, or not a string) or holds bytes the file's encoding
        cannot decode: ``"fail"`` raises :class:`~retailkit.errors.CorpusError` naming the file
        and row; ``"skip"`` keeps the row with empty text and the reason in ``error``.

    Yields
    ------
    pandas.DataFrame
        Columns :data:`RAW_COLUMNS`.

    Raises
    ------
    CorpusError
        As :func:`~retailkit.load_corpus` (missing path, unsupported or empty file, missing text
        column, bad CSV/JSON, duplicate ``doc_id``) and for bad rows with ``on_error="fail"``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "r.csv"
    ...     _ = path.write_text("review\\n好评\\n差评\\n一般\\n", encoding="utf-8")
    ...     chunks = list(iter_raw_chunks(path, text_column="review", chunk_size=2))
    >>> [chunk["doc_id"].tolist() for chunk in chunks]
    [['r:1', 'r:2'], ['r:3']]
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size: expected a positive number, got {chunk_size}")
    if on_error not in ("fail", "skip"):
        raise ValueError(f"on_error: expected 'fail' or 'skip', got {on_error!r}")
    ids = _DocIds()

    def checked(chunk: pd.DataFrame, source: Path | None = None) -> pd.DataFrame:
        ids.check(chunk, source)
        return chunk

    pending: list[Path] = []
    for path in list_input_files(paths):
        suffix = path.suffix.lower()
        if suffix not in _STREAMED:
            pending.append(path)
            if len(pending) == chunk_size:
                yield checked(_whole_file_chunk(pending, text_column))
                pending = []
            continue
        if pending:
            yield checked(_whole_file_chunk(pending, text_column))
            pending = []
        if path.stat().st_size == 0:
            raise CorpusError(f"{path}: empty file")
        readers = {".csv": _csv_tables, ".jsonl": _jsonl_tables, ".parquet": _parquet_tables}
        first_row = 1
        for table, encoding in readers[suffix](path, chunk_size):
            chunk = _table_chunk(table, path, encoding, first_row, text_column, on_error)
            first_row += len(table)
            yield checked(chunk, path)
        if first_row == 1:
            raise CorpusError(f"{path}: no rows")
    if pending:
        yield checked(_whole_file_chunk(pending, text_column))


def clean_chunk(chunk: pd.DataFrame, *, script: Script = "auto") -> pd.DataFrame:
    """A raw chunk with ``text`` (cleaned, as ``load_corpus``) and ``original_script`` added.

    Examples
    --------
    >>> raw = pd.DataFrame({"body": ["後來，天貓做了互動"], "error": [""]})
    >>> clean_chunk(raw)[["text", "original_script"]].iloc[0].tolist()
    ['后来，天猫做了互动', 'traditional']
    """
    from retailkit.corpus import _clean_documents

    cleaned = _clean_documents([(str(body), script, None) for body in chunk["body"]])
    out = chunk.copy()
    out["text"] = [text for text, _ in cleaned]
    out["original_script"] = [detected for _, detected in cleaned]
    return out


def iter_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    script: Script = "auto",
    chunk_size: int = CHUNK_SIZE,
    on_error: OnError = "fail",
) -> Iterator[pd.DataFrame]:
    """A corpus as cleaned chunks: :func:`iter_raw_chunks` then :func:`clean_chunk`.

    For notebooks and scripts that work through a corpus too large to load at once. Each chunk
    has ``doc_id, file, row, encoding, raw, text, original_script, error``; the ``text`` of a
    document is the same as :func:`~retailkit.load_corpus` gives it.

    Examples
    --------
    >>> from retailkit.corpus import SEEDS_DIR
    >>> chunks = iter_corpus(SEEDS_DIR, chunk_size=2)
    >>> [len(chunk) for chunk in chunks]
    [2, 2, 1]
    """
    for chunk in iter_raw_chunks(
        paths, text_column=text_column, chunk_size=chunk_size, on_error=on_error
    ):
        yield clean_chunk(chunk, script=script).drop(columns=["body"])


# --------------------------------------------------------------------------- profiling


@dataclass(frozen=True)
class ProfileOptions:
    """What :func:`profile_chunk` computes (the command line's flags)."""

    script: Script = "auto"
    sentiment: bool = True
    stance: bool = False
    keep_text: bool = False


def _theme_names() -> list[str]:
    from retailkit.themes import load_themes

    return sorted(set(load_themes()["theme"]))


#: Columns every profile starts with; then, per theme ``T`` (sorted), ``T_count`` and
#: ``T_per_1000``; then ``sentiment`` / ``stance`` / ``text`` when asked for.
PROFILE_COLUMNS = [
    "doc_id",
    "file",
    "row",
    "original_script",
    "error",
    "chars",
    "sentences",
    "tokens",
]


def profile_schema(options: ProfileOptions | None = None) -> Any:
    """The ``pyarrow.Schema`` of :func:`profile_chunk`'s output (also Dask's ``meta``).

    Examples
    --------
    >>> profile_schema().names[:8] == PROFILE_COLUMNS
    True
    >>> profile_schema().field("sentiment").type
    DataType(double)
    """
    import pyarrow as pa

    options = options or ProfileOptions()
    fields = [
        pa.field("doc_id", pa.string()),
        pa.field("file", pa.string()),
        pa.field("row", pa.int64()),
        pa.field("original_script", pa.string()),
        pa.field("error", pa.string()),
        pa.field("chars", pa.int64()),
        pa.field("sentences", pa.int64()),
        pa.field("tokens", pa.int64()),
    ]
    for theme in _theme_names():
        fields += [
            pa.field(f"{theme}_count", pa.int64()),
            pa.field(f"{theme}_per_1000", pa.float64()),
        ]
    if options.sentiment:
        fields.append(pa.field("sentiment", pa.float64()))
    if options.stance:
        fields.append(pa.field("stance", pa.float64()))
    if options.keep_text:
        fields.append(pa.field("text", pa.string()))
    return pa.schema(fields)


def _document_stance(texts: Sequence[str]) -> np.ndarray:
    """Mean ``stance.score`` over each text's sentences (NaN for a text without sentences)."""
    from retailkit import stance
    from retailkit.cleaning import split_sentences

    per_text = [split_sentences(text) for text in texts]
    flat = [sentence for sentences in per_text for sentence in sentences]
    scores = stance.score(flat) if flat else np.array([], dtype=np.float64)
    out = np.full(len(texts), np.nan)
    start = 0
    for index, sentences in enumerate(per_text):
        if sentences:
            out[index] = float(np.nanmean(scores[start : start + len(sentences)]))
        start += len(sentences)
    return out


def profile_chunk(chunk: pd.DataFrame, options: ProfileOptions | None = None) -> pd.DataFrame:
    """Per-document numbers of one raw chunk (columns of :func:`profile_schema`).

    Cleans ``body`` (:func:`clean_chunk`), then takes the theme counts, token and sentence
    counts of :func:`retailkit.theme_profile` (rate per 1,000 tokens, stopwords and punctuation
    not counted; computed in one pass by :func:`retailkit.themes.theme_counts`), review
    sentiment from :func:`retailkit.sentiment.score` on the cleaned text and, when asked for,
    stance as the mean :func:`retailkit.stance.score` of the document's sentences. Rows with an
    ``error`` get no numbers (counts 0, scores NaN). The result depends on nothing but the chunk
    and ``options``, so it is the same in any process.

    Examples
    --------
    >>> text = "微博上的互动营销很好"
    >>> raw = pd.DataFrame({"doc_id": ["r:1"], "file": ["r.csv"], "row": [1], "encoding": [""],
    ...                     "raw": [text], "body": [text], "error": [""]})
    >>> out = profile_chunk(raw)
    >>> out[["tokens", "platforms_count", "interactive_marketing_per_1000"]].to_dict("records")
    [{'tokens': 3, 'platforms_count': 1, 'interactive_marketing_per_1000': 333.3333333333333}]
    >>> bool(out["sentiment"].iloc[0] > 0.5)
    True
    """
    from retailkit import sentiment
    from retailkit.themes import theme_counts

    options = options or ProfileOptions()
    cleaned = clean_chunk(chunk, script=options.script)
    texts = cleaned["text"].tolist()
    themes = theme_counts(texts)
    out: dict[str, Any] = {
        "doc_id": cleaned["doc_id"].astype(str).to_numpy(dtype=object),
        "file": cleaned["file"].astype(str).to_numpy(dtype=object),
        "row": cleaned["row"].to_numpy(dtype=np.int64),
        "original_script": cleaned["original_script"].to_numpy(dtype=object),
        "error": cleaned["error"].astype(str).to_numpy(dtype=object),
        "chars": np.array([len(text) for text in texts], dtype=np.int64),
        "sentences": themes["sentences"].to_numpy(dtype=np.int64),
        "tokens": themes["tokens"].to_numpy(dtype=np.int64),
    }
    for theme in _theme_names():
        out[f"{theme}_count"] = themes[f"{theme}_count"].to_numpy(dtype=np.int64)
        out[f"{theme}_per_1000"] = themes[f"{theme}_per_1000"].to_numpy(dtype=np.float64)
    if options.sentiment:
        out["sentiment"] = sentiment.score(texts)
    if options.stance:
        out["stance"] = _document_stance(texts)
    if options.keep_text:
        out["text"] = np.array(texts, dtype=object)
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- writing


class ChunkStore:
    """Finished chunks on disk, for resuming, and the final Parquet file made from them.

    Each chunk goes to ``DIR/.partial/<name>-NNNNNN.parquet`` (written under a temporary name,
    then renamed, so a file there is always complete); ``state.json`` beside them records the
    run's parameters and input fingerprints, and a resumed run must match them; a fresh start
    (``overwrite=True``) first removes an earlier run's final files.
    :meth:`finish` writes ``DIR/<name>.parquet`` (one row group per chunk, in order; again a
    temporary name, then a rename), optionally ``DIR/<name>.csv``, and removes ``.partial``.
    The same chunks give a byte-identical file whether or not the run was interrupted.

    Examples
    --------
    >>> import tempfile, pyarrow as pa
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = ChunkStore(folder, "documents", {"k": 1}, resume=False)
    ...     store.write(0, pd.DataFrame({"x": [1, 2]}), pa.schema([("x", pa.int64())]))
    ...     store.write(1, pd.DataFrame({"x": [3]}), pa.schema([("x", pa.int64())]))
    ...     path = store.finish()
    ...     pd.read_parquet(path)["x"].tolist(), sorted(p.name for p in Path(folder).iterdir())
    ([1, 2, 3], ['documents.parquet'])
    """

    def __init__(
        self,
        directory: str | Path,
        name: str,
        state: dict[str, Any],
        *,
        resume: bool,
        overwrite: bool = False,
    ) -> None:
        self.directory = Path(directory)
        self.name = name
        self.partial = self.directory / ".partial"
        self.final = self.directory / f"{name}.parquet"
        state_path = self.partial / "state.json"
        wanted = json.dumps(state, sort_keys=True, ensure_ascii=False, indent=1)
        if self.partial.exists() and not resume and not overwrite:
            raise CorpusError(
                f"{self.directory}: holds an unfinished run; pass --resume to continue it, "
                "or --overwrite to start again"
            )
        if self.final.exists() and not overwrite:
            raise CorpusError(
                f"{self.final}: already exists; pass --overwrite to replace it (or choose "
                "another --out)"
            )
        if resume and self.partial.exists():
            found = state_path.read_text(encoding="utf-8") if state_path.exists() else ""
            if found != wanted:
                raise CorpusError(
                    f"{self.directory}: the unfinished run had other inputs or parameters "
                    f"(see {state_path}); resume with the same command, or pass --overwrite"
                )
        else:
            if self.partial.exists():
                shutil.rmtree(self.partial)
            # an earlier run's output must not look like this run's until this run is done
            for stale in (self.final, self.final.with_suffix(".csv")):
                stale.unlink(missing_ok=True)
            self.partial.mkdir(parents=True)
            _write_atomically(state_path, wanted.encode("utf-8"))

    def _chunk_path(self, index: int) -> Path:
        return self.partial / f"{self.name}-{index:06d}.parquet"

    def done(self, index: int) -> bool:
        """Whether chunk ``index`` was completed (by this run or an interrupted one)."""
        return self._chunk_path(index).exists()

    def write(self, index: int, table: pd.DataFrame, schema: Any) -> None:
        """Store chunk ``index`` (a temporary name, then a rename)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self._chunk_path(index)
        temporary = path.with_suffix(".tmp")
        arrow = pa.Table.from_pandas(table, schema=schema, preserve_index=False)
        pq.write_table(arrow, temporary)
        os.replace(temporary, path)

    def finish(self, *, csv: bool = False) -> Path:
        """Assemble the chunks into ``<name>.parquet`` (and ``.csv``) and remove ``.partial``."""
        import pyarrow.parquet as pq

        chunks = sorted(self.partial.glob(f"{self.name}-*.parquet"))
        if not chunks:
            raise CorpusError(f"{self.directory}: no chunk was written")
        temporary = self.final.with_name(f".{self.final.name}.tmp")
        schema = pq.read_schema(chunks[0])
        with pq.ParquetWriter(temporary, schema) as writer:
            for path in chunks:
                writer.write_table(pq.read_table(path))
        if csv:
            target = self.final.with_suffix(".csv")
            csv_temporary = target.with_name(f".{target.name}.tmp")
            with csv_temporary.open("w", encoding="utf-8", newline="") as handle:
                for number, path in enumerate(chunks):
                    pq.read_table(path).to_pandas().to_csv(handle, index=False, header=number == 0)
            os.replace(csv_temporary, target)
        os.replace(temporary, self.final)
        shutil.rmtree(self.partial)
        return self.final


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_json_atomically(path: str | Path, content: dict[str, Any]) -> Path:
    """Write ``content`` as indented UTF-8 JSON under a temporary name, then rename it."""
    path = Path(path)
    buffer = io.StringIO()
    json.dump(content, buffer, ensure_ascii=False, indent=2, sort_keys=True)
    _write_atomically(path, (buffer.getvalue() + "\n").encode("utf-8"))
    return path


def map_in_processes(
    function: Callable[..., R], chunks: Iterable[T], jobs: int, *args: Any
) -> Iterator[R]:
    """``function(chunk, *args)`` for every chunk, in ``jobs`` worker processes, in order.

    With ``jobs == 1`` everything runs here. Otherwise at most ``jobs + 1`` chunks are in the
    workers at once (memory does not grow with the corpus); workers are forked where the
    platform allows, so models loaded here come along, and each loads what it lacks once.

    Examples
    --------
    >>> list(map_in_processes(len, [[1, 2], [3]], 1))
    [2, 1]
    """
    if jobs == 1:
        for chunk in chunks:
            yield function(chunk, *args)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[Any] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context()) as pool:
        try:
            for chunk in chunks:
                pending.append(pool.submit(function, chunk, *args))
                if len(pending) > jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
