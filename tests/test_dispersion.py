"""Lexical dispersion positions and term trends."""

from __future__ import annotations

import pandas as pd
import pytest

from retailkit.dispersion import dispersion, plot_dispersion, plot_trends, term_trends

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c"],
        "published": ["2013-05-01", "2018", ""],
        "text": ["微博很热。微淘和微博都在做互动营销。", "微博和微淘。", "互动营销。"],
    }
)


def test_positions_are_token_indexes_over_document_length() -> None:
    table = dispersion(DOCS, ["微博", "互动营销"])
    a = table[table["doc_id"] == "a"]
    assert a[["term", "position"]].values.tolist() == [["微博", 0], ["微博", 3], ["互动营销", 4]]
    assert a["relative_position"].tolist() == [0.0, 0.6, 0.8]
    assert table["doc_id"].tolist() == ["a", "a", "a", "b", "c"]


def test_terms_match_case_insensitively_and_keep_the_given_spelling() -> None:
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["APP下载量。"]})
    assert dispersion(docs, ["app"])[["term", "position"]].values.tolist() == [["app", 0]]


def test_trends_per_year_pool_documents_and_skip_undated_ones() -> None:
    table = term_trends(DOCS, ["微博", "互动营销"])
    assert table["year"].tolist() == [2013, 2013, 2018, 2018]
    rates = table.set_index(["year", "term"])["per_1000"]
    assert rates[(2013, "微博")] == pytest.approx(1000 * 2 / 5)
    assert rates[(2018, "互动营销")] == 0.0


def test_trends_per_document() -> None:
    table = term_trends(DOCS, ["互动营销"], by="document")
    assert table["doc_id"].tolist() == ["a", "b", "c"]
    assert table["count"].tolist() == [1, 0, 1]


def test_empty_terms_and_bad_by_are_errors() -> None:
    with pytest.raises(ValueError, match="terms is empty"):
        dispersion(DOCS, [])
    with pytest.raises(ValueError, match="by must be"):
        term_trends(DOCS, ["微博"], by="month")


def test_figures_draw_a_panel_per_document() -> None:
    import matplotlib.pyplot as plt

    fig = plot_dispersion(dispersion(DOCS, ["微博"]), documents=["a", "b", "c"])
    assert len(fig.axes) == 3
    plt.close(fig)
    fig = plot_trends(term_trends(DOCS, ["微博", "互动营销"]))
    assert len(fig.axes[0].lines) == 2
    plt.close(fig)
