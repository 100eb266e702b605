"""Specifications for retailkit.sentiment: calibrated review scores and sentence aggregation."""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, roc_auc_score

from retailkit import pieces, sentiment
from retailkit.errors import CorpusError, ModelError
from retailkit.pieces import (
    article_sentiment,
    summarise_scores,
    theme_evidence,
    theme_sentence_scores,
    theme_stance,
)
from retailkit.reviews import load_review_sample
from retailkit.sentiment import has_chinese, load_model, score

# Measured on the committed held-out sample (6,346 reviews) with the shipped model:
# accuracy 0.932, AUC 0.977 (see benchmarks/README.md). Floors leave a margin for retraining.
SAMPLE_ACCURACY_FLOOR = 0.92
SAMPLE_AUC_FLOOR = 0.97


@pytest.fixture(scope="module")
def review_sample() -> pd.DataFrame:
    return load_review_sample()


@pytest.fixture(scope="module")
def sample_scores(review_sample: pd.DataFrame) -> np.ndarray:
    return score(review_sample["review"].tolist())


# ---------------------------------------------------------------- scores on reviews


@pytest.mark.parametrize(
    ("text", "positive"),
    [
        ("质量很好，物流也快，下次还会再买", True),
        ("酒店位置方便，房间干净，服务热情", True),
        ("手机运行流畅，拍照清晰，非常满意", True),
        ("太差了，用了两天就坏了，要求退货", False),
        ("房间又小又脏，前台态度恶劣", False),
        ("不好用，客服也不理人，失望", False),
        ("ＯＫ，很好！！", True),  # full-width forms are folded by NFKC
    ],
)
def test_score_separates_clear_chinese_reviews(text: str, positive: bool) -> None:
    (value,) = score([text])
    assert bool(value > 0.5) is positive


def test_score_is_probability_array_of_input_length() -> None:
    values = score(["好", "差", "一般般吧"])
    assert values.shape == (3,)
    assert values.dtype == np.float64
    assert ((values >= 0) & (values <= 1)).all()


@pytest.mark.parametrize(
    "text",
    [
        None,
        float("nan"),
        np.nan,
        "",
        "   ",
        "！！！。。。",
        "...???",
        "12345",
        "good product!",
        "😀👍",
    ],
)
def test_score_gives_nan_for_text_without_chinese(text: object) -> None:
    assert np.isnan(score([text])).all()


def test_score_of_empty_list_is_empty_array() -> None:
    assert score([]).shape == (0,)


def test_score_accepts_pandas_series_with_missing_values() -> None:
    values = score(pd.Series(["很好", None, "很差"]))
    assert values[0] > 0.5 > values[2]
    assert np.isnan(values[1])


def test_score_of_a_one_megabyte_text_is_finite() -> None:
    text = "质量很好，物流很快。" * 105_000  # 1,050,000 characters
    (value,) = score([text])
    assert np.isfinite(value)
    assert value > 0.5


# ---------------------------------------------------------------- n-gram hashing in NumPy

# Edge cases of the hashing: empty, whitespace runs, 1- to 4-byte UTF-8 characters, characters
# whose lower case is longer (İ), full-width forms and ligatures (NFKC), HTML, control
# characters, Traditional and mixed scripts.
NGRAM_EDGE_TEXTS = [
    "",
    " ",
    "好",
    "很好",
    "  很\t\n\n好  ",
    "İstanbul 很好",
    "ＡＢＣ！！",
    "😀好😀",
    "é ü ß ẞ",
    "<p>很好</p><br/>",
    "天貓很好，OK!",
    "\x00\x01好",
    "𠀀𠀁𠀂",
    "a\u0800\uffff\U0010ffff",
    "Ⅻ ﬁ",
]


def assert_same_matrix(fast: object, reference: object) -> None:
    assert type(fast) is type(reference)
    assert fast.shape == reference.shape  # type: ignore[attr-defined]
    for part in ("data", "indices", "indptr"):
        expected = getattr(reference, part)
        assert getattr(fast, part).dtype == expected.dtype
        np.testing.assert_array_equal(getattr(fast, part), expected)


