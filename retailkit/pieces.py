"""From coded sentences to pieces: where each piece stands on each target, and how sure we are.

The unit is the **piece** (004's essay, news item and column are three pieces, never averaged
into one "article"). For each piece × target, :func:`piece_stance` counts approving, skeptical
and neutral sentences and gives the **approving share among polar sentences** — neutral
sentences are left out rather than entered as 0.5, so 3 approving vs 9 skeptical reads 0.25,
not "mixed". Sentences next to each other argue together (an arc of praise, a run of quotes), so
they are not independent: a **block bootstrap** (blocks = paragraphs, cut into runs of at most
:data:`BLOCK_SENTENCES` consecutive sentences, since some pieces are one long paragraph) measures
the **design effect** (bootstrap variance of the share over the binomial variance, at least 1),
and the 95 % interval is the Jeffreys interval of a beta-binomial on the effective sample size
``n / design effect``. Where every polar sentence is on one side the bootstrap cannot measure
the dependence, and the design effect is the mean block size (as if each block said one thing).
A verdict is given only where the interval excludes 0.5. The author's voice and all
voices are computed side by side (``voices`` column), since quoted executives are not the author.

It takes the table of :func:`retailkit.arguments.code` or the hand codings
(:func:`retailkit.arguments.codings.load_codings`), so automatic and hand-coded comparisons are
computed the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["BLOCK_SENTENCES", "MIN_POLAR", "PIECE_COLUMNS", "piece_label", "piece_stance"]

#: Longest run of sentences resampled as one block.
BLOCK_SENTENCES = 5
#: Fewer polar sentences than this: no share, no verdict.
MIN_POLAR = 3
PIECE_COLUMNS = [
    "doc_id",
    "part",
    "piece",
    "target",
    "voices",
    "n_approving",
    "n_skeptical",
    "n_neutral",
    "approving_share",
    "ci_low",
    "ci_high",
    "design_effect",
    "verdict",
    "sentences",
]


def piece_label(doc_id: str, part: int, n_parts: int) -> str:
    """Short name of a piece: ``004/2`` when its document has several pieces, else ``004``.

    Examples
    --------
    >>> piece_label("004_3f9db06cc5bb1528", 2, 3), piece_label("001_0d65e2bbff311307", 1, 1)
    ('004/2', '001')
    """
    short = str(doc_id).split("_")[0]
    return f"{short}/{part}" if n_parts > 1 else short


def _blocks(frame: pd.DataFrame) -> np.ndarray:
    paragraph = (
        frame["paragraph_index"].to_numpy()
        if "paragraph_index" in frame.columns
        else np.zeros(len(frame), int)
    )
    index = frame["sentence_index"].to_numpy()
    keys: list[tuple[int, int]] = []
    start: dict[int, int] = {}
    for p, i in zip(paragraph, index, strict=True):
        first = start.setdefault(int(p), int(i))
        keys.append((int(p), (int(i) - first) // BLOCK_SENTENCES))
    _, codes = np.unique(np.array(keys), axis=0, return_inverse=True)
    return codes.ravel()


def _interval(
    approving: np.ndarray, blocks: np.ndarray, *, n_boot: int, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Jeffreys interval on the effective sample size; returns (low, high, design effect)."""
    from scipy.stats import beta

    ids, sizes = np.unique(blocks, return_counts=True)
    n = len(approving)
    share = approving.mean()
    binomial_var = share * (1 - share) / n
    if len(ids) >= 2 and binomial_var > 0:
        positives = np.array([approving[blocks == b].sum() for b in ids])
        draws = rng.integers(0, len(ids), size=(n_boot, len(ids)))
        shares = positives[draws].sum(axis=1) / sizes[draws].sum(axis=1)
        design_effect = max(1.0, float(shares.var()) / binomial_var)
    else:
        # Unanimous sentences (or one block) carry no estimate of the dependence: assume the
        # sentences of a block say one thing, the most cautious reading.
        design_effect = float(sizes.mean())
    a = approving.sum() / design_effect
    s = (n - approving.sum()) / design_effect
    low, high = beta.ppf([0.025, 0.975], a + 0.5, s + 0.5)
    return float(low), float(high), design_effect


def _verdict(n_polar: int, low: float, high: float) -> str:
    if n_polar < MIN_POLAR:
        return "too few polar sentences"
    if low > 0.5:
        return "approving"
    if high < 0.5:
        return "skeptical"
    return "no clear lean"


def piece_stance(coded: pd.DataFrame, *, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Approving share per piece × target, author's voice and all voices, with block intervals.

    Parameters
    ----------
    coded : pandas.DataFrame
        Coded sentences with ``doc_id, part, sentence_index, target, stance, voice`` (and
        ``paragraph_index`` when known), as from :func:`retailkit.arguments.code`.
    n_boot : int
        Bootstrap resamples.
    seed : int
        Random seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PIECE_COLUMNS`; ``voices`` is ``author`` (the author's own sentences)
        or ``all``; ``sentences`` lists the polar sentences' indices (``a`` approving, ``s``
        skeptical: ``a3 s7``) so each number can be traced to its sentences. Sorted by piece,
        target, voices.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": "d", "part": 1, "sentence_index": range(24),
    ...     "paragraph_index": range(24), "target": "social",
    ...     "stance": ["skeptical", "skeptical", "skeptical", "approving"] * 6, "voice": "author"})
    >>> columns = ["n_approving", "n_skeptical", "approving_share", "verdict"]
    >>> piece_stance(coded)[columns].iloc[0].to_dict()
    {'n_approving': 6, 'n_skeptical': 18, 'approving_share': 0.25, 'verdict': 'skeptical'}
    """
    rng = np.random.default_rng(seed)
    about = coded[coded["target"].astype(str) != ""]
    n_parts = coded.groupby("doc_id")["part"].nunique()
    rows = []
    for (doc_id, part, target), frame in about.groupby(["doc_id", "part", "target"], sort=True):
        frame = frame.sort_values("sentence_index")
        for voices in ("author", "all"):
            chosen = frame if voices == "all" else frame[frame["voice"] == "author"]
            polar = chosen[chosen["stance"].isin(["approving", "skeptical"])]
            approving = (polar["stance"] == "approving").to_numpy()
            share = float(approving.mean()) if len(polar) >= MIN_POLAR else float("nan")
            low, high, design_effect = (
                _interval(approving, _blocks(polar), n_boot=n_boot, rng=rng)
                if len(polar) >= MIN_POLAR
                else (float("nan"), float("nan"), float("nan"))
            )
            rows.append(
                {
                    "doc_id": doc_id,
                    "part": part,
                    "piece": piece_label(doc_id, part, int(n_parts[doc_id])),
                    "target": target,
                    "voices": voices,
                    "n_approving": int(approving.sum()),
                    "n_skeptical": int(len(polar) - approving.sum()),
                    "n_neutral": int((chosen["stance"] == "neutral").sum()),
                    "approving_share": share,
                    "ci_low": low,
                    "ci_high": high,
                    "design_effect": design_effect,
                    "verdict": _verdict(len(polar), low, high),
                    "sentences": " ".join(
                        f"{s[0]}{i}"
                        for i, s in zip(polar["sentence_index"], polar["stance"], strict=True)
                    ),
                }
            )
    return pd.DataFrame(rows, columns=PIECE_COLUMNS)
