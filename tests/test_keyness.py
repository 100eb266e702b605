"""Specifications of retailkit.keyness: G² (Rayson & Garside) and Log Ratio (Hardie)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from retailkit.keyness import compare_counts, keyness


def test_g2_and_log_ratio_hand_checked() -> None:
    # target: 社交 x 20, 电商 x 80 (C_t = 100); reference: 社交 x 10, 电商 x 190 (C_r = 200)
    # 社交: a = 20, b = 10, E_t = 100 * 30 / 300 = 10, E_r = 200 * 30 / 300 = 20
    #   G² = 2 (20 ln(20/10) + 10 ln(10/20)) = 2 (13.8629 - 6.9315) = 13.8629
    #   Log Ratio = log2((20/100) / (10/200)) = log2(4) = 2
    # 电商: a = 80, b = 190, E_t = 100 * 270 / 300 = 90, E_r = 180
    #   G² = 2 (80 ln(80/90) + 190 ln(190/180)) = 2 (-9.42264 + 10.27277) = 1.70026
    #   Log Ratio = log2(0.8 / 0.95) = -0.2479
    table = compare_counts({"社交": 20, "电商": 80}, {"社交": 10, "电商": 190}).set_index("term")
    assert table.loc["社交", "g2"] == pytest.approx(2 * (20 * math.log(2) + 10 * math.log(0.5)))
    assert table.loc["社交", "g2"] == pytest.approx(13.8629, abs=1e-4)
    assert table.loc["社交", "log_ratio"] == pytest.approx(2.0)
    assert table.loc["社交", ["expected_target", "expected_reference"]].tolist() == [10, 20]
    assert table.loc["电商", "g2"] == pytest.approx(1.70026, abs=1e-5)
    assert table.loc["电商", "log_ratio"] == pytest.approx(math.log2(0.8 / 0.95))
    assert table.loc["社交", "direction"] == "over"
    assert table.loc["电商", "direction"] == "under"
    assert table.loc["社交", "p_value"] == pytest.approx(0.000197, abs=1e-6)
    assert table.index.tolist() == ["社交", "电商"]  # sorted by G² descending


def test_zero_count_uses_half_a_count_in_log_ratio_and_adds_nothing_to_g2() -> None:
    # 信息流: a = 6, b = 0, C_t = C_r = 10 -> E_t = 3, G² = 2 * 6 ln 2 = 8.3178
    # Log Ratio = log2((6/10) / (0.5/10)) = log2(12) = 3.585
    table = compare_counts({"信息流": 6, "微博": 4}, {"微博": 10}).set_index("term")
    assert table.loc["信息流", "g2"] == pytest.approx(12 * math.log(2))
    assert table.loc["信息流", "log_ratio"] == pytest.approx(math.log2(12))


def test_small_expected_counts_are_flagged() -> None:
    table = compare_counts({"社交": 20, "电商": 80}, {"社交": 10, "电商": 190}, min_expected=15)
    flags = dict(zip(table["term"], table["low_expected"], strict=True))
    assert flags == {"社交": True, "电商": False}  # 社交 expects 10 in the target


def test_equal_proportions_give_zero_g2() -> None:
    table = compare_counts({"天猫": 5, "淘宝": 5}, {"天猫": 10, "淘宝": 10})
    assert table["g2"].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(("keep", "terms"), [("over", ["社交"]), ("under", ["电商"])])
def test_keep_one_direction(keep: str, terms: list[str]) -> None:
    table = compare_counts({"社交": 20, "电商": 80}, {"社交": 10, "电商": 190}, keep=keep)  # type: ignore[arg-type]
    assert table["term"].tolist() == terms


def test_min_count_drops_rare_terms() -> None:
    table = compare_counts({"社交": 20, "种草": 1}, {"社交": 10}, min_count=2)
    assert table["term"].tolist() == ["社交"]


def test_keyness_of_a_document_against_the_rest_of_a_dataframe() -> None:
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["信息流营销，信息流营销，微博。", "微博和微信。", "微博和微淘。"],
        }
    )
    table = keyness(docs, "a").set_index("term")
    # target a: 信息流营销 2, 微博 1 (C_t = 3); reference: 微博 2, 微信 1, 微淘 1 (C_r = 4)
    # 信息流营销: E_t = 3 * 2 / 7 = 0.857, G² = 2 * 2 ln(2 / 0.857) = 3.3892
    assert table.loc["信息流营销", "g2"] == pytest.approx(4 * math.log(7 / 3))
    assert table.loc["微博", "target_count"] == 1
    assert table.loc["微博", "reference_count"] == 2
    assert table.index[0] == "信息流营销"


def test_keyness_of_a_group_of_documents() -> None:
    groups = {"2013": ["微淘"] * 3, "2017": ["信息流"] * 2, "2018": ["信息流", "微淘"]}
    table = keyness(groups, ["2017", "2018"]).set_index("term")
    assert table.loc["信息流", "target_count"] == 3
    assert table.loc["微淘", "reference_count"] == 3


def test_keyness_accepts_count_tables() -> None:
    table = keyness({"x": {"微博": 3}, "y": {"微博": 1, "微信": 2}}, "x")
    assert table.set_index("term").loc["微博", "target_count"] == 3


def test_unknown_target_is_named_with_the_known_values() -> None:
    with pytest.raises(KeyError, match=r"target \['z'\] not found in 'doc_id'; known values"):
        keyness({"x": ["微博"], "y": ["微信"]}, "z")


def test_empty_reference_is_explained() -> None:
    with pytest.raises(ValueError, match="must both contain tokens"):
        keyness({"x": ["微博"], "y": []}, "x")
