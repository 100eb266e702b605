"""Tidy tables of what the arguments rest on: cited figures and the actors named.

* **Cited figures**: a number with its unit (6000万, 74亿次, 86.6%, 2.23亿人), with the sentence's
  speaker as its source when the sentence is reported (艾媒咨询数据显示…). Years, dates and bare
  numbers (双11, 618) are not figures.
* **Actors**: platforms and companies from the platform lexicon
  (``retailkit/data/themes/platforms.yaml``, by entity: 手淘 and 手机淘宝 are both Mobile
  Taobao) and the speakers of reported sentences (people, organisations, groups).
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from retailkit.arguments._rules import rules

__all__ = ["ACTOR_COLUMNS", "FIGURE_COLUMNS", "actors", "cited_figures"]

_KEYS = ["doc_id", "part", "sentence_index"]
FIGURE_COLUMNS = [*_KEYS, "figure", "value", "unit", "source"]
ACTOR_COLUMNS = [*_KEYS, "actor", "as_written", "kind"]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def cited_figures(coded: pd.DataFrame) -> pd.DataFrame:
    """Numbers with units in each sentence of a :func:`retailkit.arguments.code` table.

    Parameters
    ----------
    coded : pandas.DataFrame
        Output of :func:`retailkit.arguments.code` (one or more rows per sentence).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FIGURE_COLUMNS`; ``source`` is the speaker of a reported sentence, else
        empty. One row per figure, in reading order.

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["a"], "part": [1], "sentence_index": [0],
    ...     "sentence": ["艾媒咨询数据显示，用户达2.23亿人，增长86.6%。"],
    ...     "voice": ["reported"], "speaker": ["艾媒咨询"]})
    >>> cited_figures(frame)[["figure", "value", "unit", "source"]].to_dict("records")
    [{'figure': '2.23亿人', 'value': 2.23, 'unit': '亿人', 'source': '艾媒咨询'}, \
{'figure': '86.6%', 'value': 86.6, 'unit': '%', 'source': '艾媒咨询'}]
    """
    sentences = coded.drop_duplicates(_KEYS)
    rows = []
    for row in sentences.itertuples(index=False):
        text = row.sentence if isinstance(row.sentence, str) else ""
        source = row.speaker if row.voice == "reported" else ""
        for found in rules().figure.finditer(text):
            rows.append(
                {
                    "doc_id": row.doc_id,
                    "part": row.part,
                    "sentence_index": row.sentence_index,
                    "figure": found.group(),
                    "value": _number(found.group("number")),
                    "unit": found.group("unit"),
                    "source": source,
                }
            )
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


@functools.cache
def _platforms() -> tuple[re.Pattern[str], dict[str, str]]:
    from retailkit.themes import load_themes

    themes = load_themes()
    rows = themes[themes["theme"] == "platforms"]
    entity = {str(r.term): str(r.entity) for r in rows.itertuples()}
    terms = sorted(entity, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms)), entity


def actors(coded: pd.DataFrame) -> pd.DataFrame:
    """Platforms, companies and speakers named in each sentence.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTOR_COLUMNS`: ``actor`` (the platform's entity name, or the speaker),
        ``as_written``, ``kind`` (``platform`` or ``speaker``). One row per mention.

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["a"], "part": [1], "sentence_index": [0],
    ...     "sentence": ["张勤表示，手淘和微博合作。"], "voice": ["reported"], "speaker": ["张勤"]})
    >>> actors(frame)[["actor", "as_written", "kind"]].to_dict("records")
    [{'actor': '张勤', 'as_written': '张勤', 'kind': 'speaker'}, \
{'actor': 'Mobile Taobao', 'as_written': '手淘', 'kind': 'platform'}, \
{'actor': 'Weibo', 'as_written': '微博', 'kind': 'platform'}]
    """
    pattern, entity = _platforms()
    rows = []
    for row in coded.drop_duplicates(_KEYS).itertuples(index=False):
        keys = {"doc_id": row.doc_id, "part": row.part, "sentence_index": row.sentence_index}
        if row.voice == "reported" and row.speaker:
            rows.append(
                {**keys, "actor": row.speaker, "as_written": row.speaker, "kind": "speaker"}
            )
        text = row.sentence if isinstance(row.sentence, str) else ""
        for found in pattern.finditer(text):
            name = found.group()
            rows.append({**keys, "actor": entity[name], "as_written": name, "kind": "platform"})
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS)