@pytest.mark.parametrize("ngram_range", [(1, 3), (1, 1), (2, 3), (3, 3)])
@pytest.mark.parametrize("n_features", [2**18, 1024, 7, 2**30])
def test_numpy_ngram_hashing_gives_scikit_learns_matrix(
    review_sample: pd.DataFrame, ngram_range: tuple[int, int], n_features: int
) -> None:
    reviews = review_sample["review"].tolist()[:: 1 if n_features == 2**18 else 10]
    texts = [sentiment._normalise(text) for text in [*reviews, *NGRAM_EDGE_TEXTS]]
    assert_same_matrix(
        sentiment._murmur_ngram_counts(texts, ngram_range, n_features),
        sentiment._sklearn_ngram_counts(texts, ngram_range, n_features),
    )


@given(st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_numpy_ngram_hashing_agrees_with_scikit_learn_on_any_text(texts: list[str]) -> None:
    normalised = [sentiment._normalise(text) for text in texts]
    assert_same_matrix(
        sentiment._murmur_ngram_counts(normalised, (1, 3), 2**18),
        sentiment._sklearn_ngram_counts(normalised, (1, 3), 2**18),
    )


@given(
    st.text(alphabet=st.sampled_from("，！？：；…。、a,A.\u0301\u0308\u3099ｶﾞＡ①好"), max_size=12)
)
def test_normalise_is_nfkc(text: str) -> None:
    assert sentiment._normalise(text) == unicodedata.normalize("NFKC", text)


def test_normalise_is_nfkc_on_reviews_and_edge_cases(review_sample: pd.DataFrame) -> None:
    for text in [*review_sample["review"], *NGRAM_EDGE_TEXTS, "，\u0301", "…\u0308"]:
        assert sentiment._normalise(text) == unicodedata.normalize("NFKC", text)


def test_char_ngram_counts_of_a_lone_surrogate_fails_like_scikit_learn() -> None:
    with pytest.raises(UnicodeEncodeError):
        sentiment.char_ngram_counts(["好\udc80"])


def test_score_rejects_a_bare_string() -> None:
    with pytest.raises(ModelError, match="single string"):
        score("很好")


def test_score_rejects_unknown_engine() -> None:
    with pytest.raises(ModelError, match="engine: expected 'retailkit' or 'snownlp'"):
        score(["很好"], engine="vader")  # type: ignore[arg-type]


def test_score_is_deterministic_and_order_independent() -> None:
    texts = ["很好", "一般", "太差了", "还行吧，就是有点贵"]
    first = score(texts)
    again = score(texts)
    reversed_scores = score(texts[::-1])[::-1]
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(first, reversed_scores, rtol=0, atol=1e-12)


def test_snownlp_engine_scores_and_keeps_the_nan_rule() -> None:
    values = score(["这个东西很好，非常喜欢", "", "！！"], engine="snownlp")
    assert 0.0 <= values[0] <= 1.0
    assert np.isnan(values[1:]).all()


def test_has_chinese_needs_a_chinese_character() -> None:
    assert has_chinese("OK 好评")
    assert not has_chinese("OK!")


# ---------------------------------------------------------------- calibration and accuracy


def test_mean_score_is_near_positive_rate_on_held_out_sample(
    review_sample: pd.DataFrame, sample_scores: np.ndarray
) -> None:
    assert abs(np.nanmean(sample_scores) - review_sample["label"].mean()) < 0.02


def test_reliability_bins_are_close_to_observed_rates(
    review_sample: pd.DataFrame, sample_scores: np.ndarray
) -> None:
    labels = review_sample["label"].to_numpy()
    kept = np.isfinite(sample_scores)
    bins = np.clip((sample_scores[kept] * 5).astype(int), 0, 4)
    for b in range(5):
        in_bin = bins == b
        if in_bin.sum() >= 100:
            gap = abs(sample_scores[kept][in_bin].mean() - labels[kept][in_bin].mean())
            assert gap < 0.08, f"bin {b}: gap {gap:.3f}"


def test_accuracy_and_auc_on_held_out_sample_above_measured_floor(
    review_sample: pd.DataFrame, sample_scores: np.ndarray
) -> None:
    labels = review_sample["label"].to_numpy()
    filled = np.where(np.isfinite(sample_scores), sample_scores, 0.5)
    assert accuracy_score(labels, filled >= 0.5) >= SAMPLE_ACCURACY_FLOOR
    assert roc_auc_score(labels, filled) >= SAMPLE_AUC_FLOOR


# ---------------------------------------------------------------- the model file


def test_shipped_model_records_data_hash_parameters_and_metrics() -> None:
    meta = load_model().metadata
    assert len(meta["data"]["sha256"]) == 64
    assert meta["data"]["split"] == "train"
    assert "ChineseNlpCorpus" in meta["citation"]
    assert meta["features"]["ngram_range"] == [1, 3]
    assert {"auc", "accuracy", "brier"} <= set(meta["metrics"]["test_split"])


def test_load_model_is_cached_once_per_process() -> None:
    assert load_model() is load_model()


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    for source in sentiment.DEFAULT_MODEL_DIR.glob("reviews_char_ngram*"):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


def test_a_copied_model_loads_and_scores_like_the_shipped_one(model_copy: Path) -> None:
    copy = load_model(model_copy)
    np.testing.assert_array_equal(score(["很好", "太差"], model=copy), score(["很好", "太差"]))


def test_weights_swapped_for_another_shape_raise_model_error(model_copy: Path) -> None:
    weights_path = model_copy / "reviews_char_ngram_weights.npy"
    np.save(weights_path, np.zeros((2, 10), dtype=np.float16), allow_pickle=False)
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load_model(model_copy)
    meta_path = model_copy / "reviews_char_ngram.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["weights"]["sha256"] = sentiment._sha256(weights_path)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"expected a float array of shape \(2, 262144\)"):
        load_model(model_copy)


def test_pickled_weights_are_refused(model_copy: Path) -> None:
    weights_path = model_copy / "reviews_char_ngram_weights.npy"
    np.save(weights_path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    meta_path = model_copy / "reviews_char_ngram.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["weights"]["sha256"] = sentiment._sha256(weights_path)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"not a plain \.npy array"):
        load_model(model_copy)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.pop("calibration"), "metadata lacks 'calibration.a'"),
        (lambda m: m.update(format_version=99), "format_version 99"),
        (lambda m: m["features"].update(analyzer="word"), "only 'char' is supported"),
        (lambda m: m["classifier"].update(intercept=float("inf")), "must be finite"),
    ],
)
def test_bad_model_metadata_raises_model_error_naming_the_file(
    model_copy: Path, edit: object, message: str
) -> None:
    meta_path = model_copy / "reviews_char_ngram.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    edit(meta)  # type: ignore[operator]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=message) as info:
        load_model(meta_path)
    assert "reviews_char_ngram.json" in str(info.value)


