"""Readability and lexical diversity against values computed by hand."""

from __future__ import annotations

import math

import pytest

from retailkit.complexity import lexical_diversity, mattr, mtld, readability, ttr


def test_readability_of_a_small_text_by_hand() -> None:
    # 我们喜欢书 | 但是书很贵，所以不买: 14 characters, 2 sentences, 3 clauses; words
    # 我们 喜欢 书 但是 书 很 贵 所以 不买 (9), of which conjunctions 但是, 所以 (2).
    row = readability("我们喜欢书。但是书很贵，所以不买。").iloc[0]
    assert (row["characters"], row["sentences"], row["clauses"], row["words"]) == (14, 2, 3, 9)
    assert row["chars_per_sentence"] == pytest.approx(7.0)
    assert row["words_per_sentence"] == pytest.approx(4.5)
    assert row["chars_per_word"] == pytest.approx(14 / 9)
    assert row["readability1"] == pytest.approx(14 / 3)
    assert row["readability2"] == pytest.approx(2 / 9)
    assert row["readability3"] == pytest.approx((14 / 3 + 2 / 9) / 2)
    assert row["common_char_share"] == pytest.approx(1.0)


def test_rare_characters_lower_the_common_share() -> None:
    # 龘 and 靐 are outside GB 2312 level 1; 我 and 们 are in it
    assert readability("我们龘靐。").loc[0, "common_char_share"] == pytest.approx(0.5)


def test_digits_and_latin_count_as_characters_punctuation_does_not() -> None:
    row = readability("双11，GMV破千亿！").iloc[0]
    assert row["characters"] == 9 and row["clauses"] == 2 and row["sentences"] == 1


def test_empty_text_gives_nan_ratios() -> None:
    row = readability([""]).iloc[0]
    assert row["characters"] == 0 and math.isnan(row["readability1"])


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [(["a", "b", "a", "c"], 0.75), (["a", "a"], 0.5), (["社交", "电商"], 1.0)],
)
def test_ttr(tokens: list[str], expected: float) -> None:
    assert ttr(tokens) == pytest.approx(expected)


def test_mattr_by_hand() -> None:
    # windows of 3 over a b a c d: aba (2/3), bac (1), acd (1) -> mean 8/9
    assert mattr(["a", "b", "a", "c", "d"], window=3) == pytest.approx(8 / 9)
    # shorter than the window: plain TTR
    assert mattr(["a", "a", "b"], window=50) == pytest.approx(2 / 3)


def test_mtld_by_hand() -> None:
    assert mtld(["a"] * 4) == pytest.approx(2.0)
    # forward: a b a -> TTR 2/3 <= 0.72, one factor; c alone: partial (1 - 1) / 0.28 = 0 -> 4 / 1
    # backward: c a b a -> TTR 0.75, partial (1 - 0.75) / 0.28 -> 4 / 0.892857...
    assert mtld(["a", "b", "a", "c"]) == pytest.approx((4 + 4 / (0.25 / 0.28)) / 2)
    assert math.isnan(mtld(["a", "b", "c"]))  # TTR stays 1: no factor forms


def test_lexical_diversity_table() -> None:
    table = lexical_diversity([["a", "b", "a", "c", "d"], []], window=3)
    assert table.loc[0, ["tokens", "types"]].tolist() == [5, 4]
    assert table.loc[0, "mattr"] == pytest.approx(8 / 9)
    assert math.isnan(table.loc[1, "ttr"])


def test_package_level_names_stay_functions() -> None:
    import retailkit as rk

    for _ in range(2):  # a module named like the function would shadow it after first use
        assert rk.readability(["我们喜欢书。"]).loc[0, "sentences"] == 1
        assert rk.lexical_diversity([["a", "a"]]).loc[0, "ttr"] == 0.5
