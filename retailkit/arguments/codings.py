"""The hand codings of the seeds (``data/arguments/``): loading, agreement, and evaluation.

The hand codings measure :func:`retailkit.arguments.code`; it never reads them. Files (see
``data/arguments/README.md``):

* ``sentences.csv`` — the sentences as the annotators saw them (``sentence_id, doc_id, part,
  sentence_index, text``);
* ``codings_a.csv`` — annotator A, every sentence; ``codings_b.csv`` — annotator B, a blind
  second pass on a subset;
* ``adjudication.csv`` — the final coding of every sentence on which A and B disagreed, with
  the reason. The **gold** coding is A's, replaced by the adjudicated rows.

Evaluation matches sentences by piece and text, so that a later change of the cleaning that
shifts sentence numbers does not misalign them (sentences the cleaning no longer produces drop
out, and :func:`evaluate` reports how many were matched).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from retailkit.arguments.targets import TARGETS
from retailkit.errors import CorpusError

__all__ = [
    "CODINGS_DIR",
    "STANCE_SCORERS",
    "agreement_summary",
    "align_codings",
    "commentary_sentence_quality",
    "evaluate",
    "load_codings",
    "match_key",
    "stance_evaluation",
]

#: Scorers compared by :func:`stance_evaluation`, in table order.
STANCE_SCORERS = ("commentary", "v1", "v2", "review model", "SnowNLP")

CODINGS_DIR = Path(__file__).resolve().parents[2] / "data" / "arguments"
_FIELDS = ["targets", "stance_social", "stance_interactive", "stance_feed", "voice", "speaker"]
_LONG = [
    "sentence_id",
    "doc_id",
    "part",
    "sentence_index",
    "sentence",
    "target",
    "stance",
    "voice",
    "speaker",
]
_PIECE_KEYS = ["doc_id", "part"]


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise CorpusError(
            f"{path}: missing (the hand codings ship in the repository's data/arguments/)"
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}")
    return frame


def _wide(which: Literal["gold", "a", "b"], directory: Path) -> pd.DataFrame:
    columns = ["sentence_id", *_FIELDS]
    if which == "b":
        return _read(directory / "codings_b.csv", columns)
    coded = _read(directory / "codings_a.csv", columns)
    if which == "gold":
        adjudicated = _read(directory / "adjudication.csv", columns).set_index("sentence_id")
        coded = coded.set_index("sentence_id")
        coded.update(adjudicated[_FIELDS])
        coded = coded.reset_index()
    return coded


def load_codings(
    which: Literal["gold", "a", "b"] = "gold", *, directory: str | Path | None = None
) -> pd.DataFrame:
    """Hand codings in the shape of :func:`retailkit.arguments.code`'s table.

    Parameters
    ----------
    which : {"gold", "a", "b"}
        ``"gold"`` (annotator A with the adjudicated disagreements), ``"a"`` or ``"b"``.
    directory : str or Path, optional
        Folder of the coding files; default ``data/arguments/`` of the repository.

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence_id, doc_id, part, sentence_index, sentence, target, stance, voice,
        speaker``; one row per sentence and coded target (a sentence with no target: one row,
        empty ``target`` and ``stance``).
    """
    folder = Path(directory) if directory is not None else CODINGS_DIR
    sentences = _read(
        folder / "sentences.csv", ["sentence_id", "doc_id", "part", "sentence_index", "text"]
    )
    wide = _wide(which, folder).merge(sentences, on="sentence_id", how="left", validate="1:1")
    rows = []
    for row in wide.itertuples(index=False):
        targets = [t for t in str(row.targets).split(";") if t]
        unknown = set(targets) - set(TARGETS)
        if unknown:
            raise CorpusError(
                f"codings {which}: {row.sentence_id}: unknown target(s) {sorted(unknown)}"
            )
        for target in targets or [""]:
            rows.append(
                {
                    "sentence_id": row.sentence_id,
                    "doc_id": row.doc_id,
                    "part": int(row.part),
                    "sentence_index": int(row.sentence_index),
                    "sentence": row.text,
                    "target": target,
                    "stance": getattr(row, f"stance_{target}") if target else "",
                    "voice": row.voice,
                    "speaker": row.speaker if row.voice == "reported" else "",
                }
            )
    return pd.DataFrame(rows, columns=_LONG)


def _kappa(a: pd.Series, b: pd.Series) -> float:
    from sklearn.metrics import cohen_kappa_score

    if len(a) == 0:
        return float("nan")
    if a.nunique() == 1 and b.nunique() == 1 and a.iloc[0] == b.iloc[0]:
        return 1.0  # both constant and equal: perfect agreement (sklearn would give NaN)
    return float(cohen_kappa_score(a, b))


def agreement_summary(*, directory: str | Path | None = None) -> pd.DataFrame:
    """Cohen's κ between annotators A and B, per field, per piece and overall.

    Fields: whether each target is coded (``target: social`` …), the stance toward each target
    on sentences both coded with it, ``voice``, and the share of sentences both coded
    ``reported`` whose speaker they wrote identically (``speaker`` row, in ``agreement``).

    Returns
    -------
    pandas.DataFrame
        Columns ``piece, field, n, agreement, kappa``.
    """
    folder = Path(directory) if directory is not None else CODINGS_DIR
    sentences = _read(folder / "sentences.csv", ["sentence_id", "doc_id", "part"])
    both = _wide("a", folder).merge(_wide("b", folder), on="sentence_id", suffixes=("_a", "_b"))
    both = both.merge(sentences, on="sentence_id")
    both["piece"] = both["doc_id"].str[:3] + "/" + both["part"].astype(str)
    groups = [("all", both), *((piece, frame) for piece, frame in both.groupby("piece"))]
    rows = []
    for piece, frame in groups:
        for target in TARGETS:
            a = frame["targets_a"].str.split(";").apply(lambda t, x=target: x in t)
            b = frame["targets_b"].str.split(";").apply(lambda t, x=target: x in t)
            rows.append(
                (piece, f"target: {target}", len(frame), float((a == b).mean()), _kappa(a, b))
            )
            shared = frame[a & b]
            sa, sb = shared[f"stance_{target}_a"], shared[f"stance_{target}_b"]
            rows.append(
                (
                    piece,
                    f"stance: {target}",
                    len(shared),
                    float((sa == sb).mean()) if len(shared) else float("nan"),
                    _kappa(sa, sb),
                )
            )
        rows.append(
            (
                piece,
                "voice",
                len(frame),
                float((frame["voice_a"] == frame["voice_b"]).mean()),
                _kappa(frame["voice_a"], frame["voice_b"]),
            )
        )
        reported = frame[(frame["voice_a"] == "reported") & (frame["voice_b"] == "reported")]
        same = (
            float((reported["speaker_a"] == reported["speaker_b"]).mean())
            if len(reported)
            else float("nan")
        )
        rows.append((piece, "speaker", len(reported), same, float("nan")))
    return pd.DataFrame(rows, columns=["piece", "field", "n", "agreement", "kappa"])


def _auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    if positive.all() or not positive.any():
        return float("nan")
    return float(roc_auc_score(positive, scores))


def _right(scores: np.ndarray, positive: np.ndarray) -> float:
    """Accuracy at 0.5, a score of exactly 0.5 counting as wrong (NaN without pairs)."""
    return float(((scores > 0.5) == positive).mean()) if len(scores) else float("nan")


def _prf(predicted: pd.Series, gold: pd.Series) -> tuple[int, int, int]:
    tp = int((predicted & gold).sum())
    return tp, int((predicted & ~gold).sum()), int((~predicted & gold).sum())


def match_key(sentences: pd.Series) -> pd.Series:
    """Sentence text for matching codings to today's cleaning (著 → 着 since 2026-11-30)."""
    return sentences.fillna("").str.replace("著", "着", regex=False)


