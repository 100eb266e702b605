"""Specifications of the stance scorer v2 (``retailkit.stance``, ``version="v2"``).

Kept apart from ``tests/test_stance.py`` so that the v2 work could be written without reading
that file (it touches the labelled test set). None of these sentences is from the seeds or
from the development files.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from retailkit import stance
from retailkit.errors import ModelError


@pytest.fixture(scope="module")
def small_frame() -> pd.DataFrame:
    # Every fourth development sentence: enough for all three labels in every fold, fast.
    return stance.load_development_set("all").iloc[::4].reset_index(drop=True)


@pytest.fixture(scope="module")
def small_fit(small_frame: pd.DataFrame) -> dict:
    return stance.fit_model_v2(small_frame, seed=0)


# ------------------------------------------------------------------ development data


def test_v2_development_set_is_large_balanced_and_separate_from_v1() -> None:
    v1 = stance.load_development_set("v1")
    v2 = stance.load_development_set("v2")
    assert len(v2) >= 600
    assert list(v2.columns) == ["sentence_id", "text", "label", "topic", "note", "source"]
    shares = v2["label"].value_counts(normalize=True)
    assert set(shares.index) == set(stance.LABELS)
    assert shares.min() > 0.25
    assert v2["sentence_id"].is_unique and v2["text"].is_unique
    assert not set(v2["text"]) & set(v1["text"])
    assert v2["topic"].nunique() >= 8


def test_all_development_sentences_join_v1_and_v2_sorted_by_id() -> None:
    both = stance.load_development_set("all")
    assert len(both) == len(stance.load_development_set("v1")) + len(
        stance.load_development_set("v2")
    )
    assert both["sentence_id"].is_monotonic_increasing
    assert set(both.loc[both["sentence_id"].str.startswith("dev"), "topic"]) == {"v1_development"}


def test_load_development_set_rejects_unknown_choice() -> None:
    with pytest.raises(ValueError, match="which='v3'"):
        stance.load_development_set("v3")  # type: ignore[arg-type]


# ------------------------------------------------------------------ model files


def test_shipped_v2_files_equal_what_fit_model_v2_produces() -> None:
    fitted = stance.fit_model_v2()
    shipped = stance.load_model_v2()
    ngrams = shipped.pop("ngrams")
    assert shipped == fitted["model"]
    assert ngrams["ngram"].tolist() == fitted["ngrams"]["ngram"].tolist()
    for cls in stance.V2_CLASSES:
        np.testing.assert_allclose(ngrams[cls], fitted["ngrams"][cls], rtol=0, atol=1e-9)


def test_fit_model_v2_is_deterministic(small_frame: pd.DataFrame, small_fit: dict) -> None:
    again = stance.fit_model_v2(small_frame, seed=0)
    assert again["model"] == small_fit["model"]
    pd.testing.assert_frame_equal(again["ngrams"], small_fit["ngrams"])


def test_saved_v2_model_round_trips(tmp_path: Path, small_fit: dict) -> None:
    stance.save_model_v2(small_fit, tmp_path)
    loaded = stance.load_model_v2(tmp_path)
    ngrams = loaded.pop("ngrams")
    assert loaded == small_fit["model"]
    pd.testing.assert_frame_equal(ngrams, small_fit["ngrams"])


def test_v2_model_files_are_plain_text_data() -> None:
    names = sorted(p.name for p in stance.DATA_DIR.glob("model_v2*"))
    assert names == ["model_v2.yaml", "model_v2_char_ngrams.csv"]
    for name in names:
        (stance.DATA_DIR / name).read_text(encoding="utf-8")  # UTF-8 text, no pickle


def test_load_model_v2_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model_v2\.yaml: stance v2 model file not found"):
        stance.load_model_v2(tmp_path)


def test_load_model_v2_rejects_wrong_weight_columns(tmp_path: Path, small_fit: dict) -> None:
    stance.save_model_v2(small_fit, tmp_path)
    table = tmp_path / "model_v2_char_ngrams.csv"
    frame = pd.read_csv(table, dtype={"ngram": str}, keep_default_na=False)
    frame.rename(columns={"neutral": "other"}).to_csv(table, index=False)
    with pytest.raises(ModelError, match="columns must be ngram, approving, neutral, skeptical"):
        stance.load_model_v2(tmp_path)


def test_fit_model_v2_needs_all_three_labels(small_frame: pd.DataFrame) -> None:
    polar = small_frame[small_frame["label"] != "neutral"]
    with pytest.raises(ModelError, match="need all of"):
        stance.fit_model_v2(polar)


def test_v2_band_is_symmetric_around_one_half() -> None:
    lo, hi = stance.default_band("v2")
    assert 0 <= lo <= 0.5 <= hi <= 1
    assert math.isclose(lo + hi, 1.0)


# ------------------------------------------------------------------ scoring behaviour


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("这家连锁超市的线上业务实现了跨越式发展，成为新的增长引擎。", "approving"),
        ("品牌借助短视频迅速打开了年轻人市场，销量节节攀升。", "approving"),
        ("该平台的会员体验广受好评，续费率稳居行业前列。", "approving"),
        ("这个项目烧光了融资，最终黯然退场。", "skeptical"),
        ("虚假流量泛滥，广告主的投放预算被大量浪费。", "skeptical"),
        ("盲目追逐风口的企业，往往陷入亏损的泥潭。", "skeptical"),
    ],
)
def test_v2_scores_clear_sentences_on_the_right_side(sentence: str, expected: str) -> None:
    value = float(stance.score([sentence], version="v2")[0])
    assert (value > 0.5) == (expected == "approving")


@pytest.mark.parametrize(
    ("positive", "negated"),
    [
        ("前景光明", "前景并不光明"),
        ("这一模式取得了成功。", "这一模式并没有取得成功。"),
        ("门店的转型效果显著。", "门店的转型效果并不显著。"),
    ],
)
def test_v2_negation_lowers_the_score(positive: str, negated: str) -> None:
    scores = stance.score([positive, negated], version="v2")
    assert scores[0] > 0.5 > scores[1]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("虽然起步较晚，但已经跃居行业第一。", "approving"),
        ("虽然前期投入很大，但这项改造大幅提升了效率，成效显著。", "approving"),
        ("虽然用户规模扩张迅速，但是亏损不断扩大，企业陷入困境。", "skeptical"),
        ("这种模式曾经风光一时，然而如今已经难以为继。", "skeptical"),
    ],
)
def test_v2_clause_after_contrast_decides(sentence: str, expected: str) -> None:
    value = float(stance.score([sentence], version="v2")[0])
    assert (value > 0.5) == (expected == "approving")


def test_v2_missing_and_empty_input() -> None:
    scores = stance.score(["", None, float("nan"), "！！", "2019 GMV"], version="v2")  # type: ignore[list-item]
    assert np.isnan(scores[1]) and np.isnan(scores[2])
    assert scores[[0, 3, 4]].tolist() == [0.5, 0.5, 0.5]
    assert stance.score([], version="v2").shape == (0,)
    assert stance.label([None, ""], version="v2").tolist() == ["neutral", "neutral"]


def test_v2_rejects_a_single_string_and_unknown_versions() -> None:
    with pytest.raises(TypeError, match="not a single str"):
        stance.score("前景光明", version="v2")
    with pytest.raises(ModelError, match="version='v3'"):
        stance.score(["前景光明"], version="v3")  # type: ignore[arg-type]


def test_v2_scores_are_probabilities_independent_of_batch() -> None:
    sentences = ["社区团购迎来爆发式增长", "无人货架陷入倒闭潮", "该公司成立于2015年"]
    together = stance.score(sentences, version="v2")
    alone = np.concatenate([stance.score([s], version="v2") for s in sentences])
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-12)
    assert ((together >= 0) & (together <= 1)).all()
    np.testing.assert_array_equal(together, stance.score(sentences, version="v2"))


def test_v2_keeps_numbers_only_and_headings_in_the_neutral_band() -> None:
    sentences = ["该公司成立于2015年。", "三、供应链的数字化改造", "该公司总部位于杭州"]
    labels = stance.label(sentences, version="v2")
    assert labels.tolist() == ["neutral", "neutral", "neutral"]


def test_default_version_is_v1_after_the_override() -> None:
    sentences = ["社区团购迎来爆发式增长", "前景并不光明"]
    assert stance.DEFAULT_VERSION == "v1"
    np.testing.assert_array_equal(stance.score(sentences), stance.score(sentences, version="v1"))
    assert stance.label(sentences).tolist() == stance.label(sentences, version="v1").tolist()


SKEPTICAL_VOCABULARY = [
    "社交电商遇到了瓶颈。",
    "直播电商出现泡沫。",
    "社区团购遇冷。",
    "O2O增长乏力。",
]
APPROVING_VOCABULARY = ["社交电商取得突破。", "天猫在新零售领跑。", "信息流营销迎来爆发式增长。"]


def test_default_scorer_reads_the_judgement_vocabulary_issue_7_names() -> None:
    # 瓶颈, 泡沫, 遇冷, 乏力 / 突破, 领跑, 爆发式.
    # v2 scored the first group 0.47-0.69, so this test failed while v2 was the default.
    assert (stance.score(SKEPTICAL_VOCABULARY) < 0.45).all()
    assert (stance.score(APPROVING_VOCABULARY) > 0.55).all()


def test_v1_stays_available_unchanged() -> None:
    scores = stance.score(["前景光明", "前景并不光明", "陷入困境", "", None], version="v1")
    np.testing.assert_allclose(scores[:4].round(2), [0.96, 0.19, 0.06, 0.5])
    assert np.isnan(scores[4])
    assert stance.default_band("v1") == tuple(stance.load_model()["band"])
