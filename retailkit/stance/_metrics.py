"""AUC and accuracy of scores against binary labels (shared by v2 fitting and evaluation)."""

from __future__ import annotations

import numpy as np


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