def test_missing_model_file_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="model metadata not found"):
        load_model(tmp_path / "nothing.json")


def test_non_json_metadata_raises_model_error(model_copy: Path) -> None:
    (model_copy / "reviews_char_ngram.json").write_bytes(b"\xff\xfe not json")
    with pytest.raises(ModelError, match="not valid UTF-8 JSON"):
        load_model(model_copy)


# ---------------------------------------------------------------- aggregation


def constant_scorer(value: float) -> Callable[[list[str]], np.ndarray]:
    return lambda texts: np.full(len(texts), value)


def test_summarise_scores_skips_nan_and_handles_empty_groups() -> None:
    scored = pd.DataFrame({"doc_id": ["a", "a", "b"], "score": [0.8, np.nan, np.nan]})
    out = summarise_scores(scored, n_boot=100)
    assert out["doc_id"].tolist() == ["a", "b"]
    assert out["n_sentences"].tolist() == [1, 0]
    assert out.loc[0, "ci_low"] == out.loc[0, "ci_high"] == pytest.approx(0.8)
    assert out.loc[1, ["mean", "ci_low", "ci_high", "share_positive"]].isna().all()


def test_summarise_scores_interval_contains_mean_and_is_seeded() -> None:
    rng = np.random.default_rng(1)
    scored = pd.DataFrame({"doc_id": "a", "score": rng.uniform(size=200)})
    first = summarise_scores(scored, n_boot=500, seed=3)
    again = summarise_scores(scored, n_boot=500, seed=3)
    other = summarise_scores(scored, n_boot=500, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert first.loc[0, "ci_low"] < first.loc[0, "mean"] < first.loc[0, "ci_high"]
    assert first.loc[0, "ci_low"] != other.loc[0, "ci_low"]


def test_summarise_scores_interval_of_a_group_ignores_other_groups() -> None:
    scored = pd.DataFrame({"doc_id": ["a"] * 5 + ["b"] * 5, "score": np.linspace(0, 1, 10)})
    alone = summarise_scores(scored[scored["doc_id"] == "b"], n_boot=300)
    together = summarise_scores(scored, n_boot=300)
    pd.testing.assert_frame_equal(alone, together[together["doc_id"] == "b"].reset_index(drop=True))


def test_summarise_scores_neutral_band_removes_middle_scores_from_shares() -> None:
    scored = pd.DataFrame({"doc_id": "a", "score": [0.55, 0.45, 0.9, 0.1]})
    out = summarise_scores(scored, n_boot=0, neutral_band=0.1)
    assert out.loc[0, "share_positive"] == out.loc[0, "share_negative"] == 0.25


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n_boot": -1}, "n_boot"), ({"neutral_band": 0.5}, "neutral_band")],
)
def test_summarise_scores_rejects_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        summarise_scores(pd.DataFrame({"doc_id": ["a"], "score": [0.5]}), **kwargs)


