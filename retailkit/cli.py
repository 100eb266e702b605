"""The ``retailkit`` command line: whole corpora, in chunks, resumable, on one machine or Dask.

::

    retailkit profile reviews.csv --text-column review --out out/ --jobs 2
    retailkit profile corpus/ --out out/ --resume            # continue an interrupted run
    retailkit profile big.parquet --out out/ --workers 2      # a local Dask cluster
    retailkit profile big.parquet --out out/ --scheduler tcp://10.0.0.5:8786
    retailkit topics reviews.csv --text-column review --out topics/ --k 10 --sample 100000
                                                        # fit on a sample, infer every document
    retailkit report                                          # execute the seed notebooks

Exit codes, for shell scripts: 0 done; 1 unexpected failure (a bug: the traceback is printed);
2 bad command line; 3 bad input or output folder (the message names the file, row or flag);
130 interrupted. Messages go to stderr as ``retailkit: error: ...``. The progress bar is drawn
only when stderr is a terminal, and never with ``--quiet``.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from retailkit.errors import RetailkitError
from retailkit.streaming import (
    CHUNK_SIZE,
    ChunkStore,
    ProfileOptions,
    file_fingerprint,
    iter_raw_chunks,
    list_input_files,
    map_in_processes,
    profile_chunk,
    profile_schema,
    write_json_atomically,
)

if TYPE_CHECKING:
    from retailkit.topics import TopicModel

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERRUPTED", "build_parser", "main"]

#: Exit code for bad input, a bad ``--out`` folder or an unfinished run without ``--resume``.
EXIT_BAD_INPUT = 3
#: Exit code after Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: How long ``--scheduler`` waits for the scheduler to answer.
SCHEDULER_TIMEOUT = "20s"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value}")
    return value


def _k_range(text: str) -> list[int]:
    """``"10"`` -> [10]; ``"5-15"`` -> [5, ..., 15]."""
    try:
        low, _, high = text.partition("-")
        ks = list(range(int(low), int(high or low) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected k or a range such as 5-15, got {text!r}"
        ) from None
    if not ks or ks[0] < 2:
        raise argparse.ArgumentTypeError(f"expected k >= 2 (or a range low-high), got {text!r}")
    return ks


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files and/or folders")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    parser.add_argument(
        "--text-column", default="text", help="column holding the text in CSV/JSONL/Parquet"
    )
    parser.add_argument(
        "--script",
        default="auto",
        choices=["auto", "simplified", "mainland", "hongkong", "taiwan"],
        help="origin of Traditional text (cleaning's OpenCC choice)",
    )
    parser.add_argument(
        "--chunk-size", type=_positive, default=CHUNK_SIZE, help="documents per chunk"
    )
    parser.add_argument(
        "--on-error",
        choices=["fail", "skip"],
        default="fail",
        help="a row with missing or undecodable text: stop naming it (fail), or keep it with "
        "the error column filled (skip)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=_positive, default=1, help="processes on this machine")
    where.add_argument("--workers", type=_positive, help="start a local Dask cluster of N")
    where.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, tcp://host:8786")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no summary")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``retailkit`` (sub-commands ``profile``, ``topics``, ``report``)."""
    from retailkit import __version__

    parser = argparse.ArgumentParser(
        prog="retailkit", description="retailkit on whole corpora (see README: Large corpora)."
    )
    parser.add_argument("--version", action="version", version=f"retailkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    profile = commands.add_parser(
        "profile",
        help="per-document cleaning, tokens, theme rates and sentiment -> Parquet",
        description="Per document: clean, tokenize, theme counts and rates per 1,000 tokens, "
        "review sentiment (and stance). Writes DIR/documents.parquet and DIR/manifest.json.",
    )
    _common(profile)
    profile.add_argument("--resume", action="store_true", help="continue an interrupted run")
    profile.add_argument("--overwrite", action="store_true", help="replace earlier output")
    profile.add_argument("--csv", action="store_true", help="also write DIR/documents.csv")
    profile.add_argument(
        "--no-sentiment", action="store_true", help="skip review sentiment (sentiment.score)"
    )
    profile.add_argument(
        "--stance", action="store_true", help="add stance: mean stance.score of the sentences"
    )
    profile.add_argument("--keep-text", action="store_true", help="add the cleaned text")

    topics = commands.add_parser(
        "topics",
        help="fit LDA on a sample, infer topic shares of every document; save model and table",
        description="LDA at scale: fit on a sample, infer every document in parallel. A first "
        "pass tokenizes the corpus in chunks and keeps a seeded sample of at most --sample "
        "documents, on which LDA (tomotopy) is fitted; a second pass tokenizes every chunk again "
        "and infers the topic shares of every document with the fitted model (TopicModel.infer; "
        "chunks in --jobs processes or on Dask). Writes DIR/topics.npz, DIR/top_words.csv, "
        "DIR/doc_topics.parquet (one row per document, in input order; in_sample marks the "
        "fitted documents) and DIR/manifest.json, last. With a k range, DIR/select_k.csv holds "
        "coherence and stability per k and the best c_v k is fitted. No --resume: an "
        "interrupted run starts again with --overwrite.",
    )
    _common(topics)
    topics.add_argument("--k", type=_k_range, required=True, help="topics, or a range 5-15")
    topics.add_argument("--sample", type=_positive, default=100_000, help="documents fitted")
    topics.add_argument("--seed", type=int, default=0, help="random seed (sample and model)")
    topics.add_argument("--overwrite", action="store_true", help="replace earlier output")

    report = commands.add_parser(
        "report", help="execute the seed notebooks and write the HTML report"
    )
    report.add_argument("--notebooks", type=Path, help="notebooks folder (default: the repo's)")
    report.add_argument("--output", type=Path, help="HTML report path")
    report.add_argument("--only", action="append", default=[], help="run only notebook NN")
    return parser


