"""Specifications of retailkit.keywords: TF-IDF against a reference corpus, TextRank."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from retailkit.keywords import (
    ReferenceIdf,
    load_reference_idf,
    textrank_keywords,
    tfidf_keywords,
)


def test_reference_idf_is_documented_and_from_the_train_split() -> None:
    idf = load_reference_idf()
    # 56,427 reviews of the train split (benchmarks/make_idf_reviews.py)
    assert 50_000 < idf.n_documents < 62_774
    assert len(idf) > 10_000
    # frequent review words weigh less than article vocabulary absent from reviews
    assert idf["好"] < idf["物流"] < idf["信息流营销"]
    assert idf["信息流营销"] == pytest.approx(math.log(1 + idf.n_documents) + 1)


def test_smooth_idf_formula_matches_scikit_learn() -> None:
    idf = ReferenceIdf({"微博": 1, "好": 3}, n_documents=3)
    # ln((1 + 3) / (1 + 1)) + 1 = ln 2 + 1
    assert idf["微博"] == pytest.approx(math.log(2) + 1)
    assert idf["好"] == pytest.approx(1.0)


def test_tfidf_scores_are_tf_times_idf_hand_checked() -> None:
    docs = [["社交电商", "社交电商", "微博", "微博"], ["微博", "淘宝"]]
    table = tfidf_keywords(docs, idf="corpus", top_n=5)
    first = table[table["doc_id"] == 0].set_index("term")
    # 社交电商: tf 2/4 = 0.5, df 1 of 2 -> idf ln(3/2) + 1 = 1.405465; score 0.702733
    assert first.loc["社交电商", "score"] == pytest.approx(0.5 * (math.log(1.5) + 1))
    # 微博: tf 0.5, df 2 -> idf ln(3/3) + 1 = 1; score 0.5
    assert first.loc["微博", "score"] == pytest.approx(0.5)
    assert first.index.tolist() == ["社交电商", "微博"]


def test_tfidf_accepts_an_explicit_idf_mapping_and_skips_unknown_terms() -> None:
    table = tfidf_keywords([["新零售", "直通车", "直通车"]], idf={"新零售": 3.0})
    assert table["term"].tolist() == ["新零售"]
    assert table["score"].tolist() == [pytest.approx(1.0)]


@pytest.mark.parametrize("term", ["618", "2018", "1.5", "50%", "好"])
def test_numbers_and_short_terms_are_not_keyword_candidates(term: str) -> None:
    table = tfidf_keywords([[term, term, "社交电商"]], idf="corpus")
    assert table["term"].tolist() == ["社交电商"]


def test_tfidf_on_a_dataframe_segments_the_text_column() -> None:
    docs = pd.DataFrame(
        {"doc_id": ["b", "a"], "text": ["阿里妈妈推出信息流营销。", "微博和微淘的互动营销。"]}
    )
    table = tfidf_keywords(docs, top_n=2)
    assert table["doc_id"].tolist() == ["b", "b", "a", "a"]  # document order kept
    assert set(table[table["doc_id"] == "b"]["term"]) == {"阿里妈妈", "信息流营销"}


def test_ties_are_broken_by_term_whatever_the_input_order() -> None:
    one = tfidf_keywords([["微淘", "微博", "淘宝"]], idf="corpus")
    two = tfidf_keywords([["淘宝", "微博", "微淘"]], idf="corpus")
    assert one["term"].tolist() == two["term"].tolist() == ["微博", "微淘", "淘宝"]


def test_unknown_idf_name_is_rejected() -> None:
    with pytest.raises(ValueError, match="idf: expected 'reviews', 'corpus' or a mapping"):
        tfidf_keywords([["新零售"]], idf="jieba")  # type: ignore[arg-type]


def test_missing_text_column_is_named() -> None:
    with pytest.raises(KeyError, match="docs has no column 'body'"):
        tfidf_keywords(pd.DataFrame({"doc_id": [1]}), text_column="body")


def test_textrank_scores_sum_to_one_and_favour_the_hub() -> None:
    # star graph (window 2): 微博 sits between every other term
    tokens = ["微博", "淘宝", "微博", "天猫", "微博", "京东", "微博"]
    table = textrank_keywords([tokens], window=2, top_n=10)
    assert table["term"].iloc[0] == "微博"
    assert table["score"].sum() == pytest.approx(1.0)
    # the three leaves are symmetric: equal scores, ordered by term
    assert table["term"].iloc[1:].tolist() == sorted(["淘宝", "天猫", "京东"])
    assert table["score"].iloc[1] == pytest.approx(table["score"].iloc[3])


def test_textrank_on_a_symmetric_triangle_gives_equal_scores() -> None:
    table = textrank_keywords([["天猫", "淘宝", "微博"]], window=3)
    assert table["score"].tolist() == pytest.approx([1 / 3] * 3)


def test_textrank_is_deterministic_and_skips_empty_documents() -> None:
    docs = [["社交", "电商", "微博", "社交", "电商", "淘宝"], [], ["618"]]
    first = textrank_keywords(docs)
    assert first.equals(textrank_keywords(docs))
    assert first["doc_id"].unique().tolist() == [0]


@pytest.mark.parametrize(("window", "message"), [(1, "window: expected at least 2")])
def test_textrank_rejects_a_window_below_two(window: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        textrank_keywords([["新零售"]], window=window)


def test_reference_idf_is_up_to_date_with_the_stopwords() -> None:
    # the file was made with stopwords removed: a stopword in it means it is stale
    # (re-run benchmarks/make_idf_reviews.py after editing the stopword lists)
    from retailkit.segment import load_stopwords

    frequencies = load_reference_idf().document_frequency
    assert sorted(word for word in load_stopwords() if word in frequencies) == []