def test_summarise_scores_names_missing_column() -> None:
    with pytest.raises(ModelError, match="scored: missing column"):
        summarise_scores(pd.DataFrame({"doc_id": ["a"]}))


MENTIONS = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d1", "d1", "d2"],
        "sentence_index": [0, 0, 2, 3, 1],
        "theme": ["物流", "物流", "物流", "价格", "物流"],
        "term": ["快递", "物流", "配送", "价格", "物流"],
        "sentence": [
            "物流快递很快，非常满意。",
            "物流快递很快，非常满意。",
            "配送太慢了，很失望。",
            "价格实惠，值得购买。",
            "物流一般。",
        ],
    }
)


def test_theme_sentence_scores_counts_each_sentence_once_per_theme() -> None:
    out = theme_sentence_scores(None, scorer=score, theme_sentences=MENTIONS)
    assert out[["doc_id", "theme", "sentence_index"]].values.tolist() == [
        ["d1", "价格", 3],
        ["d1", "物流", 0],
        ["d1", "物流", 2],
        ["d2", "物流", 1],
    ]
    assert out.loc[1, "terms"] == "快递、物流"


def test_theme_stance_summarises_per_document_and_theme() -> None:
    out = theme_stance(None, scorer=score, theme_sentences=MENTIONS, n_boot=200)
    assert out[["doc_id", "theme", "n_sentences"]].values.tolist() == [
        ["d1", "价格", 1],
        ["d1", "物流", 2],
        ["d2", "物流", 1],
    ]
    row = out.iloc[1]
    assert row["share_positive"] == row["share_negative"] == 0.5
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]


def test_theme_evidence_quotes_most_positive_and_most_negative_sentences() -> None:
    out = theme_evidence(None, scorer=score, theme_sentences=MENTIONS, n=1)
    logistics = out[(out["doc_id"] == "d1") & (out["theme"] == "物流")]
    assert logistics.set_index("side")["sentence"].to_dict() == {
        "negative": "配送太慢了，很失望。",
        "positive": "物流快递很快，非常满意。",
    }


