"""Figures use the packaged CJK font and save reproducibly."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from retailkit import plotting

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _figure(title: str) -> plt.Figure:
    plotting.setup()
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["社交电商", "互动营销", "信息流营销"], [3, -1, 2])
    ax.set_title(title)
    return fig


def test_setup_registers_noto_sans_cjk() -> None:
    assert plotting.setup() == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"


def test_font_draws_every_character_of_the_cleaned_seeds() -> None:
    import retailkit

    text = "".join(retailkit.load_seeds()["text"])
    assert plotting.missing_glyphs(text) == []


def test_figure_with_chinese_renders_without_missing_glyph_warnings(tmp_path: Path) -> None:
    fig = _figure("新零售 2013→2018")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = plotting.save_figure(fig, "chinese", directory=tmp_path)
    plt.close(fig)
    assert [p.suffix for p in paths] == [".png", ".svg"]


def test_save_figure_is_byte_reproducible(tmp_path: Path) -> None:
    first = plotting.save_figure(_figure("互动"), "a", directory=tmp_path / "1")
    second = plotting.save_figure(_figure("互动"), "a", directory=tmp_path / "2")
    plt.close("all")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_save_figure_rejects_text_the_font_cannot_draw(tmp_path: Path) -> None:
    fig = _figure("emoji \U0001f600")
    with pytest.raises(ValueError, match="cannot draw"):
        plotting.save_figure(fig, "bad", directory=tmp_path)
    plt.close(fig)


def test_piece_stance_chart_marks_pieces_with_too_few_polar_sentences() -> None:
    import pandas as pd

    plotting.setup()
    rows = [
        ("000", "social", voices, share, low, high, a, s)
        for voices in ("author", "all")
        for share, low, high, a, s in [(0.9, 0.7, 1.0, 9, 1)]
    ] + [("001", "social", "all", float("nan"), float("nan"), float("nan"), 2, 0)]
    table = pd.DataFrame(
        rows,
        columns=[
            "piece", "target", "voices", "approving_share", "ci_low", "ci_high",
            "n_approving", "n_skeptical",
        ],
    )  # fmt: skip
    fig = plotting.piece_stance_chart(table)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    assert "too few 2:0" in texts
    assert "9:1" in texts
