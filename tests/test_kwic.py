"""Specifications of retailkit.kwic: concordance lines and co-occurrence counts."""

from __future__ import annotations

import pandas as pd
import pytest

from retailkit.kwic import cooccurrence, kwic

DOCS = pd.DataFrame(
    {
        "doc_id": ["002", "003"],
        "text": [
            "直通车、钻展、信息流将成为商家电商营销的新三驾马车。阿里妈妈推出信息流营销产品。",
            "阿里与微博的社交电商协奏曲，\n社交电商从种草到拔草。",
        ],
    }
)


def test_kwic_by_token_matches_whole_tokens_only() -> None:
    table = kwic(DOCS, "信息流", window=3)
    # 信息流营销 is one token: it is not a hit for 信息流
    assert table.values.tolist() == [["002", 4, "、钻展、", "信息流", "将成为商家"]]


def test_kwic_by_char_finds_substrings_with_character_windows() -> None:
    table = kwic(DOCS, "信息流", window=2, by="char")
    assert table[["doc_id", "position", "left", "right"]].values.tolist() == [
        ["002", 7, "展、", "将成"],
        ["002", 32, "推出", "营销"],
    ]


def test_kwic_shows_line_breaks_as_spaces_and_keeps_document_order() -> None:
    table = kwic(DOCS, "社交电商", window=2)
    assert table["doc_id"].tolist() == ["003", "003"]
    assert table["right"].iloc[0] == "协奏曲，"
    assert table["left"].iloc[1] == "， "


def test_kwic_with_a_term_the_tokenizer_splits_matches_the_token_sequence() -> None:
    table = kwic(DOCS, "三驾马车", window=1)  # jieba: 三驾/马车
    assert table[["left", "term", "right"]].values.tolist() == [["新", "三驾马车", "。"]]


def test_kwic_without_hits_returns_the_documented_columns() -> None:
    table = kwic(DOCS, "拼多多")
    assert table.empty
    assert table.columns.tolist() == ["doc_id", "position", "left", "term", "right"]


def test_kwic_skips_missing_texts() -> None:
    docs = pd.DataFrame({"doc_id": [1, 2], "text": [None, "微博营销"]})
    assert kwic(docs, "微博营销")["doc_id"].tolist() == [2]
    assert kwic(docs, "微博", by="char")["doc_id"].tolist() == [2]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"term": ""}, ValueError, "term: expected a non-empty string"),
        ({"term": "微博", "by": "word"}, ValueError, "by: expected 'token' or 'char'"),
        ({"term": "微博", "text_column": "body"}, KeyError, "df has no column 'body'"),
    ],
)
def test_kwic_rejects_bad_arguments(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        kwic(DOCS, **kwargs)


def test_cooccurrence_counts_pairs_within_the_window_hand_checked() -> None:
    tokens = [["微博", "社交", "电商", "微博"], ["社交", "电商"]]
    # window 3: doc 1 pairs (0,1) (0,2) (1,2) (1,3) (2,3); doc 2 pair (0,1)
    # 微博-社交: positions (0,1) and (1,3) -> 2; 电商-社交: (1,2) + doc 2 -> 2;
    # 微博-电商: (0,2) and (2,3) -> 2
    table = cooccurrence(tokens, window=3)
    assert table.values.tolist() == [
        ["微博", "电商", 2, 1],
        ["微博", "社交", 2, 1],
        ["电商", "社交", 2, 2],
    ]


def test_cooccurrence_filters_by_term_and_min_count() -> None:
    tokens = [["微博", "社交", "电商", "微博"], ["社交", "电商"]]
    table = cooccurrence(tokens, window=2, term="社交", min_count=2)
    assert table.values.tolist() == [["电商", "社交", 2, 2]]


def test_cooccurrence_ignores_a_term_next_to_itself() -> None:
    assert cooccurrence([["微博", "微博"]]).empty