def test_theme_functions_name_missing_theme_sentence_columns() -> None:
    with pytest.raises(ModelError, match="theme_sentences: missing column"):
        theme_stance(None, theme_sentences=MENTIONS.drop(columns="theme"), scorer=score)


def test_a_scorer_returning_the_wrong_length_is_reported() -> None:
    with pytest.raises(ModelError, match="scorer: returned 1 scores for 4 sentences"):
        theme_stance(None, scorer=lambda texts: np.array([0.5]), theme_sentences=MENTIONS)


def test_a_scorer_returning_values_outside_unit_interval_is_reported() -> None:
    with pytest.raises(ModelError, match=r"outside \[0, 1\]"):
        theme_stance(None, scorer=constant_scorer(2.0), theme_sentences=MENTIONS)


# ---------------------------------------------------------------- articles (needs split_sentences)

ARTICLES = pd.DataFrame(
    {
        "doc_id": ["b", "a", "c"],
        "text": [
            "服务太差了，很失望。质量也不好，不会再买了。",
            "这款产品很好用，非常满意。物流也很快！",
            "",
        ],
    }
)


def test_sentences_gives_one_scored_row_per_sentence_in_order() -> None:
    out = pieces.sentences(ARTICLES, scorer=score)
    assert list(out.columns) == ["doc_id", "sentence_index", "sentence", "score"]
    assert out["doc_id"].tolist() == ["a", "a", "b", "b"]
    assert out["sentence_index"].tolist() == [0, 1, 0, 1]
    assert out["sentence"].iloc[2] == "服务太差了，很失望。"


def test_sentences_index_matches_split_sentences() -> None:
    from retailkit.cleaning import split_sentences

    out = pieces.sentences(ARTICLES.iloc[[1]], scorer=score)
    assert out["sentence"].tolist() == split_sentences(ARTICLES["text"].iloc[1])


def test_article_sentiment_scores_sentences_not_whole_articles() -> None:
    out = article_sentiment(ARTICLES, scorer=score, n_boot=200)
    assert out["doc_id"].tolist() == ["a", "b", "c"]
    assert out["n_sentences"].tolist() == [2, 2, 0]
    assert out.loc[0, "mean"] > 0.5 > out.loc[1, "mean"]
    assert np.isnan(out.loc[2, "mean"])


def test_article_sentiment_is_deterministic_for_a_seed() -> None:
    first = article_sentiment(ARTICLES, scorer=score, n_boot=300, seed=7)
    again = article_sentiment(ARTICLES, scorer=score, n_boot=300, seed=7)
    pd.testing.assert_frame_equal(first, again)


def test_article_sentiment_accepts_any_scorer() -> None:
    out = article_sentiment(ARTICLES, scorer=constant_scorer(0.25), n_boot=50)
    assert out["mean"].iloc[:2].tolist() == [0.25, 0.25]
    assert out["share_negative"].iloc[:2].tolist() == [1.0, 1.0]


def test_article_sentiment_names_missing_text_column() -> None:
    with pytest.raises(ModelError, match="df: missing column"):
        article_sentiment(ARTICLES.rename(columns={"text": "body"}), scorer=score)


# ---------------------------------------------------------------- model arithmetic and helpers


def test_decision_function_matches_the_tfidf_definition() -> None:
    from sklearn.preprocessing import normalize

    model = load_model()
    texts = ["质量很好，物流也快", "房间又小又脏", "好"]
    counts = sentiment.char_ngram_counts(
        texts, ngram_range=model.ngram_range, n_features=model.n_features
    )
    counts.data = 1.0 + np.log(counts.data)
    expected = normalize(counts.multiply(model.idf).tocsr()) @ model.coef + model.intercept
    np.testing.assert_allclose(model.decision_function(texts), expected, rtol=1e-10)


