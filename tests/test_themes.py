"""Specifications of retailkit.themes: lexicons, theme profiles and evidence sentences."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import retailkit as rk
from retailkit import themes as themes_module
from retailkit.errors import DictionaryError
from retailkit.segment import default_tokenizer, load_stopwords
from retailkit.themes import (
    load_theme_info,
    load_themes,
    theme_counts,
    theme_profile,
    theme_sentences,
)

THEMES = load_themes()
REVIEWS = Path(__file__).resolve().parent.parent / "data" / "reviews"
REVIEW_SAMPLE = REVIEWS / "online_shopping_10_cats_test_sample.csv"


@pytest.mark.parametrize("term", THEMES["term"].tolist())
def test_every_theme_term_is_one_token_of_the_default_tokenizer(term: str) -> None:
    assert default_tokenizer().cut(term) == [term]


def test_no_theme_term_is_a_stopword() -> None:
    stop = load_stopwords()
    assert [term for term in THEMES["term"] if term.lower() in stop] == []


def test_lexicons_are_documented() -> None:
    info = load_theme_info()
    assert info["theme"].tolist() == [
        "feed_marketing",
        "interactive_marketing",
        "new_retail",
        "platforms",
        "social_commerce",
    ]
    assert info.set_index("theme").loc["social_commerce", "label"] == "社交电商"
    assert (THEMES[["gloss", "source"]] != "").all().all()
    assert THEMES["source"].str.match(r"^S[123]\b").all()


@pytest.mark.parametrize(
    ("theme", "terms"),
    [
        ("social_commerce", ["社交电商", "种草", "拔草", "私域"]),
        ("interactive_marketing", ["互动营销", "天猫互动吧", "粉丝趴"]),
        ("feed_marketing", ["信息流", "信息流营销", "猜你喜欢", "达摩盘"]),
        ("platforms", ["微博", "微信", "微淘", "淘宝", "天猫", "支付宝", "阿里妈妈", "京东"]),
    ],
)
def test_lexicons_hold_the_core_terms(theme: str, terms: list[str]) -> None:
    assert set(terms) <= set(THEMES[THEMES["theme"] == theme]["term"])


DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "text": [
            "阿里妈妈推出信息流营销。信息流营销基于猜你喜欢！\n微博也有信息流。",
            "社交电商从种草到拔草。",
        ],
    }
)


def test_theme_profile_hand_checked() -> None:
    profile = theme_profile(DOCS).set_index(["doc_id", "theme"])
    # a: tokens 阿里妈妈 推出 信息流营销 | 信息流营销 猜你喜欢 | 微博 信息流  -> 7 tokens
    #    (基于, 也, 有 are stopwords); feed: 信息流营销 x2, 猜你喜欢, 信息流 = 4 in 3 sentences
    row = profile.loc[("a", "feed_marketing")]
    assert row["tokens"] == 7
    assert row["count"] == 4
    assert row["rate_per_1000"] == pytest.approx(1000 * 4 / 7)
    assert row["terms"] == "信息流营销 2, 信息流 1, 猜你喜欢 1"
    assert (row["n_terms"], row["n_sentences"], row["sentences"]) == (3, 3, 3)
    # platforms: 阿里妈妈, 微博 in sentences 0 and 2
    assert profile.loc[("a", "platforms"), "terms"] == "微博 1, 阿里妈妈 1"
    # b: 社交电商 种草 拔草 -> all three social commerce, nothing else
    assert profile.loc[("b", "social_commerce"), "count"] == 3
    assert profile.loc[("b", "feed_marketing"), "count"] == 0
    assert profile.loc[("b", "feed_marketing"), "terms"] == ""


def test_theme_profile_has_one_row_per_document_and_theme_in_order() -> None:
    profile = theme_profile(DOCS)
    assert len(profile) == 2 * THEMES["theme"].nunique()
    assert profile["doc_id"].tolist()[:: THEMES["theme"].nunique()] == ["a", "b"]


def test_profile_counts_equal_the_evidence_counts() -> None:
    seeds = rk.load_seeds()
    profile = theme_profile(seeds)
    evidence = theme_sentences(seeds)
    summed = evidence.groupby(["doc_id", "theme"])["count"].sum()
    nonzero = profile[profile["count"] > 0].set_index(["doc_id", "theme"])["count"]
    assert summed.sort_index().tolist() == nonzero.sort_index().tolist()


def test_evidence_sentence_index_points_into_split_sentences() -> None:
    evidence = theme_sentences(DOCS)
    sentences = {
        doc: rk.split_sentences(text) for doc, text in zip(DOCS.doc_id, DOCS.text, strict=True)
    }
    for row in evidence.itertuples():
        assert sentences[row.doc_id][row.sentence_index] == row.sentence
        assert row.term in row.sentence
    assert evidence[evidence["doc_id"] == "a"]["sentence_index"].unique().tolist() == [0, 1, 2]


def test_theme_sentences_can_be_restricted_to_some_themes() -> None:
    evidence = theme_sentences(DOCS, themes=["social_commerce"])
    assert evidence[["doc_id", "term", "count"]].values.tolist() == [
        ["b", "拔草", 1],
        ["b", "社交电商", 1],
        ["b", "种草", 1],
    ]


def test_latin_terms_match_case_insensitively() -> None:
    docs = pd.DataFrame({"doc_id": [1], "text": ["o2o和O2O。"]})
    profile = theme_profile(docs, themes=["new_retail"])
    assert profile["count"].tolist() == [2]
    assert profile["terms"].tolist() == ["O2O 2"]


# Edge cases for the one-pass counts: empty and missing text, punctuation only, repeated
# sentences, Traditional script (not converted here), HTML left in, mixed scripts and Latin
# terms in any case, blank lines, a sentence repeated in another document.
EDGE_TEXTS = [
    "",
    None,
    float("nan"),
    "！！！……",
    "微博。微博。微博！",
    "天貓和微博都在做互動營銷。",
    "<p>微博<br/>微信</p>",
    "Weibo微博WEIBO，o2o和O2O，新零售new retail。",
    "第一句。\n\n  \n第二句有淘宝！",
    "微博。",
    "社交电商从种草到拔草。",
]


def wide_theme_profile(texts: list[object]) -> pd.DataFrame:
    profile = theme_profile(pd.DataFrame({"doc_id": range(len(texts)), "text": texts}))
    wide = {
        "sentences": profile.groupby("doc_id", sort=True)["sentences"].first(),
        "tokens": profile.groupby("doc_id", sort=True)["tokens"].first(),
    }
    for theme, rows in profile.groupby("theme"):
        wide[f"{theme}_count"] = rows.set_index("doc_id")["count"]
        wide[f"{theme}_per_1000"] = rows.set_index("doc_id")["rate_per_1000"]
    return pd.DataFrame(wide).reset_index(drop=True)


def test_theme_counts_equal_theme_profile_on_reviews_and_edge_cases() -> None:
    reviews = pd.read_csv(REVIEW_SAMPLE, dtype=str, keep_default_na=False)["review"]
    texts = [*reviews.iloc[::3].tolist(), *EDGE_TEXTS]
    pd.testing.assert_frame_equal(theme_counts(texts), wide_theme_profile(texts), check_exact=True)


def test_theme_counts_of_cleaned_reviews_equal_theme_profile() -> None:
    texts = [rk.clean(text) for text in pd.read_csv(REVIEW_SAMPLE, dtype=str)["review"][:500]]
    pd.testing.assert_frame_equal(theme_counts(texts), wide_theme_profile(texts), check_exact=True)


def test_theme_counts_of_nothing_has_the_columns() -> None:
    counts = theme_counts([], themes=["platforms"])
    columns = ["sentences", "tokens", "platforms_count", "platforms_per_1000"]
    assert counts.columns.tolist() == columns
    assert len(counts) == 0


def test_theme_profile_is_the_same_in_small_tokenizing_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = pd.DataFrame({"doc_id": range(len(EDGE_TEXTS)), "text": EDGE_TEXTS})
    whole, evidence = theme_profile(docs), theme_sentences(docs)
    monkeypatch.setattr(themes_module, "_TOKENIZE_BATCH", 2)
    pd.testing.assert_frame_equal(theme_profile(docs), whole)
    pd.testing.assert_frame_equal(theme_sentences(docs), evidence)


def test_missing_and_empty_texts_give_zero_rates() -> None:
    docs = pd.DataFrame({"doc_id": [1, 2], "text": [None, ""]})
    profile = theme_profile(docs, themes=["platforms"])
    assert profile[["count", "tokens", "rate_per_1000"]].values.tolist() == [[0, 0, 0.0]] * 2


def test_repeated_doc_ids_are_rejected() -> None:
    docs = pd.DataFrame({"doc_id": ["x", "x"], "text": ["微博", "微信"]})
    with pytest.raises(ValueError, match="'doc_id' must identify each row"):
        theme_profile(docs)


def test_unknown_theme_is_named() -> None:
    with pytest.raises(KeyError, match=r"unknown theme\(s\) \['politics'\]"):
        theme_profile(DOCS, themes=["politics"])


def write_theme(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")


def test_a_user_lexicon_folder_can_replace_the_packaged_one(tmp_path: Path) -> None:
    write_theme(
        tmp_path,
        "payments",
        "name: payments\nlabel: 支付\ngloss: payments\ndescription: paying\n"
        "terms:\n  - {term: 支付宝, gloss: Alipay, source: mine}\n",
    )
    lexicon = load_themes(tmp_path)
    profile = theme_profile(DOCS.assign(text=["支付宝和支付宝。", "微信"]), lexicon=lexicon)
    assert profile[["theme", "count"]].values.tolist() == [["payments", 2], ["payments", 0]]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name: x\nlabel: x\n", "missing key\\(s\\) gloss, description, terms"),
        ("name: x\nlabel: x\ngloss: x\ndescription: x\nterms: []\n", "non-empty list"),
        (
            "name: x\nlabel: x\ngloss: x\ndescription: x\nterms:\n  - {term: 微博}\n",
            "term #1 must have keys term, gloss, source",
        ),
        ("name: [unclosed\n", "cannot read theme lexicon"),
    ],
)
def test_malformed_lexicon_files_are_named(tmp_path: Path, body: str, message: str) -> None:
    write_theme(tmp_path, "broken", body)
    with pytest.raises(DictionaryError, match=message) as info:
        load_themes(tmp_path)
    assert "broken.yaml" in str(info.value)


def test_a_term_in_two_themes_is_rejected(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write_theme(
            tmp_path,
            name,
            f"name: {name}\nlabel: x\ngloss: x\ndescription: x\n"
            "terms:\n  - {term: 微博, gloss: Weibo, source: mine}\n",
        )
    with pytest.raises(DictionaryError, match="term '微博' is already in theme 'one'"):
        load_themes(tmp_path)


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no theme lexicons"):
        load_themes(tmp_path)


@pytest.mark.parametrize(
    ("theme", "core", "general"),
    [
        ("social_commerce", ["社交电商", "社交货币", "微商", "种草"], ["社交", "分享", "粉丝"]),
        ("interactive_marketing", ["互动营销", "互动吧", "天猫互动吧", "互动"], ["体验", "玩法"]),
        (
            "feed_marketing",
            ["信息流", "信息流营销", "猜你喜欢", "达摩盘"],
            ["广告", "内容", "推送"],
        ),
        ("new_retail", ["新零售", "O2O"], ["线上", "门店"]),
    ],
)
def test_core_flag_separates_the_practice_from_general_words(
    theme: str, core: list[str], general: list[str]
) -> None:
    table = THEMES[THEMES["theme"] == theme].set_index("term")["core"]
    assert table.loc[core].tolist() == [True] * len(core)
    assert table.loc[general].tolist() == [False] * len(general)


def test_every_theme_has_core_terms() -> None:
    assert THEMES.groupby("theme")["core"].sum().gt(0).all()


def test_core_only_lexicon_ignores_general_words() -> None:
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["薛思源分享了5个技能点。社交电商和微商。"]})
    full = theme_profile(docs, themes=["social_commerce"])
    core = theme_profile(docs, themes=["social_commerce"], lexicon=THEMES[THEMES["core"]])
    assert full["count"].tolist() == [3]
    assert core["count"].tolist() == [2]
    assert core["terms"].tolist() == ["微商 1, 社交电商 1"]


@pytest.mark.parametrize(
    ("aliases", "entity"),
    [
        (["阿里", "阿里巴巴"], "Alibaba"),
        (["手淘", "手机淘宝"], "Mobile Taobao"),
        (["微信", "公众号"], "WeChat"),
        (["微博", "新浪微博"], "Weibo"),
    ],
)
def test_platform_aliases_share_one_entity(aliases: list[str], entity: str) -> None:
    assert THEMES.set_index("term").loc[aliases, "entity"].tolist() == [entity] * len(aliases)


def test_entity_defaults_to_the_term_and_core_to_false(tmp_path: Path) -> None:
    write_theme(
        tmp_path,
        "payments",
        "name: payments\nlabel: 支付\ngloss: payments\ndescription: paying\n"
        "terms:\n  - {term: 支付宝, gloss: Alipay, source: mine}\n",
    )
    row = load_themes(tmp_path).iloc[0]
    assert (row["entity"], row["core"]) == ("支付宝", False)


def test_a_core_flag_that_is_not_a_boolean_is_rejected(tmp_path: Path) -> None:
    write_theme(
        tmp_path,
        "payments",
        "name: payments\nlabel: 支付\ngloss: payments\ndescription: paying\n"
        "terms:\n  - {term: 支付宝, gloss: Alipay, source: mine, core: maybe}\n",
    )
    message = r"payments\.yaml: term '支付宝': 'core' must be true or false"
    with pytest.raises(DictionaryError, match=message):
        load_themes(tmp_path)


def test_an_unquoted_comma_in_a_gloss_is_caught_as_an_unknown_key(tmp_path: Path) -> None:
    # In a YAML flow mapping, "gloss: app, 2013" ends the gloss at the comma and makes "2013" a key.
    write_theme(
        tmp_path,
        "payments",
        "name: payments\nlabel: 支付\ngloss: payments\ndescription: paying\n"
        "terms:\n  - {term: 淘点点, gloss: food app, 2013, source: mine}\n",
    )
    with pytest.raises(DictionaryError, match=r"term #1 has unknown key\(s\) 2013 \(quote"):
        load_themes(tmp_path)
