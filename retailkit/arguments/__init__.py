"""Code the arguments of any corpus: targets, stance toward each target, voice and speaker.

:func:`code` reads every sentence of every piece and returns one row per sentence and target
it is about (``social``, ``interactive``, ``feed``; a sentence about none appears once with an
empty target), with the stance toward that target, P(approving) toward it, and whether the
sentence is the author's voice or reported speech (with the speaker as written). It never reads
the hand codings of ``data/arguments/``: those measure it (:mod:`retailkit.arguments.codings`).

Parts (each usable alone):

* :mod:`~retailkit.arguments.targets` — what a sentence is about (theme lexicons + rules);
* :mod:`~retailkit.arguments.toward` — stance toward a given target (contrast frames, neglect,
  the clause that names the target, scored by :func:`retailkit.stance.score`);
* :mod:`~retailkit.arguments.voice` — author or reported, and the speaker;
* :mod:`~retailkit.arguments.extract` — cited figures and actors as tidy tables.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["x"], "text": ["阿里妈妈副总裁张勤表示，信息流营销前景广阔。"]})
>>> coded = code(docs)
>>> coded[["target", "voice", "speaker"]].to_dict("records")
[{'target': 'feed', 'voice': 'reported', 'speaker': '张勤'}]
>>> bool(coded.loc[0, "score"] > 0.5)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from retailkit.arguments import codings
from retailkit.arguments.extract import actors, cited_figures
from retailkit.arguments.model import target_probabilities
from retailkit.arguments.targets import TARGET_THEMES, TARGETS, detect_targets, keyword_targets
from retailkit.arguments.toward import Scorer, judge, stance_labels, stance_toward
from retailkit.arguments.voice import attribute_voice, speaker_of
from retailkit.errors import CorpusError

__all__ = [
    "CODEBOOK",
    "CODE_COLUMNS",
    "TARGETS",
    "TARGET_THEMES",
    "actors",
    "attribute_voice",
    "cited_figures",
    "code",
    "codings",
    "detect_targets",
    "export",
    "keyword_targets",
    "speaker_of",
    "stance_labels",
    "stance_toward",
]

#: Columns of :func:`code`'s table.
CODE_COLUMNS = [
    "doc_id",
    "part",
    "sentence_index",
    "paragraph_index",
    "sentence",
    "target",
    "stance",
    "score",
    "voice",
    "speaker",
]

#: What each column of the codings means (written by :func:`export` as ``codebook.csv``).
CODEBOOK = pd.DataFrame(
    [
        ("doc_id", "", "document id (file name without extension, or the corpus's id column)"),
        ("part", "1, 2, …", "piece within the document (an archive page may hold several pieces)"),
        (
            "sentence_index",
            "0, 1, …",
            "sentence number within the piece (retailkit.split_sentences)",
        ),
        ("paragraph_index", "0, 1, …", "paragraph number within the piece"),
        ("sentence", "", "the cleaned sentence"),
        (
            "target",
            "social | interactive | feed | (empty)",
            "practice the sentence is about: social commerce (社交电商), interactive marketing "
            "(互动营销), feed-based marketing (信息流营销); empty: none of them",
        ),
        (
            "stance",
            "approving | skeptical | neutral | (empty)",
            "stance toward the target; empty when the target is empty",
        ),
        (
            "score",
            "0–1",
            "P(approving) toward the target (automatic codings only); 0.5 = no evidence",
        ),
        (
            "voice",
            "author | reported",
            "the author's own words, or what a named or identified speaker says, thinks or finds",
        ),
        (
            "speaker",
            "",
            "for reported sentences: the speaker as written, shortest identifying form",
        ),
    ],
    columns=["column", "values", "meaning"],
)


def _piece_sentences(text: str) -> tuple[list[str], list[int]]:
    from retailkit.cleaning import split_paragraphs, split_sentences

    sentences: list[str] = []
    paragraphs: list[int] = []
    for number, paragraph in enumerate(split_paragraphs(text)):
        found = split_sentences(paragraph)
        sentences += found
        paragraphs += [number] * len(found)
    return sentences, paragraphs


TargetMethod = Literal["rules", "model", "either"]


def _targets(
    sentences: list[str], paragraphs: list[int], method: TargetMethod, learned: np.ndarray
) -> list[tuple[str, ...]]:
    """The targets of one piece's sentences: the rules (with the paragraphs), the model's
    ``learned`` calls (one row per sentence), or either."""
    rules = detect_targets(sentences, paragraphs)
    if method == "rules" or not sentences:
        return rules
    return [
        tuple(
            t
            for j, t in enumerate(TARGETS)
            if learned[i, j] or (method == "either" and t in rules[i])
        )
        for i in range(len(sentences))
    ]


def code(
    docs: pd.DataFrame, *, scorer: Scorer = "commentary", targets: TargetMethod = "either"
) -> pd.DataFrame:
    """Code every sentence of every piece for target, stance toward it, voice and speaker.

    Parameters
    ----------
    docs : pandas.DataFrame
        Cleaned pieces with columns ``doc_id`` and ``text`` and optionally ``part`` — e.g.
        ``retailkit.load_seeds(by="part")`` or ``retailkit.load_articles(path, by="part")``.
        Without ``part`` every document is one piece (``part`` 1).
    scorer : {"commentary", "v1", "v2"}
        Stance toward each target: the model learned from real commentary (default; neutral
        when its P(neutral) reaches the cross-validated threshold,
        :func:`~retailkit.arguments.toward.stance_labels`) or :func:`retailkit.stance.score`
        ``v1`` / ``v2`` (not target-aware; neutral inside its stored band).
    targets : {"either", "model", "rules"}
        How a sentence's targets are found: the lexicon rules
        (:func:`~retailkit.arguments.targets.detect_targets`, with the paragraph's topic), the
        commentary model (:func:`~retailkit.arguments.model.target_probabilities` > 0.5), or
        ``"either"`` (default): a target either finds. Measured micro-F1 (seeds' hand codings /
        WeChat public accounts, each scored by a model fitted without it): either 0.80 /
        0.47, model 0.76 / 0.51, rules 0.80 / 0.43 (two annotators agree at 0.94 / 0.75) —
        the rules were written on the seeds and over-read generic words in other genres; the
        model misses practices that other commentary implies without naming them; with your
        own commentary, ``"model"`` may suit better (``benchmarks/README.md``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODE_COLUMNS`, one row per sentence and target (a sentence about no
        target: one row, ``target`` and ``stance`` empty, ``score`` NaN), sorted by piece,
        sentence and target order. Pieces without text give no rows.

    Raises
    ------
    CorpusError
        If ``docs`` lacks ``doc_id`` or ``text``.
    """
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise CorpusError(
            f"docs: missing column(s) {', '.join(missing)}; pass load_seeds(by='part') or "
            "load_articles(...) output"
        )
    if targets not in ("rules", "model", "either"):
        raise ValueError(f"targets={targets!r}: expected 'rules', 'model' or 'either'")
    rows: list[dict[str, object]] = []
    parts = docs["part"] if "part" in docs.columns else pd.Series(1, index=docs.index)
    pieces = [
        (doc_id, part, *_piece_sentences(text if isinstance(text, str) else ""))
        for doc_id, part, text in zip(docs["doc_id"], parts, docs["text"], strict=True)
    ]
    # The model judges each sentence alone, so all pieces go through it in one call.
    everything = [sentence for *_, sentences, _paragraphs in pieces for sentence in sentences]
    learned = (
        target_probabilities(everything) > 0.5
        if targets != "rules"
        else np.zeros((len(everything), len(TARGETS)), dtype=bool)
    )
    start = 0
    for doc_id, part, sentences, paragraphs in pieces:
        found = _targets(sentences, paragraphs, targets, learned[start : start + len(sentences)])
        start += len(sentences)
        voices = attribute_voice(sentences, paragraphs)
        for index, sentence in enumerate(sentences):
            base = {
                "doc_id": doc_id,
                "part": int(part),
                "sentence_index": index,
                "paragraph_index": paragraphs[index],
                "sentence": sentence,
                "voice": voices[index][0],
                "speaker": voices[index][1],
            }
            for target in found[index] or ("",):
                rows.append({**base, "target": target})
    out = pd.DataFrame(rows, columns=[c for c in CODE_COLUMNS if c not in ("stance", "score")])
    with_target = out["target"] != ""
    scores = np.full(len(out), np.nan)
    labels = np.full(len(out), "", dtype=object)
    if with_target.any():
        about = with_target.to_numpy()
        scores[about], labels[about] = judge(
            out.loc[with_target, "sentence"].tolist(),
            out.loc[with_target, "target"].tolist(),
            scorer=scorer,
        )
    out["stance"] = labels
    out["score"] = scores
    return out[CODE_COLUMNS].reset_index(drop=True)


def export(
    path: str | Path, coded: pd.DataFrame, *, formats: tuple[str, ...] = ("csv", "parquet")
) -> list[Path]:
    """Write codings and the codebook for R, Stata or a QDA tool.

    Writes ``<path>/codings.csv`` (UTF-8 with BOM, so that Excel and Stata read the Chinese
    text), ``<path>/codings.parquet`` and ``<path>/codebook.csv``.

    Parameters
    ----------
    path : str or Path
        Folder to write into (created if missing).
    coded : pandas.DataFrame
        Output of :func:`code`, or the hand codings
        (:func:`retailkit.arguments.codings.load_codings`).
    formats : tuple of {"csv", "parquet"}
        Which formats of the codings to write.

    Returns
    -------
    list of Path
        The files written.
    """
    unknown = set(formats) - {"csv", "parquet"}
    if unknown:
        raise ValueError(f"formats={formats!r}: expected 'csv' and/or 'parquet'")
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if "csv" in formats:
        coded.to_csv(folder / "codings.csv", index=False, encoding="utf-8-sig")
        written.append(folder / "codings.csv")
    if "parquet" in formats:
        coded.to_parquet(folder / "codings.parquet", index=False)
        written.append(folder / "codings.parquet")
    CODEBOOK.to_csv(folder / "codebook.csv", index=False, encoding="utf-8-sig")
    written.append(folder / "codebook.csv")
    return written