# --------------------------------------------------------------------------- helpers


def _progress(quiet: bool, description: str) -> Any:
    from tqdm import tqdm

    # Drawn only on a terminal: silent in logs, pipes, CI and notebooks.
    return tqdm(
        desc=description,
        unit=" docs",
        unit_scale=True,
        disable=quiet or not sys.stderr.isatty(),
        file=sys.stderr,
    )


class _Cluster:
    """A Dask client for ``--workers``/``--scheduler`` (closed on exit), or none."""

    def __init__(self, workers: int | None, scheduler: str | None) -> None:
        self.workers, self.scheduler = workers, scheduler
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> _Cluster:
        if self.workers is None and self.scheduler is None:
            return self
        from distributed import Client, LocalCluster

        if self.scheduler is not None:
            try:
                self.client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)
            except OSError as error:
                raise RetailkitError(
                    f"--scheduler {self.scheduler}: cannot connect ({error})"
                ) from error
        else:
            import dask

            # distributed sets MALLOC_TRIM_THRESHOLD_ in its workers, which also fixes glibc's
            # mmap threshold at 128 KiB: every NumPy array of a chunk is then mapped and
            # unmapped afresh, and profiling a chunk took 1.4x the CPU time it takes here.
            # Workers of a cluster started here get glibc's defaults, as the --jobs workers do.
            unset = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
            with dask.config.set(unset):
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                )
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _profile_indexed(
    item: tuple[int, pd.DataFrame], options: ProfileOptions
) -> tuple[int, int, pd.DataFrame]:
    index, chunk = item
    return index, len(chunk), profile_chunk(chunk, options)


def _fingerprints(inputs: Sequence[str]) -> list[dict[str, Any]]:
    return [file_fingerprint(path) for path in list_input_files(inputs)]


def _where(args: argparse.Namespace) -> dict[str, Any]:
    return {"jobs": args.jobs, "workers": args.workers, "scheduler": args.scheduler}


# --------------------------------------------------------------------------- commands


