"""Collocation scores against hand-computed values; the network figure draws."""

from __future__ import annotations

import math

import pytest

from retailkit.association import collocations, plot_network


def test_scores_match_a_hand_computed_table() -> None:
    # window 1 over a b a c: co-occurrences ab, ba, ac, each counted both ways -> N = 6;
    # (a, b): O11 = 2, R1 = 3 (a with anything), C1 = 2, E11 = 3 * 2 / 6 = 1.
    table = collocations([["a", "b", "a", "c"]], window=1, min_count=1, min_word_count=1)
    row = table[(table["word"] == "a") & (table["collocate"] == "b")].iloc[0]
    assert row["count"] == 2 and row["expected"] == pytest.approx(1.0)
    assert row["pmi"] == pytest.approx(1.0)
    assert row["t_score"] == pytest.approx(1 / math.sqrt(2))
    # cells O = (2, 1, 0, 3), E = (1, 2, 1, 2)
    assert row["g2"] == pytest.approx(2 * (2 * math.log(2) + math.log(0.5) + 3 * math.log(1.5)))
    ac = table[(table["word"] == "a") & (table["collocate"] == "c")].iloc[0]
    # O = (1, 2, 0, 3), E = (0.5, 2.5, 0.5, 2.5)
    assert ac["g2"] == pytest.approx(2 * (math.log(2) + 2 * math.log(0.8) + 3 * math.log(1.2)))
    assert ac["pmi"] == pytest.approx(1.0) and ac["t_score"] == pytest.approx(0.5)


def test_window_two_counts_pairs_two_apart() -> None:
    narrow = collocations([["x", "y", "z"]], window=1, min_count=1, min_word_count=1)
    wide = collocations([["x", "y", "z"]], window=2, min_count=1, min_word_count=1)
    assert ("x", "z") not in set(zip(narrow["word"], narrow["collocate"], strict=True))
    assert ("x", "z") in set(zip(wide["word"], wide["collocate"], strict=True))


def test_pairs_never_cross_documents() -> None:
    table = collocations([["x"], ["y"]], window=5, min_count=1, min_word_count=1)
    assert table.empty


def test_minimum_counts_and_node_terms_filter_rows() -> None:
    docs = [["社交", "电商", "平台"]] * 3 + [["社交", "网络"]]
    table = collocations(docs, window=1, min_count=2, min_word_count=1, terms=["社交"])
    assert table["word"].unique().tolist() == ["社交"]
    assert table["collocate"].tolist() == ["电商"]  # 网络 co-occurs once only
    assert collocations(docs, window=1, min_count=1, min_word_count=4).empty


def test_table_is_symmetric() -> None:
    docs = [["社交", "电商", "平台", "社交", "互动"]] * 2
    table = collocations(docs, window=2, min_count=1, min_word_count=1).set_index(
        ["word", "collocate"]
    )
    for (word, collocate), g2 in table["g2"].items():
        assert table.loc[(collocate, word), "g2"] == pytest.approx(g2)


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="window must be at least 1"):
        collocations([["a"]], window=0)
    with pytest.raises(ValueError, match="sort_by"):
        collocations([["a"]], sort_by="dice")  # type: ignore[arg-type]


def test_network_figure_has_every_node_word() -> None:
    import matplotlib.pyplot as plt

    docs = [["社交", "电商", "平台", "互动", "营销"]] * 3
    table = collocations(docs, window=2, min_count=1, min_word_count=1, terms=["社交", "互动"])
    fig = plot_network(table, top=3)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"社交", "互动"} <= texts
    plt.close(fig)


def test_package_level_collocations_stays_a_function() -> None:
    import retailkit as rk

    for _ in range(2):
        assert len(rk.collocations([["a", "b"]], window=1, min_count=1, min_word_count=1)) == 2
    assert callable(rk.dictionary.load) and callable(rk.vectors.train)


def test_a_word_beside_itself_is_not_counted() -> None:
    table = collocations([["a", "a", "b"]], window=2, min_count=1, min_word_count=1)
    assert ("a", "a") not in set(zip(table["word"], table["collocate"], strict=True))
    # N = 4 (ab twice, each both ways); (a, b): O11 = 2, R1 = 2, C1 = 2 -> E11 = 1
    assert table.loc[0, "expected"] == pytest.approx(1.0)