def test_long_texts_are_hashed_in_chunks_without_losing_counts() -> None:
    text = "好" * 50_000
    counts = sentiment.char_ngram_counts([text], ngram_range=(1, 1), n_features=2**10)
    assert counts.sum() == 50_000


@pytest.mark.parametrize(
    ("labels", "scores", "accuracy", "coverage"),
    [
        ([1, 0], [0.9, 0.1], 1.0, 1.0),
        ([1, 0], [0.1, 0.9], 0.0, 1.0),
        ([1, 0], [np.nan, 0.2], 1.0, 0.5),  # NaN counts as 0.5, which predicts positive
    ],
)
def test_evaluate_scores_counts_nan_as_a_coin_flip(
    labels: list[int], scores: list[float], accuracy: float, coverage: float
) -> None:
    result = sentiment.evaluate_scores(labels, scores)
    assert result["accuracy"] == accuracy
    assert result["coverage"] == coverage


def test_evaluate_scores_rejects_mismatched_lengths_and_bad_labels() -> None:
    with pytest.raises(ModelError, match="2 scores for 3 labels"):
        sentiment.evaluate_scores([1, 0, 1], [0.5, 0.5])
    with pytest.raises(ModelError, match="only 0"):
        sentiment.evaluate_scores([2, 0], [0.5, 0.5])


def test_reliability_table_has_one_row_per_bin_and_skips_nan() -> None:
    table = sentiment.reliability_table([1, 0, 1], [0.95, 0.05, np.nan], bins=4)
    assert table["n"].tolist() == [1, 0, 0, 1]
    assert np.isnan(table.loc[1, "mean_score"])


def test_sentiment_arc_positions_run_from_zero_to_one_per_document() -> None:
    scored = pd.DataFrame(
        {"doc_id": ["b", "a", "a", "a"], "sentence_index": [0, 2, 0, 1], "score": [0.2] * 4}
    )
    arc = pieces.sentiment_arc(scored, window=3)
    assert arc["doc_id"].tolist() == ["a", "a", "a", "b"]
    assert arc["position"].tolist() == [0.0, 0.5, 1.0, 0.0]
    assert arc["smoothed"].tolist() == pytest.approx([0.2] * 4)


def test_resolve_scorer_names_the_scorer_it_returns() -> None:
    assert pieces.resolve_scorer("reviews") == ("reviews", score)
    name, scorer = pieces.resolve_scorer("stance")
    assert name in {"stance", "reviews"}
    assert callable(scorer)
    name, commentary = pieces.resolve_scorer("commentary")
    scores = commentary(["这个模式前景广阔，潜力巨大。", "这种玩法问题很多，效果很差。"])
    assert name == "commentary" and scores[0] > 0.5 > scores[1]
    with pytest.raises(ModelError, match="expected one of"):
        pieces.resolve_scorer("vibes")  # type: ignore[arg-type]


def test_theme_evidence_never_quotes_a_sentence_on_the_wrong_side() -> None:
    out = theme_evidence(None, scorer=constant_scorer(0.7), theme_sentences=MENTIONS, n=3)
    assert set(out["side"]) == {"positive"}
    none = theme_evidence(None, scorer=constant_scorer(0.5), theme_sentences=MENTIONS)
    assert none.empty


def test_default_article_scorer_is_the_stance_scorer_when_installed() -> None:
    stance = pytest.importorskip("retailkit.stance")
    assert pieces.default_article_scorer() is stance.score


@pytest.mark.parametrize("text", [None, np.nan, "", "。。。"])
def test_article_without_sentences_gets_a_row_with_no_statistics(text: object) -> None:
    docs = pd.DataFrame({"doc_id": ["x"], "text": [text]})
    out = article_sentiment(docs, scorer=score, n_boot=10)
    assert out["n_sentences"].tolist() == [0]
    assert np.isnan(out.loc[0, "mean"])


