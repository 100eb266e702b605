"""Specifications of retailkit.topic_inference: shares of documents under fixed topics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import digamma

from retailkit.errors import ModelError
from retailkit.topic_inference import topic_shares

# Three topics over six terms: topic 1 favours terms 0-1, topic 2 terms 2-3, topic 3 terms 4-5.
TOPIC_WORD = np.array(
    [
        [0.40, 0.40, 0.05, 0.05, 0.05, 0.05],
        [0.05, 0.05, 0.40, 0.40, 0.05, 0.05],
        [0.05, 0.05, 0.05, 0.05, 0.40, 0.40],
    ]
)
ALPHA = 0.1
DOCUMENTS = [
    np.array([0, 1, 1, 0]),
    np.array([2, 3, 4]),
    np.array([], dtype=np.int64),
    np.array([5]),
    np.array([0, 2, 4, 1, 3, 5, 5, 5]),
]


def _shares(documents: list[np.ndarray]) -> np.ndarray:
    return topic_shares(documents, TOPIC_WORD, alpha=ALPHA)


def test_rows_are_shares_that_sum_to_one() -> None:
    shares = _shares(DOCUMENTS)
    assert shares.shape == (5, 3)
    assert (shares > 0).all()
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=0, atol=1e-12)


def test_each_document_leans_to_the_topic_of_its_words() -> None:
    shares = _shares(DOCUMENTS)
    assert shares.argmax(axis=1)[[0, 3, 4]].tolist() == [0, 2, 2]
    assert shares[0, 0] > 0.9


def test_an_empty_document_gets_the_uniform_row() -> None:
    np.testing.assert_array_equal(_shares(DOCUMENTS)[2], np.full(3, 1 / 3))
    np.testing.assert_array_equal(_shares([np.array([], np.int64)] * 2), np.full((2, 3), 1 / 3))


def test_no_documents_give_an_empty_table() -> None:
    assert _shares([]).shape == (0, 3)


def test_shares_are_a_fixed_point_of_the_variational_update() -> None:
    document = DOCUMENTS[4]
    [shares] = _shares([document])
    gamma = shares * (len(document) + 3 * ALPHA)
    terms, counts = np.unique(document, return_counts=True)
    phi = TOPIC_WORD[:, terms] * np.exp(digamma(gamma))[:, None]
    phi /= phi.sum(axis=0)
    np.testing.assert_allclose(ALPHA + phi @ counts, gamma, rtol=1e-5)


def test_word_order_and_batches_do_not_change_a_document() -> None:
    together = _shares(DOCUMENTS)
    alone = np.vstack([_shares([document]) for document in DOCUMENTS])
    backwards = _shares(DOCUMENTS[::-1])[::-1]
    shuffled = _shares([document[::-1] for document in DOCUMENTS])
    for other in (alone, backwards, shuffled):
        np.testing.assert_array_equal(other, together)  # to the last bit


@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=5), max_size=30), min_size=1, max_size=12),
    st.data(),
)
def test_a_document_gets_the_same_shares_in_any_company(
    documents: list[list[int]], data: st.DataObject
) -> None:
    arrays = [np.array(document, dtype=np.int64) for document in documents]
    together = _shares(arrays)
    position = data.draw(st.integers(min_value=0, max_value=len(arrays) - 1))
    np.testing.assert_array_equal(_shares([arrays[position]])[0], together[position])
    np.testing.assert_allclose(together.sum(axis=1), 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("documents", "options", "message"),
    [
        ([np.array([0, 6])], {}, r"documents\[0\]: term ids must lie in 0\.\.5, got 6"),
        ([np.array([1]), np.array([-1])], {}, r"documents\[1\]: .* got -1"),
        ([np.array([0])], {"alpha": 0.0}, "alpha: the prior must be positive"),
        ([np.array([0])], {"max_iterations": 0}, "max_iterations: expected at least 1"),
    ],
)
def test_bad_input_raises_a_model_error(
    documents: list[np.ndarray], options: dict[str, float], message: str
) -> None:
    arguments: dict[str, float] = {"alpha": ALPHA} | options
    with pytest.raises(ModelError, match=message):
        topic_shares(documents, TOPIC_WORD, **arguments)  # type: ignore[arg-type]


def test_max_iterations_caps_the_work() -> None:
    one = topic_shares(DOCUMENTS, TOPIC_WORD, alpha=ALPHA, max_iterations=1)
    np.testing.assert_allclose(one.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert not np.allclose(one, _shares(DOCUMENTS))
