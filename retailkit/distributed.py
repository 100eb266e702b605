"""retailkit on Dask: profile a ``dask.dataframe`` by partition, or run chunks on a cluster.

Two ways in:

* :func:`profile_dataframe` — for a corpus already in a ``dask.dataframe`` (e.g.
  ``dd.read_parquet("s3://bucket/reviews/")`` on shared storage): every partition goes through
  :func:`profile_partition`, whose output columns are :func:`profile_meta`. Nothing global is
  shared: each worker process loads the tokenizer and the sentiment model once, on first use
  (they are cached per process), and a partition's result depends only on that partition.
* :func:`map_chunks` — what ``retailkit profile --workers N`` / ``--scheduler ADDRESS`` uses:
  chunks read by this process are sent to the cluster a few at a time and their results come
  back in order, so the output files are the same as without Dask.

Dask and distributed are imported only when these functions run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from retailkit.cleaning import Script
from retailkit.streaming import RAW_COLUMNS, ProfileOptions, profile_chunk, profile_schema

__all__ = ["map_chunks", "profile_dataframe", "profile_meta", "profile_partition"]

T = TypeVar("T")
R = TypeVar("R")


def profile_meta(options: ProfileOptions | None = None) -> pd.DataFrame:
    """The empty DataFrame Dask needs as ``meta``: the columns and dtypes of a profile.

    Examples
    --------
    >>> meta = profile_meta()
    >>> meta.dtypes[["doc_id", "tokens", "sentiment"]].astype(str).tolist()
    ['object', 'int64', 'float64']
    """
    dtypes: dict[str, Any] = {}
    for field in profile_schema(options):
        kind = str(field.type)
        dtypes[field.name] = (
            np.int64 if kind == "int64" else np.float64 if kind == "double" else object
        )
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def profile_partition(
    partition: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = "doc_id",
    file: str = "",
    options: ProfileOptions | None = None,
) -> pd.DataFrame:
    """:func:`retailkit.streaming.profile_chunk` of one partition of raw texts.

    Parameters
    ----------
    partition
        Rows with the raw text in ``text_column`` (missing values give an ``error`` row).
    text_column
        Column with the text.
    id_column
        Column with document ids; ``None`` uses the partition's index as ids.
    file
        Written to the ``file`` column.
    options
        What to compute (default: themes and review sentiment).

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`profile_meta`, one row per input row, in order; ``row`` is the
        position within the partition (1-based).

    Examples
    --------
    >>> part = pd.DataFrame({"doc_id": ["a", "b"], "review": ["微博互动营销很好", None]})
    >>> out = profile_partition(part, text_column="review")
    >>> out[["doc_id", "tokens", "error"]].values.tolist()
    [['a', 3, ''], ['b', 0, "'review' is missing (not text)"]]
    """
    values = partition[text_column].tolist()
    errors = [
        "" if isinstance(value, str) else f"{text_column!r} is missing (not text)"
        for value in values
    ]
    bodies = [value if not error else "" for value, error in zip(values, errors, strict=True)]
    ids = partition.index if id_column is None else partition[id_column]
    raw = pd.DataFrame(
        {
            "doc_id": [str(doc_id) for doc_id in ids],
            "file": file,
            "row": np.arange(1, len(partition) + 1, dtype=np.int64),
            "encoding": "",
            "raw": bodies,
            "body": bodies,
            "error": errors,
        },
        columns=RAW_COLUMNS,
    )
    result = profile_chunk(raw, options)
    result.index = partition.index
    return result


def profile_dataframe(
    frame: Any,
    *,
    text_column: str = "text",
    id_column: str | None = "doc_id",
    script: Script = "auto",
    sentiment: bool = True,
    stance: bool = False,
) -> Any:
    """Profile every row of a ``dask.dataframe.DataFrame``, lazily, partition by partition.

    Returns a ``dask.dataframe.DataFrame`` with the columns of :func:`profile_meta`; call
    ``.to_parquet(...)`` or ``.compute()`` on it. The result equals
    ``profile_partition(frame.compute(), ...)`` except for ``row``, which counts within each
    partition.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> frame = dd.from_pandas(pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                                      "text": ["好评", "差评", "微博"]}), npartitions=2)
    >>> profile_dataframe(frame).compute(scheduler="sync")["tokens"].tolist()
    [1, 1, 1]
    """
    options = ProfileOptions(script=script, sentiment=sentiment, stance=stance)
    return frame.map_partitions(
        profile_partition,
        text_column=text_column,
        id_column=id_column,
        options=options,
        meta=profile_meta(options),
    )


def map_chunks(
    function: Callable[..., R],
    chunks: Iterable[T],
    client: Any,
    *args: Any,
    in_flight: int | None = None,
) -> Iterator[R]:
    """``function(chunk, *args)`` for every chunk on a Dask cluster, results in input order.

    At most ``in_flight`` chunks (default: two per worker thread) are on the cluster at once,
    so memory here does not grow with the corpus. A failed task raises its error here.
    """
    if in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        in_flight = 2 * threads
    pending: deque[Any] = deque()
    for chunk in chunks:
        # scattered first: a chunk is data, not part of the task graph
        [data] = client.scatter([chunk], hash=False)  # a list of one: never split a chunk
        pending.append(client.submit(function, data, *args, pure=False))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