def run_profile(args: argparse.Namespace) -> int:
    """``retailkit profile``: see :func:`build_parser`."""
    from retailkit import __version__

    started = time.perf_counter()
    options = ProfileOptions(
        script=args.script,
        sentiment=not args.no_sentiment,
        stance=args.stance,
        keep_text=args.keep_text,
    )
    parameters = {
        "text_column": args.text_column,
        "script": args.script,
        "chunk_size": args.chunk_size,
        "on_error": args.on_error,
        "sentiment": options.sentiment,
        "stance": options.stance,
        "keep_text": options.keep_text,
    }
    inputs = _fingerprints(args.inputs)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest_path = args.out / "manifest.json"
    store = ChunkStore(
        args.out,
        "documents",
        {"retailkit": __version__, "parameters": parameters, "inputs": inputs},
        resume=args.resume,
        overwrite=args.overwrite,
    )
    manifest_path.unlink(missing_ok=True)  # written again, last, when the run is complete
    schema = profile_schema(options)
    raw_chunks = iter_raw_chunks(
        [item["path"] for item in inputs],
        text_column=args.text_column,
        chunk_size=args.chunk_size,
        on_error=args.on_error,
    )
    counts = {"documents": 0, "chunks": 0, "resumed_chunks": 0, "resumed_documents": 0}
    counts["errors"] = 0

    def todo() -> Iterator[tuple[int, pd.DataFrame]]:
        for index, chunk in enumerate(raw_chunks):
            counts["chunks"] += 1
            counts["documents"] += len(chunk)
            if store.done(index):
                counts["resumed_chunks"] += 1
                counts["resumed_documents"] += len(chunk)
                continue
            yield index, chunk

    with _Cluster(args.workers, args.scheduler) as cluster, _progress(args.quiet, "profile") as bar:
        if cluster.client is not None:
            from retailkit.distributed import map_chunks

            results = map_chunks(_profile_indexed, todo(), cluster.client, options)
        else:
            results = map_in_processes(_profile_indexed, todo(), args.jobs, options)
        for index, size, table in results:
            store.write(index, table, schema)
            counts["errors"] += int((table["error"] != "").sum())
            bar.update(size)
    profiled = time.perf_counter()
    path = store.finish(csv=args.csv)
    if counts["resumed_chunks"]:
        # errors of chunks done by the interrupted run are counted from the final file
        import pyarrow.parquet as pq

        errors = pq.read_table(path, columns=["error"]).column("error").to_pandas()
        counts["errors"] = int((errors != "").sum())
    finished = time.perf_counter()
    manifest = {
        "retailkit": __version__,
        "command": "profile",
        "parameters": parameters | _where(args),
        "inputs": inputs,
        "counts": counts,
        "timings": {
            "seconds_total": round(finished - started, 3),
            "seconds_profiling": round(profiled - started, 3),
            "seconds_writing": round(finished - profiled, 3),
        },
        "outputs": {
            "documents": path.name,
            "csv": path.with_suffix(".csv").name if args.csv else None,
            "columns": schema.names,
        },
    }
    write_json_atomically(manifest_path, manifest)
    if not args.quiet:
        print(
            f"retailkit: {counts['documents']:,} documents ({counts['errors']:,} with errors) "
            f"-> {path} in {finished - started:.1f} s",
            file=sys.stderr,
        )
    return 0


def _tokenize_indexed(
    item: tuple[int, pd.DataFrame], script: str
) -> tuple[int, list[str], list[list[str]]]:
    from retailkit.segment import tokenize_many
    from retailkit.streaming import clean_chunk

    index, chunk = item
    cleaned = clean_chunk(chunk, script=script)  # type: ignore[arg-type]
    return index, cleaned["doc_id"].tolist(), tokenize_many(cleaned["text"].tolist())


def _sample_key(seed: int, doc_id: str) -> bytes:
    return hashlib.blake2b(f"{seed}\0{doc_id}".encode(), digest_size=8).digest()


def _infer_indexed(
    item: tuple[int, pd.DataFrame], script: str, model: TopicModel
) -> tuple[int, list[str], np.ndarray, np.ndarray]:
    """Tokenize one chunk as the first pass did and infer every document's topic shares."""
    index, doc_ids, tokens = _tokenize_indexed(item, script)
    known = set(model.vocabulary_.tolist())
    in_vocabulary = np.array([sum(t in known for t in doc) for doc in tokens], dtype=np.int64)
    return index, doc_ids, model.infer(tokens), in_vocabulary