def test_sentences_of_an_empty_corpus_is_an_empty_frame_with_columns() -> None:
    out = pieces.sentences(pd.DataFrame({"doc_id": [], "text": []}), scorer=score)
    assert list(out.columns) == ["doc_id", "sentence_index", "sentence", "score"]
    assert out.empty


def test_evaluate_scores_interval_brackets_the_point_estimate_and_is_reproducible() -> None:
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, size=400)
    scores = np.clip(labels * 0.6 + rng.normal(0.2, 0.25, size=400), 0, 1)
    first = sentiment.evaluate_scores_interval(labels, scores, n_boot=300, seed=3)
    second = sentiment.evaluate_scores_interval(labels, scores, n_boot=300, seed=3)
    pd.testing.assert_frame_equal(first, second)
    assert ((first["ci_low"] <= first["value"]) & (first["value"] <= first["ci_high"])).all()
    assert (first["ci_high"] - first["ci_low"]).max() < 0.2


def test_scoring_in_batches_gives_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = load_review_sample()["review"].head(50).tolist()
    whole = sentiment.score(texts)
    monkeypatch.setattr(sentiment, "SCORE_BATCH", 7)  # 50 texts: 8 batches, the last short
    np.testing.assert_array_equal(sentiment.score(texts), whole)


# Three reviews of the train split of online_shopping_10_cats (ChineseNlpCorpus), quoted to check
# that the model's own training reviews are recognised.
TRAIN_REVIEWS = [
    "很不错。。。。。。很好的平板",
    "总体而言，产品还是不错的。",
    "华为品质，一如既往的好！",
]


def test_training_fingerprints_match_the_model_metadata() -> None:
    from retailkit import reviews

    values = np.load(reviews.FINGERPRINTS_PATH, allow_pickle=False)
    rows = sentiment.load_model().metadata["data"]["rows"]
    assert values.dtype == np.uint64 and (np.diff(values.astype(np.float64)) >= 0).all()
    assert 0.99 * rows <= len(values) <= rows  # distinct texts of the train split


def test_validation_reviews_leave_out_what_the_model_was_trained_on(tmp_path: Path) -> None:
    from retailkit import reviews

    sample = load_review_sample().head(20)
    mixed = pd.concat(
        [
            sample[["cat", "label", "review"]],
            pd.DataFrame({"cat": "平板", "label": 1, "review": TRAIN_REVIEWS}),
        ]
    )
    path = tmp_path / "mine.csv"
    mixed.to_csv(path, index=False)
    assert reviews.seen_in_training([f" {TRAIN_REVIEWS[0]}\ufeff", "没见过的评论"]).tolist() == [
        True,
        False,
    ]
    kept = reviews.load_validation_reviews(path)
    assert kept["review"].tolist() == sample["review"].tolist()
    assert kept.attrs["seen_in_training"] == 3
    assert reviews.load_validation_reviews().attrs["seen_in_training"] == 0
    only_seen = tmp_path / "seen.csv"
    mixed.tail(3).to_csv(only_seen, index=False)
    with pytest.raises(CorpusError, match=r"seen\.csv: every review was in the sentiment model"):
        reviews.load_validation_reviews(only_seen)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_scoring_in_worker_processes_gives_the_same_scores(
    method: str, start_method: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [*load_review_sample()["review"].head(300), None, "!!"]
    serial = sentiment.score(texts)
    start_method(method)
    monkeypatch.setattr(sentiment, "PARALLEL_MIN_TEXTS", 10)
    np.testing.assert_array_equal(sentiment.score(texts, n_jobs=3), serial)
    if method == "fork":  # SnowNLP too (spawned workers would re-import it: slow)
        monkeypatch.setattr(sentiment, "PARALLEL_MIN_TEXTS_SNOWNLP", 10)
        few = texts[:40]
        np.testing.assert_array_equal(
            sentiment.score(few, engine="snownlp", n_jobs=2), sentiment.score(few, engine="snownlp")
        )
