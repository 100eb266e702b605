"""AUC and accuracy of scores against binary labels (shared by v2 fitting and evaluation)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Metric = Callable[[np.ndarray, np.ndarray], float]


def _auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve by the rank-sum (Mann-Whitney) formula; ties count half."""
    from scipy.stats import rankdata

    n_pos = int(positive.sum())
    n_neg = len(positive) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _accuracy(scores: np.ndarray, positive: np.ndarray) -> float:
    """Accuracy at 0.5; a score of exactly 0.5 (no evidence) counts half, like a coin flip."""
    if len(scores) == 0:
        return float("nan")
    right = np.where(scores == 0.5, 0.5, ((scores > 0.5) == positive).astype(float))
    return float(right.mean())


def bootstrap_intervals(
    scores: np.ndarray,
    positive: np.ndarray,
    *,
    n_boot: int,
    seed: int,
    auc: Metric = _auc,
    accuracy: Metric = _accuracy,
) -> tuple[float, float, float, float]:
    """Percentile 95 % intervals of AUC and accuracy, resampling the scored items.

    Returns ``(auc_low, auc_high, accuracy_low, accuracy_high)``, all NaN when ``n_boot`` is 0
    or there are fewer than two items; the AUC interval is NaN when no resample has both sides.
    """
    if n_boot == 0 or len(scores) < 2:
        return (float("nan"),) * 4
    rng = np.random.default_rng(seed)
    aucs, accuracies = [], []
    for _ in range(n_boot):
        pick = rng.integers(0, len(scores), len(scores))
        aucs.append(auc(scores[pick], positive[pick]))
        accuracies.append(accuracy(scores[pick], positive[pick]))
    auc_low, auc_high = (
        np.nanpercentile(aucs, [2.5, 97.5])
        if not np.isnan(aucs).all()
        else (float("nan"), float("nan"))
    )
    acc_low, acc_high = np.percentile(accuracies, [2.5, 97.5])
    return float(auc_low), float(auc_high), float(acc_low), float(acc_high)