def _inference_only(model: TopicModel) -> TopicModel:
    """``model`` without its training documents: all that infer needs, small to send to workers."""
    from retailkit.topics import TopicModel

    return TopicModel(
        doc_topics=np.empty((0, model.k)),
        topic_word_=model.topic_word_,
        vocabulary_=model.vocabulary_.tolist(),
        documents_=[],
        params=model.params,
    )


def _doc_topics_schema(k: int) -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("doc_id", pa.string()),
            ("in_sample", pa.bool_()),
            ("vocabulary_tokens", pa.int64()),
            *[(f"topic_{number}", pa.float64()) for number in range(1, k + 1)],
            ("dominant_topic", pa.int64()),
        ]
    )


TOPICS_OUTPUTS = ("topics.npz", "top_words.csv", "doc_topics.parquet", "select_k.csv")


def run_topics(args: argparse.Namespace) -> int:
    """``retailkit topics``: see :func:`build_parser`.

    Two passes over the input. The first tokenizes every chunk and keeps a seeded sample of at
    most ``--sample`` documents, on which LDA is fitted (after ``select_k`` for a k range). The
    second tokenizes every chunk again and infers the topic shares of every document with the
    fitted model (:meth:`~retailkit.topics.TopicModel.infer`), chunks in parallel as in the first
    pass, and appends them to ``doc_topics.parquet`` in corpus order, one row group per chunk.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from retailkit import __version__, topics
    from retailkit.errors import CorpusError

    started = time.perf_counter()
    inputs = _fingerprints(args.inputs)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest_path = args.out / "manifest.json"
    existing = [name for name in (*TOPICS_OUTPUTS, "manifest.json") if (args.out / name).exists()]
    if existing and not args.overwrite:
        raise CorpusError(f"{args.out}: already holds {existing[0]}; pass --overwrite")
    # The manifest goes first and comes back last: a folder with one holds a finished run.
    for name in ("manifest.json", *TOPICS_OUTPUTS):
        (args.out / name).unlink(missing_ok=True)

    def read_chunks() -> Iterator[tuple[int, pd.DataFrame]]:
        raw_chunks = iter_raw_chunks(
            [item["path"] for item in inputs],
            text_column=args.text_column,
            chunk_size=args.chunk_size,
            on_error=args.on_error,
        )
        return enumerate(raw_chunks)

    # A seeded sample of at most --sample documents, kept in a bounded heap (largest key out).
    heap: list[tuple[bytes, int, int, str, list[str]]] = []
    documents = 0
    temporary = args.out / ".doc_topics.parquet.tmp"
    with _Cluster(args.workers, args.scheduler) as cluster:
        with _progress(args.quiet, "tokenize") as bar:
            if cluster.client is not None:
                from retailkit.distributed import map_chunks

                results = map_chunks(_tokenize_indexed, read_chunks(), cluster.client, args.script)
            else:
                results = map_in_processes(_tokenize_indexed, read_chunks(), args.jobs, args.script)
            for index, doc_ids, tokens in results:
                for position, (doc_id, words) in enumerate(zip(doc_ids, tokens, strict=True)):
                    key = bytes(255 - b for b in _sample_key(args.seed, doc_id))  # max-heap
                    entry = (key, index, position, doc_id, words)
                    if len(heap) < args.sample:
                        heapq.heappush(heap, entry)
                    elif key > heap[0][0]:
                        heapq.heapreplace(heap, entry)
                documents += len(doc_ids)
                bar.update(len(doc_ids))
        sampled_at = time.perf_counter()
        chosen = sorted(heap, key=lambda entry: (entry[1], entry[2]))  # corpus order
        del heap
        sample_ids = {entry[3] for entry in chosen}
        docs = [entry[4] for entry in chosen]
        del chosen
        ks = args.k
        if len(ks) > 1:
            table = topics.select_k(docs, ks, seeds=(args.seed, args.seed + 1))
            table.to_csv(args.out / "select_k.csv", index=False)
            k = int(table.groupby("k")["c_v"].mean().idxmax())
        else:
            k = ks[0]
        model = topics.fit_lda(docs, k, seed=args.seed)
        sampled = len(docs)
        del docs
        model.save(args.out / "topics.npz")
        model.top_words(10).to_csv(args.out / "top_words.csv", index=False)
        fitted_at = time.perf_counter()

        # Second pass: every document's shares, written chunk by chunk in corpus order.
        slim = _inference_only(model)
        del model
        schema = _doc_topics_schema(k)
        topic_columns = [f"topic_{number}" for number in range(1, k + 1)]
        inferred = without_vocabulary = 0
        try:
            with (
                _progress(args.quiet, "infer") as bar,
                pq.ParquetWriter(temporary, schema) as writer,
            ):
                if cluster.client is not None:
                    from retailkit.distributed import map_chunks

                    [shared] = cluster.client.scatter([slim], broadcast=True, hash=False)
                    inferences = map_chunks(
                        _infer_indexed, read_chunks(), cluster.client, args.script, shared
                    )
                else:
                    inferences = map_in_processes(
                        _infer_indexed, read_chunks(), args.jobs, args.script, slim
                    )
                for _, doc_ids, shares, in_vocabulary in inferences:
                    frame = pd.DataFrame(shares, columns=topic_columns)
                    frame.insert(0, "doc_id", doc_ids)
                    frame.insert(1, "in_sample", [doc_id in sample_ids for doc_id in doc_ids])
                    frame.insert(2, "vocabulary_tokens", in_vocabulary)
                    frame["dominant_topic"] = shares.argmax(axis=1).astype(np.int64) + 1
                    writer.write_table(pa.Table.from_pandas(frame, schema, preserve_index=False))
                    inferred += len(frame)
                    without_vocabulary += int((in_vocabulary == 0).sum())
                    bar.update(len(frame))
            if inferred != documents:
                raise CorpusError(
                    f"{' '.join(args.inputs)}: changed during the run ({documents:,} "
                    f"documents in the first pass, {inferred:,} in the second); run again"
                )
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    os.replace(temporary, args.out / "doc_topics.parquet")
    finished = time.perf_counter()
    manifest = {
        "retailkit": __version__,
        "command": "topics",
        "parameters": {
            "text_column": args.text_column,
            "script": args.script,
            "chunk_size": args.chunk_size,
            "on_error": args.on_error,
            "k": ks,
            "k_fitted": k,
            "sample": args.sample,
            "seed": args.seed,
        }
        | _where(args),
        "inputs": inputs,
        "counts": {
            "documents": documents,
            "sampled": sampled,
            "inferred": inferred,
            "without_vocabulary": without_vocabulary,
        },
        "timings": {
            "seconds_total": round(finished - started, 3),
            "seconds_sampling": round(sampled_at - started, 3),
            "seconds_fitting": round(fitted_at - sampled_at, 3),
            "seconds_inferring": round(finished - fitted_at, 3),
        },
        "outputs": {
            "model": "topics.npz",
            "top_words": "top_words.csv",
            "doc_topics": "doc_topics.parquet",
            "select_k": "select_k.csv" if len(ks) > 1 else None,
            "columns": schema.names,
        },
    }
    write_json_atomically(manifest_path, manifest)
    if not args.quiet:
        print(
            f"retailkit: LDA k={k} fitted on {sampled:,} of {documents:,} documents, "
            f"topic shares of all {inferred:,} -> {args.out}",
            file=sys.stderr,
        )
    return 0


def run_report(args: argparse.Namespace) -> int:
    """``retailkit report``: ``python -m retailkit.report`` with the same options."""
    from retailkit import report

    argv = [f"--only={stem}" for stem in args.only]
    if args.notebooks is not None:
        argv.append(f"--notebooks={args.notebooks}")
    if args.output is not None:
        argv.append(f"--output={args.output}")
    report.main(argv)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring).

    Examples
    --------
    >>> main(["--version"])  # doctest: +SKIP
    retailkit 0.1.0
    """
    args = build_parser().parse_args(argv)
    commands = {"profile": run_profile, "topics": run_topics, "report": run_report}
    try:
        return commands[args.command](args)
    except RetailkitError as error:
        print(f"retailkit: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        advice = "--resume to continue" if args.command == "profile" else "--overwrite"
        print(f"retailkit: interrupted; rerun with {advice}", file=sys.stderr)
        return EXIT_INTERRUPTED