def evaluate(
    coded: pd.DataFrame | None = None, *, gold: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Measure automatic codings against the hand codings, beside the keyword baseline.

    Parameters
    ----------
    coded : pandas.DataFrame, optional
        :func:`retailkit.arguments.code` output for the seeds; default: computed from
        ``load_seeds(by="part")``.
    gold : pandas.DataFrame, optional
        Hand codings (:func:`load_codings`); default the gold codings.

    Returns
    -------
    pandas.DataFrame
        Columns ``task, method, group, measure, value, n``: target detection (precision, recall,
        F1 per target and ``micro``, per piece), voice accuracy, speaker named correctly among
        reported sentences, and stance toward the coded target (AUC and accuracy at 0.5,
        approving vs skeptical), for ``arguments`` (this package) and ``keyword baseline``
        (a theme's term present → about it; whole-sentence stance score).
    """
    from retailkit import stance
    from retailkit.arguments import code, keyword_targets, stance_toward

    if gold is None:
        gold = load_codings("gold")
    if coded is None:
        from retailkit.corpus import load_seeds

        coded = code(load_seeds(by="part"))
    keys = [*_PIECE_KEYS, "match"]
    gold = gold.assign(match=match_key(gold["sentence"]))
    coded = coded.assign(match=match_key(coded["sentence"]))
    gold_sentences = gold.drop_duplicates("sentence_id")
    auto_sentences = coded.drop_duplicates([*_PIECE_KEYS, "sentence_index"])
    matched = gold_sentences.merge(
        auto_sentences[[*keys, "voice", "speaker"]], on=keys, suffixes=("", "_auto")
    )
    matched["piece"] = matched["doc_id"].str[:3] + "/" + matched["part"].astype(str)
    rows: list[tuple[str, str, str, str, float, int]] = [
        (
            "coverage",
            "arguments",
            "all",
            "sentences matched",
            float(len(matched)),
            len(gold_sentences),
        )
    ]
    gold_targets = gold.groupby("sentence_id")["target"].agg(lambda t: {x for x in t if x})
    auto_targets = coded.groupby(keys)["target"].agg(lambda t: {x for x in t if x})
    predicted = {
        "arguments": [
            auto_targets.get(tuple(k), set()) for k in matched[keys].itertuples(index=False)
        ],
        "keyword baseline": [set(t) for t in keyword_targets(matched["sentence"].tolist())],
    }
    truth = [gold_targets[s] for s in matched["sentence_id"]]
    for method, sets in predicted.items():
        for group, mask in [
            ("all", np.ones(len(matched), bool)),
            *((p, (matched["piece"] == p).to_numpy()) for p in sorted(matched["piece"].unique())),
        ]:
            totals = np.zeros(3, int)
            for target in TARGETS if group == "all" else ():
                p = pd.Series([target in s for s in sets])[mask]
                g = pd.Series([target in s for s in truth])[mask]
                tp, fp, fn = _prf(p, g)
                rows += _prf_rows("targets", method, target, tp, fp, fn)
            for target in TARGETS:
                p = pd.Series([target in s for s in sets])[mask]
                g = pd.Series([target in s for s in truth])[mask]
                totals += np.array(_prf(p, g))
            rows += _prf_rows(
                "targets", method, "micro" if group == "all" else f"micro {group}", *totals
            )
    voice_ok = matched["voice"] == matched["voice_auto"]
    rows.append(("voice", "arguments", "all", "accuracy", float(voice_ok.mean()), len(matched)))
    for piece, frame in matched.groupby("piece"):
        rows.append(
            (
                "voice",
                "arguments",
                piece,
                "accuracy",
                float((frame["voice"] == frame["voice_auto"]).mean()),
                len(frame),
            )
        )
    reported = matched[matched["voice"] == "reported"]
    named = (reported["voice_auto"] == "reported") & (
        reported["speaker"] == reported["speaker_auto"]
    )
    rows.append(
        (
            "speaker",
            "arguments",
            "all",
            "named correctly",
            float(named.mean()) if len(reported) else float("nan"),
            len(reported),
        )
    )
    polar = gold[gold["stance"].isin(["approving", "skeptical"])].merge(
        matched[["sentence_id", "piece"]], on="sentence_id"
    )
    positive = (polar["stance"] == "approving").to_numpy()
    methods = {
        "arguments": stance_toward(polar["sentence"].tolist(), polar["target"].tolist()),
        "keyword baseline": stance.score(polar["sentence"].tolist()),
    }
    for method, scores in methods.items():
        groups = [("all", np.ones(len(polar), bool))]
        groups += [(t, (polar["target"] == t).to_numpy()) for t in TARGETS]
        groups += [(p, (polar["piece"] == p).to_numpy()) for p in sorted(polar["piece"].unique())]
        for group, mask in groups:
            n = int(mask.sum())
            rows.append(("stance", method, group, "AUC", _auc(scores[mask], positive[mask]), n))
            accuracy = float(((scores[mask] > 0.5) == positive[mask]).mean()) if n else float("nan")
            rows.append(("stance", method, group, "accuracy", accuracy, n))
    return pd.DataFrame(rows, columns=["task", "method", "group", "measure", "value", "n"])


def align_codings(
    coded: pd.DataFrame, gold: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The hand codings with the paragraph numbers of today's split, ready for piece tables.

    Sentences are matched to :func:`retailkit.arguments.code`'s output by piece and text
    (:func:`match_key`), which gives each coded sentence its ``paragraph_index`` (used by
    :func:`retailkit.pieces.piece_stance` for its block bootstrap).

    Parameters
    ----------
    coded : pandas.DataFrame
        :func:`retailkit.arguments.code` output for the seeds.
    gold : pandas.DataFrame, optional
        Hand codings (:func:`load_codings`); default the gold codings.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The matched codings (columns of :func:`load_codings` plus ``paragraph_index``), and the
        ids of the coded sentences today's cleaning no longer produces (left out), sorted.
    """
    if gold is None:
        gold = load_codings("gold")
    keys = [*_PIECE_KEYS, "match"]
    paragraphs = coded.assign(match=match_key(coded["sentence"])).drop_duplicates(keys)
    aligned = gold.assign(match=match_key(gold["sentence"])).merge(
        paragraphs[[*keys, "paragraph_index"]], on=keys, how="left"
    )
    gone = aligned["paragraph_index"].isna()
    left_out = sorted(aligned.loc[gone, "sentence_id"].unique())
    aligned = aligned[~gone].drop(columns="match").reset_index(drop=True)
    aligned["paragraph_index"] = aligned["paragraph_index"].astype("int64")
    return aligned, left_out


def commentary_sentence_quality(*, n_boot: int = 1000, seed: int = 0) -> dict[str, object]:
    """The commentary model with no target named, on the seeds' whole-sentence stance labels.

    :func:`retailkit.arguments.model.sentence_stance` scored against ``data/stance/`` (one
    stance label per sentence, toward whatever it discusses) with the model's neutral band:
    the row the whole-sentence evaluation (:func:`retailkit.stance.evaluation_summary`) lacks,
    since :mod:`retailkit.stance` sits below this package.

    Returns
    -------
    dict
        ``scorer`` (``"commentary"``) and the figures of :func:`retailkit.stance.evaluate`.
    """
    from retailkit import stance
    from retailkit.arguments.model import model_band, sentence_stance

    labelled = stance.load_labelled()
    figures = stance.evaluate(
        sentence_stance(labelled["text"].tolist()),
        labelled["label"].tolist(),
        band=model_band(),
        n_boot=n_boot,
        seed=seed,
    )
    return {"scorer": "commentary", **figures}


def stance_evaluation(
    *,
    gold: pd.DataFrame | None = None,
    scorers: tuple[str, ...] = STANCE_SCORERS,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Stance toward the coded target, per scorer and piece, against the hand codings.

    Every sentence × target the annotators coded is scored toward that target: by
    :func:`retailkit.arguments.stance_toward` (``commentary``, ``v1``, ``v2``; contrast frames
    and neglect verbs included, as :func:`retailkit.arguments.code` does) or, not knowing the
    target, by the review model and SnowNLP (:func:`retailkit.sentiment.score`). None of them
    was trained or tuned on these codings, apart from the rules of
    :mod:`retailkit.arguments.toward`, written while reading them.

    Parameters
    ----------
    gold : pandas.DataFrame, optional
        Hand codings (:func:`load_codings`); default the gold codings.
    scorers : tuple of str
        Any of :data:`STANCE_SCORERS`.
    n_boot, seed
        Bootstrap resamples of the pairs (0: no intervals) and their seed, for the 95 %
        intervals of the overall AUC and accuracy.

    Returns
    -------
    pandas.DataFrame
        One row per scorer and piece (``piece`` as ``"004/1"``, then ``"all"``): ``scorer,
        piece, n_approving, n_skeptical, n_neutral``, ``auc`` and ``accuracy`` (approving vs
        skeptical; accuracy at 0.5, a score of exactly 0.5 counting as wrong; NaN where a piece
        lacks one side) with, on the ``"all"`` rows, percentile bootstrap intervals
        ``auc_low, auc_high, accuracy_low, accuracy_high`` (pairs resampled; NaN per piece,
        where there are too few pairs for one to mean much), and for the target-aware scorers
        (``commentary``, ``v1``, ``v2``) the neutral calls of
        :func:`retailkit.arguments.stance_labels`: ``neutral_precision`` (share of the pairs
        called neutral that are coded neutral) and ``neutral_recall`` (share of the neutral pairs
        called neutral).

    Examples
    --------
    >>> table = stance_evaluation(scorers=("v1",))
    >>> overall = table[table["piece"] == "all"]
    >>> overall[["scorer", "n_approving", "n_skeptical"]].to_dict("records")
    [{'scorer': 'v1', 'n_approving': 127, 'n_skeptical': 32}]
    """
    from retailkit import sentiment
    from retailkit.arguments.toward import judge
    from retailkit.stance._metrics import bootstrap_intervals

    unknown = [s for s in scorers if s not in STANCE_SCORERS]
    if unknown:
        raise ValueError(f"scorers: unknown {unknown}; expected some of {STANCE_SCORERS}")
    if gold is None:
        gold = load_codings("gold")
    pairs = gold[gold["target"] != ""].reset_index(drop=True)
    piece = pairs["doc_id"].str[:3] + "/" + pairs["part"].astype(str)
    labels = pairs["stance"].to_numpy()
    rows = []
    for scorer in scorers:
        sentences, targets = pairs["sentence"].tolist(), pairs["target"].tolist()
        called: np.ndarray | None = None
        if scorer in ("commentary", "v1", "v2"):
            scores, judged = judge(sentences, targets, scorer=scorer)  # type: ignore[arg-type]
            called = judged == "neutral"
        elif scorer == "review model":
            scores = np.asarray(sentiment.score(sentences), dtype=float)
        else:
            scores = np.asarray(sentiment.score(sentences, engine="snownlp"), dtype=float)
        for group in [*sorted(piece.unique()), "all"]:
            mask = np.ones(len(pairs), bool) if group == "all" else (piece == group).to_numpy()
            polar = mask & np.isin(labels, ["approving", "skeptical"])
            positive = labels[polar] == "approving"
            row = {
                "scorer": scorer,
                "piece": group,
                "n_approving": int(positive.sum()),
                "n_skeptical": int((~positive).sum()),
                "n_neutral": int((mask & (labels == "neutral")).sum()),
                "auc": _auc(scores[polar], positive),
                "accuracy": _right(scores[polar], positive),
                "neutral_precision": float("nan"),
                "neutral_recall": float("nan"),
            }
            intervals = (float("nan"),) * 4
            if group == "all":
                intervals = bootstrap_intervals(
                    scores[polar], positive, n_boot=n_boot, seed=seed, auc=_auc, accuracy=_right
                )
            names = ["auc_low", "auc_high", "accuracy_low", "accuracy_high"]
            row |= dict(zip(names, intervals, strict=True))
            if called is not None:
                inside = mask & called
                neutral = mask & (labels == "neutral")
                if inside.any():
                    row["neutral_precision"] = float(neutral[inside].mean())
                if neutral.any():
                    row["neutral_recall"] = float(inside[neutral].mean())
            rows.append(row)
    return pd.DataFrame(rows)


def _prf_rows(
    task: str, method: str, group: str, tp: int, fp: int, fn: int
) -> list[tuple[str, str, str, str, float, int]]:
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    n = tp + fn
    return [
        (task, method, group, "precision", precision, n),
        (task, method, group, "recall", recall, n),
        (task, method, group, "F1", f1, n),
    ]
