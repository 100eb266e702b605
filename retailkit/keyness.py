"""Keyness: which words a document (or group) uses more or less than the rest of the corpus.

Significance is the log-likelihood statistic G² of Rayson & Garside (2000, "Comparing corpora
using frequency profiling"), computed, as in the UCREL log-likelihood calculator, from the two
observed frequencies only::

    E_t = C_t (a + b) / (C_t + C_r)      E_r = C_r (a + b) / (C_t + C_r)
    G² = 2 (a ln(a / E_t) + b ln(b / E_r))        (a term with a zero count adds 0)

where ``a``, ``b`` are the term's counts in target and reference and ``C_t``, ``C_r`` their total
token counts. G² follows a χ² distribution with one degree of freedom (3.84: p < 0.05; 6.63:
p < 0.01; 15.13: p < 0.0001). Effect size is Hardie's (2014) Log Ratio, the binary log of the
ratio of relative frequencies, ``log2((a / C_t) / (b / C_r))``, with a zero count replaced by 0.5
so the ratio stays finite: +1 means twice as frequent in the target. The χ² approximation is poor
when an expected count is small, so rows with ``min(E_t, E_r) < min_expected`` (5 by default)
are flagged in ``low_expected``: read them as anecdotes, not findings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd

__all__ = ["compare_counts", "keyness"]

KEYNESS_COLUMNS = [
    "term",
    "target_count",
    "reference_count",
    "target_per_1000",
    "reference_per_1000",
    "expected_target",
    "expected_reference",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
    "low_expected",
]


def compare_counts(
    target: Mapping[str, int],
    reference: Mapping[str, int],
    *,
    min_count: int = 1,
    min_expected: float = 5.0,
    keep: Literal["both", "over", "under"] = "both",
) -> pd.DataFrame:
    """G² and Log Ratio of every term, from two frequency tables.

    Parameters
    ----------
    target, reference
        ``term -> count`` (e.g. :class:`collections.Counter` of tokens).
    min_count
        Drop terms whose total count (target + reference) is below this.
    min_expected
        Flag rows whose smaller expected count is below this (``low_expected``).
    keep
        ``"over"``: only terms relatively more frequent in the target; ``"under"``: less
        frequent; ``"both"`` (default).

    Returns
    -------
    DataFrame
        Columns ``term, target_count, reference_count, target_per_1000, reference_per_1000,
        expected_target, expected_reference, g2, p_value, log_ratio, direction ("over" or
        "under"), low_expected``, sorted by ``g2`` descending, then term.

    Examples
    --------
    >>> table = compare_counts({"社交": 4, "电商": 1}, {"社交": 1, "电商": 4})
    >>> table[["term", "g2", "log_ratio", "direction", "low_expected"]].round(3)
      term     g2  log_ratio direction  low_expected
    0   电商  1.927       -2.0     under          True
    1   社交  1.927        2.0      over          True
    """
    from scipy.stats import chi2

    total_target = sum(target.values())
    total_reference = sum(reference.values())
    if total_target == 0 or total_reference == 0:
        raise ValueError(
            f"target and reference must both contain tokens (got {total_target:,} and "
            f"{total_reference:,}); check the target value and the text column"
        )
    total = total_target + total_reference
    rows = []
    for term in sorted(set(target) | set(reference)):
        a, b = target.get(term, 0), reference.get(term, 0)
        if a + b < min_count or a + b == 0:
            continue
        expected_a = total_target * (a + b) / total
        expected_b = total_reference * (a + b) / total
        g2 = 2.0 * (
            (a * math.log(a / expected_a) if a else 0.0)
            + (b * math.log(b / expected_b) if b else 0.0)
        )
        g2 = max(g2, 0.0)  # rounding can give -1e-16 for identical proportions
        ratio = math.log2(((a or 0.5) / total_target) / ((b or 0.5) / total_reference))
        direction = "over" if a / total_target > b / total_reference else "under"
        if keep != "both" and direction != keep:
            continue
        rows.append(
            (
                term,
                a,
                b,
                1000 * a / total_target,
                1000 * b / total_reference,
                expected_a,
                expected_b,
                g2,
                float(chi2.sf(g2, 1)),
                ratio,
                direction,
                min(expected_a, expected_b) < min_expected,
            )
        )
    rows.sort(key=lambda row: (-round(row[7], 10), row[0]))
    return pd.DataFrame(rows, columns=KEYNESS_COLUMNS)


def _group_counts(
    data: pd.DataFrame | Mapping[Hashable, Iterable[str] | Mapping[str, int]],
    by: str,
    text_column: str,
) -> dict[Hashable, Counter[str]]:
    if isinstance(data, pd.DataFrame):
        from retailkit.segment import tokenize_many

        for column in (by, text_column):
            if column not in data.columns:
                raise KeyError(f"data has no column {column!r} (columns: {list(data.columns)})")
        counts: dict[Hashable, Counter[str]] = {}
        for key, tokens in zip(data[by], tokenize_many(data[text_column]), strict=True):
            counts.setdefault(key, Counter()).update(tokens)
        return counts
    return {
        key: Counter(value) if not isinstance(value, Mapping) else Counter(dict(value))
        for key, value in data.items()
    }


def keyness(
    data: pd.DataFrame | Mapping[Hashable, Iterable[str] | Mapping[str, int]],
    target: Hashable | Sequence[Hashable],
    *,
    by: str = "doc_id",
    text_column: str = "text",
    min_count: int = 1,
    min_expected: float = 5.0,
    keep: Literal["both", "over", "under"] = "both",
) -> pd.DataFrame:
    """Keyness of a document or group against the rest of the corpus (G² and Log Ratio).

    Parameters
    ----------
    data
        A DataFrame with a ``by`` column and a ``text_column`` (segmented with the default
        tokenizer: stopwords and punctuation removed), or a mapping ``group -> tokens`` or
        ``group -> {term: count}``.
    target
        The value of ``by`` (or a list of values) forming the target; everything else is the
        reference.
    by
        Column naming documents or groups (``"doc_id"``; e.g. ``"year"`` to compare periods).

    Returns
    -------
    DataFrame
        As :func:`compare_counts`: one row per term, sorted by G² descending.

    Raises
    ------
    KeyError
        If ``target`` is not among the groups.

    Examples
    --------
    >>> groups = {"2013": ["微博", "微信", "微淘", "微博"], "2018": ["信息流", "微博", "信息流"]}
    >>> keyness(groups, "2018")[["term", "target_count", "reference_count", "g2"]].round(3)
      term  target_count  reference_count     g2
    0  信息流             2                0  3.389
    1   微信             0                1  1.119
    2   微淘             0                1  1.119
    3   微博             1                2  0.114
    """
    counts = _group_counts(data, by, text_column)
    targets = list(target) if isinstance(target, list | tuple | set) else [target]
    missing = [value for value in targets if value not in counts]
    if missing:
        known = sorted(map(str, counts))
        raise KeyError(f"target {missing!r} not found in {by!r}; known values: {known}")
    target_counts: Counter[str] = Counter()
    reference_counts: Counter[str] = Counter()
    for key, table in counts.items():
        (target_counts if key in targets else reference_counts).update(table)
    return compare_counts(
        target_counts,
        reference_counts,
        min_count=min_count,
        min_expected=min_expected,
        keep=keep,
    )
