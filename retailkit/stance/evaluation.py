"""The scorers measured on the hand-labelled seed sentences (``data/stance/``)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from retailkit.errors import ModelError
from retailkit.stance._constants import LABELS, LEXICONS
from retailkit.stance._metrics import _accuracy, _auc, bootstrap_intervals
from retailkit.stance.lexicon import sentence_features
from retailkit.stance.scoring import default_band, score

# --------------------------------------------------------------------------- evaluation

REPO_ROOT = Path(__file__).resolve().parents[2]
LABELLED_DIR = REPO_ROOT / "data" / "stance"
#: Scorers of :func:`evaluation_summary`: ``"stance"`` is the default (:data:`DEFAULT_VERSION`),
#: ``"stance_v1"`` / ``"stance_v2"`` the two versions side by side.
SCORERS = ("stance", "stance_v1", "stance_v2", "review_model", "snownlp")
SUMMARY_COLUMNS = (
    "scorer",
    "article",
    "n",
    "n_approving",
    "n_skeptical",
    "n_neutral",
    "auc",
    "auc_low",
    "auc_high",
    "accuracy",
    "accuracy_low",
    "accuracy_high",
    "coverage",
    "band_share",
    "neutral_precision",
    "approving_precision",
    "skeptical_precision",
)
#: The columns of :func:`evaluation_summary` that notebooks show beside a stance comparison.
HEADLINE_COLUMNS = (
    "scorer",
    "n_approving",
    "n_skeptical",
    "auc",
    "auc_low",
    "auc_high",
    "accuracy",
    "accuracy_low",
    "accuracy_high",
)


def _read_labels(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ModelError(f"{path}: labelled stance sentences not found")
    frame = pd.read_csv(path, dtype={"doc_id": str, "text": str}, keep_default_na=False)
    needed = ("doc_id", "part", "sentence_index", "text", "label")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ModelError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = frame.index[~frame["label"].isin(LABELS)]
    if len(bad):
        raise ModelError(f"{path}: row {int(bad[0]) + 2}: label must be one of {LABELS}")
    return frame


def load_labelled(directory: str | Path | None = None) -> pd.DataFrame:
    """The hand-labelled seed sentences: the test set of the stance scorer.

    Annotator A labelled every sentence of the five cleaned seed articles following
    ``data/stance/GUIDELINES.md``; those labels are the gold standard. Where the independent
    second pass (``labels_b.csv``) exists, its label is joined for agreement figures
    (``data/stance/AGREEMENT.md``).

    Parameters
    ----------
    directory : str or Path, optional
        Folder holding ``labels_a.csv`` (and optionally ``labels_b.csv``); default the
        repository's ``data/stance``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``part``, ``sentence_index``, ``text``, ``label`` (gold, one of
        :data:`LABELS`), ``note`` and ``label_b`` (second annotator's label, ``""`` where the
        sentence was not in the second pass), sorted by ``doc_id``, ``part``,
        ``sentence_index``.

    Raises
    ------
    ModelError
        If a file is missing or malformed (the message names file and row).

    Examples
    --------
    >>> labelled = load_labelled()
    >>> len(labelled), sorted(labelled["label"].unique())
    (363, ['approving', 'neutral', 'skeptical'])
    """
    folder = Path(directory) if directory is not None else LABELLED_DIR
    gold = _read_labels(folder / "labels_a.csv")
    if "note" not in gold.columns:
        gold["note"] = ""
    keys = ["doc_id", "part", "sentence_index"]
    second_path = folder / "labels_b.csv"
    if second_path.is_file():
        second = _read_labels(second_path)[[*keys, "label"]].rename(columns={"label": "label_b"})
        gold = gold.merge(second, on=keys, how="left", validate="one_to_one")
        gold["label_b"] = gold["label_b"].fillna("")
    else:
        gold["label_b"] = ""
    columns = [*keys, "text", "label", "note", "label_b"]
    return gold.sort_values(keys, kind="stable").reset_index(drop=True)[columns]


def evaluate(
    scores: Sequence[float] | np.ndarray,
    labels: Sequence[str],
    *,
    band: tuple[float, float] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """Measure P(approving) scores against gold stance labels.

    Parameters
    ----------
    scores : sequence of float
        P(approving) per sentence; NaN counts as 0.5 (no evidence).
    labels : sequence of str
        Gold labels, each one of :data:`LABELS`.
    band : (float, float), optional
        Neutral band for the band figures; default the default scorer's band
        (:func:`default_band`).
    n_boot : int, default 1000
        Bootstrap resamples for the 95 % intervals (0: no intervals).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    dict
        ``n``, ``n_approving``, ``n_skeptical``, ``n_neutral``; on approving vs skeptical
        sentences: ``auc`` and ``accuracy`` (at 0.5, exact 0.5 counts half) with bootstrap
        ``*_low`` / ``*_high``, and ``coverage`` (share with a score other than 0.5); over all
        sentences: ``band_share`` (share scored inside the band), ``neutral_precision`` (share
        of those labelled neutral), ``approving_precision`` / ``skeptical_precision`` (share
        of sentences above / below the band labelled so). NaN where undefined.

    Examples
    --------
    >>> result = evaluate([0.9, 0.2, 0.5, 0.7], ["approving", "skeptical", "neutral", "skeptical"],
    ...                   n_boot=0)
    >>> result["auc"], result["accuracy"], result["neutral_precision"]
    (1.0, 0.6666666666666666, 1.0)
    """
    values = np.asarray(scores, dtype=float)
    values = np.where(np.isnan(values), 0.5, values)
    gold = np.asarray(labels, dtype=object)
    if len(values) != len(gold):
        raise ValueError(f"scores and labels differ in length ({len(values)} vs {len(gold)})")
    bad = sorted({str(x) for x in gold if x not in LABELS})
    if bad:
        raise ValueError(f"labels: unknown label(s) {bad}; expected {LABELS}")
    lo, hi = band if band is not None else default_band()
    polar = gold != "neutral"
    positive = gold[polar] == "approving"
    polar_scores = values[polar]
    auc_low, auc_high, acc_low, acc_high = bootstrap_intervals(
        polar_scores, positive, n_boot=n_boot, seed=seed
    )
    inside = (values >= lo) & (values <= hi)

    def share(mask: np.ndarray, wanted: str) -> float:
        return float((gold[mask] == wanted).mean()) if mask.any() else float("nan")

    return {
        "n": len(gold),
        "n_approving": int((gold == "approving").sum()),
        "n_skeptical": int((gold == "skeptical").sum()),
        "n_neutral": int((gold == "neutral").sum()),
        "auc": _auc(polar_scores, positive),
        "auc_low": auc_low,
        "auc_high": auc_high,
        "accuracy": _accuracy(polar_scores, positive),
        "accuracy_low": acc_low,
        "accuracy_high": acc_high,
        "coverage": float((polar_scores != 0.5).mean()) if polar.any() else float("nan"),
        "band_share": float(inside.mean()) if len(gold) else float("nan"),
        "neutral_precision": share(inside, "neutral"),
        "approving_precision": share(values > hi, "approving"),
        "skeptical_precision": share(values < lo, "skeptical"),
    }


def baseline_scores(sentences: Sequence[str], scorer: str) -> np.ndarray:
    """P(approving) from one of :data:`SCORERS`, for side-by-side evaluation.

    ``"stance"`` is :func:`score` (the default version), ``"stance_v1"`` / ``"stance_v2"``
    :func:`score` with that version; ``"review_model"`` is ``retailkit.sentiment.score`` (the
    calibrated character n-gram model trained on reviews); ``"snownlp"`` is
    ``SnowNLP(s).sentiments``. Missing or Chinese-free sentences give NaN (evaluated as 0.5)
    with the last two.

    Examples
    --------
    >>> baseline_scores(["前景并不光明"], "stance_v1").round(2).tolist()
    [0.19]
    """
    if scorer == "stance":
        return score(sentences)
    if scorer in ("stance_v1", "stance_v2"):
        return score(sentences, version="v1" if scorer == "stance_v1" else "v2")
    if scorer == "review_model":
        from retailkit import sentiment

        return np.asarray(sentiment.score(list(sentences)), dtype=float)
    if scorer == "snownlp":
        from retailkit import sentiment

        return np.asarray(sentiment.score(list(sentences), engine="snownlp"), dtype=float)
    raise ModelError(f"scorer={scorer!r}: choose from {SCORERS}")


@functools.cache
def _summary(band: tuple[float, float] | None, n_boot: int, seed: int) -> pd.DataFrame:
    labelled = load_labelled()
    labelled["article"] = labelled["doc_id"]
    rows = []
    for scorer in SCORERS:
        values = baseline_scores(labelled["text"].tolist(), scorer)
        if band is not None:
            scorer_band: tuple[float, float] | None = band
        elif scorer in ("stance_v1", "stance_v2"):
            scorer_band = default_band("v1" if scorer == "stance_v1" else "v2")
        else:
            scorer_band = default_band()
        for article, index in sorted(labelled.groupby("article").groups.items()):
            positions = labelled.index.get_indexer(index)
            result = evaluate(
                values[positions],
                labelled["label"].to_numpy()[positions],
                band=scorer_band,
                n_boot=n_boot,
                seed=seed,
            )
            rows.append({"scorer": scorer, "article": str(article), **result})
        overall = evaluate(values, labelled["label"], band=scorer_band, n_boot=n_boot, seed=seed)
        rows.append({"scorer": scorer, "article": "all", **overall})
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def evaluation_summary(
    *, band: tuple[float, float] | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """Measured quality of the stance scorer and the baselines on the labelled seed sentences.

    Computed at run time from ``data/stance/labels_a.csv`` (nothing is hard-coded), per article
    and overall (``article == "all"``), for every scorer in :data:`SCORERS` (v1 and v2 side by
    side, and ``"stance"``, the default version, again under that name). See :func:`evaluate`
    for the columns' meaning.

    Parameters
    ----------
    band : (float, float), optional
        Neutral band for every scorer; default each stance version's own band
        (:func:`default_band`), and the default version's band for the baselines.
    n_boot : int, default 1000
        Bootstrap resamples for the 95 % intervals.
    seed : int, default 0
        Bootstrap seed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`, sorted by scorer (in :data:`SCORERS` order) then
        article.

    Examples
    --------
    >>> summary = evaluation_summary(n_boot=0)
    >>> summary.loc[summary["article"] == "all", "scorer"].tolist()
    ['stance', 'stance_v1', 'stance_v2', 'review_model', 'snownlp']
    """
    return _summary(band, n_boot, seed).copy()


def leave_one_article_out_scores(
    labelled: pd.DataFrame | None = None, *, C: float = 1.0
) -> np.ndarray:
    """Scores of a variant fitted on the seed labels, each article scored by the other four.

    The variant is a logistic regression (with intercept) on the three lexicon features of
    :func:`sentence_features` plus the logit of the review model's score, fitted on the
    approving and skeptical sentences of four articles and applied to every sentence of the
    fifth. It is never shipped; it only answers "would fitting on commentary labels help?".

    Parameters
    ----------
    labelled : pandas.DataFrame, optional
        Columns ``doc_id``, ``text``, ``label``; default :func:`load_labelled`.
    C : float, default 1.0
        Inverse regularisation strength.

    Returns
    -------
    numpy.ndarray
        P(approving) per row, input order.
    """
    from sklearn.linear_model import LogisticRegression

    from retailkit import sentiment

    labelled = load_labelled() if labelled is None else labelled
    texts = labelled["text"].tolist()
    review = np.asarray(sentiment.score(texts), dtype=float)
    review = np.clip(np.where(np.isnan(review), 0.5, review), 1e-3, 1 - 1e-3)
    features = np.column_stack(
        [
            sentence_features(texts)[list(LEXICONS)].to_numpy(dtype=float),
            np.log(review / (1 - review)),
        ]
    )
    gold = labelled["label"].to_numpy()
    articles = labelled["doc_id"].to_numpy()
    polar = gold != "neutral"
    out = np.full(len(gold), np.nan)
    for article in sorted(set(articles)):
        train = (articles != article) & polar
        if len(set(gold[train])) < 2:
            raise ModelError(f"article {article}: the other articles lack one of the two sides")
        model = LogisticRegression(C=C, max_iter=1000)
        model.fit(features[train], (gold[train] == "approving").astype(int))
        out[articles == article] = model.predict_proba(features[articles == article])[:, 1]
    return out


def agreement_summary(directory: str | Path | None = None) -> pd.DataFrame:
    """Agreement between the two independent annotators of the seed sentences.

    Computed at run time from ``labels_a.csv`` and ``labels_b.csv`` on the sentences both
    labelled (see ``data/stance/AGREEMENT.md`` for what the disagreements were about).

    Parameters
    ----------
    directory : str or Path, optional
        Folder of the label files; default the repository's ``data/stance``.

    Returns
    -------
    pandas.DataFrame
        One row per article and one for ``"all"``, columns ``article``, ``n`` (sentences
        labelled by both), ``agreement`` (share with the same label) and ``kappa`` (Cohen's
        κ; NaN where undefined). Empty (with these columns) if there is no second pass.

    Examples
    --------
    >>> summary = agreement_summary()
    >>> summary["article"].iloc[-1], int(summary["n"].iloc[-1]) >= 80
    ('all', True)
    """
    from sklearn.metrics import cohen_kappa_score

    labelled = load_labelled(directory)
    both = labelled[labelled["label_b"] != ""]
    columns = ["article", "n", "agreement", "kappa"]
    if both.empty:
        return pd.DataFrame(columns=columns)

    def row(article: str, frame: pd.DataFrame) -> dict[str, Any]:
        same = frame["label"] == frame["label_b"]
        one_label = len(set(frame["label"]) | set(frame["label_b"])) < 2
        kappa = float("nan") if one_label else cohen_kappa_score(frame["label"], frame["label_b"])
        return {
            "article": article,
            "n": len(frame),
            "agreement": float(same.mean()),
            "kappa": kappa,
        }

    rows = [row(str(article), group) for article, group in sorted(both.groupby("doc_id"))]
    rows.append(row("all", both))
    return pd.DataFrame(rows, columns=columns)
