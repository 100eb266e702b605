"""Run one function over contiguous parts of a list, in this process and in worker processes.

Used by ``Tokenizer.tokenize_many``, ``sentiment.score`` and ``load_corpus`` (their ``n_jobs``).
The list is cut into ``n_jobs`` contiguous parts; this process works on the first while worker
processes work on the others, and the results come back in order, so the output is the same for
every ``n_jobs``.

Under the ``fork`` start method (multiprocessing's default on Linux up to Python 3.13) the
function and the parts reach the workers as pool-initializer arguments, which fork passes
without pickling: loaded dictionaries and models come along for free, closures are allowed, and
each call's workers hold their own copy (concurrent calls cannot mix their data). Under
``spawn``/``forkserver`` the function must be picklable (a module-level function or a
``functools.partial`` of one) and each job carries its part.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# In a forked worker: (function, parts) from the parent, set by _inherit.
_INHERITED: tuple[Callable[[Any], Any], list[Any]] | None = None


def effective_jobs(n_jobs: int) -> int:
    """``n_jobs`` checked and capped at the number of CPUs (``-1``: one per CPU).

    Examples
    --------
    >>> effective_jobs(1)
    1
    >>> effective_jobs(-1) == effective_jobs(10_000) == (os.cpu_count() or 1)
    True
    """
    if n_jobs == 1:  # the common case; os.cpu_count() reads /sys and costs microseconds
        return 1
    cpus = os.cpu_count() or 1
    if n_jobs == -1:
        return cpus
    if n_jobs < 1:
        raise ValueError(f"n_jobs: expected a positive number or -1, got {n_jobs}")
    return min(n_jobs, cpus)


def run_in_parts(
    work: Callable[[list[T]], R],
    items: Sequence[T],
    n_jobs: int,
    *,
    local: Callable[[list[T]], R] | None = None,
) -> list[R]:
    """``[work(part) for part in parts]`` with the parts after the first in worker processes.

    Parameters
    ----------
    work
        Applied to each part by a worker (see the module docstring for what it may be).
    items
        The whole list.
    n_jobs
        Number of parts (at least 2; callers run small inputs themselves).
    local
        Applied to the first part, in this process, instead of ``work`` (e.g. without the
        packing a transfer needs). Default ``work``.
    """
    size = math.ceil(len(items) / n_jobs)
    parts = [list(items[start : start + size]) for start in range(0, len(items), size)]
    context = multiprocessing.get_context()
    options: dict[str, Any] = {}
    jobs: list[Any]
    if context.get_start_method() == "fork":
        options = {"initializer": _inherit, "initargs": (work, parts)}
        jobs = list(range(1, len(parts)))
    else:
        jobs = [(work, part) for part in parts[1:]]
    pool = ProcessPoolExecutor(max_workers=max(len(jobs), 1), mp_context=context, **options)
    try:
        futures = [pool.submit(_run_job, job) for job in jobs]
        results = [(local or work)(parts[0])]
        results += [future.result() for future in futures]
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # e.g. Ctrl-C: start no further part
        raise
    pool.shutdown(wait=True)
    return results


def _inherit(work: Callable[[Any], Any], parts: list[Any]) -> None:
    global _INHERITED
    _INHERITED = (work, parts)


def _run_job(job: int | tuple[Callable[[Any], Any], list[Any]]) -> Any:
    if isinstance(job, int):
        assert _INHERITED is not None, "worker started without the parent's parts"
        work, parts = _INHERITED
        return work(parts[job])
    work, part = job
    return work(part)
