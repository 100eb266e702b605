"""Document similarity: TF-IDF cosine, symmetric, sorted pairs."""

from __future__ import annotations

import pytest

from retailkit.errors import ModelError
from retailkit.similarity import document_similarity, most_similar_pairs


def test_identical_documents_are_fully_similar_and_disjoint_ones_not() -> None:
    sim = document_similarity([["社交", "电商"], ["社交", "电商"], ["信息流"]], ["a", "b", "c"])
    assert sim.loc["a", "b"] == pytest.approx(1.0)
    assert sim.loc["a", "c"] == 0.0
    assert (sim.to_numpy() == sim.to_numpy().T).all()


def test_shared_distinctive_words_raise_similarity() -> None:
    docs = [["微博", "互动", "营销"], ["微博", "互动", "电商"], ["信息流", "营销", "电商"]]
    sim = document_similarity(docs, ["a", "b", "c"])
    assert sim.loc["a", "b"] > sim.loc["a", "c"]


def test_pairs_are_sorted_most_similar_first() -> None:
    sim = document_similarity([["甲", "乙"], ["甲"], ["丙"]], ["a", "b", "c"])
    pairs = most_similar_pairs(sim)
    assert pairs["similarity"].is_monotonic_decreasing
    assert pairs.iloc[0][["doc_a", "doc_b"]].tolist() == ["a", "b"]


@pytest.mark.parametrize(
    ("tokens", "ids", "message"),
    [
        ([["甲"]], ["a", "b"], "2 labels for 1 documents"),
        ([[], []], ["a", "b"], "every document is empty"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(
    tokens: list[list[str]], ids: list[str], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        document_similarity(tokens, ids)
