"""Score and label sentences with either version; the neutral band."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from retailkit.errors import ModelError
from retailkit.stance._constants import DEFAULT_VERSION, VERSIONS
from retailkit.stance.lexicon import _sigmoid, load_model, sentence_features
from retailkit.stance.model_v2 import _cached_model_v2, _score_v2

# --------------------------------------------------------------------------- scoring


def _check_version(version: str | None) -> str:
    chosen = DEFAULT_VERSION if version is None else version
    if chosen not in VERSIONS:
        raise ModelError(f"version={version!r}: choose from {VERSIONS}")
    return chosen


def score(
    sentences: Sequence[str | None], *, version: Literal["v1", "v2"] | None = None
) -> np.ndarray:
    """Probability that each sentence approves of the practice, platform or claim it discusses.

    Parameters
    ----------
    sentences : sequence of str or None
        Sentences of business commentary (one sentence each, as from
        ``retailkit.split_sentences``). A bare ``str`` is rejected, to avoid scoring characters.
    version : {"v1", "v2"}, optional
        Which scorer: ``"v1"`` the lexicon-and-rules model of ``model.yaml``; ``"v2"`` the
        stacked model of ``model_v2.yaml`` (lexicon features + review model + character
        n-grams). Default :data:`DEFAULT_VERSION` (see the module docstring).

    Returns
    -------
    numpy.ndarray
        float64 array of P(approving) in [0, 1], same length and order as the input. 0.5 means
        no evidence either way (v1: no lexicon match; both: a string without a Chinese
        character); ``None`` / NaN sentences give NaN.

    Raises
    ------
    TypeError
        If ``sentences`` is a single string.
    ModelError
        If ``version`` is unknown.

    Examples
    --------
    >>> score(["前景光明", "前景并不光明", "陷入困境", "", None], version="v1").round(2)
    array([0.96, 0.19, 0.06, 0.5 ,  nan])
    >>> p = score(["社区团购迎来爆发式增长", "无人货架陷入倒闭潮", "", None], version="v2")
    >>> bool(p[0] > 0.5 > p[1]), p[2], bool(np.isnan(p[3]))
    (True, np.float64(0.5), True)
    """
    if isinstance(sentences, str):
        raise TypeError("sentences: pass a list of sentences, not a single str")
    if _check_version(version) == "v2":
        return _score_v2(list(sentences))
    features = sentence_features(list(sentences))
    model = load_model()
    coefficients = np.array([model["coefficients"][name] for name in model["features"]])
    z = features[model["features"]].to_numpy(dtype=float) @ coefficients
    probability = _sigmoid(z)
    probability[features["missing"].to_numpy(dtype=bool)] = np.nan
    return probability


def default_band(version: Literal["v1", "v2"] | None = None) -> tuple[float, float]:
    """The neutral band stored with a scorer's model (fitted on the development sentences).

    Examples
    --------
    >>> default_band("v1")
    (0.45, 0.55)
    """
    if _check_version(version) == "v2":
        lo, hi = _cached_model_v2()[0]["band"]
    else:
        lo, hi = load_model()["band"]
    return float(lo), float(hi)


def label(
    sentences: Sequence[str | None],
    *,
    band: tuple[float, float] | None = None,
    version: Literal["v1", "v2"] | None = None,
) -> np.ndarray:
    """Label sentences ``approving`` / ``skeptical`` / ``neutral`` with a neutral band.

    Parameters
    ----------
    sentences : sequence of str or None
        Sentences to label.
    band : (float, float), optional
        Scores with ``lo <= score <= hi`` are ``"neutral"``; above ``hi`` ``"approving"``,
        below ``lo`` ``"skeptical"``. Default: the band stored with the chosen version's
        model (:func:`default_band`, chosen on the development sentences).
    version : {"v1", "v2"}, optional
        Scorer passed to :func:`score`; default :data:`DEFAULT_VERSION`.

    Returns
    -------
    numpy.ndarray
        Object array of labels, input order. Missing sentences are ``"neutral"``.

    Raises
    ------
    ValueError
        If the band is not ``0 <= lo <= hi <= 1``.

    Examples
    --------
    >>> label(["社区团购迎来爆发式增长", "无人货架陷入倒闭潮", "该公司成立于2015年"]).tolist()
    ['approving', 'skeptical', 'neutral']
    """
    lo, hi = band if band is not None else default_band(version)
    if not 0.0 <= lo <= hi <= 1.0:
        raise ValueError(f"band={band!r}: need 0 <= lo <= hi <= 1")
    scores = score(sentences, version=version)
    labels = np.full(len(scores), "neutral", dtype=object)
    labels[scores > hi] = "approving"
    labels[scores < lo] = "skeptical"
    return labels
