"""Article comparison: verdicts, quotes, agreement and timelines computed from the data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from retailkit import synthesis
from retailkit.errors import ModelError

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "published": ["2013", "2018-06"],
        "text": [
            "社交电商很好。社交电商很好。社交电商很好。信息流一般。",
            "社交电商很差。社交电商很差。社交电商很差。社交电商很好。",
        ],
    }
)


def keyword_scorer(sentences: list[str]) -> np.ndarray:
    """1 for 好, 0 for 差, 0.5 otherwise: hand-checkable expectations."""
    return np.array([1.0 if "好" in s else 0.0 if "差" in s else 0.5 for s in sentences])


@pytest.mark.parametrize(
    ("low", "high", "n", "expected"),
    [
        (0.51, 0.9, 3, "approving"),
        (0.1, 0.49, 3, "skeptical"),
        (0.5, 0.9, 3, "mixed"),
        (0.1, 0.5, 3, "mixed"),
        (0.6, 0.9, 2, "too few sentences"),
        (math.nan, math.nan, 5, "too few sentences"),
    ],
)
def test_verdict_needs_the_whole_interval_on_one_side(
    low: float, high: float, n: int, expected: str
) -> None:
    assert synthesis.verdict(low, high, n) == expected


def test_stance_by_theme_scores_only_sentences_mentioning_the_theme() -> None:
    table = synthesis.stance_by_theme(
        DOCS, scorer=keyword_scorer, themes=["social_commerce"], n_boot=200
    )
    a, b = table.set_index("doc_id").loc[["a", "b"]].to_dict("records")
    assert (a["n_sentences"], a["mean"], a["verdict"]) == (3, 1.0, "approving")
    assert b["n_sentences"] == 4
    assert b["mean"] == pytest.approx(0.25)  # three 差 (0) and one 好 (1)
    assert b["verdict"] in {"skeptical", "mixed"}


def test_stance_by_theme_rejects_repeated_doc_ids() -> None:
    doubled = pd.concat([DOCS, DOCS])
    with pytest.raises(ModelError, match="doc_id values repeat"):
        synthesis.stance_by_theme(doubled, scorer=keyword_scorer)


def test_labelled_scorer_maps_labels_and_leaves_unknown_sentences_nan() -> None:
    labels = pd.DataFrame(
        {"text": ["甲。", "乙。", "丙。"], "label": ["approving", "neutral", "skeptical"]}
    )
    scores = synthesis.labelled_scorer(labels)(["甲。", "乙。", "丙。", "丁。"])
    assert scores[:3].tolist() == [1.0, 0.5, 0.0]
    assert math.isnan(scores[3])


def test_labelled_scorer_rejects_unknown_labels() -> None:
    labels = pd.DataFrame({"text": ["甲。"], "label": ["positive"]})
    with pytest.raises(ModelError, match="unknown label"):
        synthesis.labelled_scorer(labels)


def test_quotes_only_show_sentences_the_labeller_puts_on_that_side() -> None:
    def labeller(sentences: list[str]) -> np.ndarray:
        return np.array(["neutral"] * len(sentences), dtype=object)

    assert synthesis.quotes(DOCS, scorer=keyword_scorer, labeller=labeller).empty
    quoted = synthesis.quotes(
        DOCS,
        scorer=keyword_scorer,
        labeller=lambda s: np.where(keyword_scorer(s) > 0.5, "approving", "skeptical"),
        themes=["social_commerce"],
    )
    sides = quoted.set_index(["doc_id", "side"])["sentence"].to_dict()
    assert sides[("b", "skeptical")] == "社交电商很差。"
    assert sides[("b", "approving")] == "社交电商很好。"


def test_agreement_distinguishes_direction_from_degree() -> None:
    stance = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "theme": ["t"] * 4,
            "mean": [0.8, 0.2, 0.5, 0.75],
            "ci_low": [0.7, 0.1, 0.45, 0.42],
            "ci_high": [0.9, 0.3, 0.55, 0.9],
            "verdict": ["approving", "skeptical", "mixed", "mixed"],
        }
    )
    relation = synthesis.agreement(stance).set_index(["doc_a", "doc_b"])["relation"]
    assert relation[("a", "b")] == "disagree"
    assert relation[("a", "c")] == "differ in degree"  # 0.7 > 0.55
    assert relation[("a", "d")] == "no clear difference"  # overlapping intervals


def test_a_zero_width_interval_is_not_a_difference_in_degree() -> None:
    # Four neutral sentences give the interval [0.5, 0.5]: no measure of uncertainty.
    stance = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "theme": ["t"] * 3,
            "mean": [0.8, 0.5, 0.9],
            "ci_low": [0.7, 0.5, 0.75],
            "ci_high": [0.9, 0.5, 1.0],
            "verdict": ["approving", "mixed", "approving"],
        }
    )
    relation = synthesis.agreement(stance).set_index(["doc_a", "doc_b"])["relation"]
    assert relation[("a", "b")] == "not comparable"
    assert relation[("a", "c")] == "agree"


def test_timeline_gives_each_part_its_own_row_in_date_order() -> None:
    parts = pd.DataFrame(
        {
            "doc_id": ["x", "x", "y"],
            "part": [1, 2, 1],
            "published": ["2013-12", "2013-10", "2018"],
            "text": ["社交电商很差。", "社交电商很好。", "信息流很好。"],
        }
    )
    table = synthesis.timeline(parts, scorer=keyword_scorer, n_boot=50)
    assert table["doc_id"].tolist() == ["x/2", "x/1", "y"]
    assert table["year"].tolist() == [2013, 2013, 2018]
    assert table["mean"].tolist() == [1.0, 0.0, 1.0]
    change = synthesis.trend(table, "mean").iloc[0]
    assert change["change"] == pytest.approx(0.5)  # 2013 mean 0.5 -> 2018 mean 1.0


def test_timeline_leaves_out_undated_pieces() -> None:
    parts = pd.DataFrame(
        {
            "doc_id": ["x", "y", "z"],
            "part": [1, 1, 1],
            "published": ["2013", "", "unknown"],
            "text": ["社交电商很好。", "社交电商很差。", "信息流很好。"],
        }
    )
    assert synthesis.timeline(parts, scorer=keyword_scorer, n_boot=20)["doc_id"].tolist() == ["x"]
    none = synthesis.timeline(parts.iloc[1:], scorer=keyword_scorer, n_boot=20)
    assert none.empty and "year" in none.columns


def test_findings_without_two_years_say_there_is_no_comparison_over_time() -> None:
    stance = synthesis.stance_by_theme(DOCS, scorer=keyword_scorer, n_boot=100)
    undated = DOCS.assign(part=1, published="")
    lines = synthesis.findings(
        stance,
        synthesis.agreement(stance),
        synthesis.timeline(undated, scorer=keyword_scorer, n_boot=50),
        pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "similarity": [0.3]}),
    )
    assert lines[-1] == "No comparison over time: fewer than two years of publication are known."


def test_findings_name_articles_by_short_id() -> None:
    docs = DOCS.assign(doc_id=DOCS["doc_id"] + "_0123456789abcdef")
    stance = synthesis.stance_by_theme(docs, scorer=keyword_scorer, n_boot=100)
    lines = synthesis.findings(
        stance,
        synthesis.agreement(stance),
        synthesis.timeline(docs.assign(part=1), scorer=keyword_scorer, n_boot=50),
        pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "similarity": [0.3]}),
    )
    social = next(line for line in lines if line.startswith("Social commerce"))
    assert "a approving (1.00)" in social and "0123456789abcdef" not in social


def test_findings_are_generated_from_the_tables() -> None:
    stance = synthesis.stance_by_theme(DOCS, scorer=keyword_scorer, n_boot=100)
    more = DOCS.assign(doc_id=["c", "d"], published=["2014", "2017"])
    parts = pd.concat([DOCS, more], ignore_index=True).assign(part=1)  # four dated pieces
    similar = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "similarity": [0.3]})
    lines = synthesis.findings(
        stance,
        synthesis.agreement(stance),
        synthesis.timeline(parts, scorer=keyword_scorer, n_boot=50),
        similar,
    )
    social = next(line for line in lines if line.startswith("Social commerce"))
    assert "a approving (1.00)" in social
    assert "Vocabulary similarity of a and b: cosine 0.30." in lines  # one pair: no "least"
    assert any(line.startswith("From 2013 to 2018") for line in lines)
    two = synthesis.timeline(DOCS.assign(part=1), scorer=keyword_scorer, n_boot=50)
    lines = synthesis.findings(stance, synthesis.agreement(stance), two, similar)
    assert lines[-1] == (
        "No comparison over time: only 2 dated pieces (a change is assessed from 4)."
    )


def test_quotes_fall_back_to_the_next_sentence_the_labeller_puts_on_that_side() -> None:
    # The scorer's most approving sentence is labelled neutral by the annotator; the quote must
    # be the best sentence the annotator labelled approving, not an empty cell.
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["社交电商很好很好。社交电商好。社交电商差。"]})

    def scorer(sentences: list[str]) -> np.ndarray:
        return np.array([0.95 if "很好" in s else 0.7 if "好" in s else 0.1 for s in sentences])

    labels = {
        "社交电商很好很好。": "neutral",
        "社交电商好。": "approving",
        "社交电商差。": "skeptical",
    }
    quoted = synthesis.quotes(
        docs,
        scorer=scorer,
        labeller=lambda s: np.array([labels[x] for x in s], dtype=object),
        themes=["social_commerce"],
    )
    assert quoted.set_index("side")["sentence"].to_dict() == {
        "approving": "社交电商好。",
        "skeptical": "社交电商差。",
    }
